"""Undo and history: what /undo reverses (one change, or a whole import) and one line per change.

An undo is itself a change: each reversal is written with its audit row by the one audited write path
(Store.write_audited_many), in one transaction, so nothing an admin did is lost.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import timezone, tzinfo
from itertools import groupby

from knowledge.duties import CYCLES
from knowledge.edits import EditError
from knowledge.quantities import format_number
from knowledge.store import TABLE_KEYS, Store, recorded_who
from knowledge.wording import local_minute

UNDOABLE = ("set_observation", "set_target", "add_alias", "import")
# Changes that undo does not reverse (monthly plans, thresholds, responsible units): plain undo names
# them when it goes past them, so that the admin sets them back as they were set.
NOT_UNDONE = ("set_monthly_plan", "set_thresholds", "set_duty")
# Each kind of change in words, for /history and for why /undo will not reverse one.
ACTION_WORDS = {"set_observation": "录入", "set_target": "改目标", "add_alias": "加别名", "import": "导入",
                "restate": "同期两条合并（升级）", "set_duty": "设责任单位", "set_monthly_plan": "设月度计划",
                "set_thresholds": "改进度阈值", "set_chat_mode": "设回应方式", "add_admin": "加管理员",
                "remove_admin": "移除管理员", "subscribe": "订阅", "unsubscribe": "退订", "pause": "暂停订阅",
                "resume": "恢复订阅", "deactivate": "停用订阅", "alerts_off": "关闭提醒", "migrate_chat": "群升级迁移"}


@dataclass(frozen=True)
class NotUndone:
    """A change of a kind undo does not reverse (NOT_UNDONE)."""

    change_id: int
    at: str  # when, "2026-11-29 12:00" (in the time zone plan_undo was given)
    action: str  # set_monthly_plan | set_thresholds | set_duty
    what: str  # "新增高新技术企业的月度计划" | "进度阈值" | "工业投资总额的责任单位和报送周期"


@dataclass(frozen=True)
class PassedOver:
    """The newer changes plain undo went past: those of a kind it never reverses (newest first, at most
    MAX_NAMED_NOT_UNDONE; `more` when there are others), and why others could not be reversed."""

    not_undone: tuple[NotUndone, ...] = ()
    more: bool = False
    blocked: tuple[str, ...] = ()  # EditError reasons, at most three

    def __bool__(self) -> bool:
        return bool(self.not_undone or self.blocked)


class NothingToUndo(EditError):
    """No change plain undo can reverse; `passed` says which newer ones it went past and why."""

    def __init__(self, passed: PassedOver):
        super().__init__("没有可以撤销的修改。")
        self.passed = passed


@dataclass(frozen=True)
class PlannedUndo:
    """What undo will reverse, shown before 确认: one change, or every row of one import."""

    change_ids: tuple[int, ...]  # newest first: the order in which they are reversed
    heading: str  # "将撤销：" or which import
    lines: tuple[str, ...]  # describe_change of (the first few of) the changes
    import_batch: int | None = None  # set when the whole import is undone
    passed: PassedOver = PassedOver()  # why newer changes are not the ones undone


# How far back plain /undo looks for a change it can reverse, past newer ones it cannot.
UNDO_LOOKBACK = 50
MAX_LISTED_UNDO_ROWS = 5


def _undo_table(change: dict, entity: dict) -> str:
    """The table a change wrote: named in its entity, else (imports recorded before tables were named)
    the one whose key columns the entity holds."""
    if entity.get("table") in TABLE_KEYS:
        return entity["table"]
    columns = set(entity) - {"table", "batch", "undoes"}
    for table, key in TABLE_KEYS.items():
        if columns == set(key):
            return table
    if change["action"] == "set_observation" and columns >= set(TABLE_KEYS["observations"]):
        return "observations"
    raise EditError(f"第 {change['id']} 号修改的记录不完整（不知道改的是哪张表），无法自动撤销。")


def _same_row(current: dict | None, expected: dict | None) -> bool:
    """Is the row still as the change left it? Columns a later migration added (absent from `expected`,
    e.g. the period columns of m007 in a change recorded before it) do not count as an edit."""
    if current is None or expected is None:
        return current is None and expected is None
    return all(current.get(k) == value for k, value in expected.items())


def _parse_change(change: dict) -> tuple[str, dict, dict | None, dict | None]:
    """(table, key, row before the change, row after it); EditError when it is not an undoable change."""
    if change["action"] not in UNDOABLE:
        raise EditError(f"第 {change['id']} 号修改（{ACTION_WORDS.get(change['action'], '这类修改')}）不能撤销。")
    if change["undone_by"] is not None:
        raise EditError(f"第 {change['id']} 号修改已被第 {change['undone_by']} 号撤销。")
    entity = json.loads(change["entity"])
    table = _undo_table(change, entity)
    try:
        key = {k: entity[k] for k in TABLE_KEYS[table]}
    except KeyError:
        raise EditError(f"第 {change['id']} 号修改的记录不完整，无法自动撤销。") from None
    before = json.loads(change["before"]) if change["before"] else None
    after = json.loads(change["after"]) if change["after"] else None
    return table, key, before, after


class _DryRun(Exception):
    """Raised to roll back a trial undo."""


def _try_undo(store: Store, change_ids: tuple[int, ...]) -> None:
    """Reverse the changes in a transaction that is then rolled back: EditError if any step cannot be
    done, e.g. a source still cited until the rows of the same import that cite it are undone first."""
    try:
        with store.transaction():
            _reverse_all(store, change_ids, None, None)
            raise _DryRun
    except _DryRun:
        pass


def _undo_unit(store: Store, change: dict, whole_import: bool, tz: tzinfo) -> PlannedUndo:
    """The undo of one change, or (whole_import) of every not yet undone row of its import; EditError
    when any of them cannot be reversed."""
    if whole_import and change["action"] == "import":
        rows = sorted((c for c in store.import_changes(change) if c["undone_by"] is None), key=lambda c: -c["id"])
        plan_ids = tuple(c["id"] for c in rows)
        _try_undo(store, plan_ids)
        batch = json.loads(change["entity"]).get("batch") or rows[-1]["id"]
        heading = (f"将撤销一次导入（{local_minute(change['at'], tz)}，第 #{rows[-1]['id']}–#{rows[0]['id']} "
                   f"号修改中尚未撤销的 {len(rows)} 行）：")
        names, people = {i.id: i.name for i in store.indicators()}, store.people([change["user_id"]])
        lines = [describe_change(c, names, tz=tz, people=people) for c in rows[:MAX_LISTED_UNDO_ROWS]]
        if len(rows) > MAX_LISTED_UNDO_ROWS:
            lines.append(f"…另有 {len(rows) - MAX_LISTED_UNDO_ROWS} 行")
        return PlannedUndo(plan_ids, heading, tuple(lines), batch)
    _try_undo(store, (change["id"],))
    names, people = {i.id: i.name for i in store.indicators()}, store.people([change["user_id"]])
    return PlannedUndo((change["id"],), "将撤销：", (describe_change(change, names, tz=tz, people=people),))


def plan_undo(store: Store, change_id: int | None, tz: tzinfo = timezone.utc) -> PlannedUndo:
    """What `/undo [编号]` would reverse, checked now and again when applied; times shown in `tz`.

    With a number: that change (one row, also one row of an import). Without: the latest change that
    can be reversed — a whole import when it is the latest — naming any newer one that cannot be
    and why, so plain /undo never gets stuck behind it. EditError with a Chinese reason otherwise.
    """
    if change_id is not None:
        change = store.change(change_id)
        if change is None:
            raise EditError(f"没有编号为 {change_id} 的修改。")
        return _undo_unit(store, change, False, tz)
    blocked: list[str] = []
    seen: set[int] = set()
    for change in store.undoable_changes(UNDOABLE, UNDO_LOOKBACK):
        if change["id"] in seen:
            continue
        if change["action"] == "import":
            seen.update(c["id"] for c in store.import_changes(change))
        try:
            plan = _undo_unit(store, change, True, tz)
        except EditError as error:
            blocked.append(str(error))
            continue
        return replace(plan, passed=_passed_over(store, max(plan.change_ids), blocked, tz))
    raise NothingToUndo(_passed_over(store, 0, blocked, tz))


MAX_NAMED_NOT_UNDONE = 5


def _passed_over(store: Store, change_id: int, blocked: list[str], tz: tzinfo) -> PassedOver:
    """The changes of a kind undo does not reverse newer than `change_id`, and the first three reasons
    in `blocked`."""
    changes = store.changes_after(change_id, NOT_UNDONE, MAX_NAMED_NOT_UNDONE + 1)
    names = {i.id: i.name for i in store.indicators()} if changes else {}
    not_undone = []
    for change in changes[:MAX_NAMED_NOT_UNDONE]:
        entity = json.loads(change["entity"])
        name = names.get(entity.get("indicator_id"), entity.get("indicator_id", ""))
        what = {"set_monthly_plan": f"{name}的月度计划", "set_duty": f"{name}的责任单位和报送周期"}.get(
            change["action"], "进度阈值")
        not_undone.append(NotUndone(change["id"], local_minute(change["at"], tz), change["action"], what))
    return PassedOver(tuple(not_undone), len(changes) > MAX_NAMED_NOT_UNDONE, tuple(blocked[:3]))


# Above this many changes, the tables they touch are read whole once rather than row by row.
SCAN_ABOVE = 20


def _reverse_all(store: Store, change_ids: tuple[int, ...], user_id: int | None, chat_id: int | None) -> list[int]:
    """Check every reversal, then write them (grouped by table, in order) and their audit rows; call
    inside a transaction. EditError, with the reason, when any cannot be done."""
    changes = store.changes_by_id(change_ids)
    tables: dict[str, dict[tuple, dict]] = {}
    written: dict[tuple, dict | None] = {}  # (table, key) → the row as this undo leaves it

    def current(table: str, key: dict) -> dict | None:
        place = (table, *key.values())
        if place in written:
            return written[place]
        if len(change_ids) <= SCAN_ABOVE:
            return store.get_row(table, key)
        if table not in tables:
            tables[table] = store.rows_by_key(table)
        return tables[table].get(tuple(key.values()))

    reversals = []
    for change_id in change_ids:
        if change_id not in changes:
            raise EditError(f"没有编号为 {change_id} 的修改。")
        table, key, before, after = _parse_change(changes[change_id])
        if not _same_row(current(table, key), after):
            raise EditError(f"第 {change_id} 号修改之后这条数据又被改过，请先撤销更新的修改（/history 查看）。")
        written[(table, *key.values())] = before
        reversals.append((change_id, table, key, before, after))
    undo_ids: list[int] = []
    for table, group in groupby(reversals, key=lambda r: r[1]):
        group = list(group)
        if table == "sources":  # after the rows of the same import that cite a new source are gone
            for change_id, _, key, before, after in group:
                cited = store.references_to_source(key["id"]) if before is None else 0
                if cited:
                    raise EditError(f"第 {change_id} 号修改添加的来源“{(after or {}).get('title') or key['id']}”"
                                    f"仍被 {cited} 条目标或数据引用，请先撤销引用它的修改。")
        # The one audited write path, as /set and /import use it.
        undo_ids += store.write_audited_many("undo", [(table, key, after, before, {"undoes": change_id})
                                                      for change_id, _, key, before, after in group],
                                             user_id, chat_id)
    store.mark_all_undone([(undo_id, reversal[0]) for undo_id, reversal in zip(undo_ids, reversals)])
    return undo_ids


def apply_undo(store: Store, plan: PlannedUndo, user_id: int | None, chat_id: int | None) -> list[int]:
    """Reverse the planned changes, newest first, each as a new `undo` change, in ONE transaction:
    all or nothing. Returns the undo change ids. EditError when anything changed since the plan."""
    with store.transaction():
        return _reverse_all(store, plan.change_ids, user_id, chat_id)


def undo(store: Store, change_id: int | None, user_id: int | None, chat_id: int | None) -> tuple[int, dict]:
    """Plan and apply at once (for scripts and tests): (the last undo id, the newest change reversed)."""
    plan = plan_undo(store, change_id)
    undo_ids = apply_undo(store, plan, user_id, chat_id)
    return undo_ids[-1], store.change(plan.change_ids[0])



def describe_change(change: dict, names: dict[str, str] | None = None, *, tz: tzinfo = timezone.utc,
                    people: dict[int, str] | None = None) -> str:
    """One line for /history: number, time (in `tz`), who, what (the city, the period or target year, old
    → new); with `names` ({indicator id: name}) also which indicator, for lines that mix indicators (the
    /undo preview). Who is the name the change was recorded with, else the one in `people` ({user id:
    "王科长（42）"}, Store.people), else the id."""
    after = json.loads(change["after"]) if change["after"] else None
    before = json.loads(change["before"]) if change["before"] else None
    entity = json.loads(change["entity"])
    what = (f"撤销第{entity.get('undoes', '?')}号" if change["action"] == "undo"
            else ACTION_WORDS.get(change["action"], change["action"]))
    old, new = _shown(before), _shown(after)
    where = entity.get("period") or (f"{entity['year']}年目标" if "year" in entity else "")
    if "alias" in entity and not where:
        where = "别名"
    elif entity.get("table") == "sources" or set(entity) - {"table", "batch", "undoes"} == {"id"}:
        where = f"来源 {entity.get('id', '')}"
    if entity.get("city"):  # 苏州's and 深圳's rows of one period must not read alike
        where = f"{entity['city']} {where}"
    if names and entity.get("indicator_id") in names:
        where = f"{names[entity['indicator_id']]} {where}"
    undone = f"（已被第{change['undone_by']}号撤销）" if change.get("undone_by") else ""
    parts = (f"#{change['id']}", local_minute(change["at"], tz), _who(change, after, people or {}),
             what, where, f"{old} → {new}{undone}")
    return " ".join(part for part in parts if part)  # a duty has no period: no double space where it would be


def _who(change: dict, after: dict | None, people: dict[int, str]) -> str:
    """Who made a change: as recorded with it ("王科长（42）", Store.acting_as), else as its row names the
    sender (a change made before that was recorded), "用户（42）" when named nowhere, 控制台."""
    user_id = change["user_id"]
    if user_id is None:
        return "控制台"
    after = after or {}
    return (change.get("who") or recorded_who(after.get("recorded_by"), user_id)
            or recorded_who(after.get("updated_by"), user_id) or people.get(user_id) or f"用户（{user_id}）")


def _shown(row: dict | None) -> str:
    """A changed row in a few words: a figure's or target's text, an alias, a source's title, a duty's
    unit and cycle, a monthly plan's shares (in %); 无 for none."""
    row = row or {}
    if "cycle" in row:
        return f"{row.get('unit') or ''}（{CYCLES.get(row['cycle'], row['cycle'])}）"
    if "monthly_plan" in row:
        plan = json.loads(row["monthly_plan"]) if row["monthly_plan"] else None
        return ",".join(format_number(share * 100) for share in plan) + "%" if plan else "按月均匀（未设计划）"
    return row.get("text") or row.get("alias") or row.get("title") or "无"
