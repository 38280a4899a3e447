"""Admins' edits: plan (what the bot understood), apply (one transaction with its audit row), undo, history.

An edit is planned first and shown to the admin; nothing is written until `apply`. Every write and
its `changes` row commit together, and an undo is itself a change, so nothing an admin did is lost.
"""

from __future__ import annotations

import json
import re
from itertools import groupby
import unicodedata
from dataclasses import dataclass, field, replace

from knowledge.aliases import MAX_ALIAS_CHARS, alias_refusal, known_keys
from knowledge.answers import Answerer
from knowledge.errors import KnowledgeError, QuantityError, UnknownIndicatorError
from knowledge.models import Indicator
from knowledge.periods import EXAMPLES as PERIOD_EXAMPLES, PeriodError, check_ended, parse_period
from knowledge.places import DEFAULT_CITY
from knowledge.quantities import format_number, format_quantity, parse_growth, parse_quantity
from knowledge.questions import normalize
from knowledge.store import TABLE_KEYS, Store, restated_status, utc_now
from knowledge.target_rules import figure_refusal, target_refusal

MAX_SOURCE_CHARS = 100  # a 来源 is a title (市统计局 2026年10月月报), not a paragraph

SET_USAGE = ("用法：/set 指标 数值 期间 [同比] [状态] [来源]\n例如：/set 工业投资总额 1980亿 1-10月 同比7.5% 市统计局\n"
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


def _checked_quantity(text: str, indicator: Indicator, target: dict | None, actual: bool = True):
    """The figure an admin typed, parsed in the indicator's unit and checked by target_rules.figure_refusal
    (the same check as an imported figure); QuantityError with the reason."""
    if indicator.kind == "text":
        raise EditError(f"“{indicator.name}”是文字目标，不能录入数值。")
    if re.match(r"\s*[-−－]", text or ""):
        raise QuantityError(f"数值不能为负：“{text}”。")
    quantity = parse_quantity(text, indicator.unit)
    bare = actual and parse_quantity(text).unit == ""
    if refusal := figure_refusal(indicator, quantity.value, quantity.unit, target, text, bare):
        raise QuantityError(refusal)
    return quantity


def _yoy_word(word: str) -> float | None:
    """'同比7.5%' → 7.5, '同比增长7.5%' → 7.5, '同比下降1.2%' → -1.2 (quantities.parse_growth); None otherwise."""
    try:
        return parse_growth(word) if unicodedata.normalize("NFKC", word).startswith("同比") else None
    except QuantityError:
        return None


# A unit typed apart from its number (/set 工业投资 1980 亿 1-10月) belongs to the number.
_LONE_UNIT = re.compile(r"(?:万亿|亿|万|千)?(?:元|人次|人|亩|个|家|项|%|％)?|万亿|亿|万")


def _observation_words(words: list[str], plan_year: int, cumulative: bool):
    """(value text, period, 同比, status, source words) of /set's words after the indicator; EditError
    with the reason and the usage for anything it cannot place — a second period, a malformed or second
    同比, two different statuses, a second number — so that no mistake silently becomes the 来源."""
    rest = list(words)
    value = rest.pop(0)
    if rest and rest[0] and _LONE_UNIT.fullmatch(unicodedata.normalize("NFKC", rest[0])):
        value += rest.pop(0)
    if not rest:
        raise EditError(f"请写期间（数据截至哪个月），例如 1-10月、上半年、2025年。\n{SET_USAGE}")
    try:
        period = parse_period(rest.pop(0), plan_year, cumulative=cumulative)
    except PeriodError as error:
        raise EditError(f"{error}\n{SET_USAGE}") from error
    yoy, status, source_words = None, None, []
    for word in rest:
        folded = unicodedata.normalize("NFKC", word)
        if folded.startswith("同比"):
            if _yoy_word(word) is None:
                raise EditError(f"同比应为百分数，如 同比7.5% 或 同比下降1.2%，收到“{word}”。\n{SET_USAGE}")
            if yoy is not None:
                raise EditError(f"写了两个同比（{format_number(yoy)}% 与 {word}），请只写一个。\n{SET_USAGE}")
            yoy = _yoy_word(word)
            continue
        if word in STATUS_WORDS:
            if status is not None and status != STATUS_WORDS[word]:
                raise EditError(f"状态只能写一个（初步、预计、修订），收到了两个：…{word}。\n{SET_USAGE}")
            status = STATUS_WORDS[word]
            continue
        if not source_words:
            try:
                second = parse_period(word, plan_year, cumulative=cumulative)
            except PeriodError:
                second = None
            if second is not None:
                raise EditError(f"写了两个期间（{period.label} 与 {second.label}），请只写一个。\n{SET_USAGE}")
            if re.fullmatch(r"[+-]?\d[\d,.]*%?", folded):
                raise EditError(f"多出一个数字“{word}”：同比请写成“同比{word.rstrip('%')}%”。\n{SET_USAGE}")
        source_words.append(word)
    source = " ".join(source_words).strip()
    if len(source) > MAX_SOURCE_CHARS:
        raise EditError(f"来源太长（{len(source)}字），请写{MAX_SOURCE_CHARS}字以内的标题，如“市统计局 2026年10月月报”。")
    return value, period, yoy, status or "actual", source


def plan_observation(answerer: Answerer, words: list[str], recorded_by: str) -> PlannedEdit:
    """/set 指标 数值 期间 [同比] [状态] [来源]

    The period is read by knowledge.periods (one label per period, the year of the current targets
    when none is written) and must be written and over (a figure for 全年 entered in November cannot be
    the actual one); 同比 is stored as published; a new figure for a period that already has an actual
    one is a restatement (status 修订数), which replaces it in answers while /history keeps both; the
    same figure again is refused (nothing would change). EditError/QuantityError with the reason.
    """
    if len(words) < 2:
        raise EditError(SET_USAGE)
    indicator = resolve_indicator(answerer, words[0])
    plan_year, _ = answerer.plan_year()
    cumulative = indicator.kind == "cumulative"
    if len(words) == 2:  # no period: say first what is wrong with the value, if anything, then ask for it
        _checked_quantity(words[1], indicator, answerer.store.get_row(
            "targets", {"indicator_id": indicator.id, "city": DEFAULT_CITY, "year": plan_year}))
    value_text, period, yoy, status, source = _observation_words(words[1:], plan_year, cumulative)
    try:
        check_ended(period, answerer.today())
    except PeriodError as error:
        raise EditError(str(error)) from error
    year = period.year
    target = answerer.store.get_row("targets", {"indicator_id": indicator.id, "city": DEFAULT_CITY, "year": year})
    quantity = _checked_quantity(value_text, indicator, target)
    source_title = source or f"管理员录入（{recorded_by}）"
    key = {"indicator_id": indicator.id, "city": DEFAULT_CITY, "period": period.label}
    before = answerer.store.get_row("observations", key)
    text = format_quantity(quantity.value, quantity.unit, quantity.qualifier)
    after = {**key, **period.to_columns(), "value": float(quantity.value), "unit": quantity.unit,
             "qualifier": quantity.qualifier, "text": text, "status": status, "note": "", "quote": "",
             "yoy_growth": yoy, "recorded_by": recorded_by}
    if before and all(before.get(c) == after[c] for c in ("value", "unit", "qualifier", "yoy_growth")) \
            and (status == "actual" or before.get("status") == status) and not source:
        raise EditError(f"{indicator.name} {period.label} 已是 {before['text']}，与这次相同，没有修改。")
    after["status"] = restated_status(before, after)
    written = words[2] if len(words) > 2 else ""
    reading = period.label
    if period.note:
        reading += f"（{period.note}）"
    elif not re.match(r"\s*(?:截[至止])?\s*(?:\d{2,4}|[〇零一二三四五六七八九]{4})", unicodedata.normalize("NFKC", written)):
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
        raise EditError(f"需要 2 个数字（X Y）或 4 个数字，收到 {len(words)} 个。\n{THRESHOLDS_USAGE}")
    numbers = []
    for word in words:
        try:
            numbers.append(float(unicodedata.normalize("NFKC", word).rstrip("%")))
        except ValueError:
            raise EditError(f"无法识别的数字：“{word}”\n{THRESHOLDS_USAGE}") from None
    values = {"lag_points": numbers[0], "severe_points": numbers[1]}
    if len(numbers) == 4:
        values |= {"ratio_band": numbers[2], "ratio_severe_band": numbers[3]}
    try:
        return Thresholds(**{**vars(current), **values}).check(), values
    except ValueError as error:
        raise EditError(f"{error}\n{THRESHOLDS_USAGE}") from None


@dataclass(frozen=True)
class PlannedSetting:
    """A /plan or /thresholds change, shown before 确认 like /set (applied by apply_setting)."""

    action: str  # set_monthly_plan | set_thresholds
    indicator_id: str  # "" for thresholds
    value: object  # the monthly shares (or None to clear), or the thresholds dict
    before: object  # as stored when planned: a 确认 after another change is refused
    lines: tuple[str, ...]


def plan_monthly_plan(answerer: Answerer, words: list[str]) -> PlannedSetting:
    """/plan 指标 0,0,…,100 | 清除 — refused for an indicator that is not judged against 序时进度 (ratios
    and stocks: a monthly plan would change nothing, or mislead)."""
    from knowledge.progress import CUMULATIVE, basis_of

    if len(words) < 2:
        raise EditError(PLAN_USAGE)
    indicator = resolve_indicator(answerer, words[0])
    shares = parse_monthly_plan(" ".join(words[1:]))
    if shares is not None and basis_of(indicator) != CUMULATIVE:
        kind = {"ratio": "比重", "level": "存量（总量）", "text": "文字"}.get(basis_of(indicator), basis_of(indicator))
        raise EditError(f"“{indicator.name}”是{kind}指标，进度不按序时进度计算，月度计划不适用。")
    if shares is None:
        lines = (f"指标：{indicator.name}", "清除月度计划：序时进度改为按月份均匀计算")
    else:
        lines = (f"指标：{indicator.name}",
                 "月度计划（累计%）：" + "、".join(f"{m}月{s * 100:g}" for m, s in enumerate(shares, 1)))
    return PlannedSetting("set_monthly_plan", indicator.id, shares, _stored_plan(answerer.store, indicator.id), lines)


def _stored_plan(store: Store, indicator_id: str) -> tuple[float, ...] | None:
    row = store.db.execute("select monthly_plan from indicators where id = ?", [indicator_id]).fetchone()
    return tuple(json.loads(row[0])) if row and row[0] else None


def plan_thresholds(answerer: Answerer, words: list[str]) -> PlannedSetting:
    """/thresholds X Y [band severe_band] — checked by parse_thresholds, shown before 确认."""
    current = answerer.thresholds
    checked, _ = parse_thresholds(words, current)
    lines = (f"落后序时进度：{current.lag_points:g} / {current.severe_points:g} → {checked.lag_points:g} / "
             f"{checked.severe_points:g} 个百分点（滞后、严重滞后的起点）",
             f"比重类：{current.ratio_band:g} / {current.ratio_severe_band:g} → {checked.ratio_band:g} / "
             f"{checked.ratio_severe_band:g} 个百分点")
    return PlannedSetting("set_thresholds", "", dict(vars(checked)), answerer.store.thresholds_override() or None,
                          lines)


def apply_setting(store: Store, plan: PlannedSetting, user_id: int | None, chat_id: int | None) -> None:
    """Write a confirmed /plan or /thresholds with its audit row; EditError when it changed since the preview."""
    if plan.action == "set_thresholds":
        if (store.thresholds_override() or None) != plan.before:
            raise EditError("确认前阈值已被别人修改，请重新发送命令。")
        store.set_thresholds(plan.value, user_id, chat_id)
        return
    if _stored_plan(store, plan.indicator_id) != plan.before:
        raise EditError("确认前月度计划已被别人修改，请重新发送命令。")
    store.set_monthly_plan(plan.indicator_id, plan.value, user_id, chat_id)


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
    quantity = _checked_quantity(words[1], indicator, None, actual=False)
    if refusal := target_refusal(indicator, quantity.value, quantity.unit):
        raise QuantityError(refusal)
    qualifier = quantity.qualifier or (before or {}).get("qualifier") or ""
    text = format_quantity(quantity.value, quantity.unit, qualifier)
    source_title = f"管理员修改（{recorded_by}）"
    after = {**key, "value": float(quantity.value), "unit": quantity.unit, "qualifier": qualifier, "text": text,
             "quote": ""}
    lines = [f"指标：{indicator.name}（{DEFAULT_CITY} {year}年目标）",
             f"原目标：{before['text']} → 新目标：{text}" if before else f"新目标：{text}（此前没有{year}年目标）"]
    return PlannedEdit("set_target", "targets", key, before, after, tuple(lines), source_title, indicator.id)


def plan_alias(answerer: Answerer, words: list[str]) -> PlannedEdit:
    """/alias 别名 指标 — refused, with the reason, by the rules of knowledge.aliases."""
    if len(words) < 2:
        raise EditError(ALIAS_USAGE)
    alias = words[0].strip()
    if not alias or len(alias) > MAX_ALIAS_CHARS:
        raise EditError(f"别名应为1到{MAX_ALIAS_CHARS}个字。\n{ALIAS_USAGE}")
    indicator = resolve_indicator(answerer, " ".join(words[1:]))
    known = known_keys(answerer.by_id.values(), answerer.store.aliases())
    refusal = alias_refusal(alias, indicator, known, answerer.by_id)
    if refusal:
        raise EditError(refusal)
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
