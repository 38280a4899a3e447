"""How far a target is along, measured the way statistics offices measure it.

序时进度 is the share of the year the figure covers (1-10月 → 10/12 = 83.3%), or the indicator's monthly
plan where one is set — never today's date; the share of the year elapsed today is given only when
there is no figure yet. The basis depends on the kind of indicator:

    cumulative  完成率 = actual / target, against 序时进度
    level       from the baseline (the previous year's figure, when known):
                (actual − baseline) / (target − baseline), against 序时进度; without a baseline
                actual / target with only 已完成 or 未完成, and the reason
    ratio (%)   the gap in 百分点: 基本同步 within `ratio_band`, 滞后 beyond, 严重滞后 beyond `ratio_severe_band`
    text        a target without a number (保持前列): no status, said plainly

With d = (完成率 − 序时进度) in points and the owners' thresholds X, Y (default 5 and 15):
已完成 ✅ when the target is reached; 超前 🟢 d ≥ X; 基本同步 🟢 −X < d < X; 滞后 🟡 −Y < d ≤ −X; 严重滞后 🔴 d ≤ −Y.
d is taken from the two percentages as shown (one decimal each), so the status never contradicts the
figures on screen: 78.3% against 83.3% is 5.0 points behind, 滞后, whatever the third decimal.

Once the figure covers the whole target year (1-12月, 全年) nothing is "in step" any more: the target is
reached (已完成) or missed. A miss is 未完成 within X of the target (for a ratio: within the 基本同步 band),
滞后 🟡 within Y (the 严重滞后 band), 严重滞后 🔴 beyond — never 基本同步 or 超前. Mid-year, a ratio's bands
say how close the latest figure is to the target while there is time left; at the year's end they
only grade the miss.

For cumulative figures the year-end projection: run-rate (累计 ÷ months × 12) and, where last year's
same-period and full-year figures are both known, seasonal (累计 × last full year ÷ last same period);
and the pace still needed (remaining ÷ months left).
"""

from __future__ import annotations

from calendar import isleap
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from knowledge.models import Indicator, Observation, Target
from knowledge.periods import Period
from knowledge.quantities import split_unit, to_base


class ProgressStatus(StrEnum):
    """Where a target stands. The values are identifiers (stored in standings JSON since this release);
    the words and colour marks users read (已完成 ✅, 严重滞后 🔴 …) are knowledge.labels'."""

    SEVERELY_BEHIND = "severely_behind"  # 严重滞后
    BEHIND = "behind"  # 滞后
    ON_TRACK = "on_track"  # 基本同步
    AHEAD = "ahead"  # 超前
    DONE = "done"  # 已完成
    NOT_DONE = "not_done"  # 未完成: the year is over, the target missed by less than X
    NOT_RATED = "not_rated"  # 不评价: a target without a number, a period that cannot be read
    NO_DATA = "no_data"  # 暂无数据


SEVERELY_BEHIND, BEHIND, ON_TRACK, AHEAD, DONE, NOT_DONE, NOT_RATED, NO_DATA = ProgressStatus
# The order leadership reads them in: lagging first.
STATUSES = tuple(ProgressStatus)
LAGGING = (SEVERELY_BEHIND, BEHIND)
READING_ORDER = {s: i for i, s in enumerate(STATUSES)}

CUMULATIVE, LEVEL, RATIO, TEXT = "cumulative", "level", "ratio", "text"


@dataclass(frozen=True)
class Thresholds:
    """Bands of the status, in percentage points. X = lag_points, Y = severe_points (set by owners)."""

    lag_points: float = 5.0
    severe_points: float = 15.0
    ratio_band: float = 0.5
    ratio_severe_band: float = 2.0

    def check(self) -> "Thresholds":
        """ValueError (Chinese) unless 0 < X < Y ≤ 100 and 0 < ratio band < ratio severe band."""
        if not 0 < self.lag_points < self.severe_points <= 100:
            raise ValueError("阈值应满足 0 < X < Y ≤ 100（单位：百分点），例如 5 15")
        if not 0 < self.ratio_band < self.ratio_severe_band <= 100:
            raise ValueError("比重类阈值应满足 0 < 基本同步带 < 严重滞后带，例如 0.5 2")
        return self


@dataclass(frozen=True)
class Projection:
    """Year-end projection of a cumulative figure, in the target's unit (e.g. 亿元)."""

    unit: str
    run_rate: float  # 累计 ÷ months × 12
    seasonal: float | None  # 累计 × last year's full year ÷ last year's same period, when both are known
    remaining: float  # target − 累计, 0 when reached
    months_left: int
    monthly_needed: float | None  # remaining ÷ months left; None when no month is left


@dataclass(frozen=True)
class Progress:
    status: ProgressStatus
    basis: str  # cumulative | level | ratio | text
    time_progress: float | None = None  # 序时进度 (fraction) of the figure's period or the monthly plan
    time_basis: str = ""  # period | plan | elapsed (no figure: the share of the year elapsed today)
    completion: float | None = None  # fraction: actual/target, or from the baseline for level indicators
    gap_points: float | None = None  # actual − target in 百分点, for ratio indicators
    period: Period | None = None  # what the figure covers
    baseline: float | None = None  # level indicators: the previous year's figure, in the target's unit
    baseline_period: str = ""
    projection: Projection | None = None
    reason: str = ""  # why there is no status, or why only 已完成/未完成

    @property
    def lead_points(self) -> float | None:
        """d = 完成率 − 序时进度, in points, from the two percentages as shown (see lead_of)."""
        if self.completion is None or self.time_progress is None:
            return None
        return lead_of(self.completion, self.time_progress)

    @property
    def as_of(self) -> str:
        """'10月' for "数据截至10月"; '' when the period is not known."""
        return self.period.as_of if self.period else ""


def basis_of(indicator: Indicator) -> str:
    """The progress basis of an indicator: % targets are ratios whatever their stored kind."""
    if indicator.kind == TEXT:
        return TEXT
    if indicator.unit == "%" or indicator.kind == RATIO:
        return RATIO
    return LEVEL if indicator.kind == LEVEL else CUMULATIVE


def time_progress(today: date, year: int) -> float:
    """Share of `year` elapsed on `today` (whole days, today included) — shown only without a figure."""
    if year < today.year:
        return 1.0
    if year > today.year:
        return 0.0
    days = 366 if isleap(year) else 365
    return (today - date(year, 1, 1)).days / days + 1 / days


def scheduled_share(period: Period, monthly_plan: tuple[float, ...] | None) -> tuple[float, str]:
    """(序时进度, basis) for a figure reaching the end of `period`: the plan's share for that month, or
    the months covered ÷ 12."""
    if monthly_plan and len(monthly_plan) == 12:
        return float(monthly_plan[period.last_month - 1]), "plan"
    return period.last_month / 12, "period"


def _reached(actual: float, target: float, qualifier: str, higher_is_better: bool) -> bool:
    strict = any(word in qualifier for word in ("超", "突破"))
    if not higher_is_better:
        return actual < target if strict else actual <= target
    return actual > target if strict else actual >= target


def lead_of(completion: float, share: float) -> float:
    """d = 完成率 − 序时进度 in points, from both rounded to the one decimal shown (78.34% → 78.3%): the
    status is decided on the figures the reader sees (finding M6)."""
    return round(round(completion * 100, 1) - round(share * 100, 1), 1)


def final_status(shortfall: float, band: float, severe_band: float) -> ProgressStatus:
    """A missed target once its year is over: 未完成 within `band`, 滞后 within `severe_band`, else
    严重滞后 (`shortfall` ≥ 0, in points)."""
    if shortfall <= band:
        return NOT_DONE
    if shortfall <= severe_band:
        return BEHIND
    return SEVERELY_BEHIND


YEAR_OVER = "数据已覆盖全年，目标年度已结束：未达到目标即为未完成，不再按序时进度评价"


def status_for(lead_points: float, thresholds: Thresholds) -> ProgressStatus:
    """超前 / 基本同步 / 滞后 / 严重滞后 for d = 完成率 − 序时进度 in points."""
    if lead_points >= thresholds.lag_points:
        return AHEAD
    if lead_points > -thresholds.lag_points:
        return ON_TRACK
    if lead_points > -thresholds.severe_points:
        return BEHIND
    return SEVERELY_BEHIND


def _in_unit(base_value: float, unit: str) -> float:
    return base_value / float(split_unit(unit)[0])


def _base(observation: Observation) -> float:
    return float(to_base(observation.value, observation.unit))


def _same_span(observations, year: int, first: int, last: int) -> Observation | None:
    found = [o for o in observations if o.value is not None and o.span is not None and o.span.year == year
             and (o.span.first_month, o.span.last_month) == (first, last)]
    return found[-1] if found else None


def baseline_of(history: list[Observation], year: int) -> Observation | None:
    """A level indicator's baseline: the previous year's figure (the one covering the most of it)."""
    return latest_of([o for o in history if o.year == year - 1 and o.value is not None])


def assess(indicator: Indicator, target: Target | None, actual: Observation | None, today: date,
           thresholds: Thresholds | None = None, history: list[Observation] | tuple = ()) -> Progress:
    """The progress of `actual` towards `target`; `history` is every figure of the indicator and city
    (for the baseline and last year's figures). Figures are compared in base units (元, 人, 个)."""
    thresholds = thresholds or Thresholds()
    basis = basis_of(indicator)
    year = target.year if target else today.year
    if target is None or target.value is None:
        wording = f"（{target.text or target.qualifier}）" if target and (target.text or target.qualifier) else ""
        return Progress(NOT_RATED, TEXT, reason=f"目标没有具体数值{wording}，不评价进度")
    if actual is None or actual.value is None:
        return Progress(NO_DATA, basis, time_progress(today, year), "elapsed")
    period = actual.span
    actual_value, target_value = _base(actual), float(to_base(target.value, target.unit))
    reached = _reached(actual_value, target_value, target.qualifier, indicator.higher_is_better)

    year_over = period is not None and period.whole_year and period.year == target.year
    if basis == RATIO:
        gap = round(actual_value - target_value, 2)  # shown with two decimals: decided on what is shown
        shortfall = -gap if indicator.higher_is_better else gap
        if reached:
            status = DONE
        elif year_over:
            status = final_status(shortfall, thresholds.ratio_band, thresholds.ratio_severe_band)
            return Progress(status, basis, gap_points=gap, period=period, reason=YEAR_OVER)
        elif shortfall <= thresholds.ratio_band:
            status = ON_TRACK
        elif shortfall <= thresholds.ratio_severe_band:
            status = BEHIND
        else:
            status = SEVERELY_BEHIND
        return Progress(status, basis, gap_points=gap, period=period)

    if period is None:
        return Progress(NOT_RATED, basis, completion=actual_value / target_value if target_value else None,
                        reason=f"数据的期间“{actual.period or '未注明'}”无法识别，不能计算序时进度")
    share, time_basis = scheduled_share(period, indicator.monthly_plan)

    if basis == LEVEL:
        base = baseline_of(list(history), period.year)
        if base is None or _base(base) == target_value:
            completion = actual_value / target_value if target_value else None
            why = "没有上年基数" if base is None else "上年基数已等于目标"
            return Progress(DONE if reached else NOT_DONE, basis, completion=completion, period=period,
                            reason=f"{why}，只判断是否已达到目标，不按序时进度评价")
        completion = (actual_value - _base(base)) / (target_value - _base(base))
        status, why = _judged(reached, year_over, completion, share, thresholds)
        return Progress(status, basis, share, time_basis, completion, period=period,
                        baseline=_in_unit(_base(base), target.unit), baseline_period=base.period, reason=why)

    if not period.from_january:
        return Progress(NOT_RATED, basis, period=period,
                        reason=f"{period.label}是单月或单季数据，不是1月以来的累计，不能与全年目标比较")
    completion = actual_value / target_value if target_value else None
    if completion is None:
        return Progress(NOT_RATED, basis, period=period, reason="目标为零，无法计算完成率")
    status, why = _judged(reached, year_over, completion, share, thresholds)
    projection = project(actual, target, period, history)
    return Progress(status, basis, share, time_basis, completion, period=period, projection=projection,
                    reason=why)


def _judged(reached: bool, year_over: bool, completion: float, share: float, thresholds: Thresholds) -> tuple[ProgressStatus, str]:
    """(status, reason) of a cumulative or level figure against its 序时进度."""
    if reached:
        return DONE, ""
    lead = lead_of(completion, share)
    if year_over:
        return final_status(-lead, thresholds.lag_points, thresholds.severe_points), YEAR_OVER
    return status_for(lead, thresholds), ""


def project(actual: Observation, target: Target, period: Period, history) -> Projection:
    """Run-rate and seasonal year-end projection and the pace needed, in the target's unit."""
    unit = target.unit
    value = _in_unit(_base(actual), unit)
    run_rate = value / period.months * 12
    seasonal = None
    same = latest_of([o for o in history if o.year == period.year - 1 and o.value is not None
                      and comparable(o, actual, same_year=False)])
    full = _same_span(history, period.year - 1, 1, 12)
    if same is not None and full is not None and _base(same) > 0:
        seasonal = value * _base(full) / _base(same)
    goal = _in_unit(float(to_base(target.value, target.unit)), unit)
    remaining = max(goal - value, 0.0)
    months_left = 12 - period.last_month
    monthly = remaining / months_left if months_left else None
    return Projection(unit, run_rate, seasonal, remaining, months_left, monthly)


def latest_of(observations: list[Observation]) -> Observation | None:
    """The figure to judge progress by: the latest-ending period, a from-January total before a single
    month or quarter ending the same month; later records win ties. Free-text periods come last."""
    if not observations:
        return None

    def rank(item):
        index, observation = item
        span = observation.span
        if span is None:
            return (0, 0, 0, 0, observation.recorded_at, index)
        return (1, span.year, span.last_month, span.months, observation.recorded_at, index)

    return max(enumerate(observations), key=rank)[1]


def comparable(first: Observation, second: Observation, same_year: bool) -> bool:
    """May these two figures be set against each other (a difference; last year's same-period figure in
    the seasonal projection)? Only when they cover the same months (1-11月 with 1-11月, a whole year
    with a whole year) and, for two places (`same_year`), the same year. A figure without a structured
    period pairs only with one whose period reads the same after its year (两个未注明期间的数)."""
    if same_year and first.year != second.year:
        return False
    if first.span is not None and second.span is not None:
        return (first.span.first_month, first.span.last_month) == (second.span.first_month, second.span.last_month)
    return first.span is None and second.span is None and _period_words(first) == _period_words(second)


def _period_words(observation: Observation) -> str:
    """The period as written without its year: 2025年1-10月 → 1-10月."""
    year = f"{observation.year}年" if observation.year is not None else ""
    return observation.period.removeprefix(year) if year else observation.period
