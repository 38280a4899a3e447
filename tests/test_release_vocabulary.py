"""The release reader's vocabulary (issue 21): the scope an indicator's name is silent about, aliases
too broad for a press text, a share named with synonyms, 认定 as an addition, and 年末/年底 as a period.
Each kind both ways: what it must read, and what it must not.

Every figure here is made up for the tests, worded as real releases word them.
"""

from datetime import date

import pytest

from knowledge.models import Indicator
from knowledge.releases import preview_release, read_release
from knowledge.releases.vocabulary import Vocabulary

READ_ON = date(2026, 12, 7)
BULLETIN = "2025年苏州市国民经济和社会发展统计公报\n"
MONTHLY = "2025年1—10月全市经济运行情况\n"


def read(text, store):
    """(indicator_id, city, period, value, yoy) of every figure read, and every unplaced reason."""
    reading = read_release(text, store, READ_ON)
    found = [(f.indicator_id, f.city, f.period, None if f.value is None else float(f.value), f.yoy)
             for f in reading.figures]
    return found, [u.reason for u in reading.unplaced]


def ids(text, store):
    return [row[0] for row in read(text, store)[0]]


# -- 1. the scope a name is silent about ---------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    (BULLETIN + "规模以上民营工业产值20867.4亿元，增长6.9%。",
     [("private_industrial_output", "苏州", "2025年", 20867.4, 6.9)]),
    (MONTHLY + "1—10月，全市规上民营工业产值同比增长9.3%。",
     [("private_industrial_output", "苏州", "2025年1-10月", None, 9.3)]),
    (BULLETIN + "全市规模以上高新技术产业产值27602.6亿元。",
     [("high_tech_output", "苏州", "2025年", 27602.6, None)]),
    (BULLETIN + "全市民营工业产值20867.4亿元。",  # without 规上 it is still the indicator
     [("private_industrial_output", "苏州", "2025年", 20867.4, None)]),
    (BULLETIN + "全市民营规上工业总产值20867.4亿元，增长6.9%。",  # the scope after the ownership word
     [("private_industrial_output", "苏州", "2025年", 20867.4, 6.9)]),
    (BULLETIN + "全市规模以上民营工业企业完成产值20867.4亿元。",
     [("private_industrial_output", "苏州", "2025年", 20867.4, None)]),
])
def test_a_part_of_a_scoped_total_reads_with_or_without_its_scope(store, text, expected):
    assert read(text, store)[0] == expected


@pytest.mark.parametrize("text", [
    BULLETIN + "规模以上工业增加值11602.8亿元，增长7.1%。",
    MONTHLY + "1—10月，全市规上工业增加值同比增长6.3%。",
])
def test_scoped_value_added_is_still_not_the_targets_value_added(store, text):
    found, reasons = read(text, store)
    assert found == [] and reasons and all("口径不同" in r for r in reasons)


def test_the_scope_is_implied_by_a_share_of_a_scoped_total_only():
    def indicator(id_, name, unit):
        return Indicator(id=id_, name=name, category="测试", unit=unit, kind="cumulative", higher_is_better=True)

    vocabulary = Vocabulary([indicator("part", "外资工业产值", "元"),
                             indicator("part_share", "外资工业产值占规上工业总产值比重", "%"),
                             indicator("alone", "国有工业产值", "元"),
                             indicator("of_gdp", "服务业增加值", "元"),
                             indicator("of_gdp_share", "服务业增加值占GDP比重", "%")], [])
    implied = {i: e.scope_implied for i, e in vocabulary.entries.items()}
    assert implied == {"part": True, "part_share": False, "alone": False, "of_gdp": False, "of_gdp_share": False}


# -- 2. aliases too broad for a press text ---------------------------------------------------------

def test_total_computing_power_is_not_intelligent_computing(store):
    found, reasons = read("苏州算力发展情况\n截至2022年底，苏州算力规模5869PFLOPS，其中通用算力5400PFLOPS，"
                          "智算中心算力69PFLOPS，超算算力400PFLOPS。", store)
    assert found == [("computing_power", "苏州", "2022年", 69.0, None)]
    assert len(reasons) == 3 and all(r.startswith("名称比指标宽") and "全市智算规模" in r for r in reasons)


@pytest.mark.parametrize("text", [
    BULLETIN + "年末全市智算规模达3.1万PFLOPS。",
    BULLETIN + "年末全市智能算力达3.1万PFLOPS。",
    BULLETIN + "年末全市智算算力达3.1万PFLOPS。",
])
def test_intelligent_computing_still_reads_by_its_names(store, text):
    assert ids(text, store) == ["computing_power"]


@pytest.mark.parametrize(("text", "never"), [
    (BULLETIN + "全市算力规模达8000PFLOPS。", "computing_power"),
    (BULLETIN + "全年新增亿元以上项目580个。", "major_industrial_projects"),
    (BULLETIN + "全市现有独角兽企业12家。", "unicorn_incubation_firms"),
    (BULLETIN + "全市培育行业大模型30个。", "industrial_vertical_models"),
    (BULLETIN + "全年建设高质量数据集50个。", "industrial_datasets"),
    (BULLETIN + "全市建成赋能中心20家。", "ai_enablement_centers"),
    (BULLETIN + "全年实施增资扩产项目1200个。", "capacity_expansion_projects"),
])
def test_a_broader_name_records_nothing_for_the_narrower_indicator(store, text, never):
    found, reasons = read(text, store)
    assert never not in [row[0] for row in found] and reasons


@pytest.mark.parametrize(("text", "expected"), [
    (BULLETIN + "全年新增亿元以上产业项目580个。", "major_industrial_projects"),
    (BULLETIN + "年末入库市级独角兽培育企业120家。", "unicorn_incubation_firms"),
    (BULLETIN + "全年实施超千万元增资扩产项目871个。", "capacity_expansion_projects"),
])
def test_the_indicators_own_names_still_read(store, text, expected):
    assert ids(text, store) == [expected]


# -- 3. a share named with synonyms ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    BULLETIN + "全社会研究与试验发展(R&D)经费支出占地区生产总值比重达4.12%。",
    BULLETIN + "全社会研究与试验发展（R&D）经费支出占地区生产总值的比重为4.12%。",
    BULLETIN + "全市R&D经费支出占GDP比重为4.12%。",
    BULLETIN + "全社会研发经费投入强度达4.12%。",
    BULLETIN + "全社会研发经费支出占地区生产总值比重4.12%。",
])
def test_rd_intensity_written_with_synonyms(store, text):
    assert read(text, store)[0] == [("rd_intensity", "苏州", "2025年", 4.12, None)]


@pytest.mark.parametrize("text", [
    BULLETIN + "全社会研究与试验发展(R&D)经费支出1150.2亿元。",  # the money, not the share
    BULLETIN + "规上工业企业R&D经费支出占营业收入比重为2.1%。",  # another denominator
    BULLETIN + "年末全市R&D人员18.6万人。",
])
def test_other_research_figures_are_not_rd_intensity(store, text):
    assert "rd_intensity" not in ids(text, store)


def test_gross_regional_product_is_gdp(store):
    assert read(BULLETIN + "全年实现地区生产总值27716.3亿元，比上年增长5.6%。", store)[0] == [
        ("gdp", "苏州", "2025年", 27716.3, 5.6)]


# -- 4. 认定 in the period is an addition ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    BULLETIN + "全年认定高企5517家。",
    BULLETIN + "今年全市认定高新技术企业5517家。",
    BULLETIN + "全年高新技术企业认定5517家，认定通过率超66%。",
])
def test_firms_recognised_in_the_period_are_an_addition(store, text):
    found, _ = read(text, store)
    assert found == [("new_high_tech_enterprises", "苏州", "2025年", 5517.0, None)]


@pytest.mark.parametrize("text", [
    BULLETIN + "年末全市有效高企1.74万家。",
    BULLETIN + "全市累计认定高新技术企业2.1万家。",
    BULLETIN + "年末全市高企总数达1.74万家。",
])
def test_the_stock_of_recognised_firms_is_not_the_addition(store, text):
    assert "new_high_tech_enterprises" not in ids(text, store)


def test_selected_in_the_period_is_an_addition_and_all_years_selected_a_stock(store):
    found, reasons = read(BULLETIN + "全年入选国家级专精特新“小巨人”企业45家，"
                          "累计入选国家级专精特新“小巨人”企业300家。", store)
    assert found == [("little_giant_firms", "苏州", "2025年", 45.0, None)] and any("总数" in r for r in reasons)


def test_recognised_in_the_period_is_not_the_stock_of_a_stock_indicator(store):
    found, reasons = read(BULLETIN + "全年认定瞪羚企业120家。", store)
    assert found == [] and any("新增数" in r for r in reasons)


# -- 5. 年末 / 年底 as a period ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    (BULLETIN + "年末全市人才总量达到421.5万人，其中高层次人才38.6万人。", ("2025年", 421.5)),
    (BULLETIN + "2025年末全市人才总量达到421.5万人。", ("2025年", 421.5)),
    (BULLETIN + "年底全市人才总量421.5万人。", ("2025年", 421.5)),
    ("苏州人才发展情况\n截至2022年底全市人才总量达到321.5万人。", ("2022年", 321.5)),
    ("苏州人才发展情况\n2022年年末，全市人才总量为321.5万人。", ("2022年", 321.5)),
])
def test_a_stock_at_the_years_end(store, text, expected):
    assert [(row[0], row[2], row[3]) for row in read(text, store)[0]] == [("talent_total", *expected)]


def test_last_years_end_is_not_this_years_stock(store):
    found, reasons = read(BULLETIN + "年末全市人才总量达到421.5万人，上年末为400万人。", store)
    assert found == [("talent_total", "苏州", "2025年", 421.5, None)] and len(reasons) == 1


def test_the_end_of_a_year_not_ended_is_not_written(store):
    plan = preview_release(store, "2026年1—10月全市经济运行情况\n年末全市人才总量达到421.5万人。", READ_ON, "测试")
    assert [(i.figure.indicator_id, i.state) for i in plan.items] == [("talent_total", "not_written")]
    assert "还没有结束" in plan.items[0].note


@pytest.mark.parametrize(("text", "period"), [
    (BULLETIN + "上半年末全市人才总量410万人。", "2025年上半年"),
    (BULLETIN + "三季度末，全市人才总量415万人。", "2025年前三季度"),
    (BULLETIN + "2025年三季度末全市人才总量415万人。", "2025年前三季度"),
])
def test_the_end_of_a_half_year_or_quarter_is_that_point_not_the_years_end(store, text, period):
    assert [row[2] for row in read(text, store)[0]] == [period]


@pytest.mark.parametrize("text", [
    "2026年苏州市政府工作报告\n力争年底前全市人才总量达到450万人。",
    "2026年苏州市政府工作报告\n到年底全市人才总量达到450万人。",
])
def test_a_goal_for_the_years_end_is_not_a_figure(store, text):
    assert read(text, store)[0] == []
