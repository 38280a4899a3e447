"""Pinyin folding: characters that sound alike map to one token, so 研发头入 meets 研发投入 and 瞪铃 meets 瞪羚.

Each toneless syllable becomes one private-use character, so a folded string keeps the length and
order of the original and rapidfuzz compares it like any other string. Only syllables that occur in
the vocabulary matter (a query character that sounds like none of them cannot help a match), so
the fold table holds just those characters; it is built with pypinyin when the vocabulary changes
and kept in SQLite, so answering a question never loads pypinyin's 0.5 s dictionary.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_TOKEN_BASE = 0xF0000  # Supplementary Private Use Area-A: never in real text


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFKD", reading)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def vocabulary_digest(words: Iterable[str]) -> str:
    chars = sorted({c for word in words for c in word})
    return hashlib.sha256("".join(chars).encode("utf-8")).hexdigest()


def build_fold_table(words: Iterable[str]) -> dict[str, str]:
    """Every CJK character whose main reading is a syllable used in `words` → that syllable's token."""
    return dict(_fold_table(frozenset(c for word in words for c in word)))


@lru_cache(maxsize=4)
def _fold_table(chars: frozenset[str]) -> tuple[tuple[str, str], ...]:
    from pypinyin.pinyin_dict import pinyin_dict

    def syllable(char: str) -> str | None:
        reading = pinyin_dict.get(ord(char))
        return _toneless(reading.split(",")[0]) if reading else None

    used = sorted({s for c in chars if (s := syllable(c))})
    tokens = {s: chr(_TOKEN_BASE + i) for i, s in enumerate(used)}
    table = {}
    for code, readings in pinyin_dict.items():
        token = tokens.get(_toneless(readings.split(",")[0]))
        if token:
            table[chr(code)] = token
    return tuple(table.items())


def fold(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in text)
