"""A scope that leaves part of the city out (全市（不含工业园区）, 除昆山外，全市…, 全市剔除吴江区…): its figure
is not the whole city's (origin.figure_place), so the note saying so is kept in the sentence, where the
brackets of a note would otherwise be dropped (sentences.plain).
"""

from __future__ import annotations

import re

from knowledge.releases.words import PART_WORDS, PLACE_FORMS

# what is left out: a place or part of the city, or any name of one (园区, 开发区, 某某镇, 某某板块)
_PART = r"[^，。；、,;（）()\d]{0,12}?(?:园区|区|园|县|市|镇|街道|板块)"
_EXCLUDING = re.compile(rf"(?:不含|不包括|不计|剔除|扣除)(?P<part>{_PART})(?![\u4e00-\u9fff]*?(?:因素|价格))"
                        rf"|(?<![消排去清免拆解])除了?(?P<out>{_PART})(?:以外|之外|外)")
_NOTE = re.compile(r"[（(](?P<note>(?:不含|不包括|不计|剔除|扣除|除)[^（）()]{1,15}?)[）)]")
_SEPARATORS = "，；：,;:"


def keep_exclusions(sentence: str) -> str:
    """`sentence` with a note leaving part of the city out written in line (全市（不含工业园区）规上… →
    全市不含工业园区规上…); other notes (（不含税）) are left to be dropped."""
    def in_line(match: re.Match) -> str:
        note = match.group("note")
        kept = _EXCLUDING.match(note) or any(word in note for word in PLACE_FORMS + PART_WORDS)
        return note if kept else match.group()
    return _NOTE.sub(in_line, sentence)


def excluded_part(sentence: str, position: int, scope_start: int | None) -> str | None:
    """The part of the city the scope of the figure at `position` leaves out, or None: said after its
    scope word starting at `scope_start` (全市不含工业园区…) or, without one, in the figure's clause; or
    just before the scope word (除工业园区外，全市…)."""
    if scope_start is None:
        scope_start = max(sentence.rfind(s, 0, position) for s in _SEPARATORS) + 1
    found = _EXCLUDING.search(sentence, max(0, scope_start - 4), position)  # 不含 before the part named
    if found is None and scope_start:
        lead = sentence[max(0, scope_start - 20):scope_start].rstrip("，,")
        found = next((m for m in _EXCLUDING.finditer(lead) if m.end() == len(lead)), None)
    return found and (found.group("part") or found.group("out"))
