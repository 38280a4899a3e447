"""Whose release it is, and whose each of its figures is.

A release's 全市/我市/本市 mean its own place, which its heading ("常州市2024年1-5月经济运行情况"), its
signature (落款: "（常州市统计局工业处）", "无锡市统计局" on the last line) or its 来源 line ("来源：常州日报")
names; a text that names none is Suzhou's. A place named inside a sentence (比全省高, 高于无锡) never
decides the document's place: it decides only the figure after it.

Another place's release records nothing for 苏州, and records its own figures only when the knowledge
base already holds that place (figures or targets); otherwise each figure is unplaced, with the reason.
Part of a city (市区, 市本级, 区县合计…) or the province is never the city's own figure.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from knowledge.places import CITIES, DEFAULT_CITY, PROVINCES, SUZHOU_COUNTY_CITIES, SUZHOU_DISTRICTS
from knowledge.releases.city_names import PAPER, in_paper_name, with_city_names
from knowledge.releases.city_parts import CITY_PARTS, city_part, part_place
from knowledge.releases.exclusions import excluded_part
from knowledge.releases.outside import not_held, office_elsewhere, paper_elsewhere
from knowledge.releases.words import EDGE_LINES, OWN_PLACE_WORDS, PART_WORDS, PLACE_FORMS, SOURCE_LABEL
from knowledge.store import Store


@dataclass(frozen=True)
class Origin:
    """The place a release speaks for: `place` as the knowledge base names it ("常州"), `written` as the
    text wrote it ("常州市"), `where` it was read ("标题", "署名", "落款", "来源"; "" when the text names no place
    and is taken as Suzhou's), and whether the knowledge base `known`s the place."""

    place: str = DEFAULT_CITY
    written: str = DEFAULT_CITY + "市"
    where: str = ""
    known: bool = True
    held: frozenset[str] = frozenset()  # the places the knowledge base holds figures or targets for
    # a heading of the body naming another place (（二）无锡, 2026年1-10月无锡市经济运行情况) or other
    # cities (附：周边城市情况, OTHER_PLACES): whose its figures are, until another heading (placing.py)
    section: str = ""
    section_heading: str = ""
    named_last: str = ""  # the place the text named last, which 该市/该地 mean

    @property
    def in_force(self) -> str:
        """The place a figure naming none is of: the section's, else the release's."""
        return self.section or self.place

    @property
    def own(self) -> bool:
        """True for a Suzhou release: its figures are read as they always were."""
        return self.place == DEFAULT_CITY

    @property
    def level(self) -> str:
        """市, 区 or 省: which of OWN_PLACE_WORDS the release uses for itself (全市, 全区, 全省)."""
        if self.place in PROVINCES:
            return "省"
        if self.place in CITY_PARTS or self.place in SUZHOU_DISTRICTS and self.place not in SUZHOU_COUNTY_CITIES:
            return "区"
        return "市"


@dataclass(frozen=True)
class Placed:
    """The place of one figure: `city`, or None with the reason in Chinese."""

    city: str | None
    reason: str = ""


SUZHOU = Origin()
OTHER_PLACES = "其他城市"  # the section of other cities' figures (附：周边城市情况), none named

_OWN_WORDS = {word: level for level, words in OWN_PLACE_WORDS.items() for word in words}
# before a place it is compared with, benchmarked against or a share of: 比无锡, 高于全省, 对标深圳, 占全省
_COMPARED = re.compile(r"(?:比|较|于|与|同|和|及|占|超过|领先|仅次于|居|位居|位列|对标|赶超|超越|追赶|学习|借鉴|看齐|向|对比|相比)$")
# a kind of zone, not one zone of the city: 争创国家高新区, 省级开发区; 扩大市场 and 苏州市区域 name no place
_KIND_OF_ZONE = re.compile(r"(?:国家级?|省级?)$")
_NOT_A_SCOPE = re.compile(r"(?<=大市)场|(?<=区)域")
# a place a rank or a share is counted in, written after it: 在全省率先突破, 居全省第一, 列全国第5, 全国前列
_RANK_SCOPE = re.compile(r"(?:范围内|范围|内)?(?:率先|首个|首家|首位|第[一二三四五六七八九十百\d]|前[一二三四五六七八九十百\d]|"
                         r"前列|之首|排名|排第|位次|领先)")
_RANKED = re.compile(r"(?:列|排|排名|排在|名列|处于)$")
_NEWS_LEAD = re.compile(r"^(?P<who>[\u4e00-\u9fff]{2,10}(?:日报|晚报|报|网|台))讯")
_META = re.compile(r"(?:发布|更新)?(?:时间|日期)[:：]|作者[:：]|编辑[:：]|字号|浏览|[\d\-/.:年月日]+$")
_OFFICE = re.compile(r"统计局|调查队|政府|厅|局|委")
_ORGANISATION = re.compile(r"统计局|调查队|局|处|办公室|委员会|委|厅|政府|中心|日报|晚报|报社|融媒|发布|" + PAPER.pattern)
_SENTENCE_END = ("。", "！", "？", "；", "，")
_SIGNATURE_CHARS = 40
_HEADING_CHARS = 60


def _scope_pattern(words) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


_PLACE = _scope_pattern(PLACE_FORMS)
_SCOPE = _scope_pattern(PLACE_FORMS + PART_WORDS + tuple(_OWN_WORDS))
# 该市/该地: the place named last (“记者从无锡市统计局获悉，…该市工业投资…”)
_THAT_PLACE = ("该市", "该地", "该区")
_MARKS = _scope_pattern(PLACE_FORMS + PART_WORDS + tuple(_OWN_WORDS) + _THAT_PLACE)
# a place listed after one compared with is compared too: 高于无锡、常州; 与上海、无锡相比
_LISTED = re.compile(r"[、和及与]$")
# a district of the city makes the 全市 after it its own (昆山全市, 昆山方面，全市): part of the city
# a figure of its own (a value or a rate) between a city and a later 全市 makes that 全市 ambiguous
_FIGURE = re.compile(r"\d(?:\.\d+)?\s*(?:%|％|个百分点|[万亿千百]|元|家|个|项|户|吨|件|台)")
_DISTRICT_LEAD = re.compile(r"(?:方面)?[，,：:]?")
_DATELINE = re.compile(r"(?:\d{1,2}月\d{1,2}日)?(?:电|讯)")  # 新华社南京11月20日电: where it was filed
# 在全国率先, 居全省第一 in a subject's words: said of the figure, not part of its name
_RANK_WORDS = re.compile(rf"(?:在|居|位居|列|位列|名列)?(?:{_scope_pattern(PLACE_FORMS + tuple(_OWN_WORDS)).pattern})"
                         rf"(?:{_RANK_SCOPE.pattern})[位名]?$")


def place_of(written: str) -> str:
    """The knowledge base's name of a place as written: "常州市" → "常州", "江苏省" → "江苏", "吴江区" → "吴江",
    "苏州工业园区" → itself."""
    return written[:-1] if _PLACE.fullmatch(written[:-1]) and written[-1] in "市区省" else written


def places_named(text: str) -> list[tuple[str, str]]:
    """(place, as written) for each place `text` names, in order, leaving out places it compares
    with (比无锡, 高于全省) and a place written just before one inside it (江苏省常州市, 苏州市吴江区 name
    常州 and 吴江): "常州市2024年1-5月经济运行情况" → [("常州", "常州市")]."""
    found = [m for m in _PLACE.finditer(text) if not _COMPARED.search(text[max(0, m.start() - 3):m.start()])]
    return [(place_of(m.group()), m.group()) for m, after in zip(found, found[1:] + [None])
            if after is None or after.start() != m.end()]


def _one_place(text: str) -> tuple[str, str] | None:
    """The place `text` names, when it names exactly one (苏州市科学技术局 苏州市统计局 → 苏州), by
    its name, its nickname or its paper (锡城, 江南晚报 → 无锡), or part of 苏州 by a short name (园区, 苏州高新区)."""
    named = places_named(with_city_names(text))
    part = city_part(text) if {place for place, _ in named} <= {DEFAULT_CITY} else None
    return (part_place(part), part) if part else named[0] if len({place for place, _ in named}) == 1 else None


def _is_note(line: str) -> bool:
    """A line wholly in brackets: a note (（虚构示例…）) or a signature, never the heading."""
    return line.startswith(("（", "(")) and line.endswith(("）", ")"))


def heading_place(lines: list[str]) -> tuple[str, str] | None:
    """The place named by the heading: the first line that is not a note, a 来源 line or a sentence."""
    for line in lines:
        if not line or _is_note(line) or SOURCE_LABEL.search(line) or _META.match(line):
            continue
        if len(line) > _HEADING_CHARS or re.search("[。！？；]", line) or line.endswith(_SENTENCE_END):
            return None
        return _one_place(line)
    return None


def signature_place(lines: list[str]) -> tuple[str, str] | None:
    """The place named by the signature: the organisation on the last short lines ("无锡市统计局",
    "2024年6月20日" after it), or in brackets at the end of the last paragraph ("…。（常州市统计局工业处）")."""
    for line in reversed([line for line in lines if line]):
        tail = re.search(r"[（(]([^（()）]+)[）)]$", line)
        if tail and _ORGANISATION.search(tail.group(1)):
            return _one_place(tail.group(1))
        if len(line) > _SIGNATURE_CHARS or line.endswith(_SENTENCE_END) or SOURCE_LABEL.search(line):
            return None
        if _ORGANISATION.search(line):
            return _one_place(line)
    return None


def byline_place(lines: list[str]) -> tuple[str, str] | None:
    """The place named by a byline under the heading: a short line of the organisation that published
    the text, often with the date ("上海市统计局　2020-12-18"), among the first lines."""
    lines = [line for line in lines if line]
    if not lines or re.search("[。！？；]", lines[0]) or lines[0].endswith(_SENTENCE_END):
        return None  # no heading: the text begins with its body
    for line in lines[1:EDGE_LINES]:
        if len(line) > _SIGNATURE_CHARS or line.endswith(_SENTENCE_END) or re.search("[。！？；]", line):
            return None  # the body has begun: a line after it is a signature, not a byline
        if _OFFICE.search(line) or PAPER.search(line):  # 江南晚报　2026-11-21 under the heading: the paper's
            return _one_place(line)
    return None


def source_place(lines: list[str]) -> tuple[str, str] | None:
    """The place named by a 来源 line ("来源：常州日报", "发布时间：2020-11-18 来源：苏州市统计局") or a
    newspaper's lead ("常州日报讯"), among the first and last lines: a 来源 inside the body cites a figure,
    it does not say whose the text is."""
    lines = [line for line in lines if line]
    for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]:
        found = _NEWS_LEAD.match(line)
        if not found and len(line) <= _HEADING_CHARS and "。" not in line:
            found = SOURCE_LABEL.search(line)
        if found:
            named = _one_place(found.group("who"))
            # a province's paper or site (中国江苏网, 江苏新闻广播) carries every city's news; its office does not
            if named and (named[0] not in PROVINCES or _OFFICE.search(found.group("who"))):
                return named
    return None


_PUBLISHER = re.compile(
    rf"(?P<who>(?:{_PLACE.pattern})[市省区]?(?:[\u4e00-\u9fff]{{0,8}}?(?:统计局|调查队|局|委员会|委|厅|政府|办公室)))"
    r"(?:[今昨前近日天\d年月号]|最新|正式|对外){0,12}(?P<verb>发布|公布|通报|获悉|披露|消息|数据|统计)")
# 据无锡市统计局数据: an office quoted, which may be the text's source or a passing citation
_QUOTED = re.compile(r"(?:据|根据|按照|引用|援引|参照)$")
_PUBLISHED = ("发布", "公布", "通报", "获悉", "披露")
_LEAD_LINES = 2


def _publisher(lead: str) -> tuple[str, str] | None:
    """The place of the office `lead` says published its figures. An office quoted (据无锡市统计局数据)
    or whose 数据/消息 are cited publishes the text only when the sentence goes on with the text's own
    words (全市…) or none: “据无锡市统计局数据，无锡…” cites 无锡 in passing, and 无锡 decides those figures."""
    for found in _PUBLISHER.finditer(lead):
        quoted = _QUOTED.search(lead[max(0, found.start() - 2):found.start()])
        if quoted or found.group("verb") not in _PUBLISHED:
            after = _SCOPE.search(lead, found.end())
            if after and after.group() not in _OWN_WORDS:
                continue
        return _one_place(found.group("who"))
    return None


def lead_place(lines: list[str]) -> tuple[str, str] | None:
    """The place of the office the lead sentence says published the figures ("11月18日，无锡市统计局发布
    数据：…", "记者从无锡市统计局获悉，…"): the first sentence of the first lines of the body, after the
    heading, byline and 来源 lines (a heading written with a comma may come first)."""
    body = [line for line in lines[:EDGE_LINES + 3] if line and not _is_note(line) and not SOURCE_LABEL.search(line)
            and not _META.match(line) and re.search("[。，；！？：]", line)]
    for line in body[:_LEAD_LINES]:
        named = _publisher(line.split("。", 1)[0]) or office_elsewhere(line.split("。", 1)[0])
        if named:
            return named
    return None


def _full_name(place: str) -> str:
    """A place's name with its 市, 区 or 省, as the reasons write it: 常州日报's place is 常州市."""
    full = place + Origin(place).level
    return full if full in PLACE_FORMS else place


def document_origin(lines: list[str], store: Store) -> Origin:
    """Whose release `lines` (the normalised text's lines) are: the place of its heading, else of the
    byline under it, else of its signature, else of the office its lead sentence says published it, else of
    its 来源 (a paper carries other offices' figures); Suzhou when none names a place. `known` tells
    whether `store` holds figures or targets for that place, `held` every place it holds."""
    lines = [re.sub(r"\s+", "", line) for line in lines]
    held = frozenset(store.places_with_figures())
    suzhou = Origin(held=held)
    for where, read in (("标题", heading_place), ("署名", byline_place), ("落款", signature_place),
                        ("导语", lead_place), ("来源", source_place), ("来源", paper_elsewhere)):
        named = read(lines)
        if named:
            place, written = named
            if place == DEFAULT_CITY:
                return suzhou
            written = written if written != place else _full_name(place)
            return Origin(place, written, where, place in held, held=held)
    return suzhou


@functools.lru_cache(maxsize=32)
def _scope_marks(sentence: str) -> tuple[tuple[int, str], ...]:
    """(start, word) of each place or scope word of `sentence` that is not compared with, in order; read
    once a sentence, as every figure of it asks. A place listed after a compared one (高于无锡、常州) is
    compared too."""
    marks, compared_end = [], -1
    for m in _MARKS.finditer(sentence):
        lead = sentence[max(0, m.start() - 3):m.start()]
        if _COMPARED.search(lead) or (m.start() - 1 == compared_end and _LISTED.search(lead)):
            compared_end = m.end()
            continue
        if not _rank_scope(sentence, m) and not (m.group() in PART_WORDS and _KIND_OF_ZONE.search(lead)) \
                and not _NOT_A_SCOPE.match(sentence, m.end()) and not in_paper_name(sentence, m.start()):
            marks.append((m.start(), m.group()))
    return tuple(marks)


def _rank_scope(sentence: str, match: re.Match) -> bool:
    """True when the place of `match` is where a figure ranks, not whose it is: 在全省率先突破, 居全省第一,
    列全国第5 (苏州制造业贷款余额在全省率先突破万亿元 is 苏州's)."""
    return bool(_RANK_SCOPE.match(sentence, match.end()) or _RANKED.search(sentence[max(0, match.start() - 2):match.start()]))


def without_rank_scope(words: str) -> str:
    """A subject's words without the rank it is given in a wider place, which names neither the figure
    nor its place: “苏州规上工业总产值在全国率先” → “苏州规上工业总产值”."""
    return _RANK_WORDS.sub("", words)


def figure_place(sentence: str, position: int, origin: Origin) -> Placed:
    """The place of the figure at `position` of `sentence`: the last place or scope word before it that
    is not compared with (比无锡, 高于全省). The release's own word (全市, 我市, 本市, 全市域), or none, is
    the place in force: a place named before it in the sentence (无锡方面，全市; 同期，深圳全市; 据无锡市统计
    局数据，全市), else the section's (origin.section), else the release's; 该市/该地 is the place named
    last. Part of the city (市区, 市本级, 区县…, 昆山全市, 全市（不含工业园区）), another level's own word
    (全省 in a city's release), a place the knowledge base does not hold, and, in another place's release,
    any figure but its own of a place the knowledge base holds, are None with the reason. A place a rank
    or a share is counted in (在全省率先, 居全省第一, 占全省) is not the figure's place."""
    marks = _scope_marks(sentence)
    before = bisect.bisect_left(marks, (position, ""))
    last = marks[before - 1][1] if before else None
    excluded = excluded_part(sentence, position, marks[before - 1][0] if before else None)
    if excluded:
        return Placed(None, f"这是不含{excluded}的数据，不是全市的")
    if last in _OWN_WORDS and _OWN_WORDS[last] != origin.level:
        return Placed(None, f"这是{last}的数据，不是{origin.written}的")
    if last is None or last in _OWN_WORDS or last in _THAT_PLACE:
        governed = _OWN_WORDS.get(last) in ("市", None) and last not in ("我市", "本市")  # 我市 is the writer's own
        named, own_figure = _named_before(sentence, marks[:before]) if governed else (None, False)
        if own_figure and named != origin.in_force:  # “深圳…增长6.2%，全市…”: still 深圳, or back to 苏州?
            return Placed(None, f"前面是{named}的数据，这里的“{last}”是否仍指{named}不明确，未录入")
        place = named or (last in _THAT_PLACE and origin.named_last) or origin.in_force
    elif last in PART_WORDS and part_place(last) != origin.place:  # 园区… in 园区's own release is its own
        return Placed(None, f"这是{last}的数据，不是全市的")
    else:
        place = part_place(place_of(last))
    if place == OTHER_PLACES:
        return Placed(None, f"这是“{origin.section_heading}”下的数据，没有写明是哪个城市的，未录入")
    if origin.own:
        if place != origin.place and place not in origin.held:
            # “成都：前三季度实现地区生产总值…” in a Suzhou text: as for another city's release
            return Placed(None, f"这是{_full_name(place)}的数据，知识库没有{place}的数据，未录入")
        return Placed(place)
    release = f"这是{origin.written}的通报（见{origin.where}）"
    if place != origin.place:
        return Placed(None, f"{release}，其中{place}的数据不从这里录入")
    if not origin.known:
        return Placed(None, f"{release}，{not_held(origin.place)}，未录入")
    return Placed(place)


def _named_before(sentence: str, marks: tuple[tuple[int, str], ...]) -> tuple[str | None, bool]:
    """The place named before the own word (or 该市) ending `marks`, nearest first: a city anywhere before
    it in the sentence (无锡方面，全市), a district of the city only just before it (昆山全市, 昆山方面，全市);
    and whether a figure of its own stands between them (深圳…增长6.2%，全市…)."""
    end = marks[-1][0] if marks else 0
    for start, word in reversed(marks[:-1]):
        place = place_of(word)
        if _DATELINE.match(sentence, start + len(word)):
            continue
        if place in CITIES or (
                place in SUZHOU_DISTRICTS and _DISTRICT_LEAD.fullmatch(sentence, start + len(word), end)):
            return place, bool(_FIGURE.search(sentence, start + len(word), end))
    return None, False

