"""Chinese numerals, one reading (knowledge.numerals, on cn2an) for questions, /set, imports and releases
(issue 22, kind 2: 二〇二六年, 二六年, 百分之八十九, 三万四千, 八千五百亿; in /set 一千零五亿, 一千〇五十亿).

Every figure here is MADE UP for the tests, except where a question quotes the plan's own targets.
"""

from datetime import date
from decimal import Decimal

import pytest

from knowledge.errors import QuantityError
from knowledge.numerals import numeral_and_magnitude, numeral_value, numerals_in_digits, written_year, year_digits
from knowledge.questions import normalize, parse_question


@pytest.mark.parametrize("numeral, value", [
    ("一百八十", 180), ("两千五百", 2500), ("一千零五", 1005), ("一千〇五十", 1050), ("一千○五十", 1050),
    ("一千零五亿", 100_500_000_000), ("一千〇五十亿", 105_000_000_000), ("两千五百亿", 250_000_000_000),
    ("八千五百亿", 850_000_000_000), ("三万四千", 34000), ("一点八万", 18000), ("三点五万亿", 3_500_000_000_000),
    ("四点二五", Decimal("4.25")), ("零点八", Decimal("0.8")), ("一百八", 180), ("一万二", 12000),
    ("一亿二", 120_000_000), ("一亿零五百万", 105_000_000), ("十", 10), ("十二万三千", 123000),
])
def test_a_chinese_numeral_is_its_number(numeral, value):
    assert numeral_value(numeral) == value


@pytest.mark.parametrize("numeral", ["一五", "两三", "二〇二六", "一万一万", "十四五", "两万亿一", "", "廿", "负五", "五元",
                                     "万", "点五"])
def test_what_is_no_number_as_written_is_refused_with_a_chinese_reason(numeral):
    with pytest.raises(QuantityError, match="无法识别的数字"):
        numeral_value(numeral)


@pytest.mark.parametrize("numeral, value, magnitude", [
    ("八千五百亿", 8500, "亿"), ("一亿零五百万", 10500, "万"), ("一点八万", Decimal("1.8"), "万"), ("三万四千", 34000, ""),
    ("三万亿", 3, "万亿"), ("一千〇五十亿", 1050, "亿"),
])
def test_a_numeral_keeps_the_magnitude_it_was_written_in(numeral, value, magnitude):
    assert numeral_and_magnitude(numeral) == (value, magnitude)


@pytest.mark.parametrize("written, digits", [("二〇二六", "2026"), ("二零二六", "2026"), ("二○二六", "2026"), ("二六", "26")])
def test_a_year_is_read_digit_by_digit(written, digits):
    assert year_digits(written) == digits


@pytest.mark.parametrize("written, year", [("2026", 2026), ("2026年", 2026), ("２０２６年", 2026), ("二〇二六年", 2026),
                                           ("二零二六", 2026), ("2026.0", 2026), ("26年", None), ("两千", None)])
def test_a_year_cell_or_word_in_any_of_its_forms(written, year):
    assert written_year(written) == year


@pytest.mark.parametrize("question, rewritten", [
    ("二〇二六年全市智算规模目标多少", "2026年全市智算规模目标多少"),
    ("二零二六年领航级智能工厂新增几个", "2026年领航级智能工厂新增几个"),
    ("二六年人才总量要突破多少", "26年人才总量要突破多少"),
    ("预计多少然后二〇二六年目标多少", "预计多少然后2026年目标多少"),  # four digits: a year after any word
    ("前后二三年", "前后二三年"),
    ("两化融合达成度是不是百分之八十九", "两化融合达成度是不是89%"),
    ("百分之四点二五是什么占比", "4.25%是什么占比"),
    ("智算规模三万四千 这个数对吗", "智算规模34000 这个数对吗"),
    ("八千五百亿是什么指标", "8500亿是什么指标"),
    ("一点八万亩指的是啥", "1.8万亩指的是啥"),
    ("工业投资总额是不是两千五百亿", "工业投资总额是不是2500亿"),
    ("一千零五亿", "1005亿"), ("一千〇五十亿", "1050亿"), ("一亿零五百万元", "10500万元"),
    ("提高零点八个百分点", "提高0.8个百分点"), ("二十七项目标都发一下", "27项目标都发一下"),
    # a share said in tenths or in points (issue 22, set 3)
    ("研发机构建有率九成五对吧", "研发机构建有率95%对吧"), ("占GDP保持四成以上", "占GDP保持40%以上"),
    ("两化达成度八十九个点对吗", "两化达成度89%对吗"), ("两成多", "20%多"),
    ("智算规模是三万四吧", "智算规模是34000吧"), ("一万二", "12000"),  # spoken short forms after 万
    ("民营工业占了五成吗", "民营工业占了50%吗"), ("占比是不是五成", "占比是不是50%"),  # a share in tenths
])
def test_numerals_in_a_question_are_written_in_digits(question, rewritten):
    assert numerals_in_digits(question) == rewritten


@pytest.mark.parametrize("words", [
    "高新技术产业产值占比超过一半了没有", "统一", "第一", "排第几", "全国第二", "万亿城市", "千亿产业", "单项冠军", "一批",
    "十四五", "两化融合", "专精特新", "三色", "百强", "一共", "万人", "一下", "一些", "数十亿", "百分之两三", "近二三年",
    "二十年来", "前十个月", "十二月", "一年", "两年", "九点半", "快一点点", "十一五",
    "统一成", "一成", "三成本", "达成度", "形成", "八成员",
    "八成是这个数", "一成不变", "完成率", "建成几个",  # 八成 alone: most likely
])
def test_words_that_merely_hold_numeral_characters_stay_as_written(words):
    assert numerals_in_digits(words) == words


def test_a_question_is_normalized_with_its_numerals_in_digits():
    assert normalize("二〇二六年 智算规模 是不是 三万四千？") == "2026年智算规模是不是34000"
    question = parse_question("二六年人才总量要突破多少", date(2026, 7, 2))
    assert question.year == 2026


def test_a_share_or_an_amount_in_numerals_is_a_quoted_figure():
    # asked as a yes/no check, the figure quoted is the check's (knowledge/checks.py)
    assert parse_question("生产性服务业增加值是八千五百亿吗", date(2026, 7, 2)).check.text == "8500亿"
    assert parse_question("两化融合达成度是不是百分之八十九", date(2026, 7, 2)).check.text == "89%"
