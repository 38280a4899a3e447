"""The importable tables (SHEETS: each one's columns in seeds/*.csv order, its key and its required
columns), the order they are written in, ImportFileError, and the two cell helpers every step shares.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from knowledge.errors import KnowledgeError
from knowledge.models import ObservationStatus
from knowledge.quantities import format_number

if TYPE_CHECKING:
    import pandas as pd


class ExcelPercent(float):
    """A number from an Excel cell formatted as a percentage: the cell holds 0.41, Excel shows 41%."""


class ImportFileError(KnowledgeError):
    """A file (or plan) that cannot be imported; the message says why, in Chinese."""


@dataclass(frozen=True)
class Sheet:
    """One importable table: its columns in seeds/*.csv order, its key, and what a file must contain."""

    name: str
    columns: tuple[str, ...]  # exported and importable, in seeds/<name>.csv order
    key: tuple[str, ...]
    required: tuple[str, ...]
    export_extra: tuple[str, ...] = ()  # exported for reading, ignored on import

    @property
    def export_columns(self) -> tuple[str, ...]:
        return self.columns + self.export_extra


SHEETS: dict[str, Sheet] = {
    "targets": Sheet(
        "targets",
        ("indicator_id", "city", "year", "value", "unit", "qualifier", "text", "source_id", "quote"),
        key=("indicator_id", "city", "year"),
        required=("indicator_id", "city", "year", "value", "unit", "source_id"),
    ),
    "observations": Sheet(
        "observations",
        ("indicator_id", "city", "period", "year", "value", "unit", "qualifier", "text", "status", "source_id",
         "note", "quote", "yoy_growth"),
        key=("indicator_id", "city", "period"),
        required=("indicator_id", "city", "period", "value", "unit", "source_id"),
        # change_points (a share's change in 百分点, from releases) is exported for reading only
        export_extra=("recorded_at", "recorded_by", "first_month", "last_month", "period_kind", "change_points"),
    ),
    "sources": Sheet("sources", ("id", "title", "publisher", "published", "quote"), key=("id",),
                     required=("id", "title")),
    "aliases": Sheet("aliases", ("indicator_id", "alias"), key=("indicator_id", "alias"),
                     required=("indicator_id", "alias")),
    # responsible unit (责任单位), reporting cycle and due day (knowledge.duties)
    "indicator_duties": Sheet("indicator_duties", ("indicator_id", "unit", "cycle", "due_day"),
                              key=("indicator_id",), required=("indicator_id", "unit", "cycle")),
}
# Writes go in this order so that a source or an alias added by the same file exists before it is used.
APPLY_ORDER = ("sources", "aliases", "targets", "observations", "indicator_duties")
EXTRA_CELLS = "extra_cells"  # frame.attrs[EXTRA_CELLS]: {row number: cells beyond the header}
SKIPPED_ROWS = "skipped_rows"  # frame.attrs[SKIPPED_ROWS]: {row number: the 合计 cell that left it out}
ROW_PROBLEMS = "row_problems"  # frame.attrs[ROW_PROBLEMS]: {row number: why the layout refuses it (merged cells)}
NOTES = "notes"  # frame.attrs[NOTES]: what reading the table did (a title row skipped, merged cells filled)


def check_columns(name: str, frame: pd.DataFrame) -> None:
    """ImportFileError when `frame`, read as table `name`, lacks a column the table requires."""
    missing = [c for c in SHEETS[name].required if c not in frame.columns]
    if missing:
        raise ImportFileError(f"{name} 表缺少必需的列：{'、'.join(missing)}（第1行应为列名）。")


def cell_text(value) -> str:
    """A cell as text: 2026.0 → '2026', a date → '2026-01-31'."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def same_value(column: str, a, b) -> bool:
    """Whether two stored values of `column` are the same: None equals "" and an empty status is actual."""
    if column in ("value", "yoy_growth"):
        # openpyxl writes numbers with 16 significant digits ("%.16g"), so a float that needs 17
        # (0.1 + 0.2) comes back one unit off in the last place: that is the same figure, not an edit.
        return (a is None and b is None) or (a is not None and b is not None
                                             and math.isclose(float(a), float(b), rel_tol=1e-15, abs_tol=0))
    if column == "year":
        return a == b
    if column == "status":
        return (a or ObservationStatus.ACTUAL) == (b or ObservationStatus.ACTUAL)
    return (a or "") == (b or "")
