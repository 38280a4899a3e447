"""Issue 21, third round (a fresh tester's findings): growth rates written “分别” after the figures they
belong to, a clause between a level and its 同比 (a compared period's value, a plan's completion rate, a
difference from another place), a sentence that goes on with the subject before it (1—10月累计完成…), a
headline's rounded figure beside the body's exact one, and a span of years (“十四五”期间) whose sums are
no one year's.

Every figure here is MADE UP for the tests.
"""

from datetime import date

import pytest

from knowledge.releases import read_release

READ_ON = date(2026, 12, 7)  # every period named below has ended
HEADING = "苏州市2026年1—10月工业经济运行情况\n"
OUTPUT = ("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, 4.8)
INVESTMENT = ("industrial_investment", "苏州", "2026年1-10月", 1986.4, 6.3)


def read(text, store, today=READ_ON):
    reading = read_release(text, store, today)
    found = [(f.indicator_id, f.city, f.period, None if f.value is None else float(f.value), f.yoy)
             for f in reading.figures]
    return found, [(u.fragment, u.reason) for u in reading.unplaced]


# -- 1. “分别” rates after N figures belong to those N figures, in order -----------------------------

@pytest.mark.parametrize("sentence", [
    "1—10月，全市完成规上工业总产值40876.3亿元，完成工业投资1986.4亿元，分别增长4.8%和6.3%。",
    "1—10月，全市完成规上工业总产值40876.3亿元、工业投资1986.4亿元，分别增长4.8%、6.3%。",
    "1—10月，全市规上工业总产值和工业投资分别为40876.3亿元和1986.4亿元，同比分别增长4.8%和6.3%。",
    "1—10月，全市规上工业总产值和工业投资分别为40876.3亿元和1986.4亿元，分别比上年同期增长4.8%和6.3%。",
])
def test_respective_growths_go_to_the_figures_before_them_in_order(store, sentence):
    found, lost = read(HEADING + sentence, store)
    assert found == [OUTPUT, INVESTMENT]
    assert lost == []


@pytest.mark.parametrize("sentence", [
    "全市完成规上工业总产值40876.3亿元，工业投资1986.4亿元，增速分别为4.8%和6.3%。",
    "全市完成规上工业总产值40876.3亿元，工业投资1986.4亿元，同比增速分别为4.8%、6.3%。",
    # a share between them takes no 同比 in %
    "全市完成规上工业总产值40876.3亿元，占全省的28.5%，工业投资1986.4亿元，分别增长4.8%和6.3%。",
])
def test_respective_growth_rates_said_as_speeds_or_past_a_share(store, sentence):
    found, _ = read(HEADING + sentence, store)
    assert [f for f in found if f[0] in ("gross_industrial_output", "industrial_investment")] == [OUTPUT, INVESTMENT]


def test_respective_growths_after_a_growth_count_only_the_figures_after_it(store):
    found, _ = read(HEADING + "全市新增高新技术企业3120家，同比增长9.1%；全市规上工业总产值40876.3亿元、"
                              "工业投资1986.4亿元，分别增长4.8%、6.3%。", store)
    assert [f for f in found if f[0] != "new_high_tech_enterprises"] == [OUTPUT, INVESTMENT]
    assert found[0][4] == 9.1


@pytest.mark.parametrize("sentence, wanted", [
    # three figures, two rates: which goes where is not written
    ("全市完成规上工业总产值40876.3亿元，完成工业投资1986.4亿元，新认定高新技术企业3120家，分别增长4.8%和6.3%。",
     "前面的数据有3个"),
    # three names, two rates
    ("全市规上工业总产值、工业投资、新认定高新技术企业分别增长4.8%、6.3%。", "前面的名称有3个"),
])
def test_respective_growths_of_another_count_are_all_unplaced(store, sentence, wanted):
    found, lost = read(HEADING + sentence, store)
    assert all(f[4] is None for f in found), found
    assert len(lost) == 1 and "分别" in lost[0][0] and wanted in lost[0][1], lost


# -- 2. a clause between a level and its 同比 -------------------------------------------------------

@pytest.mark.parametrize("sentence, aside, reason", [
    ("1—10月，全市完成规上工业总产值40876.3亿元，上年同期为39004.1亿元，同比增长4.8%。",
     "上年同期为39004.1亿元", "上年同期的数据，不是本期"),
    ("1—10月，全市完成规上工业总产值40876.3亿元，完成年度计划的79.5%，同比增长4.8%。",
     "完成年度计划的79.5%", "计划的完成率"),
    ("1—10月，全市完成规上工业总产值40876.3亿元，比上海多7666.3亿元，同比增长4.8%。",
     "比上海多7666.3亿元", "与上海相比的差额"),
])
def test_a_growth_after_an_aside_clause_is_the_levels(store, sentence, aside, reason):
    found, lost = read(HEADING + sentence, store)
    assert found == [OUTPUT]
    assert len(lost) == 1 and lost[0][0] == aside and reason in lost[0][1], lost


@pytest.mark.parametrize("aside", ["完成全年目标任务的82.1%", "高出上海7666.3亿元", "较上年同期的39004.1亿元增加1872.2亿元"])
def test_more_asides_keep_the_growth_with_the_level(store, aside):
    found, lost = read(HEADING + f"1—10月，全市完成规上工业总产值40876.3亿元，{aside}，同比增长4.8%。", store)
    assert found == [OUTPUT]
    assert lost and not any(reason in ("知识库里没有这个指标", "这个增速所属的数据未能录入") for _, reason in lost), lost


def test_a_difference_from_a_compared_value_has_its_own_reason(store):
    found, lost = read(HEADING + "全市新认定高新技术企业3120家，比上年同期的2890家多230家，增长8.0%。", store)
    assert found == [("new_high_tech_enterprises", "苏州", "2026年1-10月", 3120.0, 8.0)]
    assert [reason for _, reason in lost] == ["与上年同期相比的差额，不是指标本身的数值"]


def test_a_growth_is_not_attached_across_a_clause_naming_another_indicator(store):
    found, lost = read(HEADING + "全市完成规上工业总产值40876.3亿元，上年同期全市工业投资为1868.6亿元，"
                                 "同比增长4.8%。", store)
    assert found == [OUTPUT[:4] + (None,)]
    assert ("同比增长4.8%", "这个增速所属的数据未能录入") in lost


# -- 3. a sentence that goes on from the one before; 累计 after a single month --------------------

MONTH_HEADING = "苏州市2026年10月工业经济运行情况\n"


def test_a_sentence_beginning_with_a_period_and_a_verb_goes_on_with_the_subject_before(store):
    found, lost = read(MONTH_HEADING + "10月份，全市完成规上工业总产值4102.5亿元，同比增长6.8%。"
                                       "1—10月累计完成40876.3亿元，增长4.8%。", store)
    assert found == [("gross_industrial_output", "苏州", "2026年10月", 4102.5, 6.8), OUTPUT]
    assert lost == []


def test_a_sentence_naming_its_own_indicator_takes_nothing_from_the_one_before(store):
    found, lost = read(MONTH_HEADING + "10月份，全市完成规上工业总产值4102.5亿元。1—10月累计完成进出口总额"
                                       "2000亿元。", store)
    assert found == [("gross_industrial_output", "苏州", "2026年10月", 4102.5, None)]
    assert [fragment for fragment, _ in lost] == ["1—10月累计完成进出口总额2000亿元"]


def test_a_running_total_after_a_single_month_is_the_year_so_far(store):
    found, lost = read(MONTH_HEADING + "10月当月，全市完成工业投资215.7亿元；累计完成1986.4亿元，同比增长6.3%。",
                       store)
    assert found == [("industrial_investment", "苏州", "2026年10月", 215.7, None), INVESTMENT]
    assert lost == []


def test_a_running_growth_after_a_single_months_level_is_the_year_so_fars(store):
    found, _ = read(MONTH_HEADING + "10月份，全市完成规上工业总产值4102.5亿元，累计增长4.8%。", store)
    assert found == [("gross_industrial_output", "苏州", "2026年10月", 4102.5, None),
                     ("gross_industrial_output", "苏州", "2026年1-10月", None, 4.8)]


# -- 4. an exact figure beats a rounded one it agrees with ------------------------------------------

@pytest.mark.parametrize("text", [
    "前10个月苏州规上工业总产值超4万亿元\n1—10月，全市完成规上工业总产值40876.3亿元，同比增长4.8%。",
    "苏州前10个月规上工业总产值突破4万亿元\n1—10月，苏州全市完成规上工业总产值40876.3亿元，同比增长4.8%。",
    HEADING + "1—10月，全市完成规上工业总产值40876.3亿元，同比增长4.8%，总量约4.1万亿元。",
    HEADING + "1—10月，全市规上工业总产值近4.1万亿元。全市完成规上工业总产值40876.3亿元，同比增长4.8%。",
    # rounded without a qualifier: the body's figure to the headline's step
    "苏州1—10月规上工业总产值达4.09万亿元\n1—10月，全市完成规上工业总产值40876.3亿元，同比增长4.8%。",
    HEADING + "1—10月，全市完成规上工业总产值40876.3亿元，同比增长4.8%。全市规上工业总产值4.09万亿元。",
])
def test_the_exact_figure_wins_over_a_rounded_one_that_agrees(store, text):
    reading = read_release(text, store, READ_ON)
    figure, = reading.figures
    assert (figure.indicator_id, float(figure.value), figure.unit, figure.qualifier, figure.yoy) == \
        ("gross_industrial_output", 40876.3, "亿元", "", 4.8)
    assert figure.published == "40876.3亿元" and "40876.3亿元" in figure.sentence
    assert not any("不一致" in u.reason for u in reading.unplaced)


def test_a_rounded_figure_that_disagrees_is_shown_with_the_exact_one_and_neither_written(store):
    found, lost = read(HEADING + "前10个月苏州规上工业总产值超5万亿元。1—10月，全市完成规上工业总产值40876.3亿元。",
                       store)
    assert found == []
    clashes = [fragment for fragment, reason in lost if "不一致" in reason and "超5万亿元、40876.3亿元" in reason]
    assert len(clashes) == 2 and any("40876.3亿元" in f for f in clashes), lost


def test_two_different_exact_figures_still_refuse_the_second(store):
    found, lost = read(HEADING + "全市完成规上工业总产值40876.3亿元。全市完成规上工业总产值40000亿元。", store)
    assert found == [OUTPUT[:4] + (None,)]
    assert [reason for _, reason in lost] == ["与前文同一指标同一期间的数值不一致"]


# -- 5. a span of years names no one year's figure --------------------------------------------------

REPORT = "苏州市政府工作报告摘要\n发布时间：2026-01-13\n"
REPORT_DAY = date(2026, 1, 20)
GIANTS_2025 = ("little_giant_firms", "苏州", "2025年", 180.0, None)


@pytest.mark.parametrize("span", ["“十四五”期间，", "“十四五”时期，", "五年来，", "近五年，", "过去五年，", "2021—2025年，",
                                  "2021年至2025年，"])
def test_a_span_of_years_is_unplaced_and_the_years_own_figure_recorded(store, span):
    found, lost = read(REPORT + f"{span}全市累计新增国家级专精特新“小巨人”企业620家，新增国家制造业单项冠军企业45家，"
                                "新认定高新技术企业2.1万家。2025年，全市新增国家级专精特新“小巨人”企业180家。",
                       store, REPORT_DAY)
    assert found == [GIANTS_2025]
    assert len(lost) == 3 and all(reason.startswith("这是多年累计") for _, reason in lost), lost


def test_a_span_since_a_year_is_no_one_years(store):
    found, lost = read(REPORT + "2021年以来，全市累计新增国家级专精特新“小巨人”企业620家。", store, REPORT_DAY)
    assert found == []
    assert [reason for _, reason in lost] == ["这是多年累计或多年间的变化，不是一年的数：2021年以来"]


def test_a_span_holds_to_the_next_period_named_in_its_sentence(store):
    found, lost = read(REPORT + "五年来，全市累计新增国家级专精特新“小巨人”企业620家，2025年新增180家。", store,
                       REPORT_DAY)
    assert found == [GIANTS_2025]
    assert [fragment for fragment, _ in lost] == ["全市累计新增国家级专精特新“小巨人”企业620家"]


def test_a_span_said_in_passing_holds_nothing(store):
    found, _ = read(HEADING + "1—10月，全市规上工业总产值增长4.8%，增速创近三年新高，工业投资1986.4亿元，同比增长6.3%。",
                    store)
    assert INVESTMENT in found


def test_a_subject_does_not_go_on_into_the_next_paragraph(store):
    found, lost = read(MONTH_HEADING + "10月份，全市完成规上工业总产值4102.5亿元。\n二、工业投资\n1—10月累计完成1986.4亿元。",
                       store)
    assert found == [("gross_industrial_output", "苏州", "2026年10月", 4102.5, None)]
    assert [fragment for fragment, _ in lost] == ["1—10月累计完成1986.4亿元"]


def test_a_growth_after_a_change_clause_is_the_levels_not_the_changes(store):
    found, lost = read(HEADING + "全市规上工业总产值40876.3亿元，比上年同期增加1872.2亿元，同比增长4.8%。"
                                 "全市新认定高新技术企业3120家，比去年同期多256家，同比增长9.1%。", store)
    assert OUTPUT in found
    assert all(f[4] is None for f in found if f[0] not in ("gross_industrial_output", "new_high_tech_enterprises"))
    assert ("new_high_tech_enterprises", "苏州", "2026年1-10月", 3120.0, 9.1) in found
    assert ("比去年同期多256家", "这是比上年的增减量，不是指标本身") in lost


def test_a_growth_after_a_share_no_indicator_holds_is_the_levels(store):
    found, lost = read(HEADING + "全市新认定高新技术企业3120家，约占全省的25%，同比增长9.1%。", store)
    assert found == [("new_high_tech_enterprises", "苏州", "2026年1-10月", 3120.0, 9.1)]
    assert [fragment for fragment, _ in lost] == ["约占全省的25%"]
