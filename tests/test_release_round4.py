"""Forms a fresh tester found in real releases (issue 21, fourth round): a share of all firms' output
(工业总产值, not 规上), a table's shared unit line, lists said with 依次为, 同期 before a place, figures
in another currency, combined totals of several places, and no line listed twice.

Every figure here is MADE UP for the tests (the wording imitates real bureau and newspaper texts).
"""

from datetime import date

import pytest

from knowledge.releases import read_release
from tests.release_reading import hold_city, read_rows

READ_ON = date(2026, 12, 7)


def read(store, text, on=READ_ON):
    return read_rows(store, text, on)


# -- a share of all firms' output is not a share of 规上 output --------------------------------------

@pytest.mark.parametrize("sentence", [
    "1—10月，高新技术产业产值占全市工业总产值比重达50.3%。",
    "1—10月，高新技术产业产值占工业总产值的比重为50.2%。",
    "1—10月，全市高新技术产业产值占全部工业总产值比重达50.3%。",
    "1—10月，全市民营工业产值占工业总产值比重达51.2%。",
])
def test_a_share_of_all_firms_output_is_not_the_share_of_scale_output(store, sentence):
    found, lost = read(store, sentence)
    assert found == []
    assert lost == [(sentence.removeprefix("1—10月，").rstrip("。"), "比重的分母“工业总产值”不是指标的分母")]


@pytest.mark.parametrize("sentence", [
    "1—10月，高新技术产业产值占规上工业总产值比重达50.3%。",
    "1—10月，高新技术产业产值占规模以上工业总产值的比重为50.3%。",
    "1—10月，高新技术产业产值占全市规上工业产值比重达50.3%。",
])
def test_a_share_of_scale_output_is_still_read(store, sentence):
    found, lost = read(store, sentence)
    assert found == [("high_tech_output_share", "苏州", "2026年1-10月", 50.3, None)]
    assert lost == []


# -- a table's unit line naming 亿元 and %: a share's row is in % -------------------------------------

UNIT_LINE_TABLE = """苏州市2026年1—10月主要经济指标
单位：亿元、%
指标\t1—10月\t同比增长
规上工业总产值\t40876.3\t4.8
高新技术产业产值占规上工业总产值比重\t53.1\t1.1
"""


def test_a_share_row_takes_percent_from_a_unit_line_naming_it(store):
    found, lost = read(store, UNIT_LINE_TABLE)
    assert ("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, 4.8) in found
    assert ("high_tech_output_share", "苏州", "2026年1-10月", 53.1, None) in found
    assert lost == []


# -- 依次为 / 依次是 / 依次增长 is 分别 -----------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "1—10月，规上工业总产值、工业投资依次为40876.3亿元、1708.1亿元。",
    "1—10月，规上工业总产值、工业投资依次是40876.3亿元和1708.1亿元。",
])
def test_a_list_said_in_turn_is_read_as_respectively(store, sentence):
    found, lost = read(store, sentence)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, None),
                     ("industrial_investment", "苏州", "2026年1-10月", 1708.1, None)]
    assert lost == []


def test_growth_rates_said_in_turn_go_to_their_figures(store):
    found, lost = read(store, "1—10月，规上工业总产值40876.3亿元，工业投资1708.1亿元，依次增长4.8%和9.1%。")
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, 4.8),
                     ("industrial_investment", "苏州", "2026年1-10月", 1708.1, 9.1)]
    assert lost == []


def test_speeds_listed_in_turn_are_each_places_growth(store):
    reading = read_release(
        "1—10月，苏州、上海规上工业总产值同比增速依次为4.8%和1.2%。", store, READ_ON)
    assert [(f.indicator_id, f.city, f.yoy) for f in reading.figures if f.city == "苏州"] == \
        [("gross_industrial_output", "苏州", 4.8)]
    assert not any("增速" in u.fragment for u in reading.unplaced)


# -- 同期 before another place, with or without a comma ----------------------------------------------

@pytest.mark.parametrize("joint", ["同期", "同期，"])
def test_the_same_period_before_another_place_gives_that_places_figure(store, joint):
    hold_city(store, "上海")
    found, lost = read(store, f"1—10月，全市规上工业总产值40876.3亿元。{joint}上海规上工业总产值32000.5亿元，增长1.2%。")
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, None),
                     ("gross_industrial_output", "上海", "2026年1-10月", 32000.5, 1.2)]
    assert lost == []


# -- a figure in another currency is listed, never dropped --------------------------------------------

@pytest.mark.parametrize("sentence, fragment, unit", [
    ("2025年，香港本地生产总值31000.5亿港元，按年实质增长2.8%。", "香港本地生产总值31000.5亿港元", "亿港元"),
    ("2025年，香港GDP 3.1万亿港元，增长2.8%。", "香港GDP 3.1万亿港元", "万亿港元"),
    ("2025年，香港、澳门本地生产总值分别为31000.5亿港元和3900.2亿澳门元。", "香港本地生产总值为31000.5亿港元", "亿港元"),
])
def test_a_figure_in_another_currency_is_listed_with_its_unit(store, sentence, fragment, unit):
    hold_city(store, "香港")
    found, lost = read(store, sentence)
    assert found == []
    reasons = dict(lost)
    assert reasons[fragment] == f"单位不符：“GDP”以元计，这里是{unit}"
    assert all("2.8%" not in f or r == "这个增速所属的数据未能录入" for f, r in lost)  # 按年 is 同比


# -- no line listed twice -----------------------------------------------------------------------------

def test_no_unread_number_is_listed_twice(store):
    _, lost = read(store, "1—10月，规上工业总产值：苏州40876.3亿元（+4.8%）、上海32000.5亿元（+1.2%）、"
                          "深圳35010.2亿元（-0.6%）。")
    assert lost and len(lost) == len(set(lost))


# -- a total of several places, and a city named by its nickname --------------------------------------

@pytest.mark.parametrize("sentence, fragment", [
    ("1—10月，苏锡常三市合计完成规上工业总产值75321.4亿元。", "苏锡常三市合计完成规上工业总产值75321.4亿元"),
    ("1—10月，沪苏两地规上工业总产值合计81234.5亿元。", "沪苏两地规上工业总产值合计81234.5亿元"),
])
def test_a_total_of_several_places_is_listed_as_one(store, sentence, fragment):
    found, lost = read(store, sentence)
    assert found == []
    assert lost == [(fragment, "这是几个地方合计的数，不是一个城市的数据，未录入")]


@pytest.mark.parametrize("nickname, reason", [
    ("羊城", "“羊城”是广州的别称，这是广州的数据，未录入"),
    ("禾城", "“禾城”像是一个城市的别称，不能确定是哪个城市，未录入"),
])
def test_a_city_named_by_its_nickname_is_said_so(store, nickname, reason):
    found, lost = read(store, f"1—10月，{nickname}规上工业总产值40876.3亿元。")
    assert found == []
    assert lost == [(f"{nickname}规上工业总产值40876.3亿元", reason)]


# -- 其中规上工业 after all firms' output: the 规上 part of that measure --------------------------------

def test_the_scale_part_of_all_firms_output_is_scale_output(store):
    found, lost = read(store, "1—10月，全市工业企业完成总产值45210.3亿元，其中规上工业40876.3亿元，同比增长4.8%。")
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, 4.8)]
    assert [fragment for fragment, _ in lost] == ["全市工业企业完成总产值45210.3亿元"]
