"""Issue 21, fresh tester round 2: two figures of one release that say different things of one figure
(a headline's rounded total or 同比 against the body's), a share's change written in % (relative or
points?), a change against another period than last year's, 均增长 after several figures, a quarter's or a
month's own figure, and reasons that say what a clause is (a comparison with another place, a goal).

Every figure here is MADE UP for the tests.
"""

from datetime import date

import pytest

from knowledge.releases import preview_release, read_release

READ_ON = date(2026, 12, 7)  # every period named below has ended
HEADING = "2026年1—10月苏州市经济运行情况\n"


def read(text, store, today=READ_ON):
    reading = read_release(text, store, today)
    found = [(f.indicator_id, f.period, None if f.value is None else float(f.value), f.yoy, f.change_points)
             for f in reading.figures]
    return found, [(u.fragment, u.reason) for u in reading.unplaced]


# -- a headline's figure that disagrees with the body's ----------------------------------------------

def test_a_headline_total_in_a_larger_unit_that_disagrees_writes_neither(store):
    found, lost = read("苏州前10月规上工业总产值4.2万亿元\n"
                       "1—10月，苏州规上工业总产值41234.5亿元，同比增长5.2%。", store)
    assert [f for f in found if f[0] == "gross_industrial_output"] == []
    clashes = [fragment for fragment, reason in lost if "4.2万亿元、41234.5亿元" in reason]
    assert len(clashes) == 2 and any("41234.5亿元" in f for f in clashes), lost


def test_a_headline_total_that_agrees_still_gives_the_exact_one(store):
    found, lost = read("苏州前10月规上工业总产值4.1万亿元\n"
                       "1—10月，苏州规上工业总产值41234.5亿元，同比增长5.2%。", store)
    assert found == [("gross_industrial_output", "2026年1-10月", 41234.5, 5.2, None)]
    assert lost == []


def test_two_different_growths_of_one_figure_write_no_growth_and_list_both(store):
    found, lost = read("前10月苏州规上工业总产值同比增长5.8%\n"
                       "1—10月，苏州规上工业总产值41234.5亿元，同比增长5.2%。", store)
    assert found == [("gross_industrial_output", "2026年1-10月", 41234.5, None, None)]
    reasons = [reason for _, reason in lost]
    assert len(reasons) == 2 and all("5.8%、5.2%" in r for r in reasons), lost
    assert any("5.8%" in fragment for fragment, _ in lost) and any("5.2%" in fragment for fragment, _ in lost)


def test_a_growth_alone_given_twice_differently_is_no_figure(store):
    found, lost = read(HEADING + "1—10月，全市工业投资同比增长5.8%。1—10月，全市工业投资同比增长7.3%。"
                       "全市工业投资同比增长7.3%。", store)
    assert found == []
    assert len(lost) == 3 and all("5.8%、7.3%" in reason for _, reason in lost), lost


# -- a share's change: only 个百分点, and only against last year's same period ---------------------------

@pytest.mark.parametrize("change", ["同比提高0.8％", "同比增长1.6%", "比上年同期提高0.8%"])
def test_a_shares_change_in_percent_is_unplaced_not_its_growth(store, change):
    found, lost = read(HEADING + f"1—10月，全市高新技术产业产值占规上工业总产值比重51.2%，{change}。", store)
    assert found == [("high_tech_output_share", "2026年1-10月", 51.2, None, None)]
    assert len(lost) == 1 and "分不清是相对增长还是百分点" in lost[0][1], lost


def test_a_shares_change_in_points_is_still_read(store):
    found, lost = read(HEADING + "1—10月，全市高新技术产业产值占规上工业总产值比重51.2%，同比提高0.8个百分点。", store)
    assert found == [("high_tech_output_share", "2026年1-10月", 51.2, None, 0.8)] and lost == []


@pytest.mark.parametrize("change, reason", [
    ("较上年末提高0.9个百分点", "比上年末"),
    ("比年初提高0.9个百分点", "与其他时期相比"),
    ("较上月提高0.9个百分点", "与其他时期相比"),
    ("较1—9月提高0.9个百分点", "与其他时期相比"),
])
def test_a_change_against_another_period_than_last_years_is_no_yoy_change(store, change, reason):
    found, lost = read(HEADING + f"1—10月，民营工业产值占规上工业总产值比重为50.1%，{change}。", store)
    assert found == [("private_industrial_share", "2026年1-10月", 50.1, None, None)]
    assert len(lost) == 1 and reason in lost[0][1], lost


@pytest.mark.parametrize("said", ["增速回落至3.1%", "增速提高至3.1%", "增速为3.1%", "增幅回升到3.1%"])
def test_a_growth_rate_said_as_the_rate_it_moved_to_is_the_yoy(store, said):
    found, lost = read(HEADING + f"1—10月，工业投资1888.8亿元，{said}。", store)
    assert found == [("industrial_investment", "2026年1-10月", 1888.8, 3.1, None)] and lost == []


# -- 均增长: one rate for each figure before it ---------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "1—10月，全市规上工业总产值和工业投资分别为41234.5亿元、1888.8亿元，均增长5.2%。",
    "1—10月，全市规上工业总产值41234.5亿元，工业投资1888.8亿元，同比均增长5.2%。",
    "1—10月，全市规上工业总产值41234.5亿元、工业投资1888.8亿元，均比上年同期增长5.2%。",
])
def test_one_rate_after_several_figures_said_with_jun_goes_to_each(store, sentence):
    found, lost = read(HEADING + sentence, store)
    assert found == [("gross_industrial_output", "2026年1-10月", 41234.5, 5.2, None),
                     ("industrial_investment", "2026年1-10月", 1888.8, 5.2, None)]
    assert lost == []


def test_jun_after_a_single_figure_is_unplaced_with_its_reason(store):
    found, lost = read(HEADING + "1—10月，全市工业投资1888.8亿元，同比增长7.3%，规上工业总产值41234.5亿元，均增长5.2%。",
                       store)
    assert ("gross_industrial_output", "2026年1-10月", 41234.5, None, None) in found
    assert lost == [("均增长5.2%", "“均”之后的增速，前面的数据有1个，不知道属于哪几个，未录入")]


# -- a part of the figure before, with its own month or quarter -----------------------------------------

def test_a_months_figure_after_qizhong_is_the_subject_befores_for_that_month(store):
    found, lost = read("苏州规上工业总产值继续增长\n今年前10个月，苏州规上工业总产值达41234.5亿元，同比增长5.2%，"
                       "总量继续稳居全国第二。其中10月份完成4321.0亿元。", store)
    assert found == [("gross_industrial_output", "2026年1-10月", 41234.5, 5.2, None),
                     ("gross_industrial_output", "2026年10月", 4321.0, None, None)]
    assert lost == []


def test_a_quarters_own_figure_is_recorded_for_that_quarter(store):
    found, lost = read("2026年三季度苏州市经济运行情况\n前三季度，全市规上工业总产值37000.0亿元，同比增长4.2%。"
                       "其中，三季度当季完成12500.0亿元，同比增长3.9%。", store)
    assert found == [("gross_industrial_output", "2026年前三季度", 37000.0, 4.2, None),
                     ("gross_industrial_output", "2026年三季度", 12500.0, 3.9, None)]
    assert lost == []


def test_a_quarter_of_a_period_ending_in_no_quarter_is_unplaced(store):
    found, lost = read(HEADING + "1—10月，全市规上工业总产值41234.5亿元，同比增长5.2%。其中，当季完成4000.0亿元。", store)
    assert found == [("gross_industrial_output", "2026年1-10月", 41234.5, 5.2, None)]
    assert lost == [("当季完成4000.0亿元", "“当季”指哪个季度不明（所在期间不是到季末），未录入")]


@pytest.mark.parametrize("before", ["全市工业投资两年平均增长4.4%", "全市工业投资连续12个月保持两位数增长"])
def test_a_clause_about_the_subject_without_a_figure_of_this_period_lets_it_carry_on(store, before):
    found, _ = read(HEADING + f"{before}，1—10月完成1888.8亿元，增长10.3%。", store)
    assert found == [("industrial_investment", "2026年1-10月", 1888.8, 10.3, None)]


# -- reasons that say what a clause is ------------------------------------------------------------------

def test_a_share_unchanged_is_shown_as_chiping(store):
    plan = preview_release(store, HEADING + "1—10月，全市高新技术产业产值占规上工业总产值比重为52.0%，同比持平。",
                           READ_ON, "tester")
    assert "52%，比上年持平" in plan.summary() and "0个百分点" not in plan.summary()


@pytest.mark.parametrize("clause, other", [
    ("增幅较全国、全省分别高1.1个和0.4个百分点", "全国"),
    ("比全省高0.5个百分点", "全省"),
])
def test_a_lead_over_another_place_is_unplaced_as_a_comparison(store, clause, other):
    found, lost = read(HEADING + f"1—10月，全市规上工业总产值41234.5亿元，同比增长5.2%，{clause}。", store)
    assert found == [("gross_industrial_output", "2026年1-10月", 41234.5, 5.2, None)]
    assert [reason for _, reason in lost] == [f"与{other}相比的差距，不是指标本身的数值"], lost


def test_a_goal_of_the_work_is_unplaced_as_a_goal(store):
    _, lost = read(HEADING + "我们将重点抓好以下工作：推动规上工业总产值增长6%。", store)
    assert lost == [("推动规上工业总产值增长6%", "“推动…”是工作目标，不是实际数")]


def test_an_answers_growth_of_zero_is_said_as_chiping():
    from knowledge.wording import yoy_text
    assert (yoy_text(0.0), yoy_text(-1.2), yoy_text(7.5)) == ("同比持平", "同比下降1.2%", "同比增长7.5%")
