"""A release's text made ready for the figure grammar: normalised characters, lines cut into
sentences, notes in brackets dropped, “A、B分别为X、Y” written out, and a table row written as the
sentence it stands for.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.places import PLACES
from knowledge.questions import to_simplified
from knowledge.releases.periods import PERIOD
from knowledge.releases.tokens import CJK


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


# -- tables ----------------------------------------------------------------------------------------

_CELL_SPLIT = re.compile(r"\t+|[ \u3000]{2,}|\s*[|｜]\s*")
NUMERIC_CELL = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")
_UNIT_IN_NAME = re.compile(r"[（(]\s*([^（）()]{1,8}?)\s*[）)]\s*$")
_GROWTH_HEADER = re.compile(r"增长|增速|同比|增幅|±")
_POINTS_HEADER = re.compile(r"百分点")
_INCREMENT_HEADER = re.compile(r"(?:比|较)(?:年初|上年末)(?:增加|新增|增长)|新增额|净增")


def table_cells(line: str) -> list[str] | None:
    """The cells of a table line (tabs, two or more spaces, or |), None for prose."""
    if not re.search(r"\t|[ \u3000]{2,}|[|｜]", line.strip()):
        return None
    cells = [c.strip() for c in _CELL_SPLIT.split(line.strip().strip("|｜")) if c.strip()]
    return cells if len(cells) >= 2 else None


def table_sentence(cells: list[str], header: list[str] | None) -> tuple[str | None, list[str]]:
    """A table row written as the sentence it stands for: “规模以上工业总产值（亿元）| 40876.3 | 5.1”
    under “指标 | 1-10月 | 同比增长(%)” → “1-10月，规模以上工业总产值40876.3亿元，同比增长5.1%。”.
    Numbers in a column the header does not name (or with no header) are left out, not guessed: they
    are returned second, to be listed as unplaced."""
    name = cells[0]
    if NUMERIC_CELL.match(name) or not CJK.search(name):
        return None, []
    unused: list[str] = []
    unit = ""
    found = _UNIT_IN_NAME.search(name)
    if found:
        unit, name = found.group(1).replace("％", "%"), name[:found.start()]
    # cells left empty at a row's end are not there: align with the header from the left
    heads = header[:len(cells)] if header and len(header) >= len(cells) else [""] * len(cells)
    period, value, yoy, points, added = "", None, None, None, None
    for cell, head in zip(cells[1:], heads[1:]):
        if not NUMERIC_CELL.match(cell):
            if not unit and re.fullmatch(r"[万亿]*[\u4e00-\u9fff%]{1,3}", cell):
                unit = cell
            continue
        number = cell.rstrip("%")
        if _POINTS_HEADER.search(head):
            points = points if points is not None else number
        elif _INCREMENT_HEADER.search(head):
            added = added if added is not None else number
        elif _GROWTH_HEADER.search(head) or (cell.endswith("%") and value is not None and unit != "%"):
            yoy = yoy if yoy is not None else number
        elif value is None and (head or not header):
            value = number
            period = next((m.group() for m in PERIOD.finditer(head) if m.group()), "")
        else:
            unused.append(cell)
    parts = []
    if value is not None and unit:
        parts.append(f"{name}{value}{unit}")
    if added is not None and unit:
        parts.append(("" if parts else name) + f"比年初增加{added}{unit}")
    if yoy is not None:
        growth = float(yoy)
        parts.append(("" if parts else name) + f"同比{'下降' if growth < 0 else '增长'}{abs(growth):g}%")
    if points is not None and parts:
        change = float(points)
        parts.append(f"比上年同期{'下降' if change < 0 else '提高'}{abs(change):g}个百分点")
    if value is not None and not unit:
        unused.append(value)
    if not parts:
        return None, unused
    return (f"{period}，" if period else "") + "，".join(parts) + "。", unused


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
