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
from knowledge.answers import Answerer, Decision
from knowledge.errors import KnowledgeError, QuantityError, UnknownIndicatorError
from knowledge.models import Indicator
from knowledge.periods import EXAMPLES as PERIOD_EXAMPLES, PeriodError, check_ended, parse_period
from knowledge.places import DEFAULT_CITY
from knowledge.quantities import format_number, format_quantity, parse_growth, parse_quantity
from knowledge.questions import normalize
from knowledge.store import TABLE_KEYS, Store, restated_status, utc_now
from knowledge.target_rules import figure_refusal, target_refusal

UNDOABLE = ("set_observation", "set_target", "add_alias", "import")
MAX_SOURCE_CHARS = 100  # a 来源 is a title (市统计局 2026年10月月报), not a paragraph
# Changes to what answers say that /undo does not reverse: plain /undo names them when it goes past
# them, with the command that sets them back.
NOT_UNDONE = {"set_monthly_plan": "/plan", "set_thresholds": "/thresholds"}

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
    if reply.decision == Decision.ANSWER and len(named) > 1:
        # the answerer answers several indicators at once; a write is about exactly one
        raise EditError(f"“{text}”指了多项：{'、'.join(named)}。一次只能写一个指标。")
    if reply.decision == Decision.ANSWER and reply.answers:
        return reply.answers[0].indicator
    if reply.decision == Decision.CLARIFY:
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


@dataclass(frozen=True)
class PlannedUndo:
    """What /undo will reverse, shown before 确认: one change, or every row of one import."""

    change_ids: tuple[int, ...]  # newest first: the order in which they are reversed
    heading: str  # "将撤销：" or which import
    lines: tuple[str, ...]  # describe_change of (the first few of) the changes
    import_batch: int | None = None  # set when the whole import is undone
    skipped: tuple[str, ...] = ()  # why newer changes are not the ones undone

    def preview(self) -> str:
        notes = ("较新的修改无法撤销，已跳过：", *self.skipped, "") if self.skipped else ()
        return "\n".join((*notes, self.heading, *self.lines))


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
        raise EditError(f"第 {change['id']} 号修改（{change['action']}）不能撤销。")
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


def _undo_unit(store: Store, change: dict, whole_import: bool) -> PlannedUndo:
    """The undo of one change, or (whole_import) of every not yet undone row of its import; EditError
    when any of them cannot be reversed."""
    if whole_import and change["action"] == "import":
        rows = sorted((c for c in store.import_changes(change) if c["undone_by"] is None), key=lambda c: -c["id"])
        plan_ids = tuple(c["id"] for c in rows)
        _try_undo(store, plan_ids)
        batch = json.loads(change["entity"]).get("batch") or rows[-1]["id"]
        heading = (f"将撤销一次导入（{change['at'][:16].replace('T', ' ')}，第 #{rows[-1]['id']}–#{rows[0]['id']} "
                   f"号修改中尚未撤销的 {len(rows)} 行）：")
        names = {i.id: i.name for i in store.indicators()}
        lines = [describe_change(c, names) for c in rows[:MAX_LISTED_UNDO_ROWS]]
        if len(rows) > MAX_LISTED_UNDO_ROWS:
            lines.append(f"…另有 {len(rows) - MAX_LISTED_UNDO_ROWS} 行")
        return PlannedUndo(plan_ids, heading, tuple(lines), batch)
    _try_undo(store, (change["id"],))
    names = {i.id: i.name for i in store.indicators()}
    return PlannedUndo((change["id"],), "将撤销：", (describe_change(change, names),))


def plan_undo(store: Store, change_id: int | None) -> PlannedUndo:
    """What `/undo [编号]` would reverse, checked now and again when applied.

    With a number: that change (one row, also one row of an import). Without: the latest change that
    can be reversed — a whole import when it is the latest — naming any newer one that cannot be
    and why, so plain /undo never gets stuck behind it. EditError with a Chinese reason otherwise.
    """
    if change_id is not None:
        change = store.change(change_id)
        if change is None:
            raise EditError(f"没有编号为 {change_id} 的修改。")
        return _undo_unit(store, change, whole_import=False)
    blocked: list[str] = []
    seen: set[int] = set()
    for change in store.undoable_changes(UNDOABLE, UNDO_LOOKBACK):
        if change["id"] in seen:
            continue
        if change["action"] == "import":
            seen.update(c["id"] for c in store.import_changes(change))
        try:
            plan = _undo_unit(store, change, whole_import=True)
        except EditError as error:
            blocked.append(str(error))
            continue
        return replace(plan, skipped=(*_not_undone_since(store, max(plan.change_ids)), *blocked[:3]))
    passed = [*_not_undone_since(store, 0), *blocked[:3]]
    if passed:
        raise EditError("没有可以撤销的修改：\n" + "\n".join(passed))
    raise EditError("没有可以撤销的修改。")


MAX_NAMED_NOT_UNDONE = 5


def _not_undone_since(store: Store, change_id: int) -> list[str]:
    """One line for each /plan and /thresholds change newer than `change_id`, newest first (at most
    MAX_NAMED_NOT_UNDONE, then how many more): /undo does not reverse them, so it says so."""
    changes = store.changes_after(change_id, tuple(NOT_UNDONE), MAX_NAMED_NOT_UNDONE + 1)
    names = {i.id: i.name for i in store.indicators()} if changes else {}
    lines = []
    for change in changes[:MAX_NAMED_NOT_UNDONE]:
        entity = json.loads(change["entity"])
        what = (f"{names.get(entity.get('indicator_id'), entity.get('indicator_id', ''))}的月度计划"
                if change["action"] == "set_monthly_plan" else "进度阈值")
        command = NOT_UNDONE[change["action"]]
        lines.append(f"#{change['id']} {change['at'][:16].replace('T', ' ')} {command} 改了{what}："
                     f"/undo 不撤销这类修改，要改回请再发 {command}")
    if len(changes) > MAX_NAMED_NOT_UNDONE:
        lines.append("…另有更早的同类修改")
    return lines


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


def describe_change(change: dict, names: dict[str, str] | None = None) -> str:
    """One line for /history: number, time, who, what; with `names` ({indicator id: name}) also which
    indicator, for lines that mix indicators (the /undo preview)."""
    after = json.loads(change["after"]) if change["after"] else None
    before = json.loads(change["before"]) if change["before"] else None
    entity = json.loads(change["entity"])
    what = {"set_observation": "录入", "set_target": "改目标", "add_alias": "加别名", "import": "导入", "restate": "同期两条合并（升级）",
            "undo": f"撤销第{entity.get('undoes', '?')}号"}.get(change["action"], change["action"])
    old, new = _shown(before), _shown(after)
    where = entity.get("period") or (f"{entity['year']}年目标" if "year" in entity else "")
    if "alias" in entity and not where:
        where = "别名"
    elif entity.get("table") == "sources" or set(entity) - {"table", "batch", "undoes"} == {"id"}:
        where = f"来源 {entity.get('id', '')}"
    if names and entity.get("indicator_id") in names:
        where = f"{names[entity['indicator_id']]} {where}"
    undone = f"（已被第{change['undone_by']}号撤销）" if change.get("undone_by") else ""
    who = change["user_id"] if change["user_id"] is not None else "控制台"
    return f"#{change['id']} {change['at'][:16].replace('T', ' ')} 用户{who} {what} {where} {old} → {new}{undone}"


def _shown(row: dict | None) -> str:
    return (row or {}).get("text") or (row or {}).get("alias") or (row or {}).get("title") or "无"
