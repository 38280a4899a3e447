"""Constructions of real releases about subjects and lists (issue 21): 政府工作报告 sentences, pairs
with 分别, a share stated as the subject's part of a total, a 其中 clause after a total, and a release
republished in traditional characters — each with the traps it must not fall into.

Every figure here is made up for the tests, worded as real releases word them.
"""

import re
from datetime import date
from decimal import Decimal

import pytest

from knowledge.releases import normalize_text, read_release

READ_ON = date(2026, 12, 7)
REPORT = "2025年苏州市政府工作报告回顾\n"  # the year a 政府工作报告 covers is another rule's; asserted loosely
MONTHLY = "2025年1—10月全市经济运行情况\n"


def read(text, store):
    reading = read_release(text, store, READ_ON)
    found = [(f.indicator_id, f.city, f.period, None if f.value is None else float(f.value), f.unit, f.yoy)
             for f in reading.figures]
    return found, reading.unplaced


def whole_year(found):
    """The figures without their period, after checking each is one whole year (2025年 or 2024年)."""
    assert all(re.fullmatch(r"\d{4}年", row[2]) for row in found), found
    return [row[:2] + row[3:] for row in found]


# -- 政府工作报告 -------------------------------------------------------------------------------

def test_a_report_lists_two_kinds_of_firm_after_one_increment_verb(store):
    found, lost = read(REPORT + "新增国家级制造业单项冠军9家、国家级专精特新“小巨人”企业122家。", store)
    assert whole_year(found) == [("single_champion_firms", "苏州", 9.0, "家", None),
                                 ("little_giant_firms", "苏州", 122.0, "家", None)]
    assert lost == ()


def test_an_increment_verb_after_the_name_counts_and_the_total_after_it_is_a_stock(store):
    found, lost = read(REPORT + "高新技术企业新认定5531家、总量达到1.34万家。", store)
    assert whole_year(found) == [("new_high_tech_enterprises", "苏州", 5531.0, "家", None)]
    assert [(u.fragment, u.reason) for u in lost] == [
        ("总量达到1.34万家", "这是总数，与“新增高新技术企业”的口径不同")]


def test_the_total_after_an_addition_is_recorded_for_an_indicator_that_counts_the_stock(store):
    found, lost = read(MONTHLY + "全市瞪羚企业新增120家、总数达到800家。", store)
    assert found == [("gazelle_firms", "苏州", "2025年1-10月", 800.0, "家", None)]
    assert [u.reason for u in lost] == ["这是新增数，与“瞪羚企业”的口径不同"]


@pytest.mark.parametrize("sentence, reason", [
    ("新增国家级专精特新“小巨人”企业122家，总数达到420家。", "这是总数，与“新增国家级专精特新“小巨人”企业”的口径不同"),
    ("新增高新技术企业5531家、总数1.34万家。", "这是总数，与“新增高新技术企业”的口径不同"),
    # all the years' firms, or this year's so far: not guessed
    ("新增国家级制造业单项冠军企业9家，累计达到47家。", "累计数：不能确定是历年总数还是今年以来的新增数"),
])
def test_the_total_after_an_addition_written_first_is_not_the_addition(store, sentence, reason):
    found, lost = read(REPORT + sentence, store)
    assert len(found) == 1 and found[0][3] in (122.0, 5531.0, 9.0)
    assert [u.reason for u in lost] == [reason]


@pytest.mark.parametrize("sentence", [
    "全市瞪羚企业新认定120家。",  # an addition, the indicator counts the stock
    "全市高新技术企业总量达到1.34万家。",  # a stock, the indicator counts the year's addition
])
def test_an_increment_or_a_stock_of_the_other_kind_is_unplaced(store, sentence):
    found, lost = read(MONTHLY + sentence, store)
    assert found == [] and len(lost) == 1


def test_a_report_gives_a_level_and_its_growth_in_one_list(store):
    found, lost = read(REPORT + "过去一年，全市规模以上工业总产值达到4.36万亿元、增长4%，"
                                "工业投资完成1708.1亿元，增长6.4%。", store)
    assert whole_year(found) == [("gross_industrial_output", "苏州", 4.36, "万亿元", 4.0),
                                 ("industrial_investment", "苏州", 1708.1, "亿元", 6.4)]
    assert lost == ()


def test_a_report_growth_over_a_five_year_plan_is_not_one_years(store):
    found, lost = read(REPORT + "“十四五”时期工业投资年均增长8.1%。", store)
    assert found == [] and len(lost) == 1


# -- 分别 ----------------------------------------------------------------------------------------

def test_two_groups_share_the_share_written_after_the_second(store):
    found, lost = read(REPORT + "高新技术产业、工业战略性新兴产业产值占规上工业总产值比重分别达到56.2%和49%。", store)
    assert whole_year(found) == [("high_tech_output_share", "苏州", 56.2, "%", None)]
    assert [u.fragment for u in lost] == ["工业战略性新兴产业产值占规上工业总产值比重达到49%"]


def test_a_second_respectively_in_a_sentence_belongs_to_the_same_names(store):
    found, lost = read(MONTHLY + "高新技术产业、战略性新兴产业产值分别达到21986.4亿元、20000亿元，"
                                 "分别增长6.8%和7.2%。", store)
    assert found == [("high_tech_output", "苏州", "2025年1-10月", 21986.4, "亿元", 6.8)]
    assert len(lost) == 2  # 战略性新兴产业产值 and its growth: no such indicator


@pytest.mark.parametrize("sentence, expected", [
    ("全市规上工业总产值、工业投资分别增长5.1%、7.5%。",
     [("gross_industrial_output", "苏州", "2025年1-10月", None, "", 5.1),
      ("industrial_investment", "苏州", "2025年1-10月", None, "", 7.5)]),
    ("全市规上工业总产值和工业投资分别为40876.3亿元和1986.2亿元。",
     [("gross_industrial_output", "苏州", "2025年1-10月", 40876.3, "亿元", None),
      ("industrial_investment", "苏州", "2025年1-10月", 1986.2, "亿元", None)]),
    # the shared measure goes to the group before, but 高技术制造业 stays what it is
    ("高技术制造业、高新技术产业产值分别增长10.0%和8.0%。",
     [("high_tech_output", "苏州", "2025年1-10月", None, "", 8.0)]),
    ("百强工业企业、规上工业产值分别增长10.8%和5.6%。",
     [("gross_industrial_output", "苏州", "2025年1-10月", None, "", 5.6)]),
    ("工业投资、亿元以上项目完成投资分别为1372.1亿元和2726.2亿元。",
     [("industrial_investment", "苏州", "2025年1-10月", 1372.1, "亿元", None)]),
])
def test_pairs_with_respectively(store, sentence, expected):
    found, lost = read(MONTHLY + sentence, store)
    assert found == expected
    assert len(lost) == 2 - len(expected)


# -- a share of a total --------------------------------------------------------------------------

def test_a_share_of_a_total_named_with_zongliang_is_the_subjects_share(store):
    text = ("关于公布2010年苏州市高新技术产业主要统计数据的通知\n"
            "2010年全市高新技术产业(规模以上工业企业)实现产值9022.67亿元，比上年增长27.3%，"
            "占全市规模以上工业企业产值总量的36.7%；实现产品销售收入8911亿元，增长26.3%。")
    found, lost = read(text, store)
    assert found == [("high_tech_output", "苏州", "2010年", 9022.67, "亿元", 27.3),
                     ("high_tech_output_share", "苏州", "2010年", 36.7, "%", None)]
    assert [u.fragment for u in lost] == ["实现产品销售收入8911亿元", "增长26.3%"]


@pytest.mark.parametrize("sentence, expected", [
    ("全市民营工业实现产值18000亿元，比上年增长6.1%，占全市规模以上工业企业产值总量的44.0%。",
     [("private_industrial_output", "苏州", "2025年1-10月", 18000.0, "亿元", 6.1),
      ("private_industrial_share", "苏州", "2025年1-10月", 44.0, "%", None)]),
    ("全市高新技术产业产值同比增长27.3%，占规上工业总产值总额的36.7%。",
     [("high_tech_output", "苏州", "2025年1-10月", None, "", 27.3),
      ("high_tech_output_share", "苏州", "2025年1-10月", 36.7, "%", None)]),
    ("全市高新技术产业实现产值9022.67亿元，占全市规上工业产值总量比重为36.7%。",
     [("high_tech_output", "苏州", "2025年1-10月", 9022.67, "亿元", None),
      ("high_tech_output_share", "苏州", "2025年1-10月", 36.7, "%", None)]),
])
def test_any_share_of_a_named_total_is_read(store, sentence, expected):
    found, lost = read(MONTHLY + sentence, store)
    assert found == expected and lost == ()


@pytest.mark.parametrize("sentence", [
    "全市高新技术产业实现产值9022.67亿元，占全市工业的36.7%。",  # which 工业 is not said
    "百强工业企业产值15000亿元，占全市规上工业产值总量的38%。",
    "高技术制造业产值9000亿元，占规上工业产值总量的30%。",
    "全市工业投资1372.1亿元，占全市固定资产投资总额的32.2%。",
    "计算机及办公设备制造业实现工业总产值1899.2亿元，占高新技术产业总产值的21.0%。",
])
def test_a_share_of_another_subject_is_not_the_high_tech_share(store, sentence):
    found, lost = read(MONTHLY + sentence, store)
    assert "high_tech_output_share" not in [row[0] for row in found]
    assert "gross_industrial_output" not in [row[0] for row in found]
    assert any("比重" in u.reason for u in lost)


# -- 其中 after a total --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("全市完成固定资产投资4255.6亿元，同比增长1.9%。其中工业投资1372.1亿元，同比增长9.8%。",
     [("industrial_investment", "苏州", "2025年1-10月", 1372.1, "亿元", 9.8)]),
    ("全市完成固定资产投资4255.6亿元，同比增长1.9%。其中，工业投资同比增长9.8%。",
     [("industrial_investment", "苏州", "2025年1-10月", None, "", 9.8)]),
    ("全市固定资产投资4255.6亿元，同比增长1.9%，其中，工业投资增长9.8%。",
     [("industrial_investment", "苏州", "2025年1-10月", None, "", 9.8)]),
])
def test_a_part_after_qizhong_is_read_and_the_total_is_unplaced(store, sentence, expected):
    found, lost = read(MONTHLY + sentence, store)
    assert found == expected
    assert [u.fragment for u in lost][:1] == ["全市完成固定资产投资4255.6亿元" if "完成" in sentence
                                              else "全市固定资产投资4255.6亿元"]


def test_money_invested_in_big_projects_is_not_a_count_of_projects(store):
    found, lost = read(MONTHLY + "全市工业投资同比增长10.6%，其中亿元以上项目完成投资2726.2亿元。", store)
    assert found == [("industrial_investment", "苏州", "2025年1-10月", None, "", 10.6)]
    assert [u.fragment for u in lost] == ["其中亿元以上项目完成投资2726.2亿元"]


# -- traditional characters ----------------------------------------------------------------------

SIMPLIFIED = ("2024年1至7月苏州市经济运行情况\n"
              "1至7月全市规模以上工业总产值25952.6亿元，同比增长5.6%。规模以上高技术制造业产值同比增长10.0%。"
              "百强工业企业产值同比增长10.8%。高新技术产业产值占规上工业总产值的比重为53.8%，"
              "比上年同期提高1.4个百分点。全市新增国家级专精特新“小巨人”企业25家，新认定高新技术企业366家。"
              "工业投资同比增长10.6%，亿元以上项目完成投资2726.2亿元。")
TRADITIONAL = ("2024年1至7月蘇州市經濟運行情況\n"
               "1至7月全市規模以上工業總產值25952.6億元，同比增長5.6%。規模以上高技術製造業產值同比增長10.0%。"
               "百強工業企業產值同比增長10.8%。高新技術產業產值佔規上工業總產值的比重為53.8%，"
               "比上年同期提高1.4個百分點。全市新增國家級專精特新「小巨人」企業25家，新認定高新技術企業366家。"
               "工業投資同比增長10.6%，億元以上項目完成投資2726.2億元。")


def test_a_release_in_traditional_characters_reads_as_the_simplified_one(store):
    simplified, traditional = read_release(SIMPLIFIED, store, READ_ON), read_release(TRADITIONAL, store, READ_ON)
    rows = [(f.indicator_id, f.city, f.period, f.value, f.unit, f.yoy, f.change_points) for f in simplified.figures]
    assert rows == [
        ("gross_industrial_output", "苏州", "2024年1-7月", Decimal("25952.6"), "亿元", 5.6, None),
        ("high_tech_output_share", "苏州", "2024年1-7月", Decimal("53.8"), "%", None, 1.4),
        ("little_giant_firms", "苏州", "2024年1-7月", 25, "家", None, None),
        ("new_high_tech_enterprises", "苏州", "2024年1-7月", 366, "家", None, None),
        ("industrial_investment", "苏州", "2024年1-7月", None, "", 10.6, None),
    ]
    assert [(f.indicator_id, f.city, f.period, f.value, f.unit, f.yoy, f.change_points)
            for f in traditional.figures] == rows
    # 高技术制造业, 百强工业企业 and the money of 亿元以上项目 are unplaced in both
    assert [(u.fragment, u.reason) for u in traditional.unplaced] == [
        (u.fragment, u.reason) for u in simplified.unplaced]
    assert len(simplified.unplaced) == 3


@pytest.mark.parametrize("traditional, simplified", [
    ("億元", "亿元"), ("總產值", "总产值"), ("規模以上", "规模以上"), ("增長", "增长"), ("高新技術", "高新技术"),
    ("專精特新“小巨人”", "专精特新“小巨人”"), ("佔", "占"), ("個百分點", "个百分点"), ("産值", "产值"),
    ("製造業", "制造业"), ("單項冠軍", "单项冠军"), ("認定", "认定"), ("較上年", "较上年"), ("預計數", "预计数"),
])
def test_release_words_in_traditional_characters_are_simplified(traditional, simplified):
    assert normalize_text(traditional) == simplified


@pytest.mark.parametrize("config", ["s2t", "s2hk", "s2tw"])
def test_every_indicator_name_and_alias_written_in_traditional_characters_reads_back(store, config):
    import opencc

    to_traditional = opencc.OpenCC(config)
    names = [i.name for i in store.indicators()] + [alias for _, alias in store.aliases()]
    changed = [n for n in names if normalize_text(to_traditional.convert(n)) != normalize_text(n)]
    assert changed == []
