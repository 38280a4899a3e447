"""Corrections in the words papers use (tester round 4): “A”系“B”之误 and A为B之误 say B is right; 应改为 before
a quoted value corrects it, while a bare 改为 (what a rule became) is no correction. Every figure here is
MADE UP."""

from datetime import date

import pytest

from knowledge.releases.corrections import RETRACTED
from tests.release_reading import read_rows

READ_ON = date(2026, 11, 25)
HEADING = "2026年1-10月全市工业经济运行情况\n"


@pytest.mark.parametrize("text", [
    "更正启事\n本报11月19日A2版一文中，“1—10月，全市规上工业总产值39876.5亿元”系“39867.5亿元”之误，特此更正。",
    HEADING + "1—10月，全市规上工业总产值39876.5亿元为39867.5亿元之误，特此更正。",
    HEADING + "“全市规上工业总产值39876.5亿元”是“全市规上工业总产值39867.5亿元”之误。",
])
def test_a_figure_mistaken_for_another_reads_the_right_one(store, text):
    found, lost = read_rows(store, text, READ_ON)
    assert [row[:4] for row in found] == [("gross_industrial_output", "苏州", "2026年1-10月", 39867.5)], lost
    assert any("39876.5" in fragment and reason == RETRACTED for fragment, reason in lost)


def test_a_quoted_growth_to_be_changed_is_the_corrected_yoy(store):
    text = ("更正说明\n《2026年1—10月苏州市经济运行情况》中，全市规上工业总产值同比增长“4.3%”应改为“4.6%”。\n"
            "苏州市统计局 2026年11月20日")
    found, lost = read_rows(store, text, READ_ON)
    assert [(row[0], row[2], row[4]) for row in found] == [("gross_industrial_output", "2026年1-10月", 4.6)]
    assert [reason for fragment, reason in lost if "4.3" in fragment] == [RETRACTED]


def test_a_bare_gai_wei_is_no_correction(store):
    found, _ = read_rows(store, HEADING + "1—10月，全市规上工业总产值39867.5亿元，统计口径改为年主营业务收入2000万元。",
                         READ_ON)
    assert [row[3] for row in found] == [39867.5]
