"""/release: what a figure takes from the words before it, and what it must not take.

- a period named in one sentence holds for the sentences after it in the same paragraph (not in the next
  paragraph, not over a sentence naming its own period, never a compared period such as 上年同期);
- a place named as the scope of a rank or a share (在全省率先, 居全省第一, 约占全省, 列全国第5) is not the
  figure's place, while 全省… is still the province's;
- a place a Suzhou text names is recorded only when the knowledge base holds it (深圳, 上海, 北京 are held);
- an indicator named in the clause before, with a predicate (工业投资发挥引领作用，完成…), is the value's subject;
- a subject carries past a growth refused for its kind (年均, over a span of years) to a figure with its own period.

Every figure here is MADE UP for the tests (the wording imitates real bureau and newspaper texts).
"""

from datetime import date

import pytest

from knowledge.releases import preview_release
from tests.release_reading import hold_city, read_rows

READ_ON = date(2026, 12, 7)
HEADING = "2026年1—10月全市经济运行情况\n"


def read(store, text, today=READ_ON):
    return read_rows(store, text, today)


hold = hold_city  # the knowledge base now holds that city


# -- 1. a period holds for the rest of its paragraph ---------------------------------------------------------

TOTAL_THEN_PART = "1至8月，全市完成固定资产投资4255.6亿元，同比增长1.9%。其中工业投资1372.1亿元，同比增长9.8%。"


def test_a_period_holds_for_the_next_sentence_of_its_paragraph(store):
    found, lost = read(store, TOTAL_THEN_PART, date(2024, 9, 20))
    assert found == [("industrial_investment", "苏州", "2024年1-8月", 1372.1, 9.8)]
    assert not any("没有期间" in reason for _, reason in lost)


def test_a_carried_period_is_shown_as_the_texts_not_the_headings(store):
    plan = preview_release(store, TOTAL_THEN_PART, date(2024, 9, 20), "测试")
    assert [item.figure.period_from for item in plan.items] == ["sentence"]
    assert "1372.1亿元" in plan.summary() and "期间取自标题" not in plan.summary()


def test_a_period_does_not_leak_into_the_next_paragraph(store):
    found, lost = read(store, "1至8月，全市完成固定资产投资4255.6亿元。\n工业投资1372.1亿元，同比增长9.8%。",
                       date(2024, 9, 20))
    assert found == [] and any("1372.1" in fragment and "没有期间" in reason for fragment, reason in lost)


def test_the_next_paragraph_goes_back_to_the_heading(store):
    found, _ = read(store, HEADING + "1—9月，全市工业投资1800亿元。\n规上工业总产值40876.3亿元。")
    assert found == [("industrial_investment", "苏州", "2026年前三季度", 1800.0, None),
                     ("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, None)]


def test_a_sentence_naming_its_own_period_keeps_it_and_passes_it_on(store):
    found, _ = read(store, HEADING + "1—9月，全市工业投资1800亿元。1—8月，规上工业总产值32000亿元。"
                                     "高新技术产业产值17000亿元。")
    assert found == [("industrial_investment", "苏州", "2026年前三季度", 1800.0, None),
                     ("gross_industrial_output", "苏州", "2026年1-8月", 32000.0, None),
                     ("high_tech_output", "苏州", "2026年1-8月", 17000.0, None)]


def test_a_compared_period_is_never_carried(store):
    found, lost = read(store, "1至8月，全市工业投资1372.1亿元。上年同期，全市规上工业总产值为28900亿元。"
                              "规上工业总产值29875.5亿元。", date(2024, 9, 20))
    assert found == [("industrial_investment", "苏州", "2024年1-8月", 1372.1, None),
                     ("gross_industrial_output", "苏州", "2024年1-8月", 29875.5, None)]
    assert [reason for _, reason in lost] == ["上年同期的数据，不是本期"]


def test_this_year_alone_is_not_carried_over_the_heading(store):
    found, _ = read(store, HEADING + "今年，全市工业投资1986.2亿元。规上工业总产值40876.3亿元。")
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1986.2, None),
                     ("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, None)]


def test_a_single_months_clause_is_not_carried(store):
    found, _ = read(store, "1至8月，全市规上工业总产值29875.5亿元，其中8月实现产值3800亿元。工业投资1372.1亿元。",
                    date(2024, 9, 20))
    assert ("industrial_investment", "苏州", "2024年1-8月", 1372.1, None) in found
    assert ("gross_industrial_output", "苏州", "2024年8月", 3800.0, None) in found


def test_a_period_in_a_sentence_without_figures_holds_for_the_figures_after_it(store):
    found, _ = read(store, "前三季度，全市工业经济稳中向好。规上工业总产值32000亿元，同比增长4.1%。",
                    date(2026, 10, 20))
    assert found == [("gross_industrial_output", "苏州", "2026年前三季度", 32000.0, 4.1)]


# -- 2. the place a rank or a share is counted in -------------------------------------------------------------

@pytest.mark.parametrize("sentence, value", [
    ("1—10月，苏州规上工业总产值在全国率先突破4万亿元。", 4.0),
    ("1—10月，全市规上工业总产值居全省第一，达40876.3亿元。", 40876.3),
    ("1—10月，全市规上工业总产值约占全省三分之一，达40876.3亿元。", 40876.3),
    ("1—10月，全市工业投资列全国第5位，为1986.2亿元。", 1986.2),
    ("1—10月，全市工业投资总量位居全省前列，完成1986.2亿元。", 1986.2),
])
def test_a_rank_or_share_in_the_province_or_country_is_still_the_citys_figure(store, sentence, value):
    found, lost = read(store, sentence)
    assert [(f[1], f[3]) for f in found] == [("苏州", value)], lost


def test_a_city_first_in_the_province_records_its_loans_added_this_year(store):
    found, _ = read(store, "截至2022年9月末，苏州制造业贷款余额在全省率先突破万亿元大关，达10140.77亿元，"
                           "比年初增加2185.39亿元，增幅超27%。", date(2022, 10, 21))
    assert found == [("manufacturing_loans", "苏州", "2022年前三季度", 2185.39, None)]


@pytest.mark.parametrize("sentence", [
    "1—10月，全省规上工业总产值12万亿元，苏州居全省第一。",
    "1—10月，在全省范围内，规上工业总产值12万亿元。",
    "1—10月，全国规上工业总产值领先的省份中，全省规上工业总产值12万亿元。",
])
def test_the_provinces_own_figure_is_still_the_provinces(store, sentence):
    found, lost = read(store, sentence)
    assert found == [] and [reason for _, reason in lost] == ["这是全省的数据，不是苏州市的"]


# -- 3. a place a Suzhou text names ----------------------------------------------------------------------------

CHENGDU = ("前三季度城市经济成绩单\n成都：前三季度实现地区生产总值12047.26亿元，按可比价格计算比上年同期增长8.1%。\n"
           "苏州：前三季度全市实现地区生产总值14208亿元，按可比价计算同比增长2.4%。")


def test_a_city_the_knowledge_base_does_not_hold_is_unplaced_with_the_reason(store):
    found, lost = read(store, CHENGDU, date(2020, 12, 15))
    assert found == [("gdp", "苏州", "2020年前三季度", 14208.0, 2.4)]
    assert [reason for _, reason in lost] == ["这是成都市的数据，知识库没有成都的数据，未录入"] * 2


def test_a_city_is_recorded_once_the_knowledge_base_holds_it(store):
    hold(store, "成都")
    found, _ = read(store, CHENGDU, date(2020, 12, 15))
    assert ("gdp", "成都", "2020年前三季度", 12047.26, 8.1) in found


@pytest.mark.parametrize("city", ["深圳", "上海", "北京"])
def test_a_city_the_knowledge_base_holds_is_recorded(store, city):
    found, lost = read(store, HEADING + f"1—10月，{city}规上工业总产值35000亿元。")
    assert found == [("gross_industrial_output", city, "2026年1-10月", 35000.0, None)] and lost == []


def test_a_district_not_held_is_unplaced_never_suzhous(store):
    found, lost = read(store, HEADING + "吴江区完成工业投资90亿元，同比增长3.2%。")
    assert found == [] and [reason for _, reason in lost] == ["这是吴江区的数据，知识库没有吴江的数据，未录入"] * 2


# -- 4. an indicator named in the clause before its value ------------------------------------------------------

@pytest.mark.parametrize("lead", ["工业投资发挥引领作用", "工业投资保持较快增长", "工业投资稳步增长",
                                  "全市工业投资平稳运行"])
def test_an_indicator_with_a_predicate_is_the_subject_of_the_value_after_it(store, lead):
    found, lost = read(store, HEADING + f"{lead}，完成1986.2亿元，同比增长7.5%。")
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1986.2, 7.5)], lost


def test_the_clause_before_takes_over_from_the_figure_before_it(store):
    found, _ = read(store, HEADING + "全市规上工业总产值40876.3亿元，工业投资保持增长，完成1986.2亿元。")
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, None),
                     ("industrial_investment", "苏州", "2026年1-10月", 1986.2, None)]


@pytest.mark.parametrize("lead", [
    "全市经济平稳运行",  # names no indicator
    "工业投资和规上工业总产值保持增长",  # names two
    "高技术制造业投资保持增长",  # names something else ending like an indicator
])
def test_a_clause_before_that_names_no_single_indicator_gives_nothing(store, lead):
    found, lost = read(store, HEADING + f"{lead}，完成1986.2亿元。")
    assert found == [] and len(lost) == 1


@pytest.mark.parametrize("middle, reason", [
    ("电子行业表现突出", "这个数属于“电子行业”，知识库里没有这个指标"),
    ("其中制造业投资保持较快增长", "这个数属于“制造业投资”，知识库里没有这个指标"),
    ("工业投资和规上工业总产值保持增长", "前一分句写了不止一个指标，不能确定这个数属于哪一个"),
])
def test_a_clause_naming_something_else_stops_the_subject_before_it(store, middle, reason):
    found, lost = read(store, HEADING + f"全市高新技术产业产值21986.4亿元，{middle}，同比增长6.8%。")
    assert found == [("high_tech_output", "苏州", "2026年1-10月", 21986.4, None)]
    assert [r for _, r in lost] == [reason]


def test_a_clause_naming_nothing_keeps_the_subject_before_it(store):
    found, _ = read(store, HEADING + "全市规上工业总产值40876.3亿元，较上半年有所回升，同比增长5.1%。")
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, 5.1)]


def test_an_annual_text_reads_the_lead_clause_and_its_growth(store):
    found, _ = read(store, "苏州去年GDP 23958.3亿元\n1月31日，2022年投资运行情况如下。\n"
                           "全年完成固定资产投资5744.2亿元，比上年增长1.5%。工业投资发挥引领作用，完成1708.1亿元，"
                           "增长6.4%，增速高于固定资产投资4.9个百分点。", date(2023, 1, 31))
    assert ("industrial_investment", "苏州", "2022年", 1708.1, 6.4) in found


# -- 5. a subject past a growth refused for its kind ------------------------------------------------------------

REPORT = "2026年政府工作报告\n"
REPORT_DAY = date(2026, 1, 23)


def test_a_subject_carries_past_a_yearly_average_to_a_years_figure(store):
    found, lost = read(store, REPORT + "“十四五”时期全市工业投资年均增长8.1%，2025年突破2250亿元。", REPORT_DAY)
    assert found == [("industrial_investment", "苏州", "2025年", 2250.0, None)]
    assert [fragment for fragment, _ in lost] == ["“十四五”时期全市工业投资年均增长8.1%"]


@pytest.mark.parametrize("sentence", [
    "“十四五”时期全市工业投资年均增长8.1%。",
    "全市工业投资年均增长8.1%。",
    "过去五年全市工业投资年均增长8.1%。",
    "“十四五”时期全市累计完成工业投资9000亿元。",
    "“十四五”时期全市工业投资年均增长8.1%，累计完成9000亿元。",
    "五年来，全市工业投资累计完成9000亿元，年均增长8.1%。",
])
def test_a_span_of_years_is_never_one_periods_figure(store, sentence):
    found, lost = read(store, REPORT + sentence, REPORT_DAY)
    assert found == [] and lost


def test_past_a_month_on_month_growth_the_subject_carries(store):
    found, lost = read(store, HEADING + "1—10月，全市工业投资环比增长3.1%，完成1986.2亿元。")
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1986.2, None)]
    assert [reason for _, reason in lost] == ["环比增速，不是同比"]


def test_the_year_a_report_reviews_is_not_a_span(store):
    found, _ = read(store, REPORT + "过去一年，全市规上工业总产值达到4.5万亿元、增长4%。", REPORT_DAY)
    assert found == [("gross_industrial_output", "苏州", "2025年", 4.5, 4.0)]
