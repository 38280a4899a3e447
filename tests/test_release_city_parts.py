"""A release of part of the city named by a short name (园区, 高新区, 全区, SIP, 苏州湾…) in its heading,
byline or signature is that part's, never Suzhou's; and 姑苏晚报 is 苏州's paper, not 姑苏区 (issue 21,
fresh tester round 3: H8, t64_4).

Every figure here is MADE UP for the tests.
"""

from datetime import date

import pytest

from knowledge.releases import read_release
from knowledge.releases.city_parts import city_part

READ_ON = date(2026, 11, 21)
BODY = "1—10月，规上工业总产值6543.2亿元，同比增长4.4%。工业投资321.4亿元，增长3.3%。\n"


def read(store, text):
    reading = read_release(text, store, READ_ON)
    found = [(f.indicator_id, f.city, f.period, float(f.value)) for f in reading.figures]
    return found, [(u.fragment, u.reason) for u in reading.unplaced]


@pytest.mark.parametrize("text, part, where", [
    ("园区1-10月工业经济运行情况\n" + BODY, "园区", "标题"),
    ("全区1-10月工业经济运行情况\n" + BODY, "全区", "标题"),
    ("我区前三季度工业经济运行情况\n" + BODY, "我区", "标题"),
    ("高新区1-10月工业经济运行情况\n" + BODY, "高新区", "标题"),
    ("2026年1-10月苏州高新区经济运行情况\n" + BODY, "高新区", "标题"),
    ("SIP 1-10月工业经济运行情况\n" + BODY, "SIP", "标题"),
    ("苏州湾1-10月工业经济运行情况\n" + BODY, "苏州湾", "标题"),
    ("经开区1-10月经济运行简况\n" + BODY, "经开区", "标题"),
    ("1-10月工业经济运行情况\n苏州高新区经济发展委员会　2026年11月20日\n" + BODY, "高新区", "署名"),
    ("1-10月工业经济运行情况\n" + BODY + "（园区经济发展委员会）", "园区", "落款"),
])
def test_a_part_of_the_city_named_short_is_never_suzhou(store, text, part, where):
    found, lost = read(store, text)
    assert found == []
    assert len(lost) == 4
    place = {"园区": "苏州工业园区", "SIP": "苏州工业园区"}.get(part, part)
    assert {reason for _, reason in lost} == {f"这是{part}的通报（见{where}），知识库没有{place}的数据，未录入"}


def test_the_park_by_its_short_name_is_recorded_for_it_once_the_knowledge_base_holds_it(store):
    from tests.test_release_places import record
    record(store, "苏州工业园区")
    found, _ = read(store, "园区1-10月工业经济运行情况\n" + BODY)
    assert [(f[0], f[1]) for f in found] == [("gross_industrial_output", "苏州工业园区"),
                                             ("industrial_investment", "苏州工业园区")]


@pytest.mark.parametrize("text", [
    "2026年1-10月全市工业经济运行情况\n",
    "苏州市统计局　2026年11月20日\n",
    "创新区域建设成效明显\n",  # 新区 inside a word names no part of the city
    "1-10月全市开发区建设情况简报\n",  # 全市 first: the city's text, its 开发区 figures are placed one by one
])
def test_a_citys_heading_stays_suzhous(store, text):
    found, _ = read(store, text + BODY)
    assert [(f[0], f[1]) for f in found] == [("gross_industrial_output", "苏州"), ("industrial_investment", "苏州")]


def test_the_industrial_park_by_its_full_name_is_still_that_district(store):
    _, lost = read(store, "苏州工业园区1-10月工业经济运行情况\n" + BODY)
    assert {reason for _, reason in lost} == {"这是苏州工业园区的通报（见标题），知识库没有苏州工业园区的数据，未录入"}


def test_the_citys_evening_paper_named_after_its_old_name_is_suzhous(store):
    """姑苏晚报 is the city's evening paper: the heading naming it is no 姑苏区 section."""
    found, lost = read(store, "姑苏晚报 1-10月全市工业经济运行情况\n" + BODY)
    assert [(f[0], f[1]) for f in found] == [("gross_industrial_output", "苏州"), ("industrial_investment", "苏州")], lost


def test_city_part_reads_only_the_start():
    assert city_part("苏州市统计局") is None
    assert city_part("全市开发区") is None
    assert city_part("苏州高新区统计局") == "高新区"


@pytest.mark.parametrize("text", [
    "姑苏晚报讯 1—10月，规上工业总产值6543.2亿元，同比增长4.4%。",
    "工业经济稳中有进\n据姑苏晚报报道，1—10月规上工业总产值6543.2亿元，同比增长4.4%。",
])
def test_the_citys_evening_paper_in_a_sentence_names_no_district(store, text):
    found, lost = read(store, text)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 6543.2)], lost


def test_a_section_headed_by_a_part_of_the_city_is_that_parts(store):
    text = ("1-10月工业经济运行情况\n1—10月，全市规上工业总产值6543.2亿元。\n（三）高新区\n"
            "1—10月，规上工业总产值1543.2亿元。")
    found, lost = read(store, text)
    assert found == [("gross_industrial_output", "苏州", "2026年1-10月", 6543.2)]
    assert lost == [("规上工业总产值1543.2亿元", "这是高新区的数据，知识库没有高新区的数据，未录入")]


@pytest.mark.parametrize("part", ["园区", "SIP", "苏州湾"])
def test_a_part_of_the_city_named_short_in_a_citys_sentence_is_not_the_citys(store, part):
    found, lost = read(store, f"2026年1-10月全市工业经济运行情况\n1—10月，{part}完成规上工业总产值1543.2亿元。")
    assert found == [] and lost == [(f"{part}完成规上工业总产值1543.2亿元", f"这是{part}的数据，不是全市的")]


def test_the_parks_own_release_naming_itself_short_in_a_sentence_is_its_own(store):
    from tests.test_release_places import record
    record(store, "苏州工业园区")
    found, lost = read(store, "园区1-10月工业经济运行情况\n1—10月，园区完成规上工业总产值1543.2亿元，全区工业投资321.4亿元。")
    assert [(f[0], f[1]) for f in found] == [("gross_industrial_output", "苏州工业园区"),
                                             ("industrial_investment", "苏州工业园区")], lost
