"""Admins' edits: plan (what the bot understood), apply (one transaction with its audit row), undo, history.

An edit is planned first and shown to the admin; nothing is written until `apply`. Every write and
its `changes` row commit together, and an undo is itself a change, so nothing an admin did is lost.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

from knowledge.answers import Answerer
from knowledge.errors import KnowledgeError, QuantityError, UnknownIndicatorError
from knowledge.places import DEFAULT_CITY
from knowledge.quantities import format_quantity, parse_quantity, to_base
from knowledge.questions import normalize
from knowledge.store import TABLE_KEYS, Indicator, Store, utc_now

UNDOABLE = ("set_observation", "set_target", "add_alias", "import")
MAX_ALIAS_CHARS = 30
# A new figure more than this many times its target is almost surely a unit slip (亿 for 万亿).
MAX_TIMES_TARGET = 10

SET_USAGE = "用法：/set 指标 数值 [期间] [来源]\n例如：/set 工业投资总额 1980亿 1-10月 市工信局"
TARGET_USAGE = "用法：/target 指标 数值 [年份]\n例如：/target 研发投入 超4.3% 2026"
ALIAS_USAGE = "用法：/alias 别名 指标\n例如：/alias 研发强度 全社会研发投入占GDP比重"


class EditError(KnowledgeError):
    """An edit that cannot be planned or undone, with a Chinese reason."""


@dataclass(frozen=True)
class PlannedEdit:
    action: str  # set_observation | set_target | add_alias
    table: str
    key: dict
    before: dict | None
    after: dict
    lines: tuple[str, ...]  # what the bot understood, shown before 确认
    source_title: str = ""
    indicator_id: str = field(default="")


def resolve_indicator(answerer: Answerer, text: str) -> Indicator:
    """The indicator an admin named: its exact name or alias first, else a confident match."""
    wanted = normalize(text)
    for indicator in answerer.by_id.values():
        if normalize(indicator.name) == wanted or indicator.id == text:
            return indicator
    reply = answerer.answer(text)
    named = list(dict.fromkeys(a.indicator.name for a in reply.answers))
    if reply.decision == "answer" and len(named) > 1:
        # the answerer answers several indicators at once; a write is about exactly one
        raise EditError(f"“{text}”指了多项：{'、'.join(named)}。一次只能写一个指标。")
    if reply.decision == "answer" and reply.answers:
        return reply.answers[0].indicator
    if reply.decision == "clarify":
        names = "、".join(c.indicator.name for c, _ in reply.candidates)
        raise EditError(f"“{text}”可能指：{names}。请写完整的指标名称。")
    if reply.reason == "no_city_data" and reply.candidates:
        return reply.candidates[0][0].indicator
    raise UnknownIndicatorError(f"没有找到指标“{text}”，可发送 /targets 查看全部指标名称。")


def _checked_quantity(text: str, indicator: Indicator, target: dict | None):
    if indicator.kind == "text":
        raise EditError(f"“{indicator.name}”是文字目标，不能录入数值。")
    quantity = parse_quantity(text, indicator.unit)
    if quantity.value < 0:
        raise QuantityError("数值不能为负。")
    if indicator.unit == "%" and quantity.value > 100:
        raise QuantityError(f"比重不能超过100%，收到 {text}。")
    if indicator.unit in ("个", "家") and quantity.to_base() != quantity.to_base().to_integral_value():
        raise QuantityError(f"“{indicator.name}”按个数计，应为整数，收到 {text}。")
    if target and target.get("value") and indicator.unit != "%":
        limit = to_base(target["value"], target["unit"]) * MAX_TIMES_TARGET
        if quantity.to_base() > limit:
            raise QuantityError(f"{text} 超过目标的{MAX_TIMES_TARGET}倍，请检查单位（万亿/亿/万）。")
    return quantity


def normalize_period(text: str | None, year: int) -> tuple[str, int]:
    """'1-10月' → ('2026年1-10月', 2026); '2025年' → ('2025年', 2025); None → ('2026年', 2026)."""
    if not text:
        return f"{year}年", year
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    for dash in ("—", "–", "~", "至", "到"):
        cleaned = cleaned.replace(dash, "-")
    match = re.fullmatch(r"(?:(\d{4})年?)?(?:(\d{1,2})(?:-(\d{1,2}))?月|(一季度|上半年|前三季度|全年))?", cleaned)
    if not match or not cleaned:
        raise EditError(f"期间格式不对：{text}（例如 1-10月、10月、上半年、2025年）")
    if match.group(1):
        year = int(match.group(1))
        if not 2000 <= year <= 2100:
            raise EditError(f"年份不对：{text}")
    months = [int(m) for m in (match.group(2), match.group(3)) if m]
    if any(not 1 <= m <= 12 for m in months) or (len(months) == 2 and months[0] > months[1]):
        raise EditError(f"月份不对：{text}")
    rest = cleaned[len(match.group(1) or ""):].lstrip("年")
    return f"{year}年{rest}", year


def plan_observation(answerer: Answerer, words: list[str], recorded_by: str) -> PlannedEdit:
    """/set 指标 数值 [期间] [来源]"""
    if len(words) < 2:
        raise EditError(SET_USAGE)
    indicator = resolve_indicator(answerer, words[0])
    period, year = normalize_period(words[2] if len(words) > 2 else None, answerer.today().year)
    target = answerer.store.get_row("targets", {"indicator_id": indicator.id, "city": DEFAULT_CITY, "year": year})
    quantity = _checked_quantity(words[1], indicator, target)
    source_title = " ".join(words[3:]).strip() or f"管理员录入（{recorded_by}）"
    key = {"indicator_id": indicator.id, "city": DEFAULT_CITY, "period": period}
    before = answerer.store.get_row("observations", key)
    text = format_quantity(quantity.value, quantity.unit, quantity.qualifier)
    after = {**key, "year": year, "value": float(quantity.value), "unit": quantity.unit,
             "qualifier": quantity.qualifier, "text": text, "status": "actual", "note": "", "quote": "",
             "recorded_by": recorded_by}
    lines = [f"指标：{indicator.name}（{DEFAULT_CITY}）", f"数值：{text}", f"期间：{period}",
             f"来源：{source_title}"]
    lines.append(f"原值：{before['text']} → 新值：{text}" if before else "这是该期间的第一条数据")
    return PlannedEdit("set_observation", "observations", key, before, after, tuple(lines), source_title,
                       indicator.id)


def plan_target(answerer: Answerer, words: list[str], recorded_by: str) -> PlannedEdit:
    """/target 指标 数值 [年份]"""
    if len(words) < 2 or len(words) > 3:
        raise EditError(TARGET_USAGE)
    indicator = resolve_indicator(answerer, words[0])
    year = answerer.today().year
    if len(words) == 3:
        if not re.fullmatch(r"20\d\d年?", words[2]):
            raise EditError(f"年份不对：{words[2]}\n{TARGET_USAGE}")
        year = int(words[2][:4])
    key = {"indicator_id": indicator.id, "city": DEFAULT_CITY, "year": year}
    before = answerer.store.get_row("targets", key)
    quantity = _checked_quantity(words[1], indicator, None)
    qualifier = quantity.qualifier or (before or {}).get("qualifier") or ""
    text = format_quantity(quantity.value, quantity.unit, qualifier)
    source_title = f"管理员修改（{recorded_by}）"
    after = {**key, "value": float(quantity.value), "unit": quantity.unit, "qualifier": qualifier, "text": text,
             "quote": ""}
    lines = [f"指标：{indicator.name}（{DEFAULT_CITY} {year}年目标）",
             f"原目标：{before['text']} → 新目标：{text}" if before else f"新目标：{text}（此前没有{year}年目标）"]
    return PlannedEdit("set_target", "targets", key, before, after, tuple(lines), source_title, indicator.id)


def plan_alias(answerer: Answerer, words: list[str]) -> PlannedEdit:
    """/alias 别名 指标"""
    if len(words) < 2:
        raise EditError(ALIAS_USAGE)
    alias = words[0].strip()
    if not alias or len(alias) > MAX_ALIAS_CHARS or not normalize(alias):
        raise EditError(f"别名应为1到{MAX_ALIAS_CHARS}个字。\n{ALIAS_USAGE}")
    indicator = resolve_indicator(answerer, " ".join(words[1:]))
    for other in answerer.by_id.values():
        if normalize(other.name) == normalize(alias) and other.id != indicator.id:
            raise EditError(f"“{alias}”已是指标“{other.name}”的名称，不能再指向别的指标。")
    for indicator_id, existing in answerer.store.aliases():
        if normalize(existing) == normalize(alias):
            owner = answerer.by_id[indicator_id].name
            raise EditError(f"别名“{alias}”已指向“{owner}”。")
    key = {"indicator_id": indicator.id, "alias": alias}
    lines = [f"别名：{alias}", f"指标：{indicator.name}"]
    return PlannedEdit("add_alias", "aliases", key, None, {**key, "added_by": "admin"}, tuple(lines), "",
                       indicator.id)


def apply_edit(store: Store, plan: PlannedEdit, user_id: int | None, chat_id: int | None) -> int:
    """Write the planned row and its audit row in one transaction; returns the change id."""
    with store.transaction():
        current = store.get_row(plan.table, plan.key)
        if current != plan.before:
            raise EditError("确认前这条数据已被别人修改，请重新发送命令。")
        after = dict(plan.after)
        if plan.table in ("observations", "targets"):
            after["source_id"] = store.ensure_source(plan.source_title)
        if plan.table == "observations":
            after["recorded_at"] = utc_now()
        store.write_row(plan.table, plan.key, after)
        entity = {**plan.key, "table": plan.table}
        return store.record_change(plan.action, entity, plan.before, after, user_id, chat_id)


def undo(store: Store, change_id: int | None, user_id: int | None, chat_id: int | None) -> tuple[int, dict]:
    """Reverse one change (the latest undoable one when no id is given) as a new change."""
    with store.transaction():
        change = store.change(change_id) if change_id is not None else store.last_undoable_change(UNDOABLE)
        if change is None:
            raise EditError("没有可以撤销的修改。" if change_id is None else f"没有编号为 {change_id} 的修改。")
        if change["action"] not in UNDOABLE:
            raise EditError(f"第 {change['id']} 号修改（{change['action']}）不能撤销。")
        if change["undone_by"] is not None:
            raise EditError(f"第 {change['id']} 号修改已被第 {change['undone_by']} 号撤销。")
        entity = json.loads(change["entity"])
        table = entity.pop("table", None) or _table_of(change["action"])
        key = {k: entity[k] for k in TABLE_KEYS[table]}
        before = json.loads(change["before"]) if change["before"] else None
        after = json.loads(change["after"]) if change["after"] else None
        if store.get_row(table, key) != after:
            raise EditError(f"第 {change['id']} 号修改之后这条数据又被改过，请先撤销更新的修改（/history 查看）。")
        store.write_row(table, key, before)
        undo_id = store.record_change("undo", {**key, "table": table, "undoes": change["id"]}, after, before,
                                      user_id, chat_id)
        store.mark_undone(change["id"], undo_id)
    return undo_id, change


def _table_of(action: str) -> str:
    return {"set_observation": "observations", "set_target": "targets", "add_alias": "aliases"}.get(
        action, "observations")


def describe_change(change: dict) -> str:
    """One line for /history: number, time, who, what."""
    after = json.loads(change["after"]) if change["after"] else None
    before = json.loads(change["before"]) if change["before"] else None
    entity = json.loads(change["entity"])
    what = {"set_observation": "录入", "set_target": "改目标", "add_alias": "加别名", "import": "导入",
            "undo": f"撤销第{entity.get('undoes', '?')}号"}.get(change["action"], change["action"])
    old = (before or {}).get("text") or (before or {}).get("alias") or "无"
    new = (after or {}).get("text") or (after or {}).get("alias") or "无"
    where = entity.get("period") or (f"{entity['year']}年目标" if "year" in entity else "")
    undone = f"（已被第{change['undone_by']}号撤销）" if change.get("undone_by") else ""
    who = change["user_id"] if change["user_id"] is not None else "控制台"
    return f"#{change['id']} {change['at'][:16].replace('T', ' ')} 用户{who} {what} {where} {old} → {new}{undone}"

