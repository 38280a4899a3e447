"""/release: periods a figure does not take (issue 21, tester round 4).

- “X以来” (三季度以来, 9月以来, 上半年以来, 下半年以来) is from X up to now: no period of its own, and not the
  heading's either, so its figures are not written, with the reason (今年以来 alone stays the year so far);
- after 累计增长 in a month's sentence, the level that follows (总量达…) is the year so far's, not the month's;
- a period named after a figure (全年有望…) does not reach back to the figures of the next sentence;
- a note giving a figure's or a city's own period (（1—9月数据）, （深圳为前三季度数据）, 注：深圳为1—9月数据)
  keeps that figure from the heading's period;
- 降幅收窄至2.1% is 同比 −2.1%, and so is 同比增长负2.1%.

Every figure here is MADE UP for the tests.
"""

from datetime import date

import pytest

from tests.release_reading import hold_city, read_rows

READ_ON = date(2026, 11, 21)


@pytest.mark.parametrize("since", ["三季度以来", "二季度以来", "9月以来", "上半年以来", "自8月以来"])
def test_a_figure_since_a_period_is_not_that_periods(store, since):
    found, lost = read_rows(store, f"11月18日，市统计局发布数据：{since}，全市规上工业总产值12345.6亿元，同比增长5.5%。",
                            READ_ON)
    assert found == []
    assert any("12345.6" in fragment and "以来" in reason for fragment, reason in lost)


def test_a_figure_since_a_period_is_not_the_headings_period_either(store):
    found, lost = read_rows(store, "2026年1—10月全市经济运行情况\n下半年以来，全市规上工业总产值12345.6亿元，同比增长5.5%。"
                                   "1—10月，全市规上工业总产值34567.8亿元，同比增长4.4%。", date(2027, 1, 10))
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 34567.8, 4.4)]
    assert any("12345.6" in fragment for fragment, _ in lost)


def test_this_year_so_far_is_still_the_headings_period(store):
    found, _ = read_rows(store, "2026年1—10月全市经济运行情况\n今年以来，全市规上工业总产值34567.8亿元，同比增长4.4%。",
                         READ_ON)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 34567.8, 4.4)]


# -- 累计 after a month: the year so far's -------------------------------------------------------------------

@pytest.mark.parametrize("cumulative", ["累计增长4.4%", "1—10月累计增长4.4%"])
def test_the_level_after_a_running_growth_is_the_year_so_fars(store, cumulative):
    found, _ = read_rows(store, f"11月18日，市统计局发布数据：10月，全市规上工业总产值增长6.6%，{cumulative}，"
                                "总量达34567.8亿元。", READ_ON)
    assert ("gross_industrial_output", "苏州", "2026年1-10月", 34567.8, 4.4) in found
    assert all(period != "2026年10月" or value is None for _, _, period, value, _ in found)


# -- a fall written as the rate it narrowed to, or as 负 -----------------------------------------------------

@pytest.mark.parametrize("growth", ["降幅收窄至2.3%", "同比增长负2.3%", "降幅扩大至2.3%"])
def test_a_fall_written_in_words_is_a_negative_yoy(store, growth):
    found, _ = read_rows(store, f"11月18日，市统计局发布数据：1—10月，全市完成工业投资1234.5亿元，{growth}。", READ_ON)
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1234.5, -2.3)]


# -- a period named after a figure holds no figure before it ---------------------------------------------

def test_a_period_named_after_a_figure_does_not_carry_to_the_next_sentence(store):
    found, _ = read_rows(store, "11月18日，市工信局通报：1—10月，全市规上工业总产值34567.8亿元，全年有望突破4.5万亿元。"
                                "全市新增高新技术企业3100家，预计全年新增将超3900家。", READ_ON)
    assert ("new_high_tech_enterprises", "苏州", "2026年1-10月", 3100.0, None) in found


# -- a note giving a figure's or a city's own period -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "1—10月，全市规上工业总产值34567.8亿元，同比增长4.4%；深圳规上工业总产值30123.4亿元（1—9月数据），增长6.3%。",
    "1—10月，全市规上工业总产值34567.8亿元，同比增长4.4%。深圳规上工业总产值30123.4亿元，增长6.3%（深圳为前三季度数据）。",
    "1—10月，全市规上工业总产值34567.8亿元，同比增长4.4%。同期，深圳规上工业总产值30123.4亿元，增长6.3%。（注：深圳数据截至9月）",
])
def test_a_note_of_a_figures_own_period_gives_it_that_period(store, text):
    hold_city(store, "深圳")
    found, _ = read_rows(store, "11月18日，市统计局发布数据：" + text, READ_ON)
    assert ("gross_industrial_output", "深圳", "2026年前三季度", 30123.4, 6.3) in found
    assert ("gross_industrial_output", "苏州", "2026年1-10月", 34567.8, 4.4) in found


def test_a_footnote_of_a_citys_own_period_keeps_its_row_from_the_headings_period(store):
    hold_city(store, "深圳")
    found, lost = read_rows(store, "2026年1—10月主要城市规上工业总产值\n城市\t规上工业总产值(亿元)\t同比增长(%)\n"
                                   "苏州\t34567.8\t4.4\n深圳\t30123.4\t6.3\n注：深圳为1—9月数据。", READ_ON)
    assert ("gross_industrial_output", "苏州", "2026年1-10月", 34567.8, 4.4) in found
    assert all(city != "深圳" for _, city, *_ in found)
    assert any("30123.4" in fragment for fragment, _ in lost)
