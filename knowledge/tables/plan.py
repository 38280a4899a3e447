"""Planning an import (every row checked and compared with the store: added, changed, unchanged,
rejected; nothing written) and applying it: all or nothing, in one transaction, one audit row per write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from knowledge.errors import quoted
from knowledge.store import FIGURE_WORDING, Store, utc_now, written_figure
from knowledge.tables.rows import ROW_CHECKS, ImportSnapshot
from knowledge.tables.preview import plan_summary
from knowledge.tables.sheets import (
    APPLY_ORDER,
    EXTRA_CELLS,
    NOTES,
    ROW_PROBLEMS,
    SHEETS,
    SKIPPED_ROWS,
    ImportFileError,
    Sheet,
    check_columns,
    same_value,
)

if TYPE_CHECKING:
    import pandas as pd


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
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  # (sheet, row number, why): a 合计 row
    notes: list[str] = field(default_factory=list)  # what reading the file did: a title row, merged cells filled
    new_sources: dict[str, str] = field(default_factory=dict)  # source id → title, added as /set adds one
    readings: dict[str, str] = field(default_factory=dict)  # written period → how it was read
    names: dict[str, str] = field(default_factory=dict)  # indicator id → name, for the preview

    @property
    def writes(self) -> list[PlannedRow]:
        return self.added + self.changed

    def summary(self, full: bool = False) -> str:
        """The preview (knowledge.tables.preview.plan_summary): counts, every added row as it will be
        stored, every changed row old → new, rejected and skipped rows with their reasons, what reading
        the file did, new sources and how written periods were read: at most MAX_LISTED_REJECTIONS of
        each, or all of them with `full` (the CLI's --all)."""
        return plan_summary(self, full)


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
    cited = {p.after.get("source_id") for p in plan.writes}
    plan.new_sources = {i: title for i, title in context.new_sources.items() if i in cited}
    plan.names = {i.id: i.name for i in context.indicators.values()}
    return plan


def _plan_sheet(sheet: Sheet, frame: pd.DataFrame, context: ImportSnapshot, plan: ImportPlan) -> None:
    present = [c for c in sheet.columns if c in frame.columns]
    stored = context.stored[sheet.name]
    seen: dict[tuple, int] = {}
    columns = [frame[c].tolist() for c in present]
    surplus = frame.attrs.get(EXTRA_CELLS) or {}
    problems = frame.attrs.get(ROW_PROBLEMS) or {}
    for number, label in (frame.attrs.get(SKIPPED_ROWS) or {}).items():
        plan.skipped.append((sheet.name, number, f"“{quoted(label)}”行，已跳过（合计不导入）"))
    plan.notes.extend(frame.attrs.get(NOTES) or ())
    for index, number in enumerate(frame.index.tolist()):
        number = int(number)
        cells = {c: _blank_to_none(column[index]) for c, column in zip(present, columns)}
        extra = surplus.get(number)
        if extra is None and all(v is None for v in cells.values()):
            continue  # a blank line
        errors: list[str] = []
        if number in problems:
            errors.append(problems[number])
        elif extra is not None:
            errors.append(f"该行比列名行多出 {extra} 个单元格（数字中的逗号？）")
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
            context.source_titles.setdefault(values["title"], values["id"])
        key_dict = dict(zip(sheet.key, key))
        before = stored.get(key)
        if before is None:
            after = {c: _default(c) for c in _stored_columns(sheet)}
            after.update(written_figure(sheet.name, None, values) if sheet.name in FIGURE_WORDING else values)
            plan.added.append(PlannedRow(sheet.name, number, key_dict, None, after))
            continue
        if sheet.name in FIGURE_WORDING:  # the rule of /set, /target and releases
            after = written_figure(sheet.name, before, _new_wording(values, before))
        else:
            after = {**before, **values}
        if all(same_value(c, before.get(c), after.get(c)) for c in sheet.columns):
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


def _new_wording(values: dict, before: dict) -> dict:
    """`values` without a text, note or quote cell that repeats the stored one: an exported table, edited
    and imported again, copies them beside the new value, and they were written about the old figure."""
    return {c: v for c, v in values.items()
            if c not in ("text", "note", "quote") or not same_value(c, v, before.get(c))}


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
        cited = _add_new_sources(store, plan)
        ordered = []
        for name in APPLY_ORDER:
            rows = [p for p in writes if p.sheet == name]
            if not rows:
                continue
            _check_not_stale(store, SHEETS[name], rows)
            for planned in rows:
                after = dict(planned.after)
                if after.get("source_id") in cited:
                    after["source_id"] = cited[after["source_id"]]
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


def _add_new_sources(store: Store, plan: ImportPlan) -> dict[str, str]:
    """Add the sources the plan cites by a new title, as /set adds one (store.ensure_source); returns
    planned id → stored id, which differ only when a source of that title was added after the preview."""
    return {source_id: store.ensure_source(title) for source_id, title in plan.new_sources.items()}


def _check_not_stale(store: Store, sheet: Sheet, rows: list[PlannedRow]) -> None:
    current = {tuple(r[k] for k in sheet.key): r for r in store.db[sheet.name].rows}
    for planned in rows:
        now = current.get(tuple(planned.key[k] for k in sheet.key))
        if now != planned.before:
            raise ImportFileError(f"{sheet.name} 表第{planned.row}行在预览后已被修改，请重新导入。")
