"""Short forms staff type for an indicator's name: 工增 for 工业增加值, 工投 for 工业投资, 生服业 for
生产性服务业, 规上 for 规模以上 — derived from the names and aliases when the matcher is built.

The rule (how Chinese official names are shortened): a run of two or three words of the name is replaced
by the first character of each word, in order (工业|增加值 → 工增, 生产性|服务业 → 生服; of 以上, 以下 the
second: 规模|以上 → 规上), sometimes with the last character of the run's last word kept when that word
has three (服务业 → 生服业); the words around the run stay as written (生产性|服务业|增加值 → 生服业增加值,
规模|以上|工业|总产值 → 规上工业总产值).

Words are found without a dictionary. A segmenter such as jieba would need ≈0.65 s and ≈87 MB resident
to load its dictionary, for a bot whose whole resting size goal is 110 MB (bench/bench_idle_rss.py), and
still keeps 投资总额 or 高新技术 as one word. The names are officialese built of two-character words,
a third character added when it is a suffix (生产|性, 服务|业, 增加|值, 领航|级, 数据|集, 小巨|人), and a
few one-character words (占, 和, 超, 全). A four-character word is read as two, unless the vocabulary
itself shortens it to its first half (高新技术企业 beside 高新企业: 高新技术|企业 → 高企, 新增高企).

A short form is kept only if it could not mean something else: never a name or alias (an indicator's
own words win), never a piece of one (规上 is inside 规上工业总产值: a word in its own right, not a short
form), never chatter (knowledge/aliases.is_chatter), no run of words beginning with a numeral (两化|融合
→ 两融, a word of finance). A short form derived for two indicators keeps both, so the matcher asks
which is meant. The matcher takes a short form only as the whole question core, and never by sound or
near miss (工头 sounds like 工投). Without a dictionary a short form can still be a common word (民营|工业
→ 民工, 工业|地位 → 工地); typed as a whole message, such a word gets that indicator's figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.aliases import is_chatter

# A character that ends a word begun by the two before it: 生产性, 服务业, 信息化, 领航级, 大模型, 增加值,
# 建有率, 达成度, 高质量, 高新区, 数据集, 小巨人, 千万元.
SUFFIXES = "性业化级型类值率度量区集人元"
# One-character words of names: 占GDP比重, 信息化和工业化, 超千万元, 全社会.
ONE_CHARACTER_WORDS = "占和与及超全"
_CJK = "\u4e00-\u9fff"
_WORD = re.compile(f"[^{_CJK}]+|[{ONE_CHARACTER_WORDS}]|[{_CJK}]{{2}}[{SUFFIXES}]?|[{_CJK}]")
MIN_WORDS = 2
MAX_RUN = 3  # longer runs make strings nobody types (新国制单冠企)
NUMERALS = frozenset("〇零一二两三四五六七八九十百千万亿")
# A word begun by one of these keeps its second character: 规模|以上 → 规上 (以 only says "from … on").
BOUND_FIRST = "以"
# Pieces of the vocabulary up to this length are checked against short forms of the same length; a longer
# short form keeps a word of the name whole, so it is no common word.
PIECE_LENGTH = 3


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def words(name: str, compounds: frozenset[str] = frozenset()) -> list[str]:
    """The words of a normalised name, in order: '生产性服务业增加值' → ['生产性', '服务业', '增加值'].

    A run of letters or digits is one word ('占gdp比重' → ['占', 'gdp', '比重']). Rule: see the module
    docstring; a character left alone joins the word before it. Two neighbours that make one of
    `compounds` are one word (高新技术: see `compounds_of`).
    """
    found: list[str] = []
    for word in _WORD.findall(name):
        alone = len(word) == 1 and word not in ONE_CHARACTER_WORDS and _is_cjk(word)
        if found and (alone and _is_cjk(found[-1][-1]) or found[-1] + word in compounds):
            found[-1] += word
        else:
            found.append(word)
    return found


def compounds_of(names: Iterable[str]) -> frozenset[str]:
    """Four-character words that the vocabulary itself shortens to their first half: 高新技术, since one
    name says 高新技术企业 and another 高新企业. A name's neighbouring words A B C, where another name of
    the same indicator has A C, make A B one word (A stands for it)."""
    group = list(names)
    found = set()
    for name in group:
        parts = words(name)
        for k in range(len(parts) - 2):
            first, second, third = parts[k:k + 3]
            if len(first) == len(second) == 2 and any(first + third in other for other in group if other != name):
                found.add(first + second)
    return frozenset(found)


def forms_of(name: str, compounds: frozenset[str] = frozenset()) -> set[str]:
    """Every short form of one normalised name, its words read plainly and with `compounds`: each run of
    two or three words shortened (see the module docstring), the words around it as written.
    '工业投资总额' → {'工投总额', '工业投总', '工投总'}; unchecked (see `short_forms`)."""
    plain = words(name)
    joined = words(name, compounds) if compounds else plain
    return _forms(plain) | (_forms(joined) if joined != plain else set())


def _forms(parts: list[str]) -> set[str]:
    """A run holds only Chinese words of two or more characters, none beginning with a numeral (两化|融合,
    亿元|项目: their initials would read as a number or as another word)."""
    usable = [len(word) >= 2 and _is_cjk(word[0]) and word[0] not in NUMERALS for word in parts]
    kept = [word[1] if word[0] in BOUND_FIRST and len(word) > 1 else word[0] for word in parts]
    forms = set()
    for start in range(len(parts) - 1):
        head, initials = "".join(parts[:start]), kept[start]
        for end in range(start + 1, min(start + MAX_RUN, len(parts))):
            if not (usable[start] and usable[end]):
                break
            initials += kept[end]
            tail = "".join(parts[end + 1:])
            forms.add(head + initials + tail)
            if len(parts[end]) == 3:  # 生产性|服务业 → 生服业
                forms.add(head + initials + parts[end][-1] + tail)
    return forms


def short_forms(names: list[list[str]]) -> dict[str, list[int]]:
    """{short form: the positions in `names` of the indicators it shortens}, for every indicator's
    normalised names and aliases (`names[i]`, as the Matcher holds them), the checks of the module
    docstring applied. Shared forms list every owner; an indicator's own names are never keys."""
    known = {name for group in names for name in group}
    pieces = _pieces(known)
    found: dict[str, list[int]] = {}
    for position, group in enumerate(names):
        compounds = compounds_of(group)
        for name in group:
            for form in forms_of(name, compounds):
                holders = found.setdefault(form, [])
                if position not in holders:
                    holders.append(position)
    return {form: holders for form, holders in found.items()
            if form not in known and not (len(form) <= PIECE_LENGTH and form in pieces) and not is_chatter(form)}


def _pieces(texts: Iterable[str]) -> set[str]:
    """Every piece of two to PIECE_LENGTH characters of the texts."""
    return {text[k:k + size] for text in texts for size in range(2, PIECE_LENGTH + 1)
            for k in range(len(text) - size + 1)}
