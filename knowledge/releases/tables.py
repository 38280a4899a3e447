"""Release tables: a line cut into cells, header rows stacked into one header, a unit line remembered, and
each numeric cell of a row read by what its column's header names — a period (1-10月, 10月, 本月, 累计), a
place (苏州, 无锡), a growth rate of one of those — and written as the sentences the figure grammar reads.
A column whose header names last year (上年同期), a target (全年目标), a ratio (完成率) or nothing the
reader can place is never read as this period's figure: its numbers are returned as unplaced, with why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from knowledge.releases.columns import (
    DASHES,
    NUMERIC_CELL,
    UNIT_CELL,
    UNIT_IN_NAME,
    Column,
    columns_of,
    header_place,
    headerless,
    indicator_columns,
    is_name_label,
    row_unit,
    stacked,
    units_listed,
)
from knowledge.releases.periods import ReadPeriod
from knowledge.releases.results import Unplaced

# a cell with a number the reader cannot take (“(36000)”, “约36000*”): a row of figures, not a header,
# unless it is a header's label (1-10月, 2025年, 同比增长(%))
_UNREAD_NUMBER = re.compile(r"^(?!.*(?:[年月季期]|%|％|增|比|率|[\u4e00-\u9fff]{3})).*\d")
UNREAD_CELL = "这一格不是单纯的数值，如带括号、注记或文字，未读取，请核对后用 /set 录入"
from knowledge.releases.tokens import CJK

_ROW_MARK = re.compile(r"^(?:[#＃*]+|其中[:：]?)+")


@dataclass
class _Group:
    """The figure of one (period, place) in a row: its value and what its growth columns give it."""

    column: Column
    value: str | None = None
    unit: str = ""  # the unit the value's cell wrote (1980亿元)
    yoy: str | None = None
    points: str | None = None
    added: str | None = None


@dataclass
class TableRow:
    """A table line read: the sentences its figures stand for, and its numbers left out, with why."""

    shown: str
    sentences: list[str] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)


class TableReader:
    """The table lines of one release, in order: `line(cells, heading)` for each; `prose(line)` for each
    line that is not a table line (it ends a table, unless it is a unit line).

    `known_place(name)` says whether the knowledge base holds figures of that place: a column of another
    place is read only then."""

    def __init__(self, known_place: Callable[[str], bool]):
        self.known_place = known_place
        self.header: list[str] | None = None
        self.header_rows = 0  # header lines since the last row of figures (2: a stacked header)
        self.units: list[str] = []  # what the last unit line (“单位：亿元、%”) names
        self.rows_read = False

    def prose(self, line: str) -> None:
        units = units_listed(line)
        if units:
            self.units = units
            return
        # a row of one cell inside a table (“一、工业 | |”, copied with its tabs) is a section, not its end
        if line.strip() and not re.search(r"[\t|｜]", line):
            self.header, self.header_rows = None, 0
            if self.rows_read:
                self.units, self.rows_read = [], False

    def line(self, cells: list[str], heading: ReadPeriod | None) -> TableRow:
        """A table line: a header line is kept (stacked on the header line just before it), a row of
        figures is read by the header."""
        cells = [c.replace("−", "-") for c in cells]  # the minus sign of typeset tables
        shown = " | ".join(c for c in cells if c)
        filled = [c for c in cells if c and not set(c) <= DASHES]
        if not any(NUMERIC_CELL.match(c) or _UNREAD_NUMBER.search(c) for c in cells[1:]):
            units = next((u for u in map(units_listed, cells) if u), None)
            if units:
                self.units = units
            if len([c for c in filled if not UNIT_CELL.fullmatch(c)]) >= 2:
                self.header = stacked(self.header, cells) if self.header_rows else cells
                self.header_rows += 1
            return TableRow(shown)
        self.header_rows = 0
        self.rows_read = True
        return self._row(cells, heading, shown)

    def _row(self, cells: list[str], heading: ReadPeriod | None, shown: str) -> TableRow:
        row = TableRow(shown)
        name, unit = _row_name(cells[0])
        if not name:
            return row
        header = self.header
        if header is not None and len(header) == len(cells) - 1 and not is_name_label(header[0]):
            header = [""] + header  # the header leaves the corner above the names out
        by_place = indicator_columns(header[:len(cells)]) if header is not None and len(header) >= len(cells) else None
        if by_place is not None:
            return self._place_row(cells, by_place, row)
        if header is None:
            columns = headerless(cells)
        elif len(header) < len(cells):
            columns = [Column("lost", reason="这一列没有表头，未读取")] * len(cells)
        else:
            columns = columns_of(header[:len(cells)], heading, self.known_place)
        groups: dict[tuple, _Group] = {}
        last_value: tuple | None = None
        for index, (cell, column) in enumerate(zip(cells, columns)):
            if index == 0:
                continue
            numeric = NUMERIC_CELL.match(cell)
            if not numeric:
                if not unit and UNIT_CELL.fullmatch(cell):
                    unit = cell
                elif any(c.isdigit() for c in cell) and column.kind not in ("name", "unit"):
                    row.unplaced.append(Unplaced(shown, cell, UNREAD_CELL))  # “(36000)”: said, never dropped
                continue
            if column.kind in ("lost", "name", "unit"):
                row.unplaced.append(Unplaced(shown, cell, column.reason or "这一列的表头说不清是什么数，未读取"))
                continue
            key = _key(column)
            if column.kind == "value":
                group = groups.setdefault(key, _Group(column))
                if group.value is not None:
                    row.unplaced.append(Unplaced(shown, cell, "同一期间有两列数值，未读取"))
                    continue
                group.value, group.unit, last_value = numeric["number"], numeric["unit"] or column.unit, key
                continue
            key = _growth_key(column, key, last_value, groups)
            group = groups.setdefault(key, _Group(column))
            slot = {"growth": "yoy", "points": "points", "increment": "added"}[column.kind]
            if getattr(group, slot) is not None:
                row.unplaced.append(Unplaced(shown, cell, "同一期间有两列增速，未读取"))
                continue
            setattr(group, slot, numeric["number"])
        unit = unit or row_unit(name, self.units)
        for group in groups.values():
            sentence, lost = _sentence(name, unit, group)
            if sentence:
                row.sentences.append(sentence)
            row.unplaced.extend(Unplaced(shown, cell, reason) for cell, reason in lost)
        return row


    def _place_row(self, cells: list[str], columns: list[Column], row: TableRow) -> TableRow:
        """A row of a table with one row per place: each indicator column's number (with the growth
        column after it) is that place's figure, of the heading's period; another city's only when the
        knowledge base holds that city."""
        place = header_place(cells[0].strip())
        numbers = [(cell, column) for cell, column in zip(cells[1:], columns[1:]) if NUMERIC_CELL.match(cell)]
        reason = ("这一行不是一个地方的数，未读取" if place is None
                  else f"知识库里没有{place}的数据，这一行未录入" if place and not self.known_place(place) else "")
        if reason:
            row.unplaced += [Unplaced(row.shown, cell, reason) for cell, _ in numbers]
            return row
        group: _Group | None = None
        for cell, column in zip(cells[1:], columns[1:]):
            numeric = NUMERIC_CELL.match(cell)
            if column.kind == "value":
                self._place_sentence(group, row)
                group = _Group(Column("value", place=place, indicator=column.indicator, unit=column.unit))
                group.value, group.unit = (numeric["number"], numeric["unit"] or column.unit) if numeric else (None, "")
            elif numeric and group is not None and column.kind in ("growth", "points"):
                setattr(group, "points" if column.kind == "points" else "yoy", numeric["number"])
            elif numeric:
                row.unplaced.append(Unplaced(row.shown, cell, column.reason or "这一列的表头说不清是什么数，未读取"))
        self._place_sentence(group, row)
        return row

    @staticmethod
    def _place_sentence(group: "_Group | None", row: TableRow) -> None:
        if group is None:
            return
        sentence, lost = _sentence(group.column.indicator, group.column.unit, group)
        if sentence:
            row.sentences.append(sentence)
        row.unplaced.extend(Unplaced(row.shown, cell, reason) for cell, reason in lost)


def _row_name(cell: str) -> tuple[str, str]:
    """A row's indicator name without its marks (#, 其中：) and its unit in brackets: (name, unit)."""
    name = _ROW_MARK.sub("", cell.strip())
    if NUMERIC_CELL.match(name) or not CJK.search(name):
        return "", ""
    found = UNIT_IN_NAME.search(name)
    if found:
        return name[:found.start()], found.group(1).replace("％", "%")
    return name, ""


def _key(column: Column) -> tuple:
    period = column.period
    return ((period.first_month, period.last_month) if period else None, column.place)


def _growth_key(column: Column, key: tuple, last_value: tuple | None, groups: dict) -> tuple:
    """The figure a growth column belongs to: the one of the period it names (1-10月同比, 累计同比,
    当月增速), else the value column just before it."""
    if column.period_text or column.named:
        if key in groups:
            return key
        kind = "month" if column.named == "month" else "cumulative"
        same = [k for k, g in groups.items() if g.value is not None and g.column.period
                and (g.column.period.kind == "month") == (kind == "month")]
        return same[0] if column.named and same else key
    return last_value if last_value is not None else key


def _sentence(name: str, unit: str, group: _Group) -> tuple[str, list[tuple[str, str]]]:
    """The sentence one figure of a row stands for (“1-10月，工业投资1980亿元，同比增长7.5%。”) and the
    numbers it could not hold, with why."""
    lost: list[tuple[str, str]] = []
    subject, unit = group.column.place + name, group.unit or unit
    if unit == "%" and group.yoy is not None and group.points is None:
        # a share's row in a “同比±%” column: a share changes by 百分点 (54.1%, 0.6 is +0.6 个百分点, not +0.6%)
        group.points, group.yoy = group.yoy, None
    parts = []
    if group.value is not None and unit:
        parts.append(f"{subject}{group.value}{unit}")
    elif group.value is not None:
        lost.append((group.value, "表格中这个数没有单位，未读取"))
    if group.added is not None and unit:
        parts.append(("" if parts else subject) + f"比年初增加{group.added}{unit}")
    if group.yoy is not None:
        growth = float(group.yoy)
        parts.append(("" if parts else subject) + f"同比{'下降' if growth < 0 else '增长'}{abs(growth):g}%")
    if group.points is not None and parts:
        change = float(group.points)
        parts.append(f"比上年同期{'下降' if change < 0 else '提高'}{abs(change):g}个百分点")
    if not parts:
        return "", lost
    period = group.column.period_text
    return (f"{period}，" if period else "") + "，".join(parts) + "。", lost
