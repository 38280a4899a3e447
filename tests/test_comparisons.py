"""A difference is computed only between two figures of the same year and the same months (issue 20,
items 1 and 2): every figure shown names its year and period, the article's own difference comes first,
and a part of a year is never set against a whole year. Figures marked MADE UP are not from the article."""

import pytest

from knowledge.answers import Answerer
from knowledge.render import render_reply
from tests.conftest import fixed_clock


def record(store, value, unit, period, year, city="苏州", yoy=None, indicator_id="gross_industrial_output",
           status="actual"):
    store.record_observation(
        {"indicator_id": indicator_id, "city": city, "period": period, "year": year, "value": value,
         "unit": unit, "qualifier": "", "text": "", "status": status, "source_id": "plan2026",
         "note": "", "quote": "", "yoy_growth": yoy},
        recorded_by="test",
    )


@pytest.fixture
def december(store):
    """The answerer on 20 December 2026, after 2026年1-11月 could be recorded."""
    return lambda: Answerer(store, clock=fixed_clock(2026, 12, 20, 9, 0))


def test_two_cities_are_compared_in_a_year_both_have(answerer):
    # seed: 苏州 2013 突破3万亿, 2024 4.7万亿, 2025 预计4.89万亿; 深圳 only 2013 2.3万亿 "与苏州差距高达7千亿元"
    text = render_reply(answerer.answer("苏州和深圳规上工业总产值差多少"))
    lines = text.splitlines()
    assert "2.59" not in text and "计算值" not in text, text
    assert lines[1].startswith("文中给出的差距：与苏州差距高达7千亿元"), text  # the article's own gap first
    assert "苏州2013年：突破3万亿元" in text and "深圳2013年：2.3万亿元" in text, text
    # 苏州's newer figure is named with its year, and said to have no 深圳 figure beside it
    assert "苏州2025年" in text and "深圳暂无同期数据" in text, text


def test_a_city_figure_of_another_year_is_not_subtracted(store, december):
    record(store, 45210.6, "亿元", "2026年1-11月", 2026)  # MADE UP
    text = render_reply(december().answer("苏州和深圳规上工业总产值差多少"))
    assert "2.2211" not in text and "2.59" not in text and "计算值" not in text, text
    assert "苏州2026年1-11月" in text, text


def test_two_cities_of_the_same_period_get_a_computed_difference(store, december):
    record(store, 45210.6, "亿元", "2026年1-11月", 2026)  # MADE UP
    record(store, 40000, "亿元", "2026年1-11月", 2026, city="深圳")  # MADE UP
    text = render_reply(december().answer("苏州和深圳规上工业总产值差多少"))
    assert "差值：苏州2026年1-11月比深圳2026年1-11月多5210.6亿元" in text, text
    assert "苏州2026年1-11月：45210.6亿元" in text and "深圳2026年1-11月：40000亿元" in text, text


@pytest.mark.parametrize("status, said", [("revised", None), ("preliminary", "，其中含初步数"),
                                          ("estimate", "，其中含预计数")])
def test_a_computed_difference_names_what_is_not_final_and_a_revised_figure_is_final(store, december, status, said):
    """Before: any figure not stored as actual, a 修订数 too, was called 预计数或约数."""
    record(store, 45210.6, "亿元", "2026年1-11月", 2026, status=status)  # MADE UP
    record(store, 40000, "亿元", "2026年1-11月", 2026, city="深圳")  # MADE UP
    text = render_reply(december().answer("苏州和深圳规上工业总产值差多少"))
    assert "差值：苏州2026年1-11月比深圳2026年1-11月多5210.6亿元" in text, text
    assert "其中含" not in text if said is None else said in text, text


def test_part_of_a_year_is_not_compared_with_a_whole_year(store, december):
    record(store, 45210.6, "亿元", "2026年1-11月", 2026)  # MADE UP
    reply = december().answer("规上工业总产值今年比去年多多少")
    text = render_reply(reply)
    assert "3689.4" not in text and "差值：" not in text.replace("未计算差值：", ""), text
    assert "2026年1-11月：45210.6亿元" in text and "2025年：预计4.89万亿元" in text, text
    assert "不是同一期间" in text, text


def test_the_recorded_同比_is_given_when_last_years_like_period_is_missing(store, december):
    record(store, 45210.6, "亿元", "2026年1-11月", 2026, yoy=6.1)  # MADE UP
    text = render_reply(december().answer("规上工业总产值今年比去年多多少"))
    assert "3689.4" not in text and "同比增长6.1%" in text, text


def test_like_periods_of_two_years_are_compared(store, december):
    record(store, 45210.6, "亿元", "2026年1-11月", 2026)  # MADE UP
    record(store, 44000, "亿元", "2025年1-11月", 2025)  # MADE UP
    text = render_reply(december().answer("规上工业总产值今年比去年多多少"))
    assert "差值：2026年1-11月比2025年1-11月多1210.6亿元" in text, text
    # last year's whole-year figure has no 2026 counterpart: named apart, not compared
    assert "另有2025年：预计4.89万亿元（2026年暂无同期数据，未作比较）" in text, text


def test_like_periods_are_found_below_the_latest_figure(store, december):
    record(store, 20000, "亿元", "2026年1-6月", 2026)  # MADE UP
    record(store, 45210.6, "亿元", "2026年1-11月", 2026)  # MADE UP
    record(store, 19000, "亿元", "2025年1-6月", 2025)  # MADE UP
    text = render_reply(december().answer("2026年规上工业总产值比2025年多多少"))
    assert "差值：2026年1-6月比2025年1-6月多1000亿元" in text, text
    assert "另有2026年1-11月" in text, text


def test_a_rank_is_not_shown_beside_a_figure_of_another_year(store, answerer):
    # seed: 苏州 2013 "全国第二，仅次于上海" is the only record that places 上海 first
    record(store, 4.0, "万亿元", "2024年", 2024, city="上海")  # MADE UP
    text = render_reply(Answerer(store, clock=fixed_clock(2026, 11, 26, 9, 0)).answer("哪个城市规上工业总产值最高"))
    assert "2013年 全国第一：上海" in text and "来源：" in text, text
    assert "4万亿" not in text and "2024年" not in text, text


def test_a_rank_keeps_the_ranked_citys_figure_of_the_same_year(store, answerer):
    record(store, 3.2, "万亿元", "2013年", 2013, city="上海")  # MADE UP
    record(store, 4.0, "万亿元", "2024年", 2024, city="上海")  # MADE UP
    text = render_reply(Answerer(store, clock=fixed_clock(2026, 11, 26, 9, 0)).answer("哪个城市规上工业总产值最高"))
    assert "2013年 全国第一：上海" in text and "3.2万亿" in text, text
    assert "4万亿" not in text, text


def test_which_city_is_highest_in_a_year_without_a_rank_compares_like_figures_only(store):
    # seed: 苏州 2024年 4.7万亿 and no rank for 2024
    record(store, 4.0, "万亿元", "2024年", 2024, city="上海")  # MADE UP
    record(store, 3.9, "万亿元", "2024年1-6月", 2024, city="深圳")  # MADE UP: half a year, not like 苏州's
    text = render_reply(Answerer(store, clock=fixed_clock(2026, 11, 26, 9, 0)).answer("2024年哪个城市规上工业总产值最高"))
    assert "不是排名" in text and "苏州2024年：4.7万亿元" in text and "上海2024年：4万亿元" in text, text
    assert "苏州2024年比上海2024年多7000亿元" in text and "第一" not in text, text


def test_a_rank_of_one_year_rests_only_on_records_of_that_year(answerer):
    # seed: 北京 2024 "全国第四（仅次于深圳、苏州、上海）"; 上海's undated "全国第三（仅次于深圳、苏州）"
    text = render_reply(answerer.answer("哪个城市工业实力最强"))
    assert "2024年 全国第一：深圳" in text and "北京 2024年" in text, text
    assert "全国第三（仅次于深圳、苏州）" not in text, text  # an undated record is no basis of a 2024 rank


def test_one_place_stated_in_two_years_is_two_ranks_each_with_its_own_basis(store):
    # seed: 北京 2024 "全国第四（仅次于深圳、苏州、上海）"
    store.record_observation(
        {"indicator_id": "industrial_ranking", "city": "北京", "period": "2020年", "year": 2020, "value": None,
         "unit": "", "qualifier": "", "text": "全国第四（仅次于深圳、苏州、上海）", "status": "actual",
         "source_id": "plan2026", "note": "", "quote": "", "yoy_growth": None},  # MADE UP
        recorded_by="test")
    text = render_reply(Answerer(store, clock=fixed_clock(2026, 11, 26, 9, 0)).answer("苏州工业实力排名"))
    blocks = [b for b in text.split("\n\n") if "全国第二：苏州" in b]
    # 2024, 2020, then the undated one (上海's "全国第三（仅次于深圳、苏州）"), each on its own records
    assert len(blocks) == 3 and "2024年 全国第二" in blocks[0] and "2020年 全国第二" in blocks[1], text
    assert "北京 2020年" not in blocks[0] and "北京 2024年" not in blocks[1], text
    assert "上海 最新" in blocks[2] and "北京" not in blocks[2] and "上海 最新" not in blocks[0], text
