"""Issue 21, the clauses of a real release that say more than a value: a compared period (上年同期，…
is last year's figure), a growth rate of a single month (10月当月增长) beside a cumulative level, 同比
with a basis phrase (按可比价格计算), the many ways to write one period (1至8月, 1~3季度, 前七个月), and
预计 (a forecast: status 预计数). Each kind is tested on both sides: the figure it must not write, and the
figure next to it that must still be read.

Every figure here is MADE UP for the tests.
"""

from datetime import date

import pytest

from knowledge.models import ObservationStatus
from knowledge.releases import apply_release, preview_release, read_release

READ_ON = date(2026, 12, 7)  # every period named below has ended
HEADING = "2026年1—10月全市经济运行情况\n"


def read(text, store, today=READ_ON):
    reading = read_release(text, store, today)
    found = [(f.indicator_id, f.city, f.period, None if f.value is None else float(f.value), f.yoy)
             for f in reading.figures]
    return found, reading.unplaced


# -- a compared period is not this period ----------------------------------------------------------

def test_last_years_figure_is_unplaced_and_does_not_block_this_years(store):
    found, lost = read(HEADING + "上年同期，全市规上工业总产值为38900亿元。"
                                 "全市规上工业总产值40876亿元，同比增长5.1%。", store)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.0, 5.1)]
    assert [(u.fragment, u.reason) for u in lost] == [("全市规上工业总产值为38900亿元", "上年同期的数据，不是本期")]


@pytest.mark.parametrize("sentence, words", [
    ("2025年同期，全市新增高新技术企业300家。", "2025年同期"),
    ("去年同期，全市工业投资1800亿元。", "去年同期"),
    ("去年1—10月，全市工业投资1800亿元。", "去年1—10月"),
    ("上年全市工业投资1800亿元。", "上年"),
    ("全市工业投资1986.2亿元，上年同期为1800亿元。", "上年同期"),
])
def test_a_figure_of_a_compared_period_is_never_written(store, sentence, words):
    found, lost = read(HEADING + sentence, store)
    assert all(f[3] != 1800.0 and f[3] != 300.0 for f in found), found
    assert f"{words}的数据，不是本期" in [u.reason for u in lost]


@pytest.mark.parametrize("sentence, expected", [
    # the compared period is what the growth is measured against, or only why: the figure stays
    ("全市工业投资1986.2亿元，比上年同期增长7.5%。", ("industrial_investment", "苏州", "2026年1-10月", 1986.2, 7.5)),
    ("受上年同期基数较高影响，全市工业投资增长7.5%。", ("industrial_investment", "苏州", "2026年1-10月", None, 7.5)),
    ("全市工业投资1986.2亿元，高于上年同期水平。", ("industrial_investment", "苏州", "2026年1-10月", 1986.2, None)),
    # a past period with its own figure holds for its clause; 今年以来 is this period again
    ("上年末全市高新技术企业总数达1.57万家，今年以来新认定高新技术企业366家。",
     ("new_high_tech_enterprises", "苏州", "2026年1-10月", 366.0, None)),
    ("上年同期，全市规上工业总产值为38900亿元，今年1—10月为40876亿元。",
     ("gross_industrial_output", "苏州", "2026年1-10月", 40876.0, None)),
])
def test_a_period_compared_with_leaves_the_figure_this_periods(store, sentence, expected):
    found, _ = read(HEADING + sentence, store)
    assert found == [expected]


# -- a growth rate naming its own month is not the cumulative 同比 -----------------------------------

@pytest.mark.parametrize("words", ["10月当月", "10月份", "10月", "当月", "单月"])
def test_a_single_months_growth_is_not_the_cumulative_yoy(store, words):
    found, lost = read(HEADING + f"全市规上工业总产值40876亿元，{words}增长6.8%。", store)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.0, None)]
    assert [u.reason for u in lost] == [f"{words}的增速，不是2026年1-10月的同比"]


def test_a_single_months_growth_beside_the_months_level_is_that_months(store):
    found, lost = read(HEADING + "10月份，全市规上工业总产值4300亿元，当月增长6.8%。", store)
    assert found == [("gross_industrial_output", "苏州", "2026年10月", 4300.0, 6.8)] and not lost


def test_the_cumulative_growth_after_a_months_growth_is_still_read(store):
    found, _ = read(HEADING + "全市规上工业总产值40876亿元，10月当月增长6.8%，1—10月累计增长5.1%。", store)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.0, 5.1)]


def test_a_single_month_holds_for_its_own_clause_only(store):
    found, _ = read(HEADING + "全市规上工业总产值40876亿元，10月当月增长6.8%，全市工业投资1986.2亿元，增长7.5%。", store)
    assert ("industrial_investment", "苏州", "2026年1-10月", 1986.2, 7.5) in found


# -- 同比 with a basis phrase ---------------------------------------------------------------------

@pytest.mark.parametrize("growth, yoy", [
    ("按可比价格计算同比增长6.0%", 6.0),
    ("按可比价格计算比上年增长2.0%", 2.0),
    ("按可比价计算，增长5.2%", 5.2),
    ("按可比价计算，同比下降5.2%", -5.2),
    ("比上年同期增长4.1%", 4.1),
    ("较上年下降1.3%", -1.3),
    ("扣除价格因素同比增长3.3%", 3.3),
])
def test_yoy_with_a_basis_phrase(store, growth, yoy):
    found, lost = read(HEADING + f"全市规上工业总产值40876亿元，{growth}。", store)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.0, yoy)] and not lost


@pytest.mark.parametrize("growth, yoy", [("增长6.4%", 6.4), ("下降6.4%", -6.4), ("比上年增长6.4%", 6.4),
                                         ("比2025年增长6.4%", 6.4)])
def test_in_an_annual_text_growth_is_over_the_year_before(store, growth, yoy):
    text = f"2026年苏州市国民经济和社会发展统计公报\n全年工业投资完成1708.1亿元，{growth}。"
    found, lost = read(text, store, date(2027, 3, 1))
    assert found == [("industrial_investment", "苏州", "2026年", 1708.1, yoy)] and not lost


@pytest.mark.parametrize("growth", ["比2024年增长6.4%", "“十四五”时期年均增长8.1%"])
def test_growth_over_another_year_or_a_plan_period_is_no_yoy(store, growth):
    text = f"2026年苏州市国民经济和社会发展统计公报\n全年工业投资完成1708.1亿元，{growth}。"
    found, lost = read(text, store, date(2027, 3, 1))
    assert found == [("industrial_investment", "苏州", "2026年", 1708.1, None)] and len(lost) == 1


# -- one period, many ways to write it ----------------------------------------------------------

@pytest.mark.parametrize("written, label", [
    ("1至8月", "2026年1-8月"), ("1—10月", "2026年1-10月"), ("1－10月", "2026年1-10月"), ("1-2月份", "2026年1-2月"),
    ("前七个月", "2026年1-7月"), ("前10个月", "2026年1-10月"), ("上半年", "2026年上半年"),
    ("1~3季度", "2026年前三季度"), ("1至3季度", "2026年前三季度"), ("一至三季度", "2026年前三季度"),
    ("前三季度", "2026年前三季度"), ("截至9月末", "2026年前三季度"), ("1-2季度", "2026年上半年"),
    ("一季度", "2026年一季度"),
])
def test_period_forms(store, written, label):
    found, lost = read(f"2026年经济运行情况\n{written}，全市工业投资1000亿元。", store)
    assert found == [("industrial_investment", "苏州", label, 1000.0, None)] and not lost


def test_quarters_not_from_january_are_not_a_cumulative_period(store):
    found, lost = read("2026年经济运行情况\n2~3季度，全市工业投资1000亿元。", store)
    assert found == [] and len(lost) == 1


# -- 预计: a forecast, recorded with the status 预计数 ----------------------------------------------

REPORT = "2026年政府工作报告\n"
REPORT_READ_ON = date(2027, 1, 20)


def statuses(text, store):
    return {f.indicator_id: (float(f.value), f.status) for f in read_release(text, store, REPORT_READ_ON).figures}


@pytest.mark.parametrize("sentence, indicator, value", [
    ("全年规上工业总产值预计达到4.36万亿元。", "gross_industrial_output", 4.36),
    ("预计全年完成工业投资2500亿元。", "industrial_investment", 2500.0),
])
def test_a_value_after_yuji_is_read_as_an_estimate(store, sentence, indicator, value):
    assert statuses(REPORT + sentence, store) == {indicator: (value, ObservationStatus.ESTIMATE)}


def test_an_estimate_note_covers_the_figures_after_it(store):
    text = REPORT + ("全年规上工业总产值4.36万亿元（预计数，下同），增长4%。\n"
                     "全年完成工业投资2500亿元。")
    assert statuses(text, store) == {"gross_industrial_output": (4.36, ObservationStatus.ESTIMATE),
                                     "industrial_investment": (2500.0, ObservationStatus.ESTIMATE)}


def test_figures_before_an_estimate_note_and_without_one_are_actual(store):
    text = REPORT + ("全年完成工业投资2500亿元。\n"
                     "全年规上工业总产值4.36万亿元（预计数）。\n"
                     "新增国家级专精特新“小巨人”企业122家。")
    assert statuses(text, store) == {"industrial_investment": (2500.0, ObservationStatus.ACTUAL),
                                     "gross_industrial_output": (4.36, ObservationStatus.ESTIMATE),
                                     "little_giant_firms": (122.0, ObservationStatus.ACTUAL)}


def test_an_estimate_is_written_with_its_status_and_shown_in_the_preview(store):
    plan = preview_release(store, REPORT + "预计全年完成工业投资2500亿元。", REPORT_READ_ON, "测试")
    assert "预计数" in plan.summary()
    apply_release(store, plan)
    row = store.get_row("observations", {"indicator_id": "industrial_investment", "city": "苏州", "period": "2026年"})
    assert row["status"] == ObservationStatus.ESTIMATE and row["value"] == 2500


GOP_2025 = {"indicator_id": "gross_industrial_output", "city": "苏州", "period": "2025年"}


def test_the_actual_figure_drops_the_estimate_of_the_same_value(store):
    assert store.get_row("observations", GOP_2025)["status"] == ObservationStatus.ESTIMATE  # the seed's 预计4.89万亿元
    text = "2025年苏州市国民经济和社会发展统计公报\n全年规上工业总产值4.89万亿元，增长4.1%。"
    apply_release(store, preview_release(store, text, date(2027, 3, 1), "测试"))
    row = store.get_row("observations", GOP_2025)
    assert (row["value"], row["status"], row["yoy_growth"]) == (4.89, ObservationStatus.ACTUAL, 4.1)
    again = preview_release(store, text, date(2027, 3, 1), "测试")
    assert again.writes == []  # applying it twice writes once


def test_an_estimate_does_not_replace_an_actual_figure(store):
    actual = "2025年苏州市国民经济和社会发展统计公报\n全年规上工业总产值4.89万亿元。"
    apply_release(store, preview_release(store, actual, date(2027, 3, 1), "测试"))
    # a 政府工作报告 of January 2026 reviews 2025
    plan = preview_release(store, "2026年政府工作报告\n全年规上工业总产值预计达到4.9万亿元。", date(2026, 1, 20), "测试")
    assert plan.writes == [] and "不以预计数替换" in plan.summary()
    assert store.get_row("observations", GOP_2025)["value"] == 4.89
