"""The items of a “分别” list, each with its own verb and sign: “分别增长-0.5%、5.3%” is −0.5 and +5.3 (a
minus sign belongs to its own rate, never to the verb shared by the list), and “分别增长5.3%、7.0%和下降0.5%”
or “同比分别下降1.2%、增长8.1%” give each rate the verb written before it (a bare rate takes the verb before
it in the list). Places named together (沪苏两地, 上海、苏州两市) are the places of the list, in order.
"""

from __future__ import annotations

import re


GROWTH_VERBS = ("增长", "增加", "上升", "提高", "提升", "下降", "减少", "降低", "下滑", "回落", "增", "降", "减")
_GROWTH_VERB = "|".join(sorted(GROWTH_VERBS, key=len, reverse=True))
_OWN_VERB = re.compile(rf"(?P<verb>{_GROWTH_VERB})(?P<rate>-?\d+(?:\.\d+)?(?:%|个百分点))")
_BARE = re.compile(r"[超近约-]?\d")
_VERB_TAIL = re.compile(rf"(?:{_GROWTH_VERB})$")
# “增速分别为4.8%和6.3%”: growth rates named by their speed word, said as 增长
SPEED_TAIL = re.compile(r"(?:增速|增幅|增长率)$")
SPEED_VERBS = ("", "为", "是", "达到", "达")
# what may stay before an item's own verb: how the rates are compared (同比, 比上年同期)
_BASIS_ONLY = re.compile(r"(?:同比|环比|(?:比|较)(?:上年同期|去年同期|上年|去年))?")

# single-character names of cities, read only in “沪苏两地” (as many characters as the count says)
_SHORT_NAMES = {"沪": "上海", "苏": "苏州", "京": "北京", "深": "深圳", "穗": "广州", "渝": "重庆", "津": "天津",
                "杭": "杭州", "锡": "无锡", "甬": "宁波", "蓉": "成都", "汉": "武汉", "常": "常州", "通": "南通"}
_COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
_GROUP_WORD = r"(?P<count>[两二三四五])(?:地|市|城)"
_SHORT_GROUP = re.compile(rf"^(?P<short>[{''.join(_SHORT_NAMES)}]{{2,5}}){_GROUP_WORD}")
_LISTED_GROUP = re.compile(rf"^(?P<listed>[^、]+(?:、[^、]+)+?){_GROUP_WORD}")


def written_items(verb: str, items: list[str]) -> list[str] | None:
    """Each item of a 分别 list written with the verb it goes with: verb "增长", items ["-0.5%", "5.3%"] →
    ["增长-0.5%", "增长5.3%"]; verb "增长", items ["5.3%", "下降0.5%"] → ["增长5.3%", "下降0.5%"]; verb "同比",
    items ["下降1.2%", "增长8.1%"] → ["同比下降1.2%", "同比增长8.1%"]. None when an item is neither a bare
    figure nor a growth verb with its rate (what is not understood is not written)."""
    tail = _VERB_TAIL.search(verb)
    head = verb[:tail.start()] if tail else verb
    if not _BASIS_ONLY.fullmatch(head):
        head = ""  # “为下降0.5%” is no phrase: an own verb replaces the shared one
    current = verb
    written: list[str] = []
    for item in items:
        own = _OWN_VERB.fullmatch(item)
        if own:
            current = head + own.group("verb")
            written.append(current + own.group("rate"))
        elif _BARE.match(item):
            written.append(current + item)
        else:
            return None
    return written


def places_named_together(names: str) -> str:
    """`names` with a group of places said as one (沪苏两地规上工业总产值, 上海、苏州两市…) written as a
    list (上海、苏州规上工业总产值); unchanged when the group's count is not the number of places named."""
    short = _SHORT_GROUP.match(names)
    if short and len(short.group("short")) == _COUNTS[short.group("count")]:
        return "、".join(_SHORT_NAMES[c] for c in short.group("short")) + names[short.end():]
    listed = _LISTED_GROUP.match(names)
    if listed and listed.group("listed").count("、") + 1 == _COUNTS[listed.group("count")]:
        return listed.group("listed") + names[listed.end():]
    return names
