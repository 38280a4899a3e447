"""How one target, figure and progress are worded, the same in every reply, summary and report:
Markup (plain text, or Telegram HTML with every interpolated string escaped), a target or figure as
written with its period and notes (同比, 初步数, 修订数), 完成率 or the gap in 百分点, 序时进度, the status
with its colour mark, and the year-end projection with the pace still needed.
"""

from __future__ import annotations

import html as html_lib
import math
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo

from knowledge.labels import OBSERVATION_STATUS_LABELS, status_label, status_mark
from knowledge.models import Observation, ObservationStatus, Target
from knowledge.progress import DONE, YEAR_OVER, Progress
from knowledge.quantities import base_unit_of, format_number, format_quantity, split_unit
from knowledge.replies import IndicatorAnswer


@dataclass(frozen=True)
class Markup:
    html: bool

    def esc(self, text: object) -> str:
        return html_lib.escape(str(text), quote=False) if self.html else str(text)

    def bold(self, text: str) -> str:
        return f"<b>{self.esc(text)}</b>" if self.html else text


def target_text(target: Target) -> str:
    return target.text or format_quantity(target.value, target.unit, target.qualifier)


def observation_text(observation: Observation) -> str:
    return observation.text or format_quantity(observation.value, observation.unit, observation.qualifier)


def period_label(observation: Observation) -> str:
    return observation.period or "最新"


def yoy_text(yoy_growth: float | None) -> str:
    """An official 同比 as published: 7.5 → '同比增长7.5%', -1.2 → '同比下降1.2%', 0 → '同比持平'."""
    if yoy_growth is None:
        return ""
    if yoy_growth == 0:
        return "同比持平"
    word = "增长" if yoy_growth >= 0 else "下降"
    return f"同比{word}{format_number(round(abs(yoy_growth), 4))}%"


def observation_notes(observation: Observation) -> str:
    """'2026年1-10月；同比增长7.5%；修订数' — the period and what the figure carries."""
    notes = [period_label(observation)]
    if observation.yoy_growth is not None:
        notes.append(yoy_text(observation.yoy_growth))
    notes.append(OBSERVATION_STATUS_LABELS.get(observation.status, ""))
    return "；".join(n for n in notes if n)


def observation_line(observation: Observation, m: Markup, separator: str = "：") -> str:
    extras = []
    if observation.yoy_growth is not None:
        extras.append(yoy_text(observation.yoy_growth))
    estimate_said = "预计" in observation.qualifier or "约" in observation.qualifier
    if observation.status != ObservationStatus.ESTIMATE or not estimate_said:
        extras.append(OBSERVATION_STATUS_LABELS.get(observation.status, ""))
    if observation.note:
        extras.append(observation.note)
    extras = [e for e in extras if e]  # an actual figure has no status word: no empty brackets
    tail = f"（{'；'.join(extras)}）" if extras else ""
    return f"{m.esc(period_label(observation))}{separator}{m.esc(observation_text(observation))}{m.esc(tail)}"


def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def _points(value: float) -> str:
    return format_number(round(abs(value), 1))


def gap_text(gap: float) -> str:
    """A ratio's gap to its target: '高于目标0.05个百分点', '低于目标0.15个百分点', '与目标持平' (not
    '高于目标0个百分点', finding L4)."""
    if round(gap, 2) == 0:
        return "与目标持平"
    return f"{'高于' if gap > 0 else '低于'}目标{format_number(round(abs(gap), 2))}个百分点"


def status_text(progress: Progress) -> str:
    """'基本同步 🟢', '严重滞后 🔴', '已完成 ✅', '未完成'."""
    return f"{status_label(progress.status)} {status_mark(progress.status)}".rstrip()


def progress_line(answer: IndicatorAnswer, progress: Progress) -> str:
    """完成率 or 差距, 序时进度, 数据截至, status with its colour and how far from 序时进度."""
    parts = []
    if progress.gap_points is not None:
        parts.append(f"差距：{gap_text(progress.gap_points)}")
    elif progress.completion is not None:
        label = "完成率"
        if progress.baseline is not None:
            base = format_number(round(progress.baseline, 2)) + answer.target.unit
            label = f"完成率（自{progress.baseline_period}基数{base}起）"
        parts.append(f"{label}：{percent(progress.completion)}")
    if progress.time_progress is not None and progress.time_basis != "elapsed":
        plan = "（按月度计划）" if progress.time_basis == "plan" else ""
        parts.append(f"序时进度{plan}：{percent(progress.time_progress)}")
    if progress.as_of:
        parts.append(f"数据截至{progress.as_of}")
    status = f"状态：{status_text(progress)}"
    lead = progress.lead_points
    if lead is not None and progress.status != DONE:
        if progress.reason == YEAR_OVER:
            status += f"（距目标差{_points(lead)}个百分点）"
        elif round(lead, 1) == 0:
            status += "（与序时进度持平）"
        else:
            status += f"（{'超前' if lead > 0 else '落后'}序时进度{_points(lead)}个百分点）"
    parts.append(status)
    return "　".join(parts)


def _counted(unit: str) -> bool:
    """家, 个, 项: whole things, never shown as a fraction (533.3家)."""
    return split_unit(unit)[0] == 1 and base_unit_of(unit) == "个"


def _amount(value: float, unit: str, *, at_least: bool = False) -> str:
    """A projected amount; whole things are rounded (a pace still needed is rounded up: 33.3家 → 34家)."""
    if _counted(unit):
        return f"{format_number(math.ceil(value - 1e-9) if at_least else round(value))}{unit}"
    return f"{format_number(round(value, 1 if value >= 100 else 2))}{unit}"


def projection_lines(progress: Progress) -> list[str]:
    """Year-end projection and the pace still needed, e.g. '还需520亿元，月均260亿元'; once the figure
    covers the whole year, no projection, only what the year fell short by ('全年差100亿元')."""
    projection = progress.projection
    if projection is None:
        return []
    months = progress.period.months if progress.period else 0
    lines = []
    if projection.months_left:  # a full-year figure is the year's outcome, not a projection
        line = f"全年预计：{_amount(projection.run_rate, projection.unit)}（按前{months}个月月均推算）"
        if projection.seasonal is not None:
            line += f"；按上年同期节奏 {_amount(projection.seasonal, projection.unit)}"
        lines.append(line)
    if progress.status == DONE or projection.remaining <= 0:
        return lines
    if projection.monthly_needed is not None:
        lines.append(f"还需{_amount(projection.remaining, projection.unit, at_least=True)}，"
                     f"月均{_amount(projection.monthly_needed, projection.unit, at_least=True)}")
    else:
        lines.append(f"全年差{_amount(projection.remaining, projection.unit, at_least=True)}")
    return lines


def local_minute(at: str, tz: tzinfo) -> str:
    """A stored time (UTC ISO, "2026-11-25T16:30:00+00:00"; one without a zone is UTC) to the minute
    in `tz`: "2026-11-26 00:30" in Asia/Shanghai."""
    moment = datetime.fromisoformat(at)
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(tz).strftime("%Y-%m-%d %H:%M")
