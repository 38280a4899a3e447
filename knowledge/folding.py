"""Pinyin folding: characters that sound alike map to one token, so 研发头入 meets 研发投入 and 瞪铃 meets 瞪羚.

Each toneless syllable becomes one private-use character, so a folded string keeps the length and
order of the original and rapidfuzz compares it like any other string. Only syllables that occur in
the vocabulary matter (a query character that sounds like none of them cannot help a match), so
the fold table holds just those characters; it is built with pypinyin when the vocabulary changes
and kept in SQLite, so answering a question never loads pypinyin's dictionary.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

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


def _pinyin_dict() -> dict[int, str]:
    """pypinyin's character readings {code point: "reading,reading"}, read from its data file.

    Importing `pypinyin.pinyin_dict` runs pypinyin's package import, which also loads its phrase
    dictionary: 0.5 s and ≈50 MB that stay resident in the bot. The file alone takes 0.03 s, and its
    dict is freed once the fold table is built. Falls back to the import if the file is not there.
    """
    spec = importlib.util.find_spec("pypinyin")  # a top-level package: found without being imported
    data = Path(spec.submodule_search_locations[0]) / "pinyin_dict.json" if spec else None
    if data is None or not data.is_file():
        from pypinyin.pinyin_dict import pinyin_dict

        return pinyin_dict
    return {int(code): readings for code, readings in json.loads(data.read_text(encoding="utf-8")).items()}


@lru_cache(maxsize=4)
def _fold_table(chars: frozenset[str]) -> tuple[tuple[str, str], ...]:
    pinyin_dict = _pinyin_dict()

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


def readings(chars: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Every toneless reading of each CJK character in `chars`, main reading first: {"重": ("zhong",
    "chong")}; ü both as u and as v, as typed on a keyboard ({"率": ("lu", "lv", "shuai")}). Characters
    pypinyin does not know are left out. Loads the character dictionary for the call only (see
    `_pinyin_dict`)."""
    pinyin_dict = _pinyin_dict()
    found = {}
    for char in set(chars):
        if reading := pinyin_dict.get(ord(char)):
            spelled = [(_toneless(r), _toneless(unicodedata.normalize("NFKD", r).replace("u\u0308", "v")))
                       for r in reading.split(",")]
            found[char] = tuple(dict.fromkeys(s for pair in spelled for s in pair))
    return found
