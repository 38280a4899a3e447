"""A yes/no check of a figure: "两化融合达成度是不是89%", "生产性服务业增加值是8500亿吗", "智算规模34000 这个数对吗",
"高新技术产业产值占比超过一半了没有". The slot is the figure quoted and how it is to be compared with the
recorded one (the same, above, below); the answer gives the recorded figure and says 是 / 不是
(knowledge/verdicts.py judges, knowledge/render_checks.py words it).

A check needs both a figure and a yes/no word right after it (吗, 对吗, 对不对, 没错吧, 是不是, 了没有 …) or
是不是/是否 right before it: "5万亿今年能完成吗" asks about progress, its 吗 does not follow the figure.
Looser forms are read too (_read_loose_check): the figure before its indicator (500家高企对吗, 苏州13个千亿产业对吗),
the figure then 是…吗 (4.89万亿是今年目标吗), a choice (是2500亿还是3000亿) and an ordinal claimed
(是不是全国第二个…城市), and a figure recalled (我印象里是8家) checked by a request later (能帮忙核实一下吗).
Several figures at once are knowledge/check_pairs.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.errors import QuantityError
from knowledge.places import PLACES
from knowledge.quantities import Quantity, other_size, parse_quantity

# How the quoted figure is compared with the recorded one; a bound written (超过5万亿, 1万亿以上) is
# compared as a bound unless the record carries the same bound (then the numbers are compared).
SAME, ABOVE, BELOW = "=", ">", "<"
# 不少于/至少/以上 and 不超过/至多/以内 include the figure itself (300 is 不少于300); 超过 and 不到 do not.
AT_LEAST, AT_MOST = ">=", "<="
# 接近/差不多/将近/约/左右 5万亿: is the record within NEAR_SHARE of the figure, either side (49.3% is 接近一半,
# 4.89万亿 接近5万亿; 800 is not 接近1000). 5% is the width a rounded figure said aloud is off by.
NEAR, NEAR_SHARE, NEAR_POINTS = "~", 0.05, 0.5  # a share is also near within 0.5 百分点 (大概4% for 4.25%)
# 两万三千多亿, 五百多家: above the figure and below the next step of its last place (23000–24000, 500–600)
ODD = "+"
STATEMENT = "statement"  # 是不是全国第二个…城市: words checked against a recorded sentence, no figure

# Words before the figure, with the relation they ask about. 力争/预计/达到 repeat the plan's or the
# statistics' own wording: the figure is the one checked.
RELATION_BEFORE = {
    "超过": ABOVE, "超出": ABOVE, "高于": ABOVE, "大于": ABOVE, "多于": ABOVE, "突破": ABOVE, "超": ABOVE,
    "过": ABOVE, "不止": ABOVE,
    "不低于": AT_LEAST, "不少于": AT_LEAST, "至少": AT_LEAST, "最少": AT_LEAST, "起码": AT_LEAST, "最低": AT_LEAST,
    "不到": BELOW, "不足": BELOW, "低于": BELOW, "少于": BELOW, "小于": BELOW,
    "不超过": AT_MOST, "不高于": AT_MOST, "不多于": AT_MOST, "至多": AT_MOST, "最多": AT_MOST, "顶多": AT_MOST,
    "接近": NEAR, "差不多": NEAR, "将近": NEAR, "近": NEAR, "快": NEAR, "快要": NEAR, "约": NEAR, "大约": NEAR,
    "大概": NEAR, "几乎": NEAR,
    "力争": SAME, "预计": SAME, "达到": SAME, "达": SAME, "为": SAME,
}
RELATION_AFTER = {"以上": AT_LEAST, "以下": AT_MOST, "以内": AT_MOST, "左右": NEAR, "上下": NEAR, "多": ODD}
# The yes/no words that may end a check; longest first so that 对不对 is not read as 对.
_TAIL = ("你帮我确认一下", "帮我确认一下", "帮忙确认一下", "确认一下", "帮我核对一下", "核对一下", "帮我核实一下", "核实一下",
         "是这样吗", "是这样吧", "是这样么", "这样对吗", "这个数字对吗", "这个数对吗", "这个数对不对", "这个对吗", "对不对", "对吗", "对吧", "对么", "对不", "对伐",
         "没错吧", "没错吗", "没错", "是吧", "是吗", "是么", "是不是", "是否正确", "吗", "吧", "么", "嘛",
         "了没有", "了没", "了吗", "没有", "没")
_NUMBER = r"[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千点]+"
# units a check may be written in: the indicators' own, and others of the same kind in another size
# (EFLOPS for PFLOPS, 公顷 for 亩: knowledge.quantities.OTHER_SIZES), to be told 不是
_UNITS = r"(?:元|人次|人|亩|个|家|户|项|座|所|%|eflops|tflops|pflops|p|公顷|平方公里)"
_FIGURE = (r"(?P<figure>(?:" + _NUMBER + r")(?:千)?(?P<odd>多)?(?:万亿|千亿|亿|万|千)?(?P<odd2>多)?"
           + _UNITS + r"?|一半|(?<=[过超])半)")  # 过半: past a half
_BEFORE_PATTERN = "|".join(sorted(RELATION_BEFORE, key=len, reverse=True))
_TAIL_WORDS = CHECK_TAIL = "|".join(re.escape(t) for t in _TAIL)
# 是不是 may come before what is done to the figure (瞪羚是不是要入库1500家, 是否计划新增500家)
_DOING = r"(?:要|将|计划|需要|能)?(?:有|新增|入库|培育|建设|建成|引进|认定|供应|新供|实现|完成|保持)?"
_HEAD = r"(?:(?P<ask>是不是|是否)" + _DOING + r"|(?P<said>也是|就是|是)|有)?"
# Words between the figure and the yes/no word that point back at it: 300家 这个数没错吧, 2万亩 我记得是这个数 对吗.
_POINTING_BACK = r"(?:/?(?:我记得|我印象里|应该|好像)?(?:是|就是)?(?:这个|这)(?:数(?:字|据)?)?(?=/?(?:" + _TAIL_WORDS + r")))?"
_CHECK = re.compile(
    _HEAD + r"(?P<before>" + _BEFORE_PATTERN + r")?" + _FIGURE
    + r"(?P<after>以上|以下|以内|左右|上下)?了?"
    + _POINTING_BACK
    + r"(?:/?(?P<tail>" + _TAIL_WORDS + r"))?(?=/|$)"
)
_PROGRESS_BEFORE = re.compile(r"(?:完成了?|进度|完成率)(?:是不是|是否|有没有|有|到|达到)?$")
_LOOSE_FIGURE = r"(?P<figure>[0-9]+(?:\.[0-9]+)?(?:万亿|千亿|亿|万|千)?(?:元|人次|人|亩|个|家|户|项|座|所|%|pflops|p)?)"
_CHOICE = re.compile(r"(?P<a>[0-9.]+[^/0-9还]*)还是(?P<b>[0-9.]+[^/0-9]*?)(?:吗|呢|啊|呀)?$")
# 4.89万亿是今年目标吗: the figure, then 是 and words (no other figure but a year) up to 吗
_FIGURE_IS = re.compile(_LOOSE_FIGURE + r"(?P<words>是(?:[^/0-9]|[0-9]{4}年)+?)(?:吗|么|吧)$")
_PLACE = r"(?:" + "|".join(PLACES) + r")?"  # 苏州13个千亿产业对吗: a place may come before the figure
# 500家高企对吗: the figure opens its clause, the indicator follows, then a yes/no word that is not 吗 alone
_FIGURE_FIRST = re.compile(r"(?:^|(?<=/))" + _PLACE + _LOOSE_FIGURE + r"的?(?P<words>(?:[^/0-9]|[0-9]{4}年)+?)/?"
                           r"(?:对吗|对不对|对吧|对么|没错吧|没错吗|是吗|是不是|是否正确|" + "|".join(_TAIL[:8]) + r")$")
# 180家小巨人是今年目标吗: the figure opens its clause, the indicator follows, then 是…吗
_FIGURE_FIRST_IS = re.compile(r"(?:^|(?<=/))" + _PLACE + _LOOSE_FIGURE + r"的?(?P<words>[^/0-9]+是(?:[^/0-9]|[0-9]{4}年)*?)(?:吗|么)$")
# 是不是全国第二个工业总产值5万亿城市, 是第一个5万亿工业城市吗: an ordinal claimed, to be found in a record's words
_STATEMENT_ASKED = re.compile(r"(?:是不是|是否)(?P<words>[^/]*第[0-9一二三四五六七八九十][^/]*)$"
                             r"|是(?P<words2>[^/]*第[0-9一二三四五六七八九十][^/]*?)(?:吗|么|吧)$")  # not 第几: no claim
_ORDINAL_CLAIM = re.compile(r"(?:全国|国内|中国)?第[0-9一二三四五六七八九十]+(?:个|座|家)")  # 第二个…城市: an order of reaching; 第一城 stays a rank
_YEAR_AFTER = re.compile(r"[年月日号]")
_BEFORE_WORDS = re.compile(r"(?:" + _BEFORE_PATTERN + r")$")
# A number written as part of a name or a year is not a figure checked (第3代, 2026年 are read elsewhere).
_PART_OF_NAME = re.compile(r"[0-9.a-z第前]$")


@dataclass(frozen=True)
class Check:
    """A figure as quoted ("8500亿", "89%", "一半" as "50%") and the relation asked about: ABOVE for 超过5万亿吗,
    BELOW for 不到60%吧, SAME for a figure alone and for a quoted wording (是突破440万人吗, 是1万亿以上吧);
    `qualifier` the bound word written with it (超过, 以上, 力争 …)."""

    text: str
    relation: str = SAME
    qualifier: str = ""
    # the words of the figure's own clause (高企500家对吗/小巨人呢 → 高企): which of several indicators it is of
    words: str = field(default="", compare=False)
    choices: tuple[str, ...] = ()  # 是2500亿还是3000亿: every figure offered, `text` the first

    def quantity(self) -> Quantity | None:
        """The figure in the unit written ("8500亿" → Quantity(8500, "亿")); None when it reads as none."""
        try:
            return parse_quantity(self.text)
        except QuantityError:
            return None


def read_check(text: str, found: dict | None = None) -> tuple[Check | None, str]:
    """(the check, the text without it) from a normalised text (clauses joined by "/"), else (None, text).

    "两化融合达成度是不是89%" → (Check("89%"), "两化融合达成度"); "占比超过一半了没有" → (Check("50%", ">", "超过"),
    "占比"). Only the last figure followed by a yes/no word (or after 是不是/是否) is read.
    """
    for match in reversed(list(_CHECK.finditer(text))):
        if not (match.group("tail") or match.group("ask")):
            continue
        if _PART_OF_NAME.search(text[:match.start("figure")]) and not (match.group("before") or match.group("ask")):
            continue
        figure = match.group("figure")
        if figure in ("一半", "半") and _PROGRESS_BEFORE.search(text[:match.start()]):
            # 完成了一半了吗 asks the progress (完成率), not a share to compare
            return None, text[:match.start("figure")] + text[match.end("figure"):]
        if match.group("odd") or match.group("odd2"):
            figure = figure.replace("多", "")  # 500多家: above 500, below 600
        if figure in ("一半", "半"):
            figure = "50%"
        elif not _reads_as_quantity(figure):
            continue  # 一个, 十家 as a word's characters, or no number at all
        before, after = match.group("before") or "", match.group("after") or ""
        if match.group("odd") or match.group("odd2"):
            before, after = "", "多"
        relation = RELATION_AFTER.get(after, SAME) if after else RELATION_BEFORE.get(before, SAME)
        if match.group("said") and after != "多":
            relation = SAME  # 目标是突破440万人吗 quotes the target's words: its number is checked, not a bound
        elif match.group("figure") in ("一半", "半") and not (before or after):
            relation = ABOVE  # 占了一半没有: has it reached half
        check = Check(figure, relation, before + after, words=_clause_of(text, match.start(), match.end()))
        head = text[:match.start()]
        if match.group("figure") in ("一半", "半") and not re.search(r"占比|比重|比例", head):
            head = re.sub(r"占了?$", "", head) + "占比"  # a half is a share: 民营占了一半没有 asks about 民营…占比
        return check, head + text[match.end():]
    return _read_loose_check(text)


def _clause_of(text: str, start: int, end: int) -> str:
    """The words of the clause (between breaks) around text[start:end], without it."""
    first = text.rfind("/", 0, start) + 1
    last = text.find("/", end)
    return text[first:start] + text[end: last if last >= 0 else len(text)]


def _read_loose_check(text: str) -> tuple[Check | None, str]:
    """A check whose figure is not right before its yes/no word: a choice (是2500亿还是3000亿), a figure
    followed by 是…吗 (4.89万亿是今年目标吗, 8500亿是工业增加值吗) or one opening its clause before the
    indicator (500家高企对吗, 89%的两化融合对吗). The words between stay in the rest, to be read."""
    if (choice := _CHOICE.search(text)) is not None and all(_reads_as_quantity(f) for f in choice.group("a", "b")):
        head = re.sub(r"(?:是不是|是)$", "", text[:choice.start()])
        return Check(choice["a"], choices=(choice["a"], choice["b"])), head
    if (said := _STATEMENT_ASKED.search(text)) is not None:
        words = said["words"] or said["words2"]
        # the ordinal is the claim about the subject; the words after it name the indicator
        return Check(words, STATEMENT), text[:said.start()] + _ORDINAL_CLAIM.sub("", words)
    for pattern in (_FIGURE_IS, _FIGURE_FIRST, _FIGURE_FIRST_IS):
        match = pattern.search(text)
        if match is None or not _reads_as_quantity(match["figure"]):
            continue
        if _PART_OF_NAME.search(text[:match.start("figure")]) or _YEAR_AFTER.match(text, match.end("figure")):
            continue
        before = _BEFORE_WORDS.search(text[:match.start("figure")])
        qualifier = before.group() if before else ""
        head = text[:match.start("figure") - len(qualifier)]
        words = _clause_of(text, match.start("figure") - len(qualifier), match.end())
        return Check(match["figure"], RELATION_BEFORE.get(qualifier, SAME), qualifier, words=words), head + match["words"]
    return _checked_later(text)


# A figure recalled (我印象里是8家, 我记得是), then, clauses later, a request to check it (能帮忙核实一下吗)
_RECALLED = re.compile(r"(?:^|/)(?:我|我们)?(?:印象里|印象中|记得|记着|看材料|听说)(?:是|写的是|好像是)?" + _LOOSE_FIGURE + r"(?=/)")
_REQUEST_LATER = re.compile(r"/[^/]*(?:核实|核对|核一下|确认一下|对不对|对吗|没错吧)[^/]*$")


def _checked_later(text: str) -> tuple[Check | None, str]:
    """The one figure recalled in its own clause, checked by a request in the last clause (…我印象里是8家/
    不确定/能帮忙核实一下吗 → Check("8家")); (None, text) otherwise."""
    recalled = list(_RECALLED.finditer(text))
    request = _REQUEST_LATER.search(text)
    if len(recalled) != 1 or request is None or request.start() < recalled[0].end():
        return None, text
    match = recalled[0]
    if not _reads_as_quantity(match["figure"]) or not re.search(r"[^0-9.]", match["figure"]):
        return None, text
    return Check(match["figure"]), text[:match.start("figure")] + text[match.end("figure"):request.start()]


def _reads_as_quantity(figure: str) -> bool:
    """Is `figure` a number (with a magnitude or unit when written in Chinese: 两万亩, not 一)?"""
    if not figure[0].isdigit() and not re.search(r"[万亿元人亩个家户项座所%p]", figure):
        return False
    try:
        parse_quantity(sized[0] if (sized := other_size(figure)) else figure)
    except QuantityError:
        return False
    return True
