"""A lead naming another place's statistics office, by nickname or by a place word naming no one city, and
a 来源 naming another province's or Hong Kong's paper: such a release is never 苏州's (tester round 4).
Every figure here is MADE UP."""

from datetime import date

import pytest

from tests.release_reading import hold_city, read_rows

READ_ON = date(2026, 11, 21)
BODY = "1—10月，全市规上工业总产值40876.3亿元，同比增长4.8%。"  # MADE UP


@pytest.mark.parametrize("lead, city", [
    ("11月18日，记者从羊城统计部门获悉：", "广州"),
    ("记者11月18日从金陵统计部门获悉，", "南京"),
    ("11月18日，记者从锡城统计局获悉：", "无锡"),
    ("11月18日，杭城统计局发布数据：", "杭州"),
    ("记者从昆山统计部门获悉，", "昆山"),  # a place's own name before 统计部门, not only 统计局
    ("11月18日，记者从常州统计部门获悉：", "常州"),
])
def test_a_nicknamed_office_makes_the_release_that_citys(store, lead, city):
    rows, unplaced = read_rows(store, lead + BODY, READ_ON)
    assert rows == [] and unplaced and all(f"知识库没有{city}的数据" in why for _, why in unplaced)
    hold_city(store, city)
    rows, _ = read_rows(store, lead + BODY, READ_ON)
    assert [(row[1], row[3]) for row in rows] == [(city, 40876.3)]


@pytest.mark.parametrize("word", ["龙城", "鹿城", "港城", "禾城", "榕城", "江城"])
def test_an_office_of_a_place_naming_no_one_city_leaves_the_release_unplaced(store, word):
    rows, unplaced = read_rows(store, f"11月18日，记者从{word}统计部门获悉：" + BODY, READ_ON)
    assert rows == []
    assert {why for _, why in unplaced} == {f"这是{word}的通报（见导语），无法确定是哪个城市的通报，未录入"}


@pytest.mark.parametrize("lead", ["11月18日，记者从市统计局获悉：", "记者从我市统计部门获悉，", "11月18日，苏州市统计局发布数据：",
                                  "记者从姑苏统计部门获悉，", "记者从省统计局获悉，", "据龙城统计局发布的数据，",
                                  "记者从工信和统计部门获悉，"])
def test_suzhous_own_office_and_the_provinces_stay_suzhous(store, lead):
    rows, _ = read_rows(store, lead + BODY, READ_ON)
    assert [(row[1], row[3]) for row in rows] == [("苏州", 40876.3)]


def test_another_provinces_paper_makes_the_release_no_suzhou_release(store):
    rows, unplaced = read_rows(store, "本报讯 记者从市统计局获悉：" + BODY + "\n（来源：羊城晚报）", READ_ON)
    assert rows == [] and all("羊城晚报（广东）" in why and "无法确定" in why for _, why in unplaced)


def test_a_hong_kong_paper_makes_it_a_hong_kong_release(store):
    text = "本报讯 记者从市统计局获悉：" + BODY + "\n（来源：大公报）"
    hold_city(store, "香港")
    assert [row[1] for row in read_rows(store, text, READ_ON)[0]] == ["香港"]
