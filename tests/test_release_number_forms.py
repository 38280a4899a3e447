"""Numbers written in the forms a fresh tester found (issue 21, fresh tester round 2): Chinese numerals
(四万一千二百三十四亿元, 百分之五点二), a space between digit groups (41 234.5 亿元), an invisible character
inside a number, a PDF page number between two lines of one sentence, and R&D spending 相当于地区生产总值的X%.

Every figure here is MADE UP for the tests.
"""

from datetime import date

import pytest

from knowledge.numerals import numeral_value
from knowledge.releases import read_release
from knowledge.releases.sentences import normalize_text

READ_ON = date(2026, 11, 21)
HEADING = "2026年1-10月苏州市经济运行情况\n"


def read(store, text, on=READ_ON):
    reading = read_release(text, store, on)
    found = [(f.indicator_id, f.period, float(f.value), f.yoy) for f in reading.figures]
    return found, [(u.fragment, u.reason) for u in reading.unplaced]


def test_values_in_chinese_numerals_are_read(store):
    text = HEADING + "1—10月，全市规上工业总产值四万一千二百三十四亿元，同比增长百分之五点二。新增高新技术企业一千二百家。"
    found, lost = read(store, text)
    assert found == [("gross_industrial_output", "2026年1-10月", 41234.0, 5.2),
                     ("new_high_tech_enterprises", "2026年1-10月", 1200.0, None)]
    assert lost == []


def test_a_value_in_chinese_numerals_of_no_indicator_is_listed_not_dropped(store):
    _, lost = read(store, HEADING + "1—10月，全市社会消费品零售总额七千八百九十亿元，同比增长百分之四点一。")
    assert [fragment for fragment, _ in lost] == ["全市社会消费品零售总额7890亿元", "同比增长4.1%"]


@pytest.mark.parametrize("numeral, value", [
    ("四万一千二百三十四", 41234), ("一亿零五百万", 105_000_000), ("一万二", 12000), ("一千零一", 1001),
    ("一百八", 180), ("十二万三千", 123000), ("五点二", 5.2), ("一百八十", 180), ("十", 10),
])
def test_chinese_numerals_with_wan_and_yi_are_numbers(numeral, value):
    assert float(numeral_value(numeral)) == value


@pytest.mark.parametrize("written, digits", [
    ("一亿二千万元", "12000万元"), ("一点三四万家", "1.34万家"), ("三万亿元", "3万亿元"), ("一千二百平方米", "1200平方米"),
    ("提高零点八个百分点", "提高0.8个百分点"), ("1.8888千亿元", "1888.8亿元"), ("四万一千二百三十四亿", "41234亿"), ("3千万元", "3000万元"), ("百分之一百二十", "120%"), ("五点二%", "5.2%"),
])
def test_a_value_in_chinese_numerals_is_written_in_digits_with_its_magnitude(written, digits):
    assert normalize_text(written) == digits


@pytest.mark.parametrize("words", ["数十亿元", "百亿元级产业集群", "千亿元", "二元结构", "前十家企业", "两三家", "十四五",
                                   "一人一策", "百分之两三"])
def test_chinese_numerals_that_are_no_value_as_written_stay_words(words):
    assert normalize_text(words) == words


def test_digit_groups_cut_by_a_space_are_one_number(store):
    text = HEADING + "1—10月，全市规上工业总产值 41 234.5 亿元，同比增长5.2%；工业投资 1 888.8 亿元，同比增长7.3%。"
    found, _ = read(store, text)
    assert [(i, v) for i, _, v, _ in found] == [("gross_industrial_output", 41234.5), ("industrial_investment", 1888.8)]


@pytest.mark.parametrize("line", ["2025 41234.5亿元", "2025 412 亿元", "12 345", "7.3 123亿元"])
def test_separate_numbers_with_a_space_between_are_never_glued(line):
    assert normalize_text(line) == line


def test_an_invisible_character_inside_a_number_is_dropped(store):
    text = HEADING + "1—10月，全市工业投资完成1\u200b888.8亿元，同比增长7\ufeff.3%。"
    found, lost = read(store, text)
    assert found == [("industrial_investment", "2026年1-10月", 1888.8, 7.3)] and lost == []


@pytest.mark.parametrize("page", ["— 3 —", "—3—", "- 3 -", "－3－", "第3页", "第 3 页 共 12 页", "\n- 3 -\n"])
def test_a_page_number_between_two_lines_of_a_sentence_is_left_out(store, page):
    text = (HEADING + "1—10月，全市规上工业总产值41234.5亿元，同比增长5.2%；全市工业投资完成1888.8亿元，同比增\n"
            + page + "\n长7.3%。全市新增高新技术企业512家。")
    found, lost = read(store, text)
    assert ("industrial_investment", "2026年1-10月", 1888.8, 7.3) in found
    assert lost == []


def test_rd_spending_equal_to_a_share_of_gdp_is_the_rd_intensity(store):
    text = ("苏州市2026年国民经济和社会发展统计公报\n三、科技\n"
            "全年全社会研究与试验发展(R&D)经费支出1150.0亿元，相当于地区生产总值的4.11%。")
    found, _ = read(store, text, date(2027, 3, 20))
    assert found == [("rd_intensity", "2026年", 4.11, None)]


def test_a_ratio_to_last_year_is_no_share_of_gdp(store):
    text = HEADING + "1—10月，全市工业投资完成1888.8亿元，相当于上年同期的107.3%。"
    found, _ = read(store, text)
    assert [i for i, *_ in found] == ["industrial_investment"]


def test_a_numeral_that_repeats_its_magnitude_is_no_number_and_no_crash():
    from knowledge.errors import QuantityError

    with pytest.raises(QuantityError):
        numeral_value("一万一万")
    long_run = "一万" * 50_000 + "元"
    assert normalize_text(long_run) == long_run
