"""The slot readers a question is read with, in order: each takes the text left by the ones before and
returns (slot, rest) — what it found and the text without it.

A reader is `read_X(text, found=None) -> (slot, rest)`: `found` holds the slots read before it (a
reader that depends on one, as the places on the ranking, looks there; `today` is the date relative
years count from) and is optional, so each reader can be tried on a text of its own. Where a slot
is cut out, a space stays, so that what remains still shows where the words were apart; the
pipeline (knowledge/questions.py's READERS) runs them and builds the Question.

The words and patterns are knowledge/question_words.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from knowledge.periods import PeriodError, parse_period
from knowledge.places import ASKED_PLACES, DEFAULT_CITY, PLACES, RANK_SCOPES, TOWNS
from knowledge.quantities import Quantity
from knowledge.question_words import (
    ADVERB, AMOUNT_ASKED, ASKS_CITY, ASKS_YEAR, AS_OF, CATEGORY_TAIL, CITY_LEVEL, CLAUSE_PARTICLES, COMPARE, CONTEXT_PLACE,
    COUNT, COUNTED, NOISE_HELD, DATA_WORD, FIGURE, FILLERS, FOLLOW_UP, GREETING, GROWTH, HOW_MANY, INTENT_WORDS, LEAD_PARTICLE, LIST_NOUN,
    LIST_WORDS, NAMES_CITY, NOISE_WORDS, ORDINAL, ORDINALS, PERIOD_SPAN, PLACES_AND_SCOPES, POLITE,
    PLAN_PERIOD, PREVIOUS_YEAR, RANK, RELATIVE_YEARS, SCOPED_RANK, SCOPE_SYNONYMS, SHORT_YEAR, TOP, TO_PEOPLE, TRAILING_PARTICLES,
    VOCATIVE, WHICH_MORE, YEAR,
)

BREAK = "/"
_HELD, _RELEASED = str.maketrans("有要是的", "\ue011\ue012\ue013\ue014"), str.maketrans("\ue011\ue012\ue013\ue014", "有要是的")
JOINERS = re.compile(r"/|以及|和|跟|与|及|还有")


@dataclass(frozen=True)
class Figure(Quantity):
    """A number quoted in a question, in the unit and words written: Figure(Decimal('2500'), '亿', text='2500亿')."""

    text: str = ""


def strip_noise(text: str) -> str:
    """The text without the words that carry no meaning for matching (多少家, 请问, 的 …)."""
    text = HOW_MANY.sub("", text)
    text = COUNTED.sub("", text)
    text = NOISE_HELD.sub(lambda m: m.group(0).translate(_HELD), text)  # 建有率 keeps its 有
    for word in NOISE_WORDS:
        text = text.replace(word, "")
    return text.rstrip(TRAILING_PARTICLES).translate(_RELEASED)


def take_intent(text: str, gap: str = "") -> tuple[str, str]:
    """(the first intent whose words the text has — target, progress, actual, source — or "", the text
    with every intent word replaced by `gap`)."""
    intent = ""
    for name, words in INTENT_WORDS.items():
        for word in words:
            if word in text:
                intent = intent or name
                text = text.replace(word, gap)
    return intent, text


def _cut(text: str, start: int, end: int) -> str:
    return text[:start] + " " + text[end:]


# -- the wrapper around a question -------------------------------------------------------------------
def read_fillers(text: str, found: dict | None = None) -> tuple[bool, str]:
    """(whether any filler of spoken input was there, the text with each filler a BREAK and a clause
    said twice kept once: 独角兽/独角兽培育企业 → 独角兽培育企业). Input: normalised with breaks."""
    rest = FILLERS.sub(BREAK, text)
    clauses = rest.split(BREAK)
    kept = [c for k, c in enumerate(clauses)
            if not (c and k + 1 < len(clauses) and clauses[k + 1].startswith(c))]
    rest = BREAK.join(kept)
    return rest != text, rest


def read_clauses(text: str, found: dict | None = None) -> tuple[tuple[str, ...], str]:
    """(the clauses with the polite wrapper, a leading 那 and trailing particles removed, empty ones and
    those that only address someone dropped; those clauses joined by BREAK)."""
    kept = []
    for clause in text.split(BREAK):
        clause = POLITE.sub("", clause)
        clause = LEAD_PARTICLE.sub("", clause).rstrip(CLAUSE_PARTICLES)
        if clause and not VOCATIVE.fullmatch(clause):
            kept.append(clause)
    return tuple(kept), BREAK.join(kept)


def read_greeting(text: str, found: dict | None = None) -> tuple[bool, str]:
    """(said to the bot rather than asked — 你好, 你是谁 — with nothing else asked, the text unchanged).
    `found["normalized"]`: the whole message, as a greeting may sit in the wrapper that was removed."""
    normalized = (found or {}).get("normalized", text.replace(BREAK, ""))
    rest = text.replace(BREAK, "")
    unwrapped = POLITE.sub("", normalized)
    greeting = bool(GREETING.search(normalized)) and not (
        GREETING.sub("", rest).rstrip(TRAILING_PARTICLES) and GREETING.sub("", unwrapped).strip(TRAILING_PARTICLES))
    return greeting, text


def read_to_people(text: str, found: dict | None = None) -> tuple[bool, str]:
    """(asked of the people in the chat — 谁有充电器 — rather than of the bot, the text unchanged)."""
    return bool(TO_PEOPLE.search(text)), text


def read_follow_up(text: str, found: dict | None = None) -> tuple[bool, str]:
    """(worded as a follow-up: 那…, 还有…, …呢 — of the whole message, the text unchanged)."""
    return bool(FOLLOW_UP.search((found or {}).get("normalized", text))), text


# -- where and when ----------------------------------------------------------------------------------
def read_ranking(text: str, found: dict | None = None) -> tuple[tuple[bool, int | None], str]:
    """((a rank is asked, the rank named: 第三 → 3, 最多 → 1), the text with each way of asking a rank
    written 排名). 民营占了一半没有 becomes a share (占比) compared with 50%."""
    ranking = bool("排名" in text or RANK.search(text) or ORDINAL.search(text) or TOP.search(text))
    ordinal = None
    if (found_ := ORDINAL.search(text)) and not RANK.search(text):
        digits = found_.group(1)
        ordinal = int(digits) if digits.isdigit() else ORDINALS[digits]
    elif TOP.search(text) and not RANK.search(text):
        ordinal = 1
    text = SCOPED_RANK.sub("", re.sub(r"占?了?一半", "占比", text))
    text = TOP.sub("排名", ORDINAL.sub("排名", RANK.sub("排名", text)))
    return (ranking, ordinal), text


def read_places(text: str, found: dict | None = None) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], str]:
    """((the cities named, in the order written; the scopes of a rank: 全国, 江苏 …), the rest).
    A scope counts as one only in a rank question (`found["ranking"]`)."""
    ranking = (found or {}).get("ranking", False)
    if CITY_LEVEL.search(text):
        for place in (p for p in TOWNS if p != DEFAULT_CITY and p in text):
            for context in CONTEXT_PLACE:
                text = re.sub(context.format(place), " ", text)
    original = text
    cities, scopes = [], []
    for place in PLACES_AND_SCOPES:
        if place not in text:
            continue
        if ranking and place in RANK_SCOPES:
            scopes.append(SCOPE_SYNONYMS.get(place, place))
            text = re.sub(f"(?:在)?{place}(?:范围内|范围|内)?", " ", text)
        elif place in ASKED_PLACES:
            cities.append(place)
            text = re.sub(f"{place}[市区县]?", " ", text)  # 吴江区 is 吴江
    if ranking:
        text = text.replace("在", "")
    cities.sort(key=original.find)
    if cities and DEFAULT_CITY not in cities and _default_city_too(original, (found or {}).get("follow_up", False)):
        cities.insert(0, DEFAULT_CITY)
    return (tuple(cities), tuple(scopes)), text


def _default_city_too(text: str, follow_up: bool) -> bool:
    """Is one clause asked with no place and the same again for a place named (高企目标和昆山的高企目标),
    or a place alone asked after it as a follow-up (高企目标/另外昆山的呢: `follow_up`)? Then the clause with
    no place asks about the default city; a place alone beside it (工业投资 昆山) is that clause's place."""
    pieces = []
    for piece in JOINERS.split(text):
        bare = piece
        for place in PLACES:
            bare = bare.replace(place, "")
        pieces.append((bare != piece, _bare(take_intent(bare)[1]), follow_up))
    placeless = {words for named, words, _ in pieces if not named and words}
    return bool(placeless) and any(named and (words in placeless or not words and alone)
                                   for named, words, alone in pieces)


def read_growth(text: str, found: dict | None = None) -> tuple[tuple[bool, str], str]:
    """((同比/增速 asked — the published growth rate, not an amount —, those words as written), the rest)."""
    if not GROWTH.search(text) or AMOUNT_ASKED.search(text):
        return (False, ""), text
    return (True, strip_noise(GROWTH.search(text).group(0))), GROWTH.sub(" ", text)


def read_previous_year(text: str, found: dict | None = None) -> tuple[bool, str]:
    """(比上年: the difference from the year before is asked — unless 同比 asked a rate —, the rest)."""
    asked = bool(PREVIOUS_YEAR.search(text)) and not (found or {}).get("growth", False)
    return asked, PREVIOUS_YEAR.sub(" ", text)


def read_years(text: str, found: dict | None = None) -> tuple[tuple[int | None, tuple[int, ...]], str]:
    """((the year asked — one written out wins over 今年/去年 —, every year named in order), the rest).
    `found["today"]` is what 今年 means (default: the real date)."""
    today = (found or {}).get("today") or date.today()
    relative: list[tuple[int, int]] = []  # (position, year)
    for word, offset in RELATIVE_YEARS.items():
        if (at := text.find(word)) >= 0:
            relative.append((at, today.year + offset))
            text = text.replace(word, " " * len(word))
    explicit: list[tuple[int, int]] = []
    while match := YEAR.search(text):
        explicit.append((match.start(), int(match.group(1))))
        text = _cut(text, match.start(), match.end())
    while short := SHORT_YEAR.search(text):
        explicit.append((short.start(), 2000 + int(short.group(1))))
        text = _cut(text, short.start(), short.end())
    ordered = tuple(dict.fromkeys(y for _, y in sorted(explicit + relative)))
    year = min(explicit)[1] if explicit else (min(relative)[1] if relative else None)
    return (year, ordered), text


def read_as_of(text: str, found: dict | None = None) -> tuple[bool, str]:
    """(数据截至几月: asked when the figures reach, the rest)."""
    return bool(AS_OF.search(text)), AS_OF.sub(" ", text)


def read_period(text: str, found: dict | None = None) -> tuple[str, str]:
    """(the first period written that knowledge.periods.parse_period reads — 1至10月, 前9个月, 上半年 —
    as written or "", the rest). Read in the first year named (`found["years"]`), else this year."""
    found = found or {}
    years = found.get("years") or ((found.get("today") or date.today()).year,)
    if plan := PLAN_PERIOD.search(text):  # no month span: kept as written, for "no data for it"
        return plan.group(0), _cut(text, plan.start(), plan.end())
    for match in PERIOD_SPAN.finditer(text):
        try:
            parse_period(match.group(0), years[0])
        except PeriodError:
            continue
        return match.group(0), _cut(text, match.start(), match.end())
    return "", text


# -- what is asked -----------------------------------------------------------------------------------
def _figure(match: re.Match) -> Figure | None:
    number, magnitude, unit = match.group(1), match.group(2) or "", match.group(3) or ""
    if not (magnitude or unit or len(number) >= 3 or "." in number):
        return None
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    if magnitude == "千亿":
        value, magnitude = value * 1000, "亿"
    elif magnitude == "千":
        value, magnitude = value * 1000, ""
    unit = {"pflops": "PFLOPS"}.get(unit, unit)
    return Figure(value, magnitude + unit, text=match.group(0))


def read_figures(text: str, found: dict | None = None) -> tuple[tuple[Figure, ...], str]:
    """(the figures quoted back — 5万亿, 180家, 57%, 2500 —, in order, the rest)."""
    figures = []
    for match in reversed(list(FIGURE.finditer(text))):
        if (figure := _figure(match)) is not None:
            figures.insert(0, figure)
            text = _cut(text, match.start(), match.end())
    return tuple(figures), text


def read_asks_year(text: str, found: dict | None = None) -> tuple[bool, str]:
    """(哪一年/什么时候: the year of a fact is asked, the rest)."""
    return bool(ASKS_YEAR.search(text)), ASKS_YEAR.sub(" ", text)


def read_asks_city(text: str, found: dict | None = None) -> tuple[bool, str]:
    """(哪个城市/是谁: the city of a fact is asked — only in a rank question or about a figure quoted
    (`found["ranking"]`, `found["figures"]`) —, the rest)."""
    found = found or {}
    asks = bool(ASKS_CITY.search(text)) and (found.get("ranking", False) or bool(found.get("figures")))
    if asks and not NAMES_CITY.search(text) and LIST_NOUN.search(text):
        asks = False  # 目标1000家的是哪个: which target, not which city
    return asks, ASKS_CITY.sub(" ", text) if asks else text


def read_compare(text: str, found: dict | None = None) -> tuple[bool, str]:
    """(a difference is asked — 相差, 多多少, 比上年, or 苏州和上海谁的…多 with two cities named —, the rest)."""
    found = found or {}
    if len(found.get("cities", ())) >= 2 and (which := WHICH_MORE.search(text)):
        return True, COMPARE.sub(" ", f"{text[:which.start()]} {which.group(1)} {text[which.end():]}")
    compare = found.get("previous_year", False) or bool(COMPARE.search(text))
    return compare, COMPARE.sub(" ", text) if compare else text


def read_listing(text: str, found: dict | None = None) -> tuple[str, str]:
    """("" | "all" | "count" | a ProgressStatus | "category:<words>" — see Question.listing —, the text
    unchanged: a list asked is answered from the list, the words stay for matching)."""
    from knowledge.labels import STATUS_LABELS
    from knowledge.progress import BEHIND, DONE, NO_DATA

    flat = text.replace(BREAK, "")
    # the statuses' own words (滞后, 已完成 …) and the ways people say them
    status_words = {label: status for status, label in STATUS_LABELS.items()}
    status_words.update({"没数据": NO_DATA, "没有数据": NO_DATA, "无数据": NO_DATA, "未录入": NO_DATA,
                         "没录入": NO_DATA, "落后": BEHIND, "完成了": DONE, "已经完成": DONE,
                         "完成的": DONE, "达标": DONE})
    asks_list = bool(LIST_WORDS.search(flat))
    for word in sorted(status_words, key=len, reverse=True):
        if word in flat and (asks_list or COUNT.search(flat)):
            return status_words[word], text
    if not LIST_NOUN.search(flat):
        return "", text
    if COUNT.search(flat) and asks_list or re.search(r"(?:多少|几)(?:个|项|条)(?:目标|指标|任务)", flat):
        return "count", text
    if not asks_list:
        return "", text
    rest = ADVERB.sub("", CATEGORY_TAIL.sub("", strip_noise(LIST_NOUN.sub("", LIST_WORDS.sub("", flat))))).replace(" ", "")
    return (f"category:{rest}" if rest else "all"), text


def read_intent(text: str, found: dict | None = None) -> tuple[str, str]:
    """(target | progress | actual | source | "", the rest). 建得怎么样: the verb before 得 asks how it
    goes and names nothing; 数据截至几月 (`found["asks_as_of"]`) asks for the actual figures."""
    hint = ""
    if re.search(r"得(?=怎么样|咋样|如何|怎样)", text):
        hint = "progress"
        text = re.sub(r"(?:建|供|做|干|搞|推进|完成|落实|弄)?得(?=怎么样|咋样|如何|怎样)", "", text)
    intent, text = take_intent(text, " ")
    intent = hint or intent or ("actual" if (found or {}).get("asks_as_of") else "")
    return intent, DATA_WORD.sub(" ", text.rstrip())


def _bare(text: str) -> str:
    return ADVERB.sub("", strip_noise(text.replace(" ", ""))).strip(".&")


def read_core(text: str, found: dict | None = None) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], str]:
    """((the core — the words that name the indicator(s) —, the parts when several things are asked
    (split at breaks and 和/跟/与/以及), the segments — the core's words still apart where a slot,
    filler or joining word was between them —, the loose parts — the parts that were a clause of
    their own, not joined to another by 和/跟/与), "")."""
    pieces = with_subjects(tuple(p for p in (_bare(p) for p in JOINERS.split(text)) if p))
    core = pieces[0] if len(pieces) == 1 else _bare(text.replace(BREAK, ""))
    # 的 stays in the segments (strip_noise would drop it): it says which noun modifies which
    segments = tuple(s for s in (_bare(s.replace("的", "\ue000")).replace("\ue000", "的")
                                 for s in re.split(rf"\s+|{JOINERS.pattern}", text)) if s.strip("的"))
    loose = tuple(p for p in (_bare(c) for c in text.split(BREAK) if not JOINERS.search(c)) if p)
    return (core, pieces if len(pieces) > 1 else (), segments, loose), ""


# A part that is only a share (民营工业产值和占比) is the share of what the part before it names.
_SHARE_ONLY = re.compile(r"(?:占比|比重|比例)")
_POINTS_BACK = re.compile(r"它的?|其")
_MEASURE_END = re.compile(r"(?:总?产值|增加值|营业收入|营收|总额|总量|规模)$")


def with_subjects(parts: tuple[str, ...]) -> tuple[str, ...]:
    """The parts, each share said alone or a 它 given the subject of the part before it (民营工业产值, 占比 →
    民营工业产值, 民营工业占比; 高新技术产业产值, 它占规上的比重 → …, 高新技术产业占规上的比重)."""
    carried = list(parts)
    for k in range(1, len(carried)):
        subject = _MEASURE_END.sub("", carried[k - 1])
        if subject and _SHARE_ONLY.fullmatch(carried[k]):
            carried[k] = subject + carried[k]
        elif subject and (pointing := _POINTS_BACK.match(carried[k])):  # 它占规上的比重: 它 is the thing before
            carried[k] = subject + carried[k][pointing.end():]
    return tuple(carried)
