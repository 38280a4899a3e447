"""A release's text made ready for the figure grammar: normalised characters, lines cut into
sentences, notes in brackets dropped, “A、B分别为X、Y” written out (table rows: tables.py).
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.places import PLACES
from knowledge.releases.respective import SPEED_TAIL, SPEED_VERBS, places_named_together, written_items
from knowledge.releases.number_forms import in_digits, joined_digit_groups, without_invisible, without_page_numbers
from knowledge.questions import to_simplified


_KEEP = set("，。；：！？、（）“”‘’")
LIST_MARK = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d))")


# “４０，８７６．３亿元”: typed with full-width digits, the separator is the full-width comma, which is
# otherwise a clause mark (kept); between full-width digits with exactly three after it, it separates thousands
_WIDE_THOUSANDS = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


def normalize_text(text: str) -> str:
    """Simplified characters, full-width digits and letters to ASCII, Chinese punctuation kept,
    thousands separators (40,876, ４０，８７６, 40 876) and invisible characters dropped, values in Chinese
    numerals in digits, page-number lines left out (number_forms.py), lines hard-wrapped inside a sentence (a text
    copied from a PDF) joined (unwrapped)."""
    text = without_invisible(to_simplified(text.replace("\r\n", "\n").replace("\r", "\n")))
    text = _WIDE_THOUSANDS.sub("", text)
    text = "".join(c if c in _KEEP else unicodedata.normalize("NFKC", c) for c in text)
    text = in_digits(joined_digit_groups(without_page_numbers(text)))
    return unwrapped(re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text))


_SENTENCE_END = tuple("。！？!?；;：:")
# what never begins a line of its own: the rest of a figure (%, 个百分点, 亿元) or of a clause (，。)
_CONTINUES = re.compile(r"[，。、；：！？%）)”’]|个?百分点|[万亿]?元")
# a heading lists with 、 (苏州、成都) but has no ，；。 (a note in brackets aside)
_CLAUSE_MARKS = re.compile(r"[，；。]")
# a date line or a byline (2020-12-15　来源：…) begins a line of its own
_DATELINE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|(?:来源|发布|时间|作者|编辑|责任编辑|记者)[:：]")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


def unwrapped(text: str) -> str:
    """`text` with each line that was cut inside a sentence (PDF copies: “完成规上工业总\n产值40876.3亿元”)
    joined to the line after it. A line is joined when it ends no sentence, neither it nor the next is a
    table line, the next is no new paragraph (indented, or a list item) and either the next begins with
    what cannot begin a line (%, 个百分点, ，) or the line is prose (it has a clause mark outside brackets,
    which a heading has not) at least about as wide as the next (a wrapped line is full; a heading is
    shorter than its body), and the next is no heading (a line with no figure, clause mark or full stop)."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def _continues(line: str, following: str) -> bool:
    from knowledge.releases.columns import table_cells  # columns reads tokens, which reads nothing of this

    body, rest = line.strip(), following.strip()
    if not body or not rest or body.endswith(_SENTENCE_END) or following[0].isspace() or LIST_MARK.match(following):
        return False
    if table_cells(line) is not None or table_cells(following) is not None:
        return False
    if _CONTINUES.match(rest):
        return True
    if _DATELINE.match(rest):
        return False
    if not re.search(r"\d", rest) and not _CLAUSE_MARKS.search(rest) and not rest.endswith(_SENTENCE_END):
        return False  # the next line is a heading: no figure, no clause, no full stop
    prose = _BRACKETED.sub("", LIST_MARK.sub("", body))  # a heading's note （虚构，下同） makes it no sentence
    return bool(_CLAUSE_MARKS.search(prose)) and _width(body) >= 0.8 * _width(rest)


def _width(text: str) -> int:
    """Columns `text` takes in a fixed-width layout (a Chinese character two, a digit one)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def squeeze(line: str) -> str:
    """Spaces next to a Chinese character say nothing (全 市 工业投资 1986.2 亿元); between two numbers
    they do, and stay."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", line).strip()


_PLACE_NAMES = sorted(set(PLACES) | {"全市", "全省", "全国"}, key=len, reverse=True)
_NOTE = re.compile(r"[（(][^（）()\d]*[）)]")
# anchored at a clause's start: unanchored, each position of a long clause without 分别 scanned the rest
# of it (25,000 characters took seconds); the match found is the same
_RESPECTIVELY = re.compile(r"(?:^|(?<=[，；。,;：:]))(?P<names>[^，；。,;：:]*?)分别(?P<verb>[^\d，；。,;-]*)(?P<items>[^，；。,;]+)")
_LIST_SPLIT = re.compile(r"、|和|及|与")
# “高新技术产业、战略性新兴产业产值占…比重分别…”: groups of firms share the measure (and the share)
# written after the last one; a group alone (…产业) is never a figure
_GROUP_END = re.compile(r"(?:产业|行业|制造业|工业|企业|集群)$")
_MEASURE = r"(?:工业总产值|总产值|产值|增加值|营业收入|销售收入|投资)"
_SHARED_TAIL = re.compile(rf"{_MEASURE}(?:占.+)?$|占.+$")


# “依次为/依次是/依次增长” says what 分别 says: the items in the order of the names
_IN_TURN = re.compile(r"依次(?=为|是|达|占|增|降|下降|提|上升|减|回落)")


def plain(sentence: str) -> str:
    """A sentence without notes in brackets (按可比价计算), with bracketed figures kept in line, and
    “A、B分别为X、Y” written out as “A为X，B为Y” (a later “，分别增长x%、y%” of the sentence for the same A、B)."""
    sentence = _NOTE.sub("", sentence)
    sentence = _IN_TURN.sub("分别", re.sub(r"[（()）]", "", sentence))
    listed: list[str] = []  # the names of the sentence's last 分别

    def spell_out(match: re.Match) -> str:
        names, verb = _named(match.group("names"), match.group("verb"), listed)
        items = written_items(verb, [i for i in _LIST_SPLIT.split(match.group("items")) if i])
        if len(names) < 2 or items is None or len(names) != len(items):
            return match.group()
        # “苏州、无锡规上工业总产值分别为…”: places alone share the name after the last one
        last = names[-1]
        place = next((p for p in _PLACE_NAMES if last.startswith(p)), None)
        if place and all(n in _PLACE_NAMES or n.rstrip("市") in _PLACE_NAMES for n in names[:-1]):
            names = [n + last[len(place):] for n in names[:-1]] + [last]
        names = _share_tail(names)
        listed[:] = names
        # joined by 、 so that a verb of the first (新增) carries to the others, as in any list
        return "、".join(f"{name}{item}" for name, item in zip(names, items))

    return _RESPECTIVELY.sub(spell_out, sentence)


# before 分别, words that name no figure: the names are those of the sentence's last 分别 (“A和B分别增长x%和y%，
# 总量分别达X和Y”); how the rates are compared (同比) goes with the verb
_NAMELESS = re.compile(r"(?:总量|总额|规模|绝对额|数值)?")
_BASIS_AT_END = re.compile(r"(?:同比|环比|(?:比|较)(?:上年同期|去年同期|上年|去年))$")


def _named(names: str, verb: str, listed: list[str]) -> tuple[list[str], str]:
    """(the names of a 分别 list, its shared verb): places said as one group written out (沪苏两地), a speed
    word (增速为) said as 增长 and a basis at the names' end moved to the verb, the last 分别's names for a list that names nothing."""
    speed = SPEED_TAIL.search(names)
    if speed and verb in SPEED_VERBS:  # A、B同比增速分别为x%、y%: A、B同比增长x%、y%
        names, verb = names[:speed.start()], "增长"
    basis = _BASIS_AT_END.search(names)
    if basis:
        names, verb = names[:basis.start()], basis.group() + verb
    if _NAMELESS.fullmatch(names):
        return list(listed), verb
    return [n for n in _LIST_SPLIT.split(places_named_together(names)) if n], verb


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
