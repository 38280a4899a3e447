"""Admins' edits: plan (what the bot understood), apply (one transaction with its audit row).

An edit is planned first, from named values as an admin wrote them (the indicator, '1980亿', '1-10月',
'同比7.5%'), and shown to the admin; nothing is written until `apply`. Every write and its `changes` row
commit together (undo and history: knowledge.undo), so nothing an admin did is lost. Which word of a
command is which value is the handlers' business (handlers.arguments); here a refusal says what is
wrong with a value: UnreadableEditValue when its form cannot be read, EditError otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from knowledge.aliases import MAX_ALIAS_CHARS, alias_refusal, known_keys
from knowledge.control_characters import name_refusal
from knowledge.answers import Answerer, Decision
from knowledge.errors import KnowledgeError, QuantityError, UnknownIndicatorError, UnreadableValueError, quoted
from knowledge.labels import OBSERVATION_STATUS_LABELS
from knowledge.models import OBSERVATION_STATUS_WORDS, Indicator, ObservationStatus
from knowledge.period_years import read_written_period
from knowledge.periods import Period, PeriodError, check_ended, parse_period
from knowledge.periods import span as months_period
from knowledge.places import DEFAULT_CITY, PLACES
from knowledge.quantities import compatible, format_number, format_quantity, parse_growth, parse_quantity, split_unit
from knowledge.questions import normalize
from knowledge.store import Store, utc_now, written_figure
from knowledge.target_rules import figure_refusal, previous_target, share_reference, target_refusal, unit_name

MAX_SOURCE_CHARS = 100  # a 来源 is a title (市统计局 2026年10月月报), not a paragraph



class EditError(KnowledgeError):
    """An edit that cannot be planned or undone, with a Chinese reason."""


class UnreadableEditValue(EditError, UnreadableValueError):
    """An edit refused because one of its values is written in a form that cannot be read."""


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
        raise EditError(f"“{quoted(text)}”指了多项：{'、'.join(named)}。一次只能写一个指标。")
    if reply.decision == Decision.ANSWER and reply.answers:
        return reply.answers[0].indicator
    if reply.decision == Decision.CLARIFY:
        names = "、".join(c.indicator.name for c, _ in reply.candidates)
        raise EditError(f"“{quoted(text)}”可能指：{names}。请写完整的指标名称。")
    # a place the edit reads (knowledge/places.py) was taken as its city; one it does not (沭阳, read by
    # knowledge/china_places.py) would leave the figure to be written as 苏州's
    if reply.reason == "no_city_data" and reply.candidates and set(reply.missing_cities) <= set(PLACES):
        return reply.candidates[0][0].indicator
    raise UnknownIndicatorError(f"没有找到指标“{quoted(text)}”。")


def figure_target(store: Store, indicator: Indicator, city: str, year: int | None) -> dict | None:
    """What a figure of `city` and `year` is checked against by figure_refusal: that year's target row,
    else (for a share) target_rules.share_reference over the indicator's stored targets and figures."""
    target = store.get_row("targets", {"indicator_id": indicator.id, "city": city, "year": year})
    if target or indicator.unit != "%":
        return target
    where = ("indicator_id = ?", [indicator.id])
    return share_reference(indicator, city, year, store.db["targets"].rows_where(*where),
                           store.db["observations"].rows_where(*where))


def _checked_quantity(text: str, indicator: Indicator, target: dict | None, actual: bool = True):
    """The figure an admin typed, parsed in the indicator's unit and checked by target_rules.figure_refusal
    (the same check as an imported figure); QuantityError with the reason."""
    if indicator.kind == "text":
        raise EditError(f"“{indicator.name}”是文字目标，不能录入数值。")
    if re.match(r"\s*[-−－]", text or ""):
        raise QuantityError(f"数值不能为负：“{quoted(text)}”。")
    quantity = parse_quantity(text, indicator.unit)
    bare = actual and parse_quantity(text).unit == ""
    if refusal := figure_refusal(indicator, quantity.value, quantity.unit, target, text, bare):
        raise QuantityError(refusal)
    return quantity


def parse_yoy(text: str) -> float:
    """'同比7.5%' → 7.5, '同比增长7.5%' → 7.5, '同比下降1.2%' → -1.2 (percent, as published; read by
    quantities.parse_growth); UnreadableEditValue otherwise."""
    folded = unicodedata.normalize("NFKC", text)
    try:
        if folded.startswith("同比"):
            return parse_growth(text)
    except QuantityError:
        pass
    raise UnreadableEditValue(f"同比应为百分数，如 同比7.5% 或 同比下降1.2%，收到“{quoted(text)}”。")


def parse_status(text: str | None) -> str:
    """'初步' → PRELIMINARY, '预计' → ESTIMATE, '修订' → REVISED, None → ACTUAL (OBSERVATION_STATUS_WORDS);
    UnreadableEditValue for any other word."""
    if text is None:
        return ObservationStatus.ACTUAL
    if text not in OBSERVATION_STATUS_WORDS:
        raise UnreadableEditValue(f"状态应为 初步、预计 或 修订，收到“{quoted(text)}”。")
    return OBSERVATION_STATUS_WORDS[text]


# What a word of a 来源 (a title: 市统计局 2026年10月月报) never holds: a figure with its unit (180亿, 12%,
# 两千亿左右, 0.2个百分点), a rank (全省第2) or a comparison (较1-9月…, 占全省…, 比上年提高…) — each is a fact that
# /set does not store, and as the 来源 it would show on /sources and on every answer.
_NUMERAL = r"(?:\d+(?:\.\d+)?|[〇零一二两三四五六七八九十][〇零一二两三四五六七八九十百千]*)"
_FIGURE = re.compile(_NUMERAL + r"\s*(?:(?:万亿|亿|万)(?:元|人|家|个)?|元|%|个百分点|百分点|家|人次|人|项|个|倍|户|台)")
_RANK = re.compile(r"第\s*[\d一二三四五六七八九十]+\s*(?:名|位)?$|排名|排第|位次|位居|位列")
_COMPARISON = re.compile(r"^(?:较|比|占|与|同比|环比)|增加|减少|提高|降低")


def _source_refusal(source: str, period, plan_year: int, cumulative: bool) -> str | None:
    """Why `source` cannot be a 来源 (a title): a word of it is a second period, a bare number, a growth
    rate (下降3.2% without 同比), or holds a rank, a comparison or a figure (_FIGURE, _RANK, _COMPARISON):
    facts that must not silently become the 来源. None when it can."""
    for at, word in enumerate(source.split()):
        folded = unicodedata.normalize("NFKC", word)
        try:
            second = parse_period(word, plan_year, cumulative=cumulative)
        except PeriodError:
            second = None
        if second is not None:
            return f"写了两个期间（{period.label} 与 {second.label}），请只写一个。"
        if at == 0 and re.fullmatch(r"[+-]?\d[\d,.]*%?", folded):
            return f"多出一个数字“{quoted(word)}”：同比请写成“同比{quoted(word.rstrip('%'))}%”。"
        if _growth_or_none(word) is not None:  # 增长7.5%, 下降3.2% or 7.5% without 同比
            return f"“{quoted(word)}”像是增速：同比请写成“同比{quoted(word)}”。"
        kind = ("位次" if _RANK.search(folded) else "比较" if _COMPARISON.search(folded) and re.search(_NUMERAL, folded)
                else "数值" if _FIGURE.search(folded) else None)
        if kind:
            return (f"“{quoted(word)}”是{kind}，不是来源：来源只写标题（如 市统计局 2026年10月月报），"
                    "位次、比较和其他数值不随 /set 保存。")
    return None


def _growth_or_none(text: str) -> float | None:
    try:
        return parse_growth(text)
    except QuantityError:
        return None


def plan_observation(answerer: Answerer, indicator: str, value: str, period: str | None, recorded_by: str, *,
                     yoy: str | None = None, status: str | None = None, source: str = "",
                     city: str = DEFAULT_CITY) -> PlannedEdit:
    """An actual figure of `city` (a name of knowledge.places): `indicator` as an admin names it, `value`
    as written ('1980亿', '57%'), `period` ('1-10月', '上半年', '2025年'; None when not written), `yoy`
    ('同比7.5%'), `status` ('初步', '预计', '修订'; None for an actual figure), `source` (a title, at most
    MAX_SOURCE_CHARS characters).

    The period is read by knowledge.periods (one label per period, the year of the current targets
    when none is written) and must be written and over (a figure for 全年 entered in November cannot be
    the actual one); 同比 is stored as published; a new figure for a period that already has an actual
    one is a restatement (status 修订数), which replaces it in answers while the history keeps both; the
    same figure again is refused (nothing would change). EditError/QuantityError with the reason;
    UnreadableEditValue when the period, 同比, status or source is written in a form that cannot be read.
    """
    found = resolve_indicator(answerer, indicator)
    plan_year, _ = answerer.plan_year()
    cumulative = found.kind == "cumulative"
    if period is None:  # say first what is wrong with the value, if anything, then ask for the period
        _checked_quantity(value, found, figure_target(answerer.store, found, city, plan_year))
        raise UnreadableEditValue("请写期间（数据截至哪个月），例如 1-10月、上半年、2025年。")
    try:
        span, year_taken = read_written_period(period, answerer.today(), cumulative)
    except PeriodError as error:
        raise UnreadableEditValue(str(error)) from error
    yoy_growth = parse_yoy(yoy) if yoy is not None else None
    status = parse_status(status)
    source = source.strip()
    if refusal := _source_refusal(source, span, plan_year, cumulative):
        raise UnreadableEditValue(refusal)
    if len(source) > MAX_SOURCE_CHARS:
        raise EditError(f"来源太长（{len(source)}字），请写{MAX_SOURCE_CHARS}字以内的标题，如“市统计局 2026年10月月报”。")
    try:
        check_ended(span, answerer.today())
    except PeriodError as error:
        raise EditError(str(error)) from error
    year = span.year
    span = same_point(answerer.store, found, city, span)
    quantity = _checked_quantity(value, found, figure_target(answerer.store, found, city, year))
    source_title = source or f"管理员录入（{recorded_by}）"
    key = {"indicator_id": found.id, "city": city, "period": span.label}
    before = answerer.store.get_row("observations", key)
    text = format_quantity(quantity.value, quantity.unit, quantity.qualifier)
    given = {**key, **span.to_columns(), "value": float(quantity.value), "unit": quantity.unit,
             "qualifier": quantity.qualifier, "text": text, "status": status, "note": "", "quote": "",
             "yoy_growth": yoy_growth, "change_points": None, "recorded_by": recorded_by}
    if before and all(before.get(c) == given[c] for c in ("value", "unit", "qualifier", "yoy_growth")) \
            and (status in (ObservationStatus.ACTUAL, ObservationStatus.REVISED) or before.get("status") == status) \
            and not source:  # 修订 restates a figure: the same figure again restates nothing
        raise EditError(f"{found.name} {span.label} 已是 {before['text']}，与这次相同，没有修改。")
    after = written_figure("observations", before, given)
    reading = span.label
    if span.note:
        reading += f"（{span.note}）"
    elif year_taken:
        reading += f"（未写年份，按已结束的最近一期计为{year}年）"
    lines = [f"指标：{found.name}（{city}）", f"数值：{text}", f"期间：{reading}"]
    if yoy_growth is not None:
        lines.append(f"同比：{'增长' if yoy_growth >= 0 else '下降'}{format_number(abs(yoy_growth))}%（按公布数保存，不重新计算）")
    if after["status"] != ObservationStatus.ACTUAL:
        lines.append("状态：" + OBSERVATION_STATUS_LABELS[after["status"]])
    lines.append(f"来源：{source_title}")
    if before and after["status"] == ObservationStatus.REVISED:
        lines.append(f"修订：原值 {before['text']} → 新值 {text}（答复用新值，/history 保留两者）")
    elif before:
        lines.append(f"原值：{before['text']} → 新值：{text}")
    else:
        lines.append("这是该期间的第一条数据")
    return PlannedEdit("set_observation", "observations", key, before, after, tuple(lines), source_title,
                       found.id)


def same_point(store: Store, indicator: Indicator, city: str, period: Period) -> Period:
    """For a stock (kind level), counted at a point in time, 10月 (month-end) and 1-10月 are one date:
    the period of the figure stored for that date under the other label, so a new figure replaces it
    rather than standing beside it; else `period` itself."""
    if indicator.kind != "level" or period.first_month not in (1, period.last_month):
        return period
    key = {"indicator_id": indicator.id, "city": city}
    if store.get_row("observations", {**key, "period": period.label}):
        return period
    for first in (1, period.last_month):
        other = months_period(period.year, first, period.last_month)
        if other.label != period.label and store.get_row("observations", {**key, "period": other.label}):
            note = f"存量指标按时点计，{period.label}与{other.label}为同一时点，修改已录入的{other.label}数据"
            return months_period(period.year, first, period.last_month, note)
    return period


def _target_quantity(store: Store, indicator: Indicator, text: str, year: int, city: str):
    """The target of `city` an admin typed, parsed in the indicator's unit and checked by
    target_rules.target_refusal against the city's previous target and this year's figures (the same
    check as an imported target); QuantityError with the reason."""
    if indicator.kind == "text":
        raise EditError(f"“{indicator.name}”是文字目标，不能录入数值。")
    where = ("indicator_id = ? and city = ?", [indicator.id, city])
    previous = previous_target(store.db["targets"].rows_where(*where), year)
    written = parse_quantity(text)
    if split_unit(written.unit)[1] and not compatible(written.unit, indicator.unit):
        raise QuantityError(f"单位不符：“{indicator.name}”以“{unit_name(indicator, previous)}”计，收到“{quoted(text)}”。")
    quantity = parse_quantity(text, indicator.unit)
    figures = store.db["observations"].rows_where(where[0] + " and year = ?", [*where[1], year])
    if refusal := target_refusal(indicator, quantity.value, quantity.unit, previous, figures, text,
                                 bare=written.unit == ""):
        raise QuantityError(refusal)
    return quantity


def plan_target(answerer: Answerer, indicator: str, value: str, recorded_by: str, year: int | None = None,
                city: str = DEFAULT_CITY) -> PlannedEdit:
    """A target of `city` (a name of knowledge.places): `indicator` as an admin names it, `value` as
    written ('超4.3%', '2000亿'), for `year` (this year when None). Refused, with the reason, by
    target_rules (QuantityError) or when the indicator is not found."""
    indicator = resolve_indicator(answerer, indicator)
    year = year or answerer.today().year
    key = {"indicator_id": indicator.id, "city": city, "year": year}
    before = answerer.store.get_row("targets", key)
    quantity = _target_quantity(answerer.store, indicator, value, year, city)
    source_title = f"管理员修改（{recorded_by}）"
    # a qualifier not written is the stored one (written_figure): /target 5.2万亿 over 超5万亿 is 超5.2万亿
    given = {**key, "value": float(quantity.value), "unit": quantity.unit, "quote": "",
             **({"qualifier": quantity.qualifier} if quantity.qualifier else {})}
    after = written_figure("targets", before, given)
    text = after["text"]
    lines = [f"指标：{indicator.name}（{city} {year}年目标）",
             f"原目标：{before['text']} → 新目标：{text}" if before else f"新目标：{text}（此前没有{year}年目标）"]
    return PlannedEdit("set_target", "targets", key, before, after, tuple(lines), source_title, indicator.id)


def plan_alias(answerer: Answerer, alias: str, indicator: str) -> PlannedEdit:
    """A new alias of the indicator an admin names — refused, with the reason, by the rules of
    knowledge.aliases; UnreadableEditValue when the alias is empty or too long."""
    alias = alias.strip()
    if not alias or len(alias) > MAX_ALIAS_CHARS:
        raise UnreadableEditValue(f"别名应为1到{MAX_ALIAS_CHARS}个字。")
    if refusal := name_refusal(alias, "别名"):
        raise UnreadableEditValue(refusal)
    indicator = resolve_indicator(answerer, indicator)
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
