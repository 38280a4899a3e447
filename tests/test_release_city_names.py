"""A release's city named by its nickname (锡城, 鹏城) or by its city's paper (江南晚报, 深圳特区报), in the
heading, the signature or the 来源 line (issue 21, fresh tester round 2: H10, H11).

Every figure here is MADE UP for the tests.
"""

from datetime import date

import pytest

from knowledge.releases import preview_release, read_release
from knowledge.releases.city_names import with_city_names

READ_ON = date(2026, 11, 21)
BODY = "本报讯 记者近日从市统计局获悉，1—10月，全市规上工业总产值22222.2亿元，同比增长6.2%。\n"
WUXI = "这是无锡市的通报（见{}），知识库没有无锡的数据，未录入"


def read(store, text):
    reading = read_release(text, store, READ_ON)
    found = [(f.indicator_id, f.city, f.period, float(f.value)) for f in reading.figures]
    return found, {u.reason for u in reading.unplaced}


@pytest.mark.parametrize("text, where", [
    ("锡城工业经济持续向好\n" + BODY + "来源：江南晚报　2026-11-21", "标题"),
    ("全市工业经济持续向好\n" + BODY + "来源：江南晚报　2026-11-21", "来源"),
    ("全市工业经济持续向好\n" + BODY + "江南晚报　2026年11月21日", "落款"),
    ("全市工业经济持续向好\n" + BODY + "（无锡日报）", "落款"),
    ("全市工业经济持续向好\n江南晚报讯 " + BODY, "来源"),
    ("全市工业经济持续向好\n江南晚报　2026-11-21\n" + BODY, "署名"),
])
def test_a_wuxi_nickname_or_paper_makes_it_wuxis_release_not_suzhous(store, text, where):
    found, reasons = read(store, text)
    assert found == []
    assert reasons == {WUXI.format(where)}
    assert preview_release(store, text, READ_ON, "admin").writes == []


@pytest.mark.parametrize("text", [
    "鹏城工业经济持续回升\n本报讯（记者 李华）1—10月，全市规上工业总产值40000.0亿元，同比增长4.0%。\n深圳特区报　2026年11月21日",
    "全市工业经济持续回升\n本报讯（记者 李华）1—10月，全市规上工业总产值40000.0亿元，同比增长4.0%。\n深圳商报　2026年11月21日",
])
def test_a_shenzhen_nickname_or_paper_records_for_shenzhen(store, text):
    found, _ = read(store, text)
    assert found == [("gross_industrial_output", "深圳", "2026年1-10月", 40000.0)]


@pytest.mark.parametrize("signature", ["来源：苏州日报", "姑苏晚报　2026年11月21日", "来源：扬子晚报", "来源：新华日报",
                                       "来源：人民日报", "来源：新华社"])
def test_suzhous_own_papers_and_a_provinces_papers_leave_it_suzhous(store, signature):
    text = "全市工业经济持续向好\n" + BODY + signature
    assert read(store, text)[0] == [("gross_industrial_output", "苏州", "2026年1-10月", 22222.2)]


def test_a_nickname_inside_a_longer_place_name_is_that_place():
    assert with_city_names("北京城市副中心") == "北京城市副中心"
    assert with_city_names("金陵晚报 锡城 羊城晚报") == "南京 无锡 "
