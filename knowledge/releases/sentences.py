"""A release's text made ready for the figure grammar: normalised characters, lines cut into
sentences, notes in brackets dropped, “A、B分别为X、Y” written out (table rows: tables.py).
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.places import PLACES
from knowledge.questions import to_simplified


_KEEP = set("，。；：！？、（）“”‘’")
LIST_MARK = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d))")


def normalize_text(text: str) -> str:
    """Simplified characters, full-width digits and letters to ASCII, Chinese punctuation kept,
    thousands separators and spaces (but between two Latin letters) dropped."""
    text = to_simplified(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(c if c in _KEEP else unicodedata.normalize("NFKC", c) for c in text)
    return re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)


def squeeze(line: str) -> str:
    """Spaces next to a Chinese character say nothing (全 市 工业投资 1986.2 亿元); between two numbers
    they do, and stay."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", line).strip()


_PLACE_NAMES = sorted(set(PLACES) | {"全市", "全省", "全国"}, key=len, reverse=True)
_NOTE = re.compile(r"[（(][^（）()\d]*[）)]")
# anchored at a clause's start: unanchored, each position of a long clause without 分别 scanned the rest
# of it (25,000 characters took seconds); the match found is the same
_RESPECTIVELY = re.compile(r"(?:^|(?<=[，；。,;：:]))(?P<names>[^，；。,;：:]*?)分别(?P<verb>[^\d，；。,;]*)(?P<items>[^，；。,;]+)")
_LIST_SPLIT = re.compile(r"、|和|及|与")
# “高新技术产业、战略性新兴产业产值占…比重分别…”: groups of firms share the measure (and the share)
# written after the last one; a group alone (…产业) is never a figure
_GROUP_END = re.compile(r"(?:产业|行业|制造业|工业|企业|集群)$")
_MEASURE = r"(?:工业总产值|总产值|产值|增加值|营业收入|销售收入|投资)"
_SHARED_TAIL = re.compile(rf"{_MEASURE}(?:占.+)?$|占.+$")


def plain(sentence: str) -> str:
    """A sentence without notes in brackets (按可比价计算), with bracketed figures kept in line, and
    “A、B分别为X、Y” written out as “A为X，B为Y” (a later “，分别增长x%、y%” of the sentence for the same A、B)."""
    sentence = _NOTE.sub("", sentence)
    sentence = re.sub(r"[（()）]", "", sentence)
    listed: list[str] = []  # the names of the sentence's last 分别

    def spell_out(match: re.Match) -> str:
        names = [n for n in _LIST_SPLIT.split(match.group("names")) if n] or listed
        items = [i for i in _LIST_SPLIT.split(match.group("items")) if i]
        if len(names) < 2 or len(names) != len(items) or not all(re.match(r"[超近约-]?\d", i) for i in items):
            return match.group()
        # “苏州、无锡规上工业总产值分别为…”: places alone share the name after the last one
        last = names[-1]
        place = next((p for p in _PLACE_NAMES if last.startswith(p)), None)
        if place and all(n in _PLACE_NAMES or n.rstrip("市") in _PLACE_NAMES for n in names[:-1]):
            names = [n + last[len(place):] for n in names[:-1]] + [last]
        names = _share_tail(names)
        listed[:] = names
        # joined by 、 so that a verb of the first (新增) carries to the others, as in any list
        return "、".join(f"{name}{match.group('verb')}{item}" for name, item in zip(names, items))

    return _RESPECTIVELY.sub(spell_out, sentence)


def _share_tail(names: list[str]) -> list[str]:
    """Names of a 分别 list with the measure after the last one given to each bare group before it:
    [高新技术产业, 战略性新兴产业产值] → [高新技术产业产值, 战略性新兴产业产值]."""
    tail = _SHARED_TAIL.search(names[-1])
    if tail is None or not _GROUP_END.search(names[-1][:tail.start()]):
        return names
    return [n + tail.group() if _GROUP_END.search(n) else n for n in names[:-1]] + [names[-1]]


def split_sentences(line: str) -> list[str]:
    """The sentences of a line, each ending at 。！？ (kept) or at the line's end."""
    parts = re.split(r"(?<=[。！？!?])", line)
    return [p.strip() for p in parts if p.strip()]
