"""Reading a statistics release: the figure grammar on sentences worded many ways (a parametrised
table), whole made-up releases, the preview, one audited write, and `python -m bot release`.

Every figure here is made up for the tests; tests/releases/*.txt are made-up releases worded
differently from ../shared/eval/releases/example_2026_10.txt.
"""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.releases import (
    NEW,
    NOT_WRITTEN,
    RESTATED,
    UNCHANGED,
    YOY_ADDED,
    ReleaseError,
    apply_release,
    plan_release,
    read_release,
    read_release_file,
)
from datetime import date

# the day these releases are read: every period they name has ended
READ_ON = date(2026, 12, 7)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT.parent / "shared" / "eval" / "releases" / "example_2026_10.txt"
MADE_UP = Path(__file__).resolve().parent / "releases"
HEADING = "2026年1—10月全市经济运行情况\n"


def figures(text, store, today=None):
    reading = read_release(text, store, today or READ_ON)
    return [(f.indicator_id, f.city, f.period, None if f.value is None else float(f.value), f.unit, f.yoy,
             f.change_points) for f in reading.figures], reading.unplaced


SENTENCES = [
    # (sentence under the heading "2026年1—10月…", figures read, how many fragments unplaced)
    ("1-10月，全市工业投资1986.2亿元，同比增长7.5%。",
     [("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", 7.5, None)], 0),
    ("１—１０月，全市工业投资１９８６.２亿元，同比下降１.２％。",
     [("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", -1.2, None)], 0),
    ("前10个月，全市完成工业投资1,986.2亿元。",
     [("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", None, None)], 0),
    ("1至10月份，规上工业总产值40876.3亿元，同比增4.3%。",
     [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", 4.3, None)], 0),
    ("全市规模以上工业企业实现总产值突破4万亿元。",
     [("gross_industrial_output", "苏州", "2026年1-10月", 4.0, "万亿元", None, None)], 0),
    ("截至10月底，全市制造业贷款余额较年初新增862.5亿元。",
     [("manufacturing_loans", "苏州", "2026年1-10月", 862.5, "亿元", None, None)], 0),
    # a balance is not the year's addition the target counts
    ("全市制造业贷款余额8120亿元，同比增长12%。", [], 2),
    # another city's figure is that city's, never Suzhou's; a city compared with is not the subject
    # another place named in a Suzhou text: recorded only for a place the knowledge base holds (深圳, 上海…)
    ("无锡市1—10月工业投资980亿元。", [], 1),
    ("深圳市1—10月工业投资980亿元。", [("industrial_investment", "深圳", "2026年1-10月", 980.0, "亿元", None, None)], 0),
    ("全市工业投资1986.2亿元，比无锡多1000亿元。",
     [("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", None, None)], 1),
    # the province's figure is not the city's, and a city's release does not record the province
    ("全省规上工业总产值12万亿元。", [], 1),
    # scope: 规上工业增加值 is not the target's 工业增加值 (all industry), nor 工业总产值 the 规上 one
    ("全市规上工业增加值同比增长6.2%。", [], 1),
    ("全市规模以上工业增加值3020亿元。", [], 1),
    ("全市工业总产值45000亿元。", [], 1),
    ("全市工业增加值同比增长6.2%。", [("industrial_value_added", "苏州", "2026年1-10月", None, "", 6.2, None)], 0),
    ("全市工业用电量同比增长6.2%。", [], 1),
    ("其中，技改投资增长8.1%。", [], 1),
    # numbers that are part of a name are not values
    ("新增亿元以上产业项目2136个；实施超千万元增资扩产项目871个。",
     [("major_industrial_projects", "苏州", "2026年1-10月", 2136.0, "个", None, None),
      ("capacity_expansion_projects", "苏州", "2026年1-10月", 871.0, "个", None, None)], 0),
    ("全市实施5000万元以上增资扩产项目871个。", [], 1),
    ("新增10亿元以上重大产业项目45个。", [], 1),
    # shares and 百分点
    ("高新技术产业产值占规上工业总产值的比重为53.8%，比上年同期提高0.9个百分点。",
     [("high_tech_output_share", "苏州", "2026年1-10月", 53.8, "%", None, 0.9)], 0),
    ("高新技术产业产值占比53.8%，较上年同期下降0.3个百分点。",
     [("high_tech_output_share", "苏州", "2026年1-10月", 53.8, "%", None, -0.3)], 0),
    ("其中，高新技术产业产值21986.4亿元，增长6.8%，占规模以上工业总产值的比重为53.8%。",
     [("high_tech_output", "苏州", "2026年1-10月", 21986.4, "亿元", 6.8, None),
      ("high_tech_output_share", "苏州", "2026年1-10月", 53.8, "%", None, None)], 0),
    ("“两化”融合达成度为86.5%，与上年同期持平。",
     [("informatization_integration", "苏州", "2026年1-10月", 86.5, "%", None, 0.0)], 0),
    # a change of the growth rate against another period is not a figure
    ("规上工业总产值40876.3亿元，增长5.1%，增速比1—9月回落0.2个百分点。",
     [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", 5.1, None)], 1),
    ("全市工业投资同比增长7.5%，增速高于全省2.1个百分点。",
     [("industrial_investment", "苏州", "2026年1-10月", None, "", 7.5, None)], 1),
    # periods from the sentence
    ("10月份，全市规上工业总产值4300亿元。",
     [("gross_industrial_output", "苏州", "2026年10月", 4300.0, "亿元", None, None)], 0),
    ("前三季度，全市工业投资1800亿元。", [("industrial_investment", "苏州", "2026年前三季度", 1800.0, "亿元", None, None)], 0),
    ("2025年，全市规上工业总产值4.89万亿元。",
     [("gross_industrial_output", "苏州", "2025年", 4.89, "万亿元", None, None)], 0),
    ("9—10月，全市工业投资400亿元。", [], 1),
    ("1—10月，全市规模以上工业企业完成工业总产值40876.3亿元。",
     [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", None, None)], 0),
    ("全市规模以上工业企业实现增加值3020亿元。", [], 1),
    ("全市累计建成卓越级智能工厂5家。", [], 1),  # a running total is not the year's 新增
    ("全社会研发投入占地区生产总值比重达4.2%。", [("rd_intensity", "苏州", "2026年1-10月", 4.2, "%", None, None)], 0),
    ("规上工业企业研发机构建有率达92.3%。",
     [("rd_institution_rate", "苏州", "2026年1-10月", 92.3, "%", None, None)], 0),
    ("全市工业投资1986.2亿元，比上年同期增加136.5亿元。",
     [("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", None, None)], 1),
    ("前两个月，全市工业投资300亿元。", [("industrial_investment", "苏州", "2026年1-2月", 300.0, "亿元", None, None)], 0),
    # a day of publication is not a period
    ("11月20日，市统计局发布：全市工业投资1986.2亿元。",
     [("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", None, None)], 0),
    # increments and stocks
    ("今年以来，全市新认定高新技术企业366家。",
     [("new_high_tech_enterprises", "苏州", "2026年1-10月", 366.0, "家", None, None)], 0),
    ("全市高新技术企业总数达1.6万家。", [], 1),
    ("全市瞪羚企业新增120家。", [], 1),
    ("全市新增国家级专精特新“小巨人”企业25家、单项冠军企业2家。",
     [("little_giant_firms", "苏州", "2026年1-10月", 25.0, "家", None, None),
      ("single_champion_firms", "苏州", "2026年1-10月", 2.0, "家", None, None)], 0),
    ("全市国家级专精特新“小巨人”企业总数达到520家。", [], 1),
    ("入库市级独角兽培育企业281家，比上年末增加13家。",
     [("unicorn_incubation_firms", "苏州", "2026年1-10月", 281.0, "家", None, None)], 1),
    ("全市智算规模达3.1万PFLOPS，人才总量达到432.6万人。",
     [("computing_power", "苏州", "2026年1-10月", 3.1, "万PFLOPS", None, None),
      ("talent_total", "苏州", "2026年1-10月", 432.6, "万人", None, None)], 0),
    ("全市新增领航级智能工厂一个。", [("pilot_smart_factories", "苏州", "2026年1-10月", 1.0, "个", None, None)], 0),
    ("累计建成人工智能应用赋能中心6家。", [("ai_enablement_centers", "苏州", "2026年1-10月", 6.0, "家", None, None)], 0),
    # units must measure what the indicator measures; text targets take no value
    ("全市工业投资增长到57%。", [], 1),
    ("境内A股上市公司数量达到220家。", [], 1),
    ("全市进出口总额1.9万亿元，增长3.3%。", [], 2),
    ("全年计划新增亿元以上产业项目2500个。", [], 1),
    # traditional characters, stray spaces, notes and figures in brackets, 分别, lists of places
    ("全市工業投資1986.2億元，同比增長7.5%。",
     [("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", 7.5, None)], 0),
    ("全 市 工业投资额 1986.2 亿元。", [("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", None, None)], 0),
    ("全市规上工业总产值（40876.3亿元）同比增长5.1%（按可比价计算）。",
     [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", 5.1, None)], 0),
    ("全市规上工业总产值、工业投资分别为40876.3亿元、1986.2亿元。",
     [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", None, None),
      ("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", None, None)], 0),
    ("全市规上工业总产值和工业投资分别增长5.1%和-2.3%。",
     [("gross_industrial_output", "苏州", "2026年1-10月", None, "", 5.1, None),
      ("industrial_investment", "苏州", "2026年1-10月", None, "", -2.3, None)], 0),
    ("苏州、上海、常州规上工业总产值分别为40876.3亿元、20000亿元和15000亿元。",
     [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", None, None),
      ("gross_industrial_output", "上海", "2026年1-10月", 20000.0, "亿元", None, None)], 1),
    ("分地区看，昆山市规上工业总产值9012.3亿元，增长6.1%；常熟市3012.2亿元，下降1.1%。", [], 4),
    ("全市规上工业总产值40876.3亿元，其中，10月份实现产值4300亿元，增长6.0%。",
     [("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", None, None),
      ("gross_industrial_output", "苏州", "2026年10月", 4300.0, "亿元", 6.0, None)], 0),
    # the 同比 after “余额…，比年初新增…” is the balance's growth, not the addition's
    ("全市制造业贷款余额9120.5亿元，比年初新增862.5亿元，同比增长14.2%。",
     [("manufacturing_loans", "苏州", "2026年1-10月", 862.5, "亿元", None, None)], 2),
    ("高新技术产业产值21986.4亿元，占规上工业产值比重达53.8%。",
     [("high_tech_output", "苏州", "2026年1-10月", 21986.4, "亿元", None, None),
      ("high_tech_output_share", "苏州", "2026年1-10月", 53.8, "%", None, None)], 0),
    ("深圳市规模以上工业总产值11230亿元，苏州为40876.3亿元。",
     [("gross_industrial_output", "深圳", "2026年1-10月", 11230.0, "亿元", None, None),
      ("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", None, None)], 0),
]


@pytest.mark.parametrize("sentence, expected, unplaced", SENTENCES)
def test_sentences(store, sentence, expected, unplaced):
    found, lost = figures(HEADING + sentence, store)
    assert found == expected
    assert len(lost) == unplaced, [u.fragment + "：" + u.reason for u in lost]


def test_the_example_release(store):
    found, lost = figures(EXAMPLE.read_text(encoding="utf-8"), store)
    assert found == [
        ("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", 5.1, None),
        ("high_tech_output", "苏州", "2026年1-10月", 21986.4, "亿元", 6.8, None),
        ("high_tech_output_share", "苏州", "2026年1-10月", 53.8, "%", None, 0.9),
        ("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", 7.5, None),
        ("major_industrial_projects", "苏州", "2026年1-10月", 2136.0, "个", None, None),
        ("capacity_expansion_projects", "苏州", "2026年1-10月", 871.0, "个", None, None),
        ("little_giant_firms", "苏州", "2026年1-10月", 172.0, "家", None, None),
        ("unicorn_incubation_firms", "苏州", "2026年1-10月", 268.0, "家", None, None),
        ("gazelle_firms", "苏州", "2026年1-10月", 913.0, "家", None, None),
        ("manufacturing_loans", "苏州", "2026年1-10月", 862.5, "亿元", None, None),
        ("new_industrial_land", "苏州", "2026年1-10月", 1.52, "万亩", None, None),
    ]
    assert [u.sentence for u in lost] == ["全市规模以上工业增加值同比增长6.2%。"]


def hold(store, *cities):
    """A MADE-UP figure for each of `cities`: the knowledge base now holds them, and a release's figures
    for them are recorded."""
    for city in cities:
        store.record_observation(
            {"indicator_id": "gross_industrial_output", "city": city, "period": "2023年", "year": 2023,
             "value": 11000, "unit": "亿元", "qualifier": "", "text": "", "status": "actual", "source_id": "article",
             "note": "", "quote": ""}, recorded_by="test")


def test_a_made_up_release_for_eight_months(store):
    hold(store, "无锡")
    found, lost = figures((MADE_UP / "made_up_2026_08.txt").read_text(encoding="utf-8"), store)
    assert found == [
        ("gross_industrial_output", "苏州", "2026年1-8月", 32560.8, "亿元", 4.3, None),
        ("industrial_investment", "苏州", "2026年1-8月", 1520.6, "亿元", -2.4, None),
        ("high_tech_output_share", "苏州", "2026年1-8月", 54.1, "%", None, -0.3),
        ("manufacturing_loans", "苏州", "2026年1-8月", 640.3, "亿元", None, None),
        ("new_high_tech_enterprises", "苏州", "2026年1-8月", 366.0, "家", None, None),
        ("gross_industrial_output", "无锡", "2026年1-8月", 15800.0, "亿元", 6.0, None),
    ]
    fragments = [u.fragment for u in lost]
    assert "规上工业增加值同比下降1.2%" in fragments and "全市制造业贷款余额8120亿元" in fragments
    assert "全市新开工5000万元以上项目320个" in fragments and len(lost) == 8


def test_a_made_up_quarterly_release(store):
    hold(store, "昆山")
    found, lost = figures((MADE_UP / "made_up_2026_q1.txt").read_text(encoding="utf-8"), store)
    by_key = {(f[0], f[1], f[2]): f[3:] for f in found}
    assert by_key[("gross_industrial_output", "苏州", "2026年一季度")] == (1.1, "万亿元", 3.9, None)
    assert by_key[("gross_industrial_output", "苏州", "2026年3月")] == (4100.0, "亿元", None, None)
    assert by_key[("gross_industrial_output", "昆山", "2026年一季度")] == (2600.0, "亿元", 5.0, None)
    assert by_key[("industrial_value_added", "苏州", "2026年一季度")] == (2650.2, "亿元", 5.5, None)
    assert ("gazelle_firms", "苏州", "2026年一季度") not in by_key and len(found) == 13
    assert len(lost) == 5


def test_a_made_up_release_as_tables(store):
    """Tab- and |-separated tables: units from the name's brackets, columns by their header."""
    found, lost = figures((MADE_UP / "made_up_table_2026_10.txt").read_text(encoding="utf-8"), store)
    assert found == [
        ("gross_industrial_output", "苏州", "2026年1-10月", 40876.3, "亿元", 5.1, None),
        ("high_tech_output", "苏州", "2026年1-10月", 21986.4, "亿元", 6.8, None),
        ("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", -1.2, None),
        ("major_industrial_projects", "苏州", "2026年1-10月", 2136.0, "个", None, None),
        ("manufacturing_loans", "苏州", "2026年1-10月", 862.5, "亿元", None, None),
    ]
    assert {u.fragment for u in lost} >= {"规上工业增加值3020.5亿元", "进出口总额21000亿元", "制造业贷款余额9120.5亿元"}
    assert all(" | " in u.sentence for u in lost)  # reported as the row, not the sentence made of it


def test_numbers_in_a_row_without_a_header_are_not_guessed(store):
    found, lost = figures(HEADING + "工业投资（亿元）\t1986.2\t7.5\n", store)
    assert found == [("industrial_investment", "苏州", "2026年1-10月", 1986.2, "亿元", None, None)]
    assert [u.fragment for u in lost] == ["7.5"]


def test_a_figure_without_any_period_is_unplaced(store):
    found, lost = figures("全市工业投资1986.2亿元，同比增长7.5%。", store)
    assert found == [] and "没有期间" in lost[0].reason


def test_a_growth_rate_alone_names_its_indicator_exactly(store):
    hold(store, "南京", "无锡")
    found, _ = figures((MADE_UP / "made_up_growth_only.txt").read_text(encoding="utf-8"), store)
    assert found[0] == ("industrial_investment", "苏州", "2026年前三季度", None, "", 6.3, None)
    assert ("industrial_investment", "南京", "2026年前三季度", 1200.0, "亿元", None, None) in found
    assert all(f[1] != "无锡" for f in found)


def test_empty_and_oversized_texts_are_refused(store):
    for text in ("", "   \n", "字" * 100_001):
        with pytest.raises(ReleaseError):
            read_release(text, store, READ_ON)


# -- preview and one write ----------------------------------------------------------------------

def test_apply_writes_every_figure_with_audit_rows_once(store):
    text = EXAMPLE.read_text(encoding="utf-8")
    plan = plan_release(store, read_release(text, store, READ_ON), "测试")
    assert {i.state for i in plan.items} == {NEW} and len(plan.writes) == 11
    assert apply_release(store, plan, user_id=42, chat_id=7) == 11
    assert store.db["changes"].count == 11
    row = store.get_row("observations", {"indicator_id": "industrial_investment", "city": "苏州",
                                         "period": "2026年1-10月"})
    assert (row["value"], row["unit"], row["yoy_growth"]) == (1986.2, "亿元", 7.5)
    again = plan_release(store, read_release(text, store, READ_ON), "测试")
    assert {i.state for i in again.items} == {UNCHANGED} and again.writes == []
    assert apply_release(store, again) == 0 and store.db["changes"].count == 11


def test_a_different_figure_for_the_same_period_is_a_restatement(store):
    text = HEADING + "1—10月，全市工业投资1986.2亿元，同比增长7.5%。"
    apply_release(store, plan_release(store, read_release(text, store, READ_ON), "测试"))
    restated = plan_release(store, read_release(text.replace("1986.2", "1990.4"), store, READ_ON), "测试")
    [item] = restated.items
    assert item.state == RESTATED and restated.conflicts == [item]
    assert "1986.2亿元，同比+7.5% → 1990.4亿元，同比+7.5%" in restated.summary()
    apply_release(store, restated)
    row = store.get_row("observations", {"indicator_id": "industrial_investment", "city": "苏州",
                                         "period": "2026年1-10月"})
    assert (row["value"], row["status"]) == (1990.4, "revised")
    history = [json.loads(c["before"] or "null") for c in store.changes_for("industrial_investment")]
    assert history[0]["value"] == 1986.2  # the old figure is kept in the audit row


def test_a_growth_rate_alone_is_added_to_a_recorded_level_only(store):
    growth = HEADING + "全市工业投资同比增长7.5%。"
    plan = plan_release(store, read_release(growth, store, READ_ON), "测试")
    assert [i.state for i in plan.items] == [NOT_WRITTEN] and plan.writes == []
    apply_release(store, plan_release(store, read_release(HEADING + "全市工业投资1986.2亿元。", store, READ_ON), "测试"))
    plan = plan_release(store, read_release(growth, store, READ_ON), "测试")
    assert [i.state for i in plan.items] == [YOY_ADDED]
    apply_release(store, plan)
    row = store.get_row("observations", {"indicator_id": "industrial_investment", "city": "苏州",
                                         "period": "2026年1-10月"})
    assert (row["value"], row["yoy_growth"]) == (1986.2, 7.5)


def test_a_figure_changed_after_the_preview_stops_the_whole_release(store):
    from knowledge.edits import EditError

    text = EXAMPLE.read_text(encoding="utf-8")
    plan = plan_release(store, read_release(text, store, READ_ON), "测试")
    apply_release(store, plan_release(store, read_release(HEADING + "全市新供产业用地1.4万亩。", store, READ_ON), "x"))
    changes = store.db["changes"].count
    with pytest.raises(EditError):
        apply_release(store, plan)
    assert store.db["changes"].count == changes
    assert store.get_row("observations", {"indicator_id": "industrial_investment", "city": "苏州",
                                          "period": "2026年1-10月"}) is None


# -- files ------------------------------------------------------------------------------------------

def test_release_files_txt_in_gbk_and_docx():
    text = EXAMPLE.read_text(encoding="utf-8")
    assert read_release_file("通报.txt", text.encode("gbk")) == text
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    assert "全市工业投资1986.2亿元" in read_release_file("通报.docx", buffer.getvalue())
    damaged = bytearray(buffer.getvalue())
    damaged[len(damaged) // 2:len(damaged) // 2 + 64] = b"\xff" * 64
    for name, content in (("通报.pdf", b"%PDF"), ("通报.docx", b"not a zip"),
                          ("通报.docx", buffer.getvalue()[:2000]), ("通报.docx", bytes(damaged))):
        with pytest.raises(ReleaseError):
            read_release_file(name, content)


# -- the console --------------------------------------------------------------------------------------

def run_cli(tmp_path, *args):
    env = {"BOT_DB_PATH": str(tmp_path / "kb.db"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "bot", "release", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, stdin=subprocess.DEVNULL, timeout=120)


def test_cli_json_then_yes_applies_once(tmp_path):
    shown = run_cli(tmp_path, str(EXAMPLE), "--json")
    assert shown.returncode == 0, shown.stderr
    lines = [json.loads(line) for line in shown.stdout.splitlines()]
    assert lines[3] == {"indicator_id": "industrial_investment", "city": "苏州", "period": "2026年1-10月",
                        "value": 1986.2, "unit": "亿元", "yoy": 7.5, "change_points": None, "status": "actual",
                        "sentence": "1—10月，全市工业投资1986.2亿元，同比增长7.5%。"}
    assert len(lines) == 12 and len(lines[-1]["unplaced"]) == 1
    first = run_cli(tmp_path, str(EXAMPLE), "--yes")
    assert "已写入 11 个数据" in first.stdout, first.stderr
    second = run_cli(tmp_path, str(EXAMPLE), "--yes")
    assert "没有需要写入的更改" in second.stdout
    asked = subprocess.run([sys.executable, "-m", "bot", "ask", "工业投资进度"], capture_output=True, text=True,
                           cwd=ROOT, env={"BOT_DB_PATH": str(tmp_path / "kb.db"), "PATH": "/usr/bin:/bin"},
                           timeout=120)
    assert "最新：1986.2亿元（2026年1-10月；同比增长7.5%）" in asked.stdout  # the 同比 as published


def test_cli_bad_file_says_why(tmp_path):
    missing = run_cli(tmp_path, str(tmp_path / "nothing.txt"))
    assert missing.returncode == 1 and "无法读取" in missing.stderr and "Traceback" not in missing.stderr
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    wrong = run_cli(tmp_path, str(pdf))
    assert wrong.returncode == 1 and ".txt 或 .docx" in wrong.stderr


def test_a_figure_written_from_a_release_can_be_undone(store):
    from knowledge.undo import undo

    apply_release(store, plan_release(store, read_release(HEADING + "全市工业投资1986.2亿元，同比增长7.5%。", store,
                                                          READ_ON), "测试"))
    undo(store, None, 42, None)
    assert store.get_row("observations", {"indicator_id": "industrial_investment", "city": "苏州",
                                          "period": "2026年1-10月"}) is None


def test_a_made_up_press_release_for_three_quarters(store):
    found, lost = figures((MADE_UP / "made_up_2026_q3.txt").read_text(encoding="utf-8"), store)
    assert found == [
        ("gross_industrial_output", "苏州", "2026年前三季度", 36520.8, "亿元", 4.6, None),
        ("industrial_investment", "苏州", "2026年前三季度", None, "", 8.3, None),
        ("little_giant_firms", "苏州", "2026年前三季度", 151.0, "家", None, None),
        ("high_tech_output", "苏州", "2026年前三季度", 19650.3, "亿元", 7.0, None),
        ("high_tech_output_share", "苏州", "2026年前三季度", 53.8, "%", None, 1.1),
        ("manufacturing_loans", "苏州", "2026年前三季度", 812.0, "亿元", None, None),
        ("new_industrial_land", "苏州", "2026年前三季度", 1.36, "万亩", None, None),
        ("talent_total", "苏州", "2026年前三季度", 438.2, "万人", None, None),
        ("computing_power", "苏州", "2026年前三季度", 3.05, "万PFLOPS", None, None),
    ]
    assert len(lost) == 7 and "高于全部投资增速5.1个百分点" in {u.fragment for u in lost}


def test_a_share_change_from_a_release_is_exported_and_the_export_round_trips(store):
    from knowledge.tables import export_workbook, plan_import, read_tables

    apply_release(store, plan_release(store, read_release(EXAMPLE.read_text(encoding="utf-8"), store, READ_ON), "测试"))
    workbook = export_workbook(store)
    frame = read_tables("kb.xlsx", workbook)["observations"]
    share = frame[frame["indicator_id"] == "high_tech_output_share"].iloc[0]
    assert (share["yoy_growth"] is None or share["yoy_growth"] != share["yoy_growth"]) and share["change_points"] == 0.9
    again = plan_import(store, read_tables("kb.xlsx", workbook))
    assert again.writes == [] and not again.rejected
