"""Notes giving a figure's or a city's own period: “（1—9月数据）” after a figure, “（深圳为前三季度数据）”,
“（注：深圳数据截至9月）”, a line “注：深圳为1—9月数据。” under a table. Such a figure is not the heading's
period: in prose the note's period is written where the reader takes it (“深圳（1—9月）…”, at the start of
the figure's clause); in a table the city's row is named with the note, so its cells are listed as not read.
"""

from __future__ import annotations

import re

from knowledge.releases.columns import table_cells
from knowledge.releases.periods import PERIOD, read_period

_PERIOD = PERIOD.pattern.replace("(?P<", "(?P<noted_")  # named apart from the note's own groups
_CITY_NOTE = re.compile(r"(?:[（(]\s*(?:注[:：]\s*)?|(?m:^)注[:：]\s*)(?P<city>[\u4e00-\u9fff]{2,4}?)市?(?:为|是)?(?:的)?"
                        rf"(?:数据)?(?:为|是)?(?P<period>{_PERIOD})份?(?:的)?(?:数据)?(?:[）)]|。?(?m:$))")
_FIGURE_NOTE = re.compile(rf"[（(](?:注[:：]\s*)?(?:为|系)?(?P<period>{_PERIOD})份?(?:的)?数据[）)]")
_NOTE_WORD = re.compile(r"数据|注|截至|截止")
_CLAUSE_MARKS = "，；：。,;:\n"


def noted_periods(text: str) -> str:
    """`text` with each note of a figure's or a city's own period moved to where the reader takes a period
    (prose), or written into the name of the city's table row, and the note itself cut out. A city note
    whose city is not named before it is left as it is."""
    position = 0
    while note := _CITY_NOTE.search(text, position):  # each note found is cut out, or passed over
        city, period = note.group("city"), note.group("period")
        before = text[:note.start()]
        if city not in before or not _NOTE_WORD.search(note.group()):  # （其中10月份） is no note of a period
            position = note.end()
            continue
        text = _with_city_period(before, city, _written(period)) + text[note.end():]
    while note := _FIGURE_NOTE.search(text):
        start = max(text.rfind(mark, 0, note.start()) for mark in _CLAUSE_MARKS) + 1
        text = f"{text[:start]}（{_written(note.group('period'))}）{text[start:note.start()]}{text[note.end():]}"
    return text


def _written(period: str) -> str:
    """`period` as the reader takes it after a city: 前三季度, 截至9月 → 1—9月; 2025年… keeps its year."""
    match = PERIOD.fullmatch(period)
    read = read_period(match) if match else None
    if read is None:
        return period
    months = f"{read.first_month}—{read.last_month}月" if read.first_month != read.last_month else f"{read.last_month}月"
    return f"{read.year}年{months}" if read.year else months


def _with_city_period(text: str, city: str, period: str) -> str:
    """`text` with `period` after each mention of `city` in prose, and in the name of its table rows (so the
    row is listed as not read: its cells are not the heading's period)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        cells = table_cells(line)
        if cells is not None:
            if cells and cells[0].startswith(city):
                sep = "\t" if "\t" in line else ("|" if "|" in line else "  ")
                lines[index] = sep.join([f"{cells[0]}（{period}数据）"] + cells[1:])  # a row of no city
        else:
            lines[index] = re.sub(rf"{re.escape(city)}(?![（(])", f"{city}（{period}）", line)
    return "\n".join(lines)
