"""How far a target is along: 完成率 or the gap in 百分点, 时间进度 and a status.

Cumulative indicators (output, investment, new firms counted from 1 January) compare actual/target
with the share of the year elapsed. Level indicators (shares, stocks such as 智算规模) are either
reached or not, so their status comes from the gap alone.
"""

from __future__ import annotations

import re
from calendar import isleap
from dataclasses import dataclass
from datetime import date

from knowledge.quantities import to_base
from knowledge.store import Indicator, Observation, Target

DONE, AHEAD, ON_TRACK, BEHIND, NO_DATA = "已完成", "超前", "基本同步", "滞后", "暂无数据"
STATUSES = (DONE, AHEAD, ON_TRACK, BEHIND, NO_DATA)

# Within this many points of the time progress a cumulative target counts as 基本同步.
ON_TRACK_BAND = 0.05
# A level indicator this close to its target counts as 基本同步.
LEVEL_POINTS_BAND = 0.5
LEVEL_RATIO_BAND = 0.97

_MONTH = re.compile(r"(\d{1,2})\s*月")
_PERIOD_WORDS = {"一季度": 3, "第一季度": 3, "上半年": 6, "前三季度": 9, "全年": 12}


@dataclass(frozen=True)
class Progress:
    status: str
    time_progress: float
    completion: float | None = None  # actual / target, for cumulative and non-% level indicators
    gap_points: float | None = None  # actual − target in 百分点, for % indicators


def time_progress(today: date, year: int) -> float:
    """Share of `year` elapsed on `today` (whole days, today included)."""
    if year < today.year:
        return 1.0
    if year > today.year:
        return 0.0
    days = 366 if isleap(year) else 365
    return (today - date(year, 1, 1)).days / days + 1 / days


def months_covered(period: str) -> int | None:
    """'2026年1-10月' → 10, '上半年' → 6, '2025年' → 12, '' → None."""
    for word, months in _PERIOD_WORDS.items():
        if word in period:
            return months
    found = _MONTH.findall(period)
    if found:
        month = int(found[-1])
        return month if 1 <= month <= 12 else None
    return 12 if re.fullmatch(r"\s*\d{4}\s*年?\s*", period) else None


def _reached(actual: float, target: float, qualifier: str, higher_is_better: bool) -> bool:
    strict = any(word in qualifier for word in ("超", "突破"))
    if not higher_is_better:
        return actual < target if strict else actual <= target
    return actual > target if strict else actual >= target


def assess(indicator: Indicator, target: Target | None, actual: Observation | None, today: date) -> Progress:
    year = target.year if target else today.year
    elapsed = time_progress(today, year)
    if target is None or target.value is None or actual is None or actual.value is None:
        return Progress(NO_DATA, elapsed)
    actual_value = float(to_base(actual.value, actual.unit))
    target_value = float(to_base(target.value, target.unit))
    reached = _reached(actual_value, target_value, target.qualifier, indicator.higher_is_better)

    if indicator.unit == "%":
        gap = round(actual_value - target_value, 4)
        if reached:
            status = DONE
        else:
            shortfall = -gap if indicator.higher_is_better else gap
            status = ON_TRACK if shortfall <= LEVEL_POINTS_BAND else BEHIND
        return Progress(status, elapsed, gap_points=gap)

    completion = actual_value / target_value if target_value else None
    if reached:
        status = DONE
    elif completion is None:
        status = NO_DATA
    elif indicator.kind == "cumulative":
        lead = completion - elapsed
        status = AHEAD if lead >= ON_TRACK_BAND else ON_TRACK if lead > -ON_TRACK_BAND else BEHIND
    else:
        status = ON_TRACK if completion >= LEVEL_RATIO_BAND else BEHIND
    return Progress(status, elapsed, completion=completion)


def latest_of(observations: list[Observation]) -> Observation | None:
    """The observation covering the most of its year; later records win ties."""
    if not observations:
        return None
    ranked = sorted(
        enumerate(observations),
        key=lambda item: (months_covered(item[1].period) or 0, item[1].recorded_at, item[0]),
    )
    return ranked[-1][1]
