"""Planning an import (every row checked and compared with the store: added, changed, unchanged,
rejected; nothing written) and applying it: all or nothing, in one transaction, one audit row per write.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from knowledge.models import ObservationStatus
from knowledge.quantities import format_quantity
from knowledge.store import Store, restated_status, utc_now
from knowledge.tables.rows import ROW_CHECKS, ImportSnapshot
from knowledge.tables.sheets import APPLY_ORDER, EXTRA_CELLS, SHEETS, ImportFileError, Sheet, cell_text, check_columns

if TYPE_CHECKING:
    import pandas as pd


MAX_LISTED_REJECTIONS = 20
IMPORT_ACTION = "import"
DEFAULT_RECORDED_BY = "表格导入"


@dataclass(slots=True)
class PlannedRow:
    """One row of an imported table and what it would write: `before` the stored row, `after` the new one."""

    sheet: str
    row: int  # as the user sees it: the header is row 1
    key: dict
    before: dict | None  # the stored row, None when the row is new
    after: dict  # the row to store (recorded_at/recorded_by/added_by are filled in when applied)


@dataclass
class ImportPlan:
    """Every row of an import sorted into added, changed, unchanged and rejected; `summary` is the preview."""

    added: list[PlannedRow] = field(default_factory=list)
    changed: list[PlannedRow] = field(default_factory=list)
    unchanged: list[PlannedRow] = field(default_factory=list)
    rejected: list[tuple[str, int, str]] = field(default_factory=list)  # (sheet, row number, reason)
    readings: dict[str, str] = field(default_factory=dict)  # written period → how it was read
    names: dict[str, str] = field(default_factory=dict)  # indicator id → name, for the preview

    @property
    def writes(self) -> list[PlannedRow]:
        return self.added + self.changed

    def summary(self, full: bool = False) -> str:
        """Counts, every changed row as old → new (as /set shows a restatement), the rejected rows with
        their reasons and how written periods were read: at most MAX_LISTED_REJECTIONS of each, or all
        of them with `full` (the CLI's --all)."""
        limit = None if full else MAX_LISTED_REJECTIONS
        lines = [f"新增 {len(self.added)} 行，修改 {len(self.changed)} 行，未变 {len(self.unchanged)} 行，"
                 f"拒绝 {len(self.rejected)} 行"]
        sheets = {p.sheet for p in self.added + self.changed + self.unchanged} | {r[0] for r in self.rejected}

        def where(sheet: str) -> str:
            return f"{sheet} 表" if len(sheets) > 1 else ""

        def listed(items: list, more: str) -> None:
            shown = items if limit is None else items[:limit]
            lines.extend(shown)
            if len(items) > len(shown):
                lines.append(f"…另有 {len(items) - len(shown)} {more}（命令行加 --all 可列出全部）")

        listed([f"{where(p.sheet)}第{p.row}行 修改：{_change_text(p, self.names)}" for p in self.changed], "行修改")
        listed([f"{where(sheet)}第{row}行：{reason}" for sheet, row, reason in self.rejected], "行")
        listed([f"期间“{written}”读作 {reading}" for written, reading in self.readings.items()], "种期间写法")
        return "\n".join(lines)


def _change_text(planned: "PlannedRow", names: dict[str, str]) -> str:
    """'工业投资总额 苏州 2026年1-9月：1700亿元 → 1750亿元（修订数）' — the key, then what changes."""
    sheet = SHEETS[planned.sheet]
    key = " ".join(names.get(planned.key[k], planned.key[k]) if k == "indicator_id" else str(planned.key[k])
                   for k in sheet.key)
    before, after = planned.before or {}, planned.after
    if "text" in sheet.columns and before.get("text") != after.get("text"):
        change = f"{before.get('text') or '无'} → {after.get('text') or '无'}"
        if planned.sheet == "observations" and after.get("status") == ObservationStatus.REVISED:
            change += "（修订数）"
        return f"{key}：{change}"
    changed = [c for c in sheet.columns if c not in sheet.key and not _same(c, before.get(c), after.get(c))]
    return f"{key}：" + "；".join(f"{c} {cell_text(before.get(c)) or '无'} → {cell_text(after.get(c)) or '无'}"
                                for c in changed)


def plan_import(store: Store, tables: dict[str, pd.DataFrame], today: date | None = None) -> ImportPlan:
    """Check every row of every table against the knowledge base (read once, at the start: the bot
    plans in a worker thread on a connection of its own, knowledge.store.in_worker_thread); nothing is
    written.

    A period without a year takes the year of the current targets on `today` (the answerer's date);
    `plan.readings` says how each written period was read, for the preview. A plan whose rows have
    changed since is refused by apply_import.
    """
    unknown = [name for name in tables if name not in SHEETS]
    if unknown:
        raise ImportFileError(f"未知的表：{'、'.join(unknown)}。")
    for name, frame in tables.items():
        check_columns(name, frame)
    context = ImportSnapshot(store, today)
    plan = ImportPlan()
    for name in APPLY_ORDER:  # sources first: a source added by this file may be cited by its rows
        if name in tables:
            _plan_sheet(SHEETS[name], tables[name], context, plan)
    plan.readings = context.readings
    plan.names = {i.id: i.name for i in context.indicators.values()}
    return plan


def _plan_sheet(sheet: Sheet, frame: pd.DataFrame, context: ImportSnapshot, plan: ImportPlan) -> None:
    present = [c for c in sheet.columns if c in frame.columns]
    stored = context.stored[sheet.name]
    seen: dict[tuple, int] = {}
    columns = [frame[c].tolist() for c in present]
    surplus = frame.attrs.get(EXTRA_CELLS) or {}
    for index, number in enumerate(frame.index.tolist()):
        number = int(number)
        cells = {c: _blank_to_none(column[index]) for c, column in zip(present, columns)}
        extra = surplus.get(number)
        if extra is None and all(v is None for v in cells.values()):
            continue  # a blank line
        errors: list[str] = []
        if extra is not None:
            errors.append(f"该行比第1行的列名多出 {extra} 个单元格（数字中的逗号？）")
        else:
            values = ROW_CHECKS[sheet.name](cells, context, errors)
        if errors:
            plan.rejected.append((sheet.name, number, "；".join(errors)))
            continue
        key = tuple(values[k] for k in sheet.key)
        if key in seen:
            plan.rejected.append((sheet.name, number, f"与第{seen[key]}行重复（同一{_key_words(sheet)}）"))
            continue
        seen[key] = number
        if sheet.name == "sources":
            context.source_ids.add(values["id"])
        key_dict = dict(zip(sheet.key, key))
        before = stored.get(key)
        if before is None:
            after = {c: _default(c) for c in _stored_columns(sheet)}
            after.update(values)
            _fill_text(after, values, None)
            plan.added.append(PlannedRow(sheet.name, number, key_dict, None, after))
            continue
        after = {**before, **values}
        _fill_text(after, values, before)
        if sheet.name == "observations":
            after["status"] = restated_status(before, after)
        if all(_same(c, before.get(c), after.get(c)) for c in sheet.columns):
            plan.unchanged.append(PlannedRow(sheet.name, number, key_dict, before, before))
        else:
            plan.changed.append(PlannedRow(sheet.name, number, key_dict, before, after))


def _key_words(sheet: Sheet) -> str:
    return {"targets": "指标、城市、年份", "observations": "指标、城市、期间", "sources": "来源编号",
            "aliases": "指标与别名", "indicator_duties": "指标"}[sheet.name]


def _stored_columns(sheet: Sheet) -> tuple[str, ...]:
    return sheet.columns + sheet.export_extra + (("added_by",) if sheet.name == "aliases" else ())


def _default(column: str):
    return None if column in ("year", "value", "yoy_growth", "first_month", "last_month", "period_kind",
                              "change_points") else ""


def _fill_text(after: dict, values: dict, before: dict | None) -> None:
    """Keep a figure's wording coherent: an empty text is written out from value, unit and qualifier."""
    if "text" not in after or "value" not in values:
        return
    if values.get("text"):
        return
    figure_changed = before is None or any(not _same(c, before.get(c), after.get(c))
                                           for c in ("value", "unit", "qualifier"))
    if figure_changed:
        after["text"] = format_quantity(after["value"], after["unit"] or "", after["qualifier"] or "")
    else:
        after["text"] = before.get("text") or ""


def _same(column: str, a, b) -> bool:
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


def _blank_to_none(value):
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, str) and value == "":
        return None
    return value


# -- applying ----------------------------------------------------------------------------------------

def apply_import(store: Store, plan: ImportPlan, user_id: int | None = None, chat_id: int | None = None,
                 recorded_by: str = DEFAULT_RECORDED_BY) -> int:
    """Write every added and changed row, each with its audit row, in ONE transaction; all or nothing.

    Refused when the plan has rejected rows, or when a row it would write was changed after planning.
    Returns the number of rows written.
    """
    if plan.rejected:
        raise ImportFileError(f"有 {len(plan.rejected)} 行未通过检查，未导入任何数据。")
    writes = plan.writes
    if not writes:
        return 0
    now = utc_now()
    db = store.db
    conn = db.conn
    # `with conn:` alone opens no transaction under sqlite-utils 4 (each write would commit by itself),
    # so take the write lock explicitly; `with conn:` then commits, or rolls back on any exception.
    if conn.in_transaction:
        scope = db.atomic()  # inside a caller's transaction: a savepoint
    else:
        conn.execute("BEGIN IMMEDIATE")
        scope = conn
    with scope:
        ordered = []
        for name in APPLY_ORDER:
            rows = [p for p in writes if p.sheet == name]
            if not rows:
                continue
            _check_not_stale(store, SHEETS[name], rows)
            for planned in rows:
                after = dict(planned.after)
                if name == "observations":
                    after["recorded_at"], after["recorded_by"] = now, recorded_by
                elif name == "aliases" and planned.before is None:
                    after["added_by"] = recorded_by
                planned.after = after
                ordered.append((name, planned.key, planned.before, after))
        # The one audited write path, as /set and undo use it. Each audit row names its table and its
        # import ("batch": the id of the import's first audit row), so that /undo can reverse one row
        # or the whole import.
        batch = conn.execute("select coalesce(max(id), 0) + 1 from changes").fetchone()[0]
        store.write_audited_many(IMPORT_ACTION, ordered, user_id, chat_id, entity={"batch": batch}, at=now)
    store._sources = None  # the Store caches sources; an import may have added or renamed one
    return len(writes)


def _check_not_stale(store: Store, sheet: Sheet, rows: list[PlannedRow]) -> None:
    current = {tuple(r[k] for k in sheet.key): r for r in store.db[sheet.name].rows}
    for planned in rows:
        now = current.get(tuple(planned.key[k] for k in sheet.key))
        if now != planned.before:
            raise ImportFileError(f"{sheet.name} 表第{planned.row}行在预览后已被修改，请重新导入。")
