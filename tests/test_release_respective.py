"""Issue 21, tester round 3 (H5–H7 and the 分别 findings): a 分别 list of N values pairs with N names or
figures in order, each value with its own verb and sign (增长-0.5% is −0.5, a rate after 下降 is negative
even inside a list begun with 增长); places said as one group (沪苏两地) are the list's places; a list
that does not pair places nothing and says why.

Every figure here is MADE UP for the tests.
"""

from datetime import date

import pytest

from knowledge.releases import read_release

READ_ON = date(2026, 12, 7)
HEADING = "苏州市2026年1—9月工业经济运行情况\n"
PERIOD = "2026年1-9月"


def read(text, store):
    reading = read_release(text, store, READ_ON)
    found = {(f.indicator_id, f.city): (None if f.value is None else float(f.value), f.yoy)
             for f in reading.figures}
    return found, [(u.fragment, u.reason) for u in reading.unplaced]


def test_a_minus_sign_belongs_to_its_own_rate_only(store):
    found, _ = read(HEADING + "1—9月，上海、苏州、深圳规上工业总产值分别为30111.1亿元、39222.2亿元和21333.3亿元，"
                              "分别增长-1.4%、3.2%、6.0%。", store)
    assert found[("gross_industrial_output", "上海")] == (30111.1, -1.4)
    assert found[("gross_industrial_output", "苏州")] == (39222.2, 3.2)
    assert found[("gross_industrial_output", "深圳")] == (21333.3, 6.0)


def test_each_rate_of_a_list_takes_the_verb_written_before_it(store):
    found, _ = read(HEADING + "1—9月，苏州、深圳、上海规上工业总产值分别为39222.2亿元、21333.3亿元和30111.1亿元，"
                              "分别增长3.2%、6.0%和下降1.4%。", store)
    assert found[("gross_industrial_output", "苏州")] == (39222.2, 3.2)
    assert found[("gross_industrial_output", "深圳")] == (21333.3, 6.0)
    assert found[("gross_industrial_output", "上海")] == (30111.1, -1.4)


@pytest.mark.parametrize("text", [
    "1—9月，全市规上工业总产值和工业投资分别为39222.2亿元和1555.5亿元，同比分别下降2.1%和增长7.4%。",
    "1—9月，全市规上工业总产值39222.2亿元，工业投资1555.5亿元。全市规上工业总产值、工业投资同比分别下降2.1%、增长7.4%。",
    # no names before 分别: the rates go to the figures before them, each with its own verb
    "1—9月，全市规上工业总产值39222.2亿元，工业投资1555.5亿元，同比分别下降2.1%和增长7.4%。",
])
def test_a_list_of_mixed_verbs_pairs_in_order(store, text):
    found, lost = read(HEADING + text, store)
    assert found[("gross_industrial_output", "苏州")] == (39222.2, -2.1)
    assert found[("industrial_investment", "苏州")] == (1555.5, 7.4)
    assert lost == []


@pytest.mark.parametrize("verb", ["达", "达到", "为", "是", "实现", "完成"])
def test_totals_after_a_list_of_rates_take_its_names(store, verb):
    found, lost = read(HEADING + f"1—9月，规上工业总产值和工业投资分别增长3.2%和7.4%，总量分别{verb}39222.2亿元和1555.5亿元。",
                       store)
    assert found[("gross_industrial_output", "苏州")] == (39222.2, 3.2)
    assert found[("industrial_investment", "苏州")] == (1555.5, 7.4)
    assert lost == []


@pytest.mark.parametrize("places", ["沪苏两地", "上海、苏州两市"])
def test_places_said_as_one_group_are_the_lists_places(store, places):
    found, lost = read(HEADING + f"1—9月，{places}规上工业总产值分别为30111.1亿元和39222.2亿元，同比分别增长1.7%和3.2%。",
                       store)
    assert found[("gross_industrial_output", "上海")] == (30111.1, 1.7)
    assert found[("gross_industrial_output", "苏州")] == (39222.2, 3.2)
    assert lost == []


def test_a_list_that_does_not_pair_places_nothing_and_says_why(store):
    found, lost = read(HEADING + "1—9月，苏州、深圳规上工业总产值分别为39222.2亿元、21333.3亿元和30111.1亿元，"
                              "同比分别增长3.2%、6.0%和1.4%。", store)
    assert not [key for key in found if key[0] == "gross_industrial_output"]
    reasons = " ".join(reason for _, reason in lost)
    assert "“分别”后的数据有3个，前面的名称有2个" in reasons
    assert "没有对应上名称" in reasons


@pytest.mark.parametrize("text", [
    "苏州规上工业总产值位列全国第二，仅次于深圳，1—9月达39222.2亿元，同比增长3.2%。",
    "1—9月，京沪深苏四城中，苏州规上工业总产值位列全国第二，仅次于深圳，达39222.2亿元，同比增长3.2%。",
    "1—9月，苏州规上工业总产值居全国第2位，达39222.2亿元，同比增长3.2%。",
])
def test_a_figure_after_a_rank_takes_the_name_before_the_rank(store, text):
    found, lost = read(HEADING + text, store)
    assert found == {("gross_industrial_output", "苏州"): (39222.2, 3.2)}
    assert lost == []
