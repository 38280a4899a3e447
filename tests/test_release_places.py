"""Whose figure a release's number is: the document's own place (heading, 落款, 来源) decides what
全市/我市/本市 mean, another city's release records nothing for 苏州, and part of the city (市区, 市本级,
区县合计, 县级市) or the province is never written as 苏州's own figure.

Every figure here is MADE UP for the tests (the wording imitates real bureau and newspaper texts).
"""

from datetime import date

import pytest

from knowledge.releases import preview_release, read_release
from tests.release_reading import hold_city, read_rows

READ_ON = date(2024, 7, 1)  # every 1-5月 of 2024 has ended
BODY = "1-5月，我市规模以上工业企业实现产值4568.3亿元，同比增长5.2%。\n"


def read(store, text):
    return read_rows(store, text, READ_ON)


record = hold_city  # the knowledge base now holds that city


# -- another city's release --------------------------------------------------------------------

@pytest.mark.parametrize("text, where", [
    (BODY + "（常州市统计局工业处）", "落款"),
    (BODY.strip() + "（常州市统计局工业处）", "落款"),  # the signature in brackets after the last sentence
    (BODY + "常州市统计局\n2024年6月20日", "落款"),
    ("来源：常州日报\n" + BODY, "来源"),
    (BODY + "来源：常州日报", "来源"),
    ("常州日报讯 " + BODY, "来源"),
    ("常州市2024年1-5月经济运行情况\n" + BODY, "标题"),
    ("2024年1-5月常州市工业经济运行简况\n" + BODY.replace("我市", "全市"), "标题"),
    ("江苏省常州市2024年1-5月经济运行情况\n" + BODY, "标题"),
    ("发布时间：2024年6月20日\n常州市2024年1-5月经济运行情况\n" + BODY, "标题"),  # the date line is not the heading  # the province before the city names the city
])
def test_another_citys_release_records_nothing_for_suzhou(store, text, where):
    found, lost = read(store, text)
    assert found == []
    assert lost, "every number of it is listed, with the reason"
    assert all(reason == f"这是常州市的通报（见{where}），知识库没有常州的数据，未录入" for _, reason in lost), lost


def test_the_example_of_the_issue_writes_nothing(store):
    """“1-5月，我市…4568.3亿元” signed （常州市统计局工业处） was recorded for 苏州: the preview now writes nothing."""
    plan = preview_release(store, "2024年1-5月经济运行情况\n" + BODY + "（常州市统计局工业处）", READ_ON, "admin")
    assert plan.writes == []
    assert "这是常州市的通报（见落款），知识库没有常州的数据，未录入" in plan.summary()
    assert [o for o in store.observations() if o.value == 4568.3] == []


def test_a_city_the_knowledge_base_has_is_recorded_for_that_city(store):
    """深圳 has figures in the seeds: its release records for 深圳, and a 苏州 figure it quotes is not taken."""
    text = ("深圳市2024年1-5月经济运行情况\n"
            "1-5月，全市规模以上工业总产值18000亿元，同比增长5.2%，增速比全省高1.1个百分点，高于苏州。"
            "同期苏州规上工业总产值16000亿元。\n来源：深圳市统计局")
    found, lost = read(store, text)
    assert found == [("gross_industrial_output", "深圳", "2024年1-5月", 18000.0, 5.2)]
    assert ("同期苏州规上工业总产值16000亿元", "这是深圳市的通报（见标题），其中苏州的数据不从这里录入") in lost
    plan = preview_release(store, text, READ_ON, "admin")
    assert [(w.after["city"], w.after["value"]) for w in plan.writes] == [("深圳", 18000.0)]


def test_a_city_is_recorded_once_the_knowledge_base_holds_it(store):
    text = BODY + "（常州市统计局工业处）"
    assert read(store, text)[0] == []
    record(store, "常州")
    assert read(store, text)[0] == [("gross_industrial_output", "常州", "2024年1-5月", 4568.3, 5.2)]


SUZHOU_BODY_LATER = "1-5月，全市完成工业投资600亿元，同比增长8.1%。\n"


def test_a_place_named_in_a_sentence_does_not_make_it_another_citys_release(store):
    """Comparisons and passing mentions (比全省高, 高于无锡, 常州市统计局公布…) are not the document's place."""
    text = ("2024年1-5月全市经济运行情况\n"
            "1-5月，全市规模以上工业总产值16000亿元，同比增长5.2%，增速比全省高1.1个百分点，高于无锡、常州。"
            "同日常州市统计局也公布了前5个月数据。")
    found, _ = read(store, text)
    assert found == [("gross_industrial_output", "苏州", "2024年1-5月", 16000.0, 5.2)]


@pytest.mark.parametrize("text", [
    "对标深圳 我市1-5月工业经济稳中有进\n" + SUZHOU_BODY_LATER,
    "来源：中国江苏网\n" + SUZHOU_BODY_LATER,
    "江苏新闻网讯 " + SUZHOU_BODY_LATER,
])
def test_a_place_benchmarked_against_or_a_provinces_outlet_is_not_the_documents(store, text):
    assert read(store, text)[0] == [("industrial_investment", "苏州", "2024年1-5月", 600.0, 8.1)]


# -- a Suzhou release reads as before ---------------------------------------------------------

SUZHOU_BODY = ("1-5月，全市规模以上工业总产值16000亿元，同比增长5.2%。"
               "1-5月，全市完成工业投资600亿元，同比增长8.1%。\n")
SUZHOU_FIGURES = [("gross_industrial_output", "苏州", "2024年1-5月", 16000.0, 5.2),
                  ("industrial_investment", "苏州", "2024年1-5月", 600.0, 8.1)]


@pytest.mark.parametrize("text", [
    SUZHOU_BODY,
    SUZHOU_BODY + "苏州市统计局",
    SUZHOU_BODY + "（苏州市统计局综合处）",
    "来源：苏州日报\n" + SUZHOU_BODY,
    "苏州市2024年1-5月经济运行情况\n" + SUZHOU_BODY,
    SUZHOU_BODY + "苏州市科学技术局 苏州市统计局\n2024年6月20日",
])
def test_a_suzhou_release_is_read_as_before(store, text):
    assert read(store, text) == (SUZHOU_FIGURES, [])


# -- part of the city, or the province --------------------------------------------------------

@pytest.mark.parametrize("sentence, reason", [
    ("1-5月，市区规模以上工业总产值6000亿元，同比增长4.1%。", "这是市区的数据，不是全市的"),
    ("1-5月，市本级完成工业投资120亿元，同比增长3.0%。", "这是市本级的数据，不是全市的"),
    ("1-5月，区县合计完成工业投资480亿元。", "这是区县的数据，不是全市的"),
    ("1-5月，各县级市规模以上工业总产值9000亿元。", "这是各县级市的数据，不是全市的"),
    ("1-5月，全省规模以上工业总产值65000亿元，同比增长6.0%。", "这是全省的数据，不是苏州市的"),
    ("1-5月，省规模以上工业总产值65000亿元。", "这是全省的数据，不是全市的"),
])
def test_part_of_the_city_or_the_province_is_unplaced_with_the_reason(store, sentence, reason):
    found, lost = read(store, sentence)
    assert found == []
    assert lost and all(r == reason for _, r in lost), lost


def test_part_of_the_city_after_the_citys_total(store):
    found, lost = read(store, "1-5月，全市规模以上工业总产值16000亿元，其中市区6000亿元，同比增长4.1%。")
    assert found == [("gross_industrial_output", "苏州", "2024年1-5月", 16000.0, None)]
    assert [r for _, r in lost] == ["这是市区的数据，不是全市的"] * 2


@pytest.mark.parametrize("sentence", [
    "1-5月，全市合计完成工业投资600亿元，同比增长8.1%。",
    "1-5月，全市工业投资共计600亿元，同比增长8.1%。",
    "1-5月，合计完成工业投资600亿元，同比增长8.1%。",
    "1-5月，我市累计完成工业投资600亿元，同比增长8.1%。",
    "1-5月，本市工业投资600亿元，同比增长8.1%。",
    "1-5月，苏州市完成工业投资600亿元，同比增长8.1%。",
])
def test_a_total_of_the_city_is_still_the_citys(store, sentence):
    assert read(store, sentence) == ([("industrial_investment", "苏州", "2024年1-5月", 600.0, 8.1)], [])


@pytest.mark.parametrize("sentence, district", [
    ("1-5月，昆山规模以上工业总产值4000亿元。", "昆山"),
    ("1-5月，昆山市规模以上工业总产值4000亿元。", "昆山"),
    ("1-5月，吴江区完成工业投资90亿元。", "吴江"),
])
def test_a_district_is_that_district_never_suzhou(store, sentence, district):
    """Named in a Suzhou text, a district is that district's figure, recorded only once the knowledge base
    holds that district (as another city's release is)."""
    found, lost = read(store, sentence)
    assert found == [] and len(lost) == 1 and f"知识库没有{district}的数据" in lost[0][1]
    record(store, district)
    found, _ = read(store, sentence)
    assert [(f[0], f[1]) for f in found] and all(f[1] == district for f in found)


def test_a_districts_own_release_is_that_districts(store):
    """昆山市's release calls itself 全市: that is 昆山, which the knowledge base does not hold."""
    found, lost = read(store, "昆山市2024年1-5月经济运行情况\n" + BODY)
    assert found == []
    assert {r for _, r in lost} == {"这是昆山市的通报（见标题），知识库没有昆山的数据，未录入"}


# -- in the chat ----------------------------------------------------------------------------------

def test_in_the_chat_another_citys_release_shows_why_and_offers_nothing_to_confirm(tmp_path):
    from tests.group_chat import run
    from tests.test_release_chat import paste_release

    text = "2024年1-5月经济运行情况\n" + BODY + "全市完成工业投资600亿元，同比增长8.1%。\n（常州市统计局工业处）"

    async def body(stand):
        preview = await paste_release(stand, text)
        assert "这是常州市的通报（见落款），知识库没有常州的数据，未录入" in preview["text"]
        assert "reply_markup" not in preview, "nothing to confirm"
        assert stand.answerer.store.db["changes"].count == 0

    run(tmp_path, body)


def test_a_byline_under_the_heading_names_whose_release_it_is(store):
    # 上海市统计局's monthly table (figures made up): the office's byline with the date, under a heading
    # that names no place
    text = ("2020年11月工业生产情况\n上海市统计局　2020-12-18\n"
            "指标名称\t1-11月\t比去年同期增长(%)\n#规模以上工业总产值(亿元)\t31000.5\t0.7\n")
    reading = read_release(text, store, date(2020, 12, 20))
    assert [(f.city, f.period, float(f.value), f.yoy) for f in reading.figures] == [("上海", "2020年1-11月", 31000.5, 0.7)]


def test_a_byline_of_a_suzhou_office_keeps_the_release_suzhous(store):
    text = "2026年1—10月全市经济运行情况\n苏州市统计局　2026-11-20\n1—10月，全市完成工业投资1986.2亿元。"
    assert [f.city for f in read_release(text, store, date(2026, 11, 25)).figures] == ["苏州"]
