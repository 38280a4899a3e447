"""How progress is judged, as admins set it: an indicator's monthly plan (the basis of its 序时进度)
and the owners' status thresholds. Planned from named values, shown before 确认 like an edit, and
written with their audit row by the store (set_monthly_plan, set_thresholds); undo does not reverse
them (knowledge.undo.NOT_UNDONE).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from knowledge.errors import quoted
from knowledge.answers import Answerer
from knowledge.edits import EditError, UnreadableEditValue, resolve_indicator
from knowledge.store import Store


def parse_monthly_plan(text: str) -> list[float] | None:
    """'0,0,0,10,…,100' (12 cumulative percentages, % optional) → [0.0, …, 1.0] (fractions); '清除' → None;
    UnreadableEditValue, with the reason, otherwise."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if cleaned in ("清除", "删除", "clear", "none"):
        return None
    parts = [p for p in re.split(r"[,、\s]+", cleaned.replace("%", "")) if p]
    try:
        shares = [float(p) / 100 for p in parts]
    except ValueError:
        raise UnreadableEditValue(f"月度计划应为12个数字（或“清除”），收到“{quoted(text)}”。") from None
    if len(shares) != 12:
        raise UnreadableEditValue(f"月度计划应有12个数（1月到12月的累计比例），收到 {len(shares)} 个。")
    if any(not 0 <= s <= 1 for s in shares) or any(b < a for a, b in zip(shares, shares[1:])):
        raise UnreadableEditValue("月度计划应是0到100之间、逐月不减的累计比例。")
    if shares[-1] != 1:
        raise UnreadableEditValue("12月的累计比例应为100。")
    return shares


def parse_thresholds(current, lag: str, severe: str, band: str | None = None, severe_band: str | None = None):
    """The progress thresholds in points ('5', '15', '5%'): X (`lag`) and Y (`severe`) behind 序时进度, and
    optionally the two bands of ratio indicators; the others as in `current` (a progress.Thresholds).
    → (the checked Thresholds, the values written); UnreadableEditValue with the reason otherwise."""
    from knowledge.progress import Thresholds

    written = {"lag_points": lag, "severe_points": severe, "ratio_band": band, "ratio_severe_band": severe_band}
    values = {}
    for name, text in written.items():
        if text is None:
            continue
        try:
            values[name] = float(unicodedata.normalize("NFKC", text).rstrip("%"))
        except ValueError:
            raise UnreadableEditValue(f"无法识别的数字：“{quoted(text)}”") from None
    try:
        return Thresholds(**{**vars(current), **values}).check(), values
    except ValueError as error:
        raise UnreadableEditValue(str(error)) from None


@dataclass(frozen=True)
class PlannedSetting:
    """A /plan or /thresholds change, shown before 确认 like /set (applied by apply_setting)."""

    action: str  # set_monthly_plan | set_thresholds
    indicator_id: str  # "" for thresholds
    value: object  # the monthly shares (or None to clear), or the thresholds dict
    before: object  # as stored when planned: a 确认 after another change is refused
    lines: tuple[str, ...]


def plan_monthly_plan(answerer: Answerer, indicator: str, monthly_plan: str) -> PlannedSetting:
    """An indicator's monthly plan ('0,0,…,100' or '清除', read by parse_monthly_plan) — refused for an
    indicator that is not judged against 序时进度 (ratios and stocks: a monthly plan would change nothing,
    or mislead)."""
    from knowledge.progress import CUMULATIVE, basis_of

    indicator = resolve_indicator(answerer, indicator)
    shares = parse_monthly_plan(monthly_plan)
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


def plan_thresholds(answerer: Answerer, lag: str, severe: str, band: str | None = None,
                    severe_band: str | None = None) -> PlannedSetting:
    """New progress thresholds (points, as text), checked by parse_thresholds, shown before 确认."""
    current = answerer.thresholds
    checked, _ = parse_thresholds(current, lag, severe, band, severe_band)
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
