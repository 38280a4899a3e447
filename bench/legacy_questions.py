"""A frozen copy of knowledge/questions.py as it was before issue 22 (one 153-line parse_question), kept
only so that bench/bench_matcher.py can time the new slot-reader pipeline against it in the same run.
Not used by the bot.

From a raw chat message to a Question: normalised text, the slots and the core(s).

Normalising: NFKC (full-width → half-width), traditional → simplified (OpenCC), lower case, the bot's
@mention, emoji and punctuation removed. Clause breaks (spaces, commas, 、) are kept as BREAK while
the slots are read, so "高企、小巨人" can be split into the two things asked about. Then come out:
the polite wrapper (领导好, 麻烦问一下, 写材料要用, 谢谢🙏), the city and the ranking scope (全国/江苏/
内地/长三角 in a question about a rank), the years, a period (1-10月, 前9个月, 上半年: located here,
read by knowledge.periods.parse_period), 同比/增速, 数据截至几月, figures quoted back (5万亿, 180家), the intent
(目标 / 进度 / 实际, colloquial forms 咋样, 能不能完成, 还差多少, 盘子多大 included), what kind of
answer is wanted (which year, which city, a difference, a list) and the words that carry no meaning
for matching (请问, 多少, 呢 …). What remains is the core, matched against indicator names; indicator
names and aliases go through the same `core_of`, so both sides are compared alike.

The words and patterns applied here are knowledge/question_words.py's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from knowledge.periods import PeriodError, parse_period
from knowledge.places import PLACES, RANK_SCOPES
from knowledge.quantities import Quantity
from knowledge.question_words import (
    ADVERB, AMOUNT_ASKED, ASKS_CITY, ASKS_YEAR, AS_OF, BREAKS, CATEGORY_TAIL, CLAUSE_PARTICLES, COMPARE, COUNT,
    COUNTED, DATA_WORD, FIGURE, FOLLOW_UP, GREETING, GROWTH, HOW_MANY, INCREMENT_MARKERS, INTENT_WORDS,
    LEAD_PARTICLE, LIST_NOUN, LIST_WORDS, MARKUP, MENTION, NAMES_CITY, NOISE_WORDS, ORDINAL,
    ORDINALS, PERIOD_SPAN, PLACES_AND_SCOPES, PLANNED_SUM, POLITE, PREVIOUS_YEAR, RANGE_DASH, RANK, RATIO_MARKERS,
    RELATIVE_YEARS, SCOPE_SYNONYMS, SHORT_YEAR, STOCK_MARKERS, TOP, TO_PEOPLE, TRAILING_PARTICLES, VOCATIVE,
    WHICH_MORE, YEAR,
)

MAX_QUESTION_CHARS = 200
BREAK = "/"


@dataclass(frozen=True)
class Figure(Quantity):
    """A number quoted in a question, in the unit and words written: Figure(Decimal('2500'), '亿', text='2500亿')."""

    text: str = ""


@dataclass(frozen=True)
class Question:
    raw: str
    normalized: str
    core: str
    cities: tuple[str, ...] = ()
    year: int | None = None
    intent: str = ""  # target | progress | actual | source | ""
    wants_ratio: bool = False
    wants_stock: bool = False  # a total (总数, 累计 …), not what is added
    too_long: bool = False
    notes: tuple[str, ...] = field(default=())
    parts: tuple[str, ...] = ()  # the cores of several things asked about at once, in order
    joined: bool = False  # the parts were joined by 和/跟/与/、 — each is meant as an indicator
    years: tuple[int, ...] = ()  # every year named, in order
    figures: tuple[Figure, ...] = ()
    scopes: tuple[str, ...] = ()  # 全国, 江苏 …: the scope of a ranking asked about
    ranking: bool = False
    ordinal: int | None = None  # 第三 → 3 (最多/居首 → 1)
    asks_year: bool = False
    asks_city: bool = False
    compare: bool = False
    previous_year: bool = False  # 比上年: the difference from the year before
    listing: str = ""  # "" | "all" | "count" | "as_of" | a ProgressStatus | "category:<words>"
    greeting: bool = False
    follow_up: bool = False  # worded as a follow-up: 那…, 还有…, …呢
    growth: bool = False  # 同比 / 增速: the published growth rate is asked for
    growth_words: str = ""  # those words as written (增速, 同比增长), for an indicator named with them
    period_text: str = ""  # a period as written (1至10月, 前9个月, 上半年), for knowledge.periods.parse_period
    asks_as_of: bool = False  # 数据截至几月


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters to simplified (OpenCC t2s); everything else unchanged."""
    return _converter().convert(text)


def _keep(char: str) -> bool:
    return char in "%&." or unicodedata.category(char)[0] in "LN"  # letters, digits, %, &, .


def normalize(text: str, breaks: bool = False) -> str:
    """NFKC, traditional → simplified, lower case, no @mention, no punctuation, symbols or spaces.

    With `breaks`, clause breaks (spaces, commas, 、, ?) become one BREAK each instead of vanishing.
    """
    # a lone surrogate (badly encoded console input) cannot reach OpenCC's UTF-8
    text = (text or "").encode("utf-8", "replace").decode("utf-8")
    text = unicodedata.normalize("NFKC", text)
    text = _converter().convert(text).lower()
    text = MENTION.sub("", text)
    text = MARKUP.sub(" ", text)
    text = RANGE_DASH.sub("至", text)
    if breaks:
        text = BREAKS.sub(BREAK, text)
        return "".join(c for c in text if _keep(c) or c == BREAK)
    return "".join(c for c in text if _keep(c))


def strip_noise(text: str) -> str:
    text = HOW_MANY.sub("", text)
    text = COUNTED.sub("", text)
    for word in NOISE_WORDS:
        text = text.replace(word, "")
    return text.rstrip(TRAILING_PARTICLES)


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


def core_of(text: str) -> str:
    """The part of an already normalised text that names an indicator."""
    return strip_noise(take_intent(text)[1]).strip(".&")


def _cut(text: str, start: int, end: int) -> str:
    return text[:start] + " " + text[end:]


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


def _clauses(text: str) -> list[str]:
    """Clauses with the polite wrapper and leading 那/trailing particles removed; empty ones dropped."""
    kept = []
    for clause in text.split(BREAK):
        clause = POLITE.sub("", clause)
        clause = LEAD_PARTICLE.sub("", clause).rstrip(CLAUSE_PARTICLES)
        if clause and not VOCATIVE.fullmatch(clause):
            kept.append(clause)
    return kept


def _listing(text: str) -> str:
    """"" | "all" | "count" | "as_of" | a ProgressStatus | "category:<words>" (see Question.listing)."""
    from knowledge.labels import STATUS_LABELS
    from knowledge.progress import BEHIND, DONE, NO_DATA

    # the statuses' own words (滞后, 已完成 …) and the ways people say them
    status_words = {label: status for status, label in STATUS_LABELS.items()}
    status_words.update({"没数据": NO_DATA, "没有数据": NO_DATA, "无数据": NO_DATA, "未录入": NO_DATA,
                         "没录入": NO_DATA, "落后": BEHIND, "完成了": DONE, "已经完成": DONE,
                         "完成的": DONE, "达标": DONE})
    asks_list = bool(LIST_WORDS.search(text))
    for word in sorted(status_words, key=len, reverse=True):
        if word in text and (asks_list or COUNT.search(text)):
            return status_words[word]
    if not LIST_NOUN.search(text):
        return ""
    if COUNT.search(text) and asks_list or re.search(r"(?:多少|几)(?:个|项|条)(?:目标|指标|任务)", text):
        return "count"
    if not asks_list:
        return ""
    rest = LIST_WORDS.sub("", text)
    rest = LIST_NOUN.sub("", rest)
    rest = CATEGORY_TAIL.sub("", strip_noise(rest))
    rest = rest.replace(" ", "")
    return f"category:{rest}" if rest else "all"


def parse_question(raw: str, today: date) -> Question:
    """Split a message into slots and core; never raises, whatever the text."""
    too_long = len(raw or "") > MAX_QUESTION_CHARS
    text = normalize((raw or "")[: MAX_QUESTION_CHARS * 4], breaks=True)
    if len(text.replace(BREAK, "")) > MAX_QUESTION_CHARS:
        too_long = True
    if too_long:
        flat = text.replace(BREAK, "")
        return Question(raw or "", flat[:MAX_QUESTION_CHARS], "", too_long=True)
    normalized = text.replace(BREAK, "")
    clauses = _clauses(text)
    rest = "".join(clauses)
    unwrapped = POLITE.sub("", normalized)
    greeting = bool(GREETING.search(normalized)) and not (
        GREETING.sub("", rest).rstrip(TRAILING_PARTICLES) and GREETING.sub("", unwrapped).strip(TRAILING_PARTICLES))
    if greeting:
        return Question(raw, normalized, "", greeting=True)
    follow_up = bool(FOLLOW_UP.search(normalized))
    text = BREAK.join(clauses)
    if TO_PEOPLE.search(text):
        return Question(raw, normalized, "")

    ranking = bool("排名" in text or RANK.search(text) or ORDINAL.search(text) or TOP.search(text))
    ordinal = None
    if (found := ORDINAL.search(text)) and not RANK.search(text):
        digits = found.group(1)
        ordinal = int(digits) if digits.isdigit() else ORDINALS[digits]
    elif TOP.search(text) and not RANK.search(text):
        ordinal = 1
    text = re.sub(r"占?了?一半", "占比", text)  # 民营占了一半没有: a share compared with 50%
    text = RANK.sub("排名", text)
    text = ORDINAL.sub("排名", text)
    text = TOP.sub("排名", text)

    cities, scopes = [], []
    for place in PLACES_AND_SCOPES:
        if place not in text:
            continue
        if ranking and place in RANK_SCOPES:
            scopes.append(SCOPE_SYNONYMS.get(place, place))
            text = re.sub(f"(?:在)?{place}(?:范围内|范围|内)?", " ", text)
        elif place in PLACES:
            cities.append(place)
            text = text.replace(place + "市", " ").replace(place, " ")
    if ranking:
        text = text.replace("在", "")

    growth = bool(GROWTH.search(text)) and not AMOUNT_ASKED.search(text)
    growth_words = ""
    if growth:
        growth_words = strip_noise(GROWTH.search(text).group(0))
        text = GROWTH.sub(" ", text)
    previous_year = bool(PREVIOUS_YEAR.search(text)) and not growth
    text = PREVIOUS_YEAR.sub(" ", text)
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
    ordered_years = tuple(dict.fromkeys(y for _, y in sorted(explicit + relative)))
    # a year written out wins over 今年/去年 in the same question
    year = min(explicit)[1] if explicit else (min(relative)[1] if relative else None)

    asks_as_of = bool(AS_OF.search(text))
    text = AS_OF.sub(" ", text)
    period_text = ""
    for match in PERIOD_SPAN.finditer(text):
        try:
            parse_period(match.group(0), ordered_years[0] if ordered_years else today.year)
        except PeriodError:
            continue
        period_text = match.group(0)
        text = _cut(text, match.start(), match.end())
        break

    figures = []
    for match in reversed(list(FIGURE.finditer(text))):
        if (figure := _figure(match)) is not None:
            figures.insert(0, figure)
            text = _cut(text, match.start(), match.end())

    asks_year = bool(ASKS_YEAR.search(text))
    text = ASKS_YEAR.sub(" ", text)
    asks_city = bool(ASKS_CITY.search(text)) and (ranking or bool(figures))
    if asks_city and not NAMES_CITY.search(text) and LIST_NOUN.search(text):
        asks_city = False  # 目标1000家的是哪个: which target, not which city
    if asks_city:
        text = ASKS_CITY.sub(" ", text)
    if len(cities) >= 2 and (which := WHICH_MORE.search(text)):
        text = f"{text[:which.start()]} {which.group(1)} {text[which.end():]}"  # 苏州和上海谁的千亿产业多
        compare = True
    else:
        compare = previous_year or bool(COMPARE.search(text))
    if compare:
        text = COMPARE.sub(" ", text)
    listing = _listing(text.replace(BREAK, ""))

    # 建得怎么样, 供得咋样: the verb before 得 asks how it goes, it names nothing
    if re.search(r"得(?=怎么样|咋样|如何|怎样)", text):
        intent_hint = "progress"
        text = re.sub(r"(?:建|供|做|干|搞|推进|完成|落实|弄)?得(?=怎么样|咋样|如何|怎样)", "", text)
    else:
        intent_hint = ""
    intent, text = take_intent(text, " ")
    intent = intent_hint or intent or ("actual" if asks_as_of else "")
    text = DATA_WORD.sub(" ", text.rstrip())
    flat = ADVERB.sub("", strip_noise(text.replace(" ", "").replace(BREAK, "")))
    pieces = [ADVERB.sub("", strip_noise(p.replace(" ", ""))).strip(".&")
              for p in re.split(r"/|以及|和|跟|与|及|还有", text)]
    pieces = [p for p in pieces if p]
    if len(pieces) == 1:
        flat = pieces[0]
    joined = bool(re.search(r"以及|和|跟|与|及|还有|、", raw or "")) and len(pieces) > 1
    wants_ratio = any(marker in flat for marker in RATIO_MARKERS)
    # 一共要建几个 sums a plan (of one or of the things listed), it does not ask for a stock
    planned = PLANNED_SUM.sub("", normalized)
    wants_stock = (intent != "progress" and any(marker in planned for marker in STOCK_MARKERS)
                   and not any(marker in planned for marker in INCREMENT_MARKERS))
    order = {c: normalized.find(c) for c in cities}
    return Question(
        raw=raw,
        normalized=normalized,
        core=flat.strip(".&"),
        cities=tuple(sorted(cities, key=order.get)),
        year=year,
        intent=intent,
        wants_ratio=wants_ratio,
        wants_stock=wants_stock,
        parts=tuple(pieces) if len(pieces) > 1 else (),
        joined=joined,
        years=ordered_years,
        figures=tuple(figures),
        scopes=tuple(scopes),
        ranking=ranking,
        ordinal=ordinal,
        asks_year=asks_year,
        asks_city=asks_city,
        compare=compare,
        previous_year=previous_year,
        listing=listing or ("as_of" if asks_as_of and not flat.strip(".&") and not pieces else ""),
        follow_up=follow_up,
        growth=growth,
        growth_words=growth_words,
        period_text=period_text,
        asks_as_of=asks_as_of,
    )
