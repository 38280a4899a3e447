"""Whose figure a release's number is, in the forms a fresh tester found (issue 21, third round): the
office the lead sentence says published the figures, a share of another place's or another total, 大市
(范围内) for the whole city, 总数 of a stock indicator, and a development zone that is part of the city.

Every figure here is MADE UP for the tests (the wording imitates real bureau and newspaper texts).
"""

from datetime import date

import pytest

from knowledge.releases import preview_release
from tests.release_reading import read_rows

READ_ON = date(2026, 12, 7)
WUXI_FIGURES = "1—10月，全市完成规上工业总产值20110.2亿元，同比增长5.5%；全市完成工业投资980.1亿元，同比增长7.7%。"
HEADING = "前10个月工业经济运行稳中向好\n"


def read(store, text, on=READ_ON):
    return read_rows(store, text, on)


# -- 1. the publisher named in the lead sentence ---------------------------------------------------

@pytest.mark.parametrize("lead", [
    "11月18日，无锡市统计局发布数据：",
    "本报讯（记者 王明）11月18日，无锡市统计局发布数据，",
    "记者从无锡市统计局获悉，",
    "无锡市统计局昨天公布，",
    "国家统计局无锡调查队11月18日发布：",
    "无锡市统计局2026年11月18日最新发布的数据显示，",
    "据无锡市统计局消息，",  # the office quoted, then the text's own 全市: the office's text
    "无锡市统计局数据显示，",
])
def test_the_office_the_lead_says_published_the_figures_names_whose_release_it_is(store, lead):
    text = HEADING + lead + WUXI_FIGURES
    found, lost = read(store, text)
    assert found == []
    assert lost and {reason for _, reason in lost} == {"这是无锡市的通报（见导语），知识库没有无锡的数据，未录入"}
    assert preview_release(store, text, READ_ON, "admin").writes == []


def test_a_heading_written_with_a_comma_does_not_hide_the_lead(store):
    text = "前10个月工业稳中有进，投资较快增长\n11月18日，无锡市统计局发布数据：" + WUXI_FIGURES
    assert read(store, text)[0] == []


def test_a_byline_of_reporters_then_the_lead_is_still_the_offices(store):
    text = HEADING + "本报记者 王明 通讯员 锡统宣\n本报讯（记者 王明）11月18日，无锡市统计局发布数据，" + WUXI_FIGURES
    assert read(store, text)[0] == []


@pytest.mark.parametrize("text", [
    # a Suzhou text quoting another office in passing, in its lead or later
    HEADING + "据无锡市统计局数据，无锡1—10月规上工业总产值20110.2亿元。1—10月，全市完成工业投资1986.4亿元，同比增长6.3%。",
    HEADING + "1—10月，全市完成工业投资1986.4亿元，同比增长6.3%。据无锡市统计局发布的数据，无锡完成工业投资980.1亿元。",
    HEADING + "据无锡市统计局发布的数据，1—10月，无锡规上工业总产值20110.2亿元。全市完成工业投资1986.4亿元，同比增长6.3%。",
    HEADING + "11月18日，苏州市统计局发布数据：1—10月，全市完成工业投资1986.4亿元，同比增长6.3%。",
    HEADING + "记者从市统计局获悉，1—10月，全市完成工业投资1986.4亿元，同比增长6.3%。",
])
def test_a_suzhou_text_quoting_another_office_stays_suzhous(store, text):
    found, _ = read(store, text)
    # the quoted 无锡 figure is 无锡's (a place named in a sentence decides the figure after it)
    assert [f for f in found if f[1] != "无锡"] == [("industrial_investment", "苏州", "2026年1-10月", 1986.4, 6.3)]


# -- 2. a share of another place, or of another total ---------------------------------------------

SHARE_TEXT = ("苏州市2026年1—10月工业经济运行情况\n"
              "1—10月，全市高新技术产业产值占全省高新技术产业产值的比重为30.2%。\n"
              "全市规上工业总产值占全省的比重为28.5%。\n"
              "高新技术产业产值占规上工业总产值比重达54.1%。\n")


def test_a_share_of_the_provinces_total_is_not_the_indicator(store):
    found, lost = read(store, SHARE_TEXT)
    assert found == [("high_tech_output_share", "苏州", "2026年1-10月", 54.1, None)]
    reasons = dict(lost)
    assert reasons["全市高新技术产业产值占全省高新技术产业产值的比重为30.2%"] == "这是占全省的比重，不是本地的指标"
    assert reasons["全市规上工业总产值占全省的比重为28.5%"] == "这是占全省的比重，不是本地的指标"


@pytest.mark.parametrize("sentence, reason", [
    ("1—10月，高新技术产业产值占全国高新技术产业产值的比重为3.2%。", "这是占全国的比重，不是本地的指标"),
    ("1—10月，高新技术产业产值占江苏省高新技术产业产值比重为30.2%。", "这是占江苏省的比重，不是本地的指标"),
    ("1—10月，高新技术产业产值占制造业产值的比重为60.2%。", "比重的分母“制造业产值”不是指标的分母"),
])
def test_a_share_of_another_place_or_total_is_unplaced_with_the_reason(store, sentence, reason):
    found, lost = read(store, sentence)
    assert found == []
    assert lost == [(sentence.removeprefix("1—10月，").rstrip("。"), reason)]


def test_a_share_of_the_citys_own_total_is_still_the_indicator(store):
    found, _ = read(store, "1—10月，高新技术产业产值占全市规上工业总产值的比重为54.1%。")
    assert found == [("high_tech_output_share", "苏州", "2026年1-10月", 54.1, None)]


# -- 3. 大市 is the whole city; 总数 of a stock -------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "1—10月，大市范围内完成工业投资1986.4亿元，同比增长6.3%。",
    "1—10月，苏州大市范围内完成工业投资1986.4亿元，同比增长6.3%。",
    "1—10月，大市完成工业投资1986.4亿元，同比增长6.3%。",
    "1—10月，全市范围内完成工业投资1986.4亿元，同比增长6.3%。",
])
def test_the_big_city_is_the_whole_city(store, sentence):
    assert read(store, sentence) == ([("industrial_investment", "苏州", "2026年1-10月", 1986.4, 6.3)], [])


def test_the_total_number_of_a_stock_indicator_is_that_stock(store):
    text = "苏州市2026年瞪羚企业评定结果公布\n今年全市新增瞪羚企业120家，瞪羚企业总数达到1050家。"
    found, lost = read(store, text, date(2027, 1, 10))
    assert found == [("gazelle_firms", "苏州", "2026年", 1050.0, None)]
    assert all("没有这个指标" not in reason for _, reason in lost), lost


@pytest.mark.parametrize("sentence", ["2025年全市瞪羚企业总量为1050家。", "2025年全市瞪羚企业数达1050家。",
                                      "2025年全市瞪羚企业数量达到1050家。"])
def test_a_count_of_a_stock_indicator_is_that_stock(store, sentence):
    assert read(store, sentence)[0] == [("gazelle_firms", "苏州", "2025年", 1050.0, None)]


def test_the_total_of_an_indicator_of_additions_says_it_is_a_total(store):
    found, lost = read(store, "2025年全市高新技术企业总量达到1.34万家。")
    assert found == []
    assert [reason for _, reason in lost] == ["这是总数，与“新增高新技术企业”的口径不同"]


# -- 4. a development zone is part of the city --------------------------------------------------------

@pytest.mark.parametrize("sentence, zone", [
    ("1—10月，苏州高新区完成工业投资188.2亿元，增长4.4%。", "苏州高新区"),
    ("1—10月，高新区完成工业投资188.2亿元。", "高新区"),
    ("1—10月，吴中经开区完成工业投资88.2亿元。", "经开区"),
])
def test_a_development_zone_is_part_of_the_city(store, sentence, zone):
    found, lost = read(store, sentence)
    assert found == []
    assert lost and {reason for _, reason in lost} == {f"这是{zone}的数据，不是全市的"}


def test_a_national_high_tech_zone_is_a_kind_of_zone_not_a_part_of_the_city(store):
    """争创国家高新区 names an indicator, not one zone of the city."""
    _, lost = read(store, "1—10月，全市完成工业投资1986.4亿元；争创国家高新区1个。")
    assert all("高新区的数据" not in reason for _, reason in lost), lost


def test_a_districts_release_leaves_the_citys_total_unplaced(store):
    text = ("苏州市相城区2026年1—10月经济运行情况\n"
            "1—10月，全区完成规上工业总产值1856.2亿元，同比增长6.2%。全市完成规上工业总产值40876.3亿元。")
    found, lost = read(store, text)
    assert found == []
    assert ("全市完成规上工业总产值40876.3亿元", "这是全市的数据，不是相城区的") in lost


def test_the_citys_urban_area_written_with_the_citys_name_is_part_of_it(store):
    found, lost = read(store, "1—10月，苏州市区完成工业投资812.6亿元，同比增长7.0%。")
    assert found == []
    assert {reason for _, reason in lost} == {"这是苏州市区的数据，不是全市的"}


def test_a_region_or_a_market_is_no_scope(store):
    found, _ = read(store, "1—10月，全市扩大市场准入，完成工业投资1986.4亿元，同比增长6.3%。")
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1986.4, 6.3)]
