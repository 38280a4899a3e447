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
from knowledge.periods import EXAMPLES as PERIOD_EXAMPLES, PeriodError, parse_period
from knowledge.places import DEFAULT_CITY
from knowledge.quantities import format_number, format_quantity, parse_quantity, to_base
from knowledge.questions import normalize
from knowledge.store import TABLE_KEYS, Indicator, Store, restated_status, utc_now

UNDOABLE = ("set_observation", "set_target", "add_alias", "import")
MAX_ALIAS_CHARS = 30
# A new figure more than this many times its target is almost surely a unit slip (亿 for 万亿).
MAX_TIMES_TARGET = 10

SET_USAGE = ("用法：/set 指标 数值 [期间] [同比] [状态] [来源]\n例如：/set 工业投资总额 1980亿 1-10月 同比7.5% 市统计局\n"
             f"期间可写 {PERIOD_EXAMPLES}；同比写“同比7.5%”或“同比-1.2%”；状态可写 初步、预计、修订")
PLAN_USAGE = ("用法：/plan 指标 12个月的累计计划比例（%）\n例如：/plan 新增高新技术企业 0,0,0,10,10,20,20,30,40,60,80,100\n"
              "/plan 指标 清除 — 恢复按月份均匀计算序时进度")
THRESHOLDS_USAGE = ("用法：/thresholds X Y [比重基本同步带 比重严重滞后带]（单位：百分点）\n"
                    "例如：/thresholds 5 15 — 落后序时进度不到5个百分点为基本同步，5到15为滞后，15以上为严重滞后")
STATUS_WORDS = {"初步": "preliminary", "初步数": "preliminary", "快报": "preliminary", "预计": "estimate",
                "估计": "estimate", "修订": "revised", "修订数": "revised", "实际": "actual"}
TARGET_USAGE = "用法：/target 指标 数值 [年份，默认今年]\n例如：/target 研发投入 超4.3%"
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


def _yoy_word(word: str) -> float | None:
    """'同比7.5%' → 7.5, '同比-1.2%' → -1.2, '同比增长7.5%' → 7.5, '同比下降1.2%' → -1.2; None otherwise."""
    cleaned = unicodedata.normalize("NFKC", word)
    match = re.fullmatch(r"同比(增长|下降)?([+-]?\d+(?:\.\d+)?)%?", cleaned)
    if not match:
        return None
    value = float(match.group(2))
    return -value if match.group(1) == "下降" else value


def plan_observation(answerer: Answerer, words: list[str], recorded_by: str) -> PlannedEdit:
    """/set 指标 数值 [期间] [同比] [状态] [来源]

    The period is read by knowledge.periods (one label per period, the year of the current targets
    when none is written); 同比 is stored as published; a new figure for a period that already has an
    actual one is a restatement (status 修订数), which replaces it in answers while /history keeps both.
    """
    if len(words) < 2:
        raise EditError(SET_USAGE)
    indicator = resolve_indicator(answerer, words[0])
    plan_year, _ = answerer.plan_year()
    cumulative = indicator.kind == "cumulative"
    rest = list(words[2:])
    try:
        period = parse_period(rest.pop(0) if rest else str(plan_year), plan_year, cumulative=cumulative)
    except PeriodError as error:
        raise EditError(f"{error}\n{SET_USAGE}") from error
    yoy, status, source_words = None, "actual", []
    for word in rest:
        if _yoy_word(word) is not None and yoy is None:
            yoy = _yoy_word(word)
        elif word in STATUS_WORDS:
            status = STATUS_WORDS[word]
        else:
            source_words.append(word)
    year = period.year
    target = answerer.store.get_row("targets", {"indicator_id": indicator.id, "city": DEFAULT_CITY, "year": year})
    quantity = _checked_quantity(words[1], indicator, target)
    source_title = " ".join(source_words).strip() or f"管理员录入（{recorded_by}）"
    key = {"indicator_id": indicator.id, "city": DEFAULT_CITY, "period": period.label}
    before = answerer.store.get_row("observations", key)
    text = format_quantity(quantity.value, quantity.unit, quantity.qualifier)
    after = {**key, **period.to_columns(), "value": float(quantity.value), "unit": quantity.unit,
             "qualifier": quantity.qualifier, "text": text, "status": status, "note": "", "quote": "",
             "yoy_growth": yoy, "recorded_by": recorded_by}
    after["status"] = restated_status(before, after)
    written = words[2] if len(words) > 2 else ""
    reading = period.label
    if period.note:
        reading += f"（{period.note}）"
    elif not written:
        reading += "（未写期间，按全年计）"
    elif not re.match(r"\s*\d{4}", unicodedata.normalize("NFKC", written)):
        reading += f"（未写年份，按当前目标年份{year}年计）"
    lines = [f"指标：{indicator.name}（{DEFAULT_CITY}）", f"数值：{text}", f"期间：{reading}"]
    if yoy is not None:
        lines.append(f"同比：{'增长' if yoy >= 0 else '下降'}{format_number(abs(yoy))}%（按公布数保存，不重新计算）")
    if after["status"] != "actual":
        lines.append("状态：" + {"preliminary": "初步数", "estimate": "预计数", "revised": "修订数"}[after["status"]])
    lines.append(f"来源：{source_title}")
    if before and after["status"] == "revised":
        lines.append(f"修订：原值 {before['text']} → 新值 {text}（答复用新值，/history 保留两者）")
    elif before:
        lines.append(f"原值：{before['text']} → 新值：{text}")
    else:
        lines.append("这是该期间的第一条数据")
    return PlannedEdit("set_observation", "observations", key, before, after, tuple(lines), source_title,
                       indicator.id)


def parse_monthly_plan(text: str) -> list[float] | None:
    """'0,0,0,10,…,100' (12 cumulative percentages) → [0.0, …, 1.0]; '清除' → None; EditError otherwise."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if cleaned in ("清除", "删除", "clear", "none"):
        return None
    parts = [p for p in re.split(r"[,、\s]+", cleaned.replace("%", "")) if p]
    try:
        shares = [float(p) / 100 for p in parts]
    except ValueError:
        raise EditError(PLAN_USAGE) from None
    if len(shares) != 12:
        raise EditError(f"月度计划应有12个数（1月到12月的累计比例），收到 {len(shares)} 个。\n{PLAN_USAGE}")
    if any(not 0 <= s <= 1 for s in shares) or any(b < a for a, b in zip(shares, shares[1:])):
        raise EditError(f"月度计划应是0到100之间、逐月不减的累计比例。\n{PLAN_USAGE}")
    if shares[-1] != 1:
        raise EditError(f"12月的累计比例应为100。\n{PLAN_USAGE}")
    return shares


def parse_thresholds(words: list[str], current):
    """/thresholds X Y [band severe_band] → Thresholds (checked); EditError with the usage otherwise."""
    from knowledge.progress import Thresholds

    if len(words) not in (2, 4):
        raise EditError(THRESHOLDS_USAGE)
    try:
        numbers = [float(unicodedata.normalize("NFKC", w)) for w in words]
    except ValueError:
        raise EditError(THRESHOLDS_USAGE) from None
    values = {"lag_points": numbers[0], "severe_points": numbers[1]}
    if len(numbers) == 4:
        values |= {"ratio_band": numbers[2], "ratio_severe_band": numbers[3]}
    try:
        return Thresholds(**{**vars(current), **values}).check(), values
    except ValueError as error:
        raise EditError(f"{error}\n{THRESHOLDS_USAGE}") from None


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
        return store.write_audited(plan.action, plan.table, plan.key, plan.before, after, user_id, chat_id)


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
        if not _unchanged_since(store.get_row(table, key), after):
            raise EditError(f"第 {change['id']} 号修改之后这条数据又被改过，请先撤销更新的修改（/history 查看）。")
        undo_id = store.write_audited("undo", table, key, after, before, user_id, chat_id,
                                      entity={"undoes": change["id"]})
        store.mark_undone(change["id"], undo_id)
    return undo_id, change


def _unchanged_since(current: dict | None, after: dict | None) -> bool:
    """Is the row still as the change left it? Columns added by a later migration (absent from `after`)
    do not count as a change."""
    if current is None or after is None:
        return current is None and after is None
    return all(current.get(column) == value for column, value in after.items())


def _table_of(action: str) -> str:
    return {"set_observation": "observations", "set_target": "targets", "add_alias": "aliases"}.get(
        action, "observations")


def describe_change(change: dict) -> str:
    """One line for /history: number, time, who, what."""
    after = json.loads(change["after"]) if change["after"] else None
    before = json.loads(change["before"]) if change["before"] else None
    entity = json.loads(change["entity"])
    what = {"set_observation": "录入", "set_target": "改目标", "add_alias": "加别名", "import": "导入", "restate": "同期两条合并（升级）",
            "undo": f"撤销第{entity.get('undoes', '?')}号"}.get(change["action"], change["action"])
    old = (before or {}).get("text") or (before or {}).get("alias") or "无"
    new = (after or {}).get("text") or (after or {}).get("alias") or "无"
    where = entity.get("period") or (f"{entity['year']}年目标" if "year" in entity else "")
    undone = f"（已被第{change['undone_by']}号撤销）" if change.get("undone_by") else ""
    who = change["user_id"] if change["user_id"] is not None else "控制台"
    return f"#{change['id']} {change['at'][:16].replace('T', ' ')} 用户{who} {what} {where} {old} → {new}{undone}"

