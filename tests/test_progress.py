from datetime import date

import pytest

from knowledge.progress import AHEAD, BEHIND, DONE, NO_DATA, ON_TRACK, assess, months_covered, time_progress
from knowledge.store import Indicator, Observation, Source, Target

SOURCE = Source("test", "测试来源", "")
CUMULATIVE = Indicator("industrial_investment", "工业投资总额", "投资与项目", "元", "cumulative", True)
SHARE = Indicator("rd_intensity", "全社会研发投入占GDP比重", "科技创新", "%", "level", True)
STOCK = Indicator("computing_power", "全市智算规模", "数字化智能化", "PFLOPS", "level", True)
LOWER = Indicator("energy_per_output", "单位产值能耗", "绿色", "%", "level", False)
MID_YEAR = date(2026, 7, 2)  # 183 of 365 days


def target(indicator, value, unit, qualifier=""):
    return Target(indicator.id, "苏州", 2026, value, unit, qualifier, "", SOURCE)


def actual(indicator, value, unit, period="2026年1-6月"):
    return Observation(indicator.id, "苏州", period, 2026, value, unit, "", "", "actual", "", SOURCE)


@pytest.mark.parametrize(
    "value,status",
    [(1000, BEHIND), (1300, ON_TRACK), (1500, AHEAD), (2500, DONE), (2600, DONE)],
)
def test_cumulative_status_against_time_progress(value, status):
    result = assess(CUMULATIVE, target(CUMULATIVE, 2500, "亿元", "力争…"), actual(CUMULATIVE, value, "亿元"), MID_YEAR)
    assert result.status == status
    assert result.completion == pytest.approx(value / 2500)
    assert result.time_progress == pytest.approx(183 / 365)


def test_units_are_converted_before_comparing():
    result = assess(CUMULATIVE, target(CUMULATIVE, 0.25, "万亿元"), actual(CUMULATIVE, 1250, "亿元"), MID_YEAR)
    assert result.completion == pytest.approx(0.5)


@pytest.mark.parametrize(
    "value,status,gap",
    [(4.3, DONE, 0.05), (4.25, ON_TRACK, 0.0), (4.0, ON_TRACK, -0.25), (3.5, BEHIND, -0.75)],
)
def test_share_targets_report_the_gap_in_points_and_respect_超(value, status, gap):
    result = assess(SHARE, target(SHARE, 4.25, "%", "超…"), actual(SHARE, value, "%"), MID_YEAR)
    assert result.status == status
    assert result.gap_points == pytest.approx(gap)
    assert result.completion is None


def test_lower_is_better_inverts_the_comparison():
    assert assess(LOWER, target(LOWER, 10, "%"), actual(LOWER, 9, "%"), MID_YEAR).status == DONE
    assert assess(LOWER, target(LOWER, 10, "%"), actual(LOWER, 12, "%"), MID_YEAR).status == BEHIND


@pytest.mark.parametrize("value,status", [(34000, DONE), (33500, ON_TRACK), (20000, BEHIND)])
def test_stock_targets_do_not_use_time_progress(value, status):
    result = assess(STOCK, target(STOCK, 34000, "PFLOPS"), actual(STOCK, value, "PFLOPS"), date(2026, 1, 15))
    assert result.status == status


def test_no_actual_means_no_data():
    assert assess(CUMULATIVE, target(CUMULATIVE, 2500, "亿元"), None, MID_YEAR).status == NO_DATA


@pytest.mark.parametrize(
    "today,year,expected",
    [(date(2026, 1, 1), 2026, 1 / 365), (date(2026, 12, 31), 2026, 1.0), (date(2028, 12, 31), 2028, 1.0),
     (date(2028, 2, 29), 2028, 60 / 366), (date(2027, 3, 1), 2026, 1.0), (date(2025, 12, 31), 2026, 0.0)],
)
def test_time_progress(today, year, expected):
    assert time_progress(today, year) == pytest.approx(expected)


@pytest.mark.parametrize(
    "period,months",
    [("2026年1-10月", 10), ("10月", 10), ("1—3月", 3), ("上半年", 6), ("前三季度", 9), ("2025年", 12), ("", None)],
)
def test_months_covered(period, months):
    assert months_covered(period) == months
