"""From a raw chat message to a Question: normalised text, the slots and the core(s).

Normalising: NFKC (full-width → half-width), traditional → simplified (OpenCC), lower case, the bot's
@mention, emoji and punctuation removed. Clause breaks (spaces, commas, 、) are kept as BREAK while
the slots are read, so "高企、小巨人" can be split into the two things asked about. Then READERS, the
slot readers of knowledge/slots.py, run in order, each taking out what it reads: spoken fillers
(嗯, 那个, 来着), the polite wrapper (领导好, 写材料要用, 谢谢🙏), the city and the ranking scope, the years,
a period (read by knowledge.periods.parse_period), 同比/增速, 数据截至几月, figures quoted back, the intent
(目标 / 进度 / 实际), what kind of answer is wanted (which year, which city, a difference, a list) and the
words that carry no meaning for matching (请问, 多少, 呢 …). What remains is the core, matched against
indicator names; indicator names and aliases go through the same `core_of`, so both sides are compared
alike. The segments keep the core's words apart where something was taken out between them, for
finding the mentions of an indicator (knowledge/matcher.py).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from knowledge.check_pairs import read_paired_checks
from knowledge.checks import Check, read_check
from knowledge.documents import read_document
from knowledge.numerals import numerals_in_digits
from knowledge.places import park_named
from knowledge.predicates import read_predicate, read_share
from knowledge.question_words import (  # noqa: F401 — INTENT_WORDS, NOISE_WORDS are used from here
    BREAKS, EXISTING, INCREMENT_MARKERS, PLAN_ASKED, INTENT_WORDS, ITEM_NUMBER, MARKUP, MENTION, NOISE_WORDS, FIGURE_QUERIED, PLANNED_SUM, PLUS_JOIN,
    RANGE_DASH, RATIO_MARKERS, STOCK_MARKERS,
)
from knowledge.slots import (  # noqa: F401 — Figure, strip_noise and take_intent are used from here
    BREAK, Figure, read_as_of, read_asks_city, read_asks_year, read_clauses, read_compare, read_core, read_figures,
    read_fillers, read_follow_up, read_greeting, read_growth, read_intent, read_listing, read_period, read_places,
    read_previous_year, read_ranking, read_to_people, read_years, strip_noise, take_intent,
)
from knowledge.themes import read_theme

MAX_QUESTION_CHARS = 200


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
    segments: tuple[str, ...] = ()  # the core's words, still apart where a slot, filler or break was between
    quotes_plan: bool = False  # the plan is named or its wording asked for (那条怎么写的): show its sentence
    theme: str = ""  # a group of targets asked for: "" | themes.ALL | pieces joined by "/" (knowledge.themes)
    check: Check | None = None  # 是不是89%, 是8500亿吗: a figure quoted to be confirmed (knowledge/checks.py)
    checks: tuple[Check, ...] = ()  # 高企500家 小巨人180家 对吗: each figure with its clause's words (check_pairs.py)
    loose_parts: tuple[str, ...] = ()  # parts that were a clause of their own (not joined by 和/跟/与/、)


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
    text = numerals_in_digits(_converter().convert(text).lower())  # 二〇二六年 → 2026年, 百分之八十九 → 89%
    text = park_named(text)  # 我们园区 → 苏州工业园区: a place, never a word to drop
    text = FIGURE_QUERIED.sub(lambda m: m[1] + ("吗 " if m.end() < len(m.string) else "吗"), text.strip())
    text = MENTION.sub("", text)
    text = MARKUP.sub(" ", text)
    text = PLUS_JOIN.sub("和", RANGE_DASH.sub("至", ITEM_NUMBER.sub(" ", text)))
    if breaks:
        text = BREAKS.sub(BREAK, text)
        return "".join(c for c in text if _keep(c) or c == BREAK)
    return "".join(c for c in text if _keep(c))


def core_of(text: str) -> str:
    """The part of an already normalised text that names an indicator."""
    return strip_noise(take_intent(text)[1]).strip(".&")


# The slot readers in the order they run, each `read_X(text, found) -> (slot, rest)` (knowledge/slots.py),
# with the Question field(s) its slot fills. A reader sees the text the ones before it left, so a new
# one goes where the words it reads are still there and the words it must not see are gone.
READERS = (
    (("checks",), read_paired_checks),
    (("check",), read_check),
    (("spoken",), read_fillers),
    (("clauses",), read_clauses),
    (("greeting",), read_greeting),
    (("follow_up",), read_follow_up),
    (("to_people",), read_to_people),
    (("quotes_plan",), read_document),
    (("share",), read_share),
    (("ranking", "ordinal"), read_ranking),
    (("cities", "scopes"), read_places),
    (("growth", "growth_words"), read_growth),
    (("previous_year",), read_previous_year),
    (("year", "years"), read_years),
    (("asks_as_of",), read_as_of),
    (("period_text",), read_period),
    (("theme",), read_theme),
    (("figures",), read_figures),
    (("predicate",), read_predicate),
    (("asks_year",), read_asks_year),
    (("asks_city",), read_asks_city),
    (("compare",), read_compare),
    (("listing",), read_listing),
    (("intent",), read_intent),
    (("core", "parts", "segments", "loose_parts"), read_core),
)
# Slots after which nothing more is read: a greeting, or words said to the people in the chat.
STOP_AFTER = ("greeting", "to_people")


def read_slots(text: str, found: dict) -> dict:
    """Run READERS over a normalised text (breaks kept); `found` starts with `today` and `normalized`
    and comes back with every slot read, or with the first of STOP_AFTER true and the rest unread."""
    for names, reader in READERS:
        value, text = reader(text, found)
        found.update(zip(names, value) if len(names) > 1 else ((names[0], value),))
        if any(found.get(name) for name in STOP_AFTER):
            break
    return found


def parse_question(raw: str, today: date) -> Question:
    """Split a message into slots and core; never raises, whatever the text."""
    too_long = len(raw or "") > MAX_QUESTION_CHARS
    text = normalize((raw or "")[: MAX_QUESTION_CHARS * 4], breaks=True)
    normalized = text.replace(BREAK, "")
    if too_long or len(normalized) > MAX_QUESTION_CHARS:
        return Question(raw or "", normalized[:MAX_QUESTION_CHARS], "", too_long=True)
    found = read_slots(text, {"today": today, "normalized": normalized})
    if found.get("greeting"):
        return Question(raw, normalized, "", greeting=True)
    if found.get("to_people"):
        return Question(raw, normalized, "")
    core, parts = found["core"], found["parts"]
    # 一共要建几个 sums a plan (of one or of the things listed), it does not ask for a stock
    planned = PLANNED_SUM.sub("", normalized)
    exists = bool(EXISTING.search(planned)) and not PLAN_ASKED.search(planned)
    wants_stock = (found["intent"] != "progress" and (exists or any(marker in planned for marker in STOCK_MARKERS))
                   and not any(marker in planned for marker in INCREMENT_MARKERS))
    intent = found["intent"] or ("source" if found["quotes_plan"] else "")
    listing = found["listing"] or ("as_of" if found["asks_as_of"] and not core and not parts else "")
    slots = {name: found[name] for names, _ in READERS for name in names if name in Question.__dataclass_fields__}
    return Question(**slots | {
        "raw": raw, "normalized": normalized, "listing": listing, "intent": intent, "wants_stock": wants_stock,
        "wants_ratio": any(marker in core for marker in RATIO_MARKERS),
        # + reads as 和; 分别: each part asked
        "joined": bool(re.search(r"以及|和|跟|与|及|还有|、|分别|各自", f"{raw or ''}{normalized}")) and bool(parts),
        "loose_parts": () if "、" in (raw or "") else found["loose_parts"],  # 、 lists the things asked
    })
