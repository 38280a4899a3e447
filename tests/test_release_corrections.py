"""A correction reads the figure it gives, never the one it retracts; a restatement (修订为) is that
period's figure; a bracketed compared period's figure is cut out while the level before it is kept;
企业36户 counts firms; 提升至 gives the level reached (issue 21, fresh tester round 3: H4, t12, t09, t23).

Every figure here is MADE UP for the tests.
"""

from datetime import date

import pytest

from knowledge.releases import apply_release, preview_release
from knowledge.releases.corrections import RETRACTED
from tests.release_reading import read_rows

READ_ON = date(2026, 11, 25)
HEADING = "2026年1-10月全市工业经济运行情况\n"


def read(store, text, on=READ_ON):
    return read_rows(store, text, on)


@pytest.mark.parametrize("text", [
    "更正说明\n我局发布的《2026年1-10月全市工业经济运行情况》中，“全市规上工业总产值39876.5亿元”应为"
    "“全市规上工业总产值39867.5亿元”，“同比增长4.3%”应为“同比增长4.6%”。特此更正。",
    HEADING + "“规上工业总产值39876.5亿元，同比增长4.3%”有误，更正为规上工业总产值39867.5亿元，同比增长4.6%。",
    HEADING + "1—10月，全市规上工业总产值39876.5亿元应为39867.5亿元，同比增长4.3%应为4.6%。",
    HEADING + "1—10月，全市规上工业总产值39876.5亿元，修正为39867.5亿元，同比增长4.3%，修正为4.6%。",
])
def test_a_correction_reads_the_corrected_figure_never_the_retracted_one(store, text):
    found, lost = read(store, text)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 39867.5, 4.6)], lost
    retracted = [fragment for fragment, reason in lost if reason == RETRACTED]
    assert any("39876.5" in fragment for fragment in retracted), lost
    assert not any("39867.5" in fragment for fragment, _ in lost)


def test_a_correction_overwrites_the_stored_figure_with_the_corrected_one(store):
    """On a store already holding the corrected figure, the correction changes nothing (the tester's
    preview offered to overwrite it with the retracted one)."""
    first = HEADING + "1—10月，全市规上工业总产值39867.5亿元，同比增长4.6%。"
    apply_release(store, preview_release(store, first, READ_ON, "测试"))
    plan = preview_release(store, HEADING + "“全市规上工业总产值39876.5亿元”应为“全市规上工业总产值39867.5亿元”。",
                           READ_ON, "测试")
    assert plan.writes == [] and [float(item.figure.value) for item in plan.items] == [39867.5]


def test_a_figure_only_said_to_be_wrong_is_not_read(store):
    found, lost = read(store, HEADING + "1—10月，“全市规上工业总产值39876.5亿元”有误，以正式公报为准。")
    assert found == []
    assert any(reason == RETRACTED for _, reason in lost)


def test_a_restatement_of_an_earlier_period_is_that_periods_figure(store):
    found, _ = read(store, HEADING + "注：1—9月规上工业总产值修订为35100.1亿元。")
    assert found == [("gross_industrial_output", "苏州", "2026年前三季度", 35100.1, None)]


def test_a_bracketed_compared_figure_is_cut_out_and_the_level_before_it_kept(store):
    text = (HEADING + "1—10月，全市规上工业总产值（现价）39876.5亿元，同比增长4.3%（1—9月为3.9%）。"
            "工业投资1606.9亿元（上年同期1480.2亿元），同比增长7.1%。"
            "高新技术产业产值占规上工业总产值比重为51.0%（上年同期49.8%）。")
    found, lost = read(store, text)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 39876.5, 4.3),
                     ("industrial_investment", "苏州", "2026年1-10月", 1606.9, 7.1),
                     ("high_tech_output_share", "苏州", "2026年1-10月", 51.0, None)], lost
    assert ("上年同期1480.2亿元", "上年同期的数据，不是本期") in lost
    assert ("上年同期49.8%", "上年同期的数据，不是本期") in lost
    assert ("1—9月为3.9%", "括号里是1—9月的数据，作比较用，不录入") in lost


def test_firms_counted_in_hu_are_counted_as_jia(store):
    found, lost = read(store, "上半年全市经济运行情况\n上半年，新增国家级专精特新“小巨人”企业26户。", date(2026, 7, 18))
    assert [(f[0], f[2], f[3]) for f in found] == [("little_giant_firms", "2026年上半年", 26.0)], lost


@pytest.mark.parametrize("verb", ["提升至", "提高到", "上升至"])
def test_a_level_reached_is_the_figure(store, verb):
    found, lost = read(store, f"2026年工作总结\n一年来，两化融合达成度{verb}86.5%。", date(2027, 1, 8))
    assert [(f[0], f[2], f[3]) for f in found] == [("informatization_integration", "2026年", 86.5)], lost
