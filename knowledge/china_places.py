"""China's prefecture- and county-level places (衢州市, 丰县, 浦东新区 and their short forms 衢州, 浦东),
read from the division list the cpca package ships, and where a question names one of them.

knowledge/places.py holds the places the bot reads anywhere (Suzhou, its 板块, the cities staff
compare with). Every other place of China is read here, only where a place is asked — before 的 and
an indicator's mention, at the start of a segment before one, glued directly before one, or alone as
a clause — so that "衢州的研发投入目标" is declined with 暂无衢州的…数据 rather than answered with
Suzhou's figure. Many short forms are also ordinary words (和平, 长安, 朝阳, 开发): reading them
only in those positions, and never a short form that is a word of the vocabulary (an indicator's
name or alias) or of knowledge/question_words.py, keeps them from being taken for places.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge import question_words
from knowledge.folding import fold
from knowledge.places import PLACES

if TYPE_CHECKING:  # the matcher and the question reader import what imports this module
    from datetime import date

    from knowledge.matcher import Matcher
    from knowledge.questions import Question

# The suffixes of a division's name, longest first; the stem before one is its usual short form
# (衢州市 → 衢州, 浦东新区 → 浦东, 延边朝鲜族自治州 → 延边 once the peoples' names are taken off too).
SUFFIXES = ("自治州", "自治县", "自治旗", "新区", "林区", "矿区", "特区", "地区", "市", "县", "区", "盟", "旗")
# Suzhou's own divisions (adcode 3205…) are knowledge/places.py's: 板块 keep their rules there.
SUZHOU_ADCODE = "3205"


def _data_dir() -> Path:
    """cpca's resources folder, found without importing cpca (its __init__ loads pandas and builds
    an automaton we do not need)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package (China's administrative divisions) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def _question_words(longest: int) -> set[str]:
    """Every piece of two to `longest` characters of the words knowledge/question_words.py holds
    (strings, collections, patterns), for telling whether a short form is one of its words."""
    texts = []
    for value in vars(question_words).values():
        if isinstance(value, re.Pattern):
            texts.append(value.pattern)
        elif isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            texts.extend(str(x) for pair in value.items() for x in pair)
        elif isinstance(value, (tuple, list, set, frozenset)):
            texts.extend(str(x) for x in value)
    runs = re.findall(r"[\u4e00-\u9fff]{2,}", "\n".join(texts))
    return {r[i:i + n] for r in runs for n in range(2, min(longest, len(r)) + 1) for i in range(len(r) - n + 1)}


def _short_form(name: str, peoples: tuple[str, ...]) -> str:
    stem = next((name[:-len(s)] for s in SUFFIXES if name.endswith(s)), name)
    while stem.endswith("族") and (people := next((p for p in peoples if stem.endswith(p)), None)):
        stem = stem[:-len(people)]
    return stem


@lru_cache(maxsize=1)
def china_places() -> dict[str, str]:
    """{a name as written — full (衢州市, 丰县) or short (衢州) —: the place as replies name it (衢州,
    丰县)}, for every prefecture- and county-level division of cpca's resources/adcodes.csv (adcode
    digits 3–6 not all zero) outside Suzhou and knowledge/places.PLACES. Left out: names of a single
    character, one-character stems several divisions share (城区, 郊区, 矿区: words, not places), names
    of no place (市辖区, …行政区划), and short forms that are words of knowledge/question_words.py.
    Read once. Raises RuntimeError when cpca is not installed."""
    folder = _data_dir()
    with open(folder / "56_nations.csv", encoding="utf-8") as f:
        peoples = tuple(sorted((line.strip() for line in f if line.strip()), key=len, reverse=True))
    with open(folder / "adcodes.csv", encoding="utf-8", newline="") as f:
        rows = [(r["adcode"], r["name"].strip()) for r in csv.DictReader(f)
                if r["adcode"][2:4] != "00" and not r["adcode"].startswith(SUZHOU_ADCODE)]
    named = [(name, _short_form(name, peoples)) for _, name in rows]
    stems = Counter(short for _, short in named)
    words = _question_words(max((len(short) for _, short in named), default=2))
    known = set(PLACES)
    found: dict[str, str] = {}
    for name, short in named:
        if "辖" in name or "行政区划" in name or len(name) < 2 or short in known or name in known:
            continue
        if len(short) < 2 and stems[short] > 1:
            continue  # 城区, 郊区: a word many divisions share
        usable = len(short) >= 2 and short not in words
        place = short if usable else name
        found.setdefault(name, place)
        if usable:
            found.setdefault(short, place)
    return found


@lru_cache(maxsize=1)
def longest_name() -> int:
    return max(map(len, china_places()), default=0)


def places_asked(question: Question, matcher: Matcher) -> list[tuple[str, str]]:
    """[(the span as written, the place)] for each place of china_places() a question names where a
    place is asked (see the module docstring), in reading order: "衢州的研发投入目标" → [("衢州", "衢州")];
    "丰县高企目标" → [("丰县", "丰县")]; "研发投入目标 衢州" → [("衢州", "衢州")]; "朝阳产业的工业投资" → []."""
    if not question.core:
        return []
    places = china_places()
    found = []
    mentions = matcher.mentions(question)
    for k, segment in enumerate(question.segments):
        ends = [0] + [m.end for m in mentions if m.segment == k]
        starts = [m.start for m in mentions if m.segment == k]
        if not starts:  # a clause that is a place alone (研发投入目标 衢州, 那衢州呢)
            if (span := segment.removesuffix(question_words.MODIFIER_MARK)) in places:
                found.append(span)
            continue
        for left_end, start in zip(ends, starts):
            run = question_words.PHRASE_ENDS.split(segment[left_end:start])[-1]
            if (span := _place_ending(run.removesuffix(question_words.MODIFIER_MARK), places)) is not None:
                found.append(span)
    return [(span, places[span]) for span in dict.fromkeys(found) if not _in_vocabulary(span, matcher)]


def _place_ending(run: str, places: dict[str, str]) -> str | None:
    """The run itself when it names a place (衢州, 张家口, 浦东新区), else the full name it ends with
    (…衢州市, …丰县); None otherwise."""
    if run in places:
        return run
    for size in range(min(len(run), longest_name()), 1, -1):
        tail = run[-size:]
        if tail in places and tail.endswith(SUFFIXES):
            return tail
    return None


def _in_vocabulary(word: str, matcher: Matcher) -> bool:
    """Does an indicator's name or alias hold `word` (高新 of 高新技术企业)? Looked up among the aliases
    holding its rarest character (the matcher's postings), not over all of them."""
    rows = []
    for char in set(fold(word, matcher.folds)):
        if char not in matcher.postings:
            return False
        rows.append(matcher.postings[char][0])
    fewest = min(rows, key=len)
    return any(word in matcher.alias_text[i] for i in fewest)


def with_places_asked(question: Question, text: str, matcher: Matcher, today: date) -> Question:
    """The question read again without the places of china_places() it asks about (places_asked), those
    places added to its cities in the order written; the question itself when it names none. `text`:
    the message the question was read from."""
    from dataclasses import replace

    from knowledge.questions import parse_question

    asked = places_asked(question, matcher)
    if not asked:
        return question
    for span, _ in asked:
        text = text.replace(span, " ", 1) if span in text else question.normalized.replace(span, " ", 1)
    again = parse_question(text, today)
    cities = sorted(set(again.cities) | {place for _, place in asked},
                    key=lambda c: question.normalized.find(c) % (len(question.normalized) + 1))
    return replace(again, raw=question.raw, normalized=question.normalized, cities=tuple(cities))
