"""A sentence as it is read: the rewrites it gets first, in order, and the clauses they leave out.

An excluded part kept in line (全市（不含工业园区）, exclusions.py), a bracketed compared period's figure
cut out (“1708.9亿元（上年同期1580.2亿元）”), notes in brackets dropped and “A、B分别为X、Y”
written out (sentences.plain), rates “分别增长x%、y%” given to their figures (pairs.py), and a correction
read as the figure it gives (corrections.py).
"""

from __future__ import annotations

import re

from knowledge.releases.corrections import corrected
from knowledge.releases.exclusions import keep_exclusions
from knowledge.releases.pairs import spread_growths
from knowledge.releases.periods import PAST, PERIOD
from knowledge.releases.sentences import plain

# “工业投资1708.9亿元（上年同期1580.2亿元），同比增长8.1%”, “同比增长5.3%（1—9月为4.9%）”: a note in brackets
# giving a compared period's figure is cut out and listed, while the level before it and the 同比 after it
# are read (and its period carries to no sentence after it)
_NOTE = re.compile(r"[（(](?P<note>[^（()）]*)[）)]")
_FIGURE = re.compile(r"\d(?:\.\d+)?\s*(?:%|％|个百分点|万亿|亿|万|元|家|户|个|项|人)")


def _compared_notes(sentence: str) -> tuple[str, list[tuple[str, str]]]:
    """`sentence` without its bracketed notes of a compared period's figure, and their (note, reason)."""
    cut: list[tuple[str, str]] = []

    def note(match: re.Match) -> str:
        text = match.group("note")
        past, period = PAST.match(text), PERIOD.match(text)
        if not _FIGURE.search(text) or not (past or (period and period.end() > 0)):
            return match.group()
        cut.append((text, f"{past.group()}的数据，不是本期" if past else f"括号里是{period.group()}的数据，作比较用，不录入"))
        return ""

    return _NOTE.sub(note, sentence), cut


def rewritten(sentence: str) -> tuple[str, list[tuple[str, str]]]:
    """`sentence` ready to be read, and the (clause, reason) of each clause cut out of it."""
    sentence, cut = _compared_notes(keep_exclusions(sentence))
    sentence, unpaired = corrected(*spread_growths(plain(sentence)))
    return sentence, cut + unpaired
