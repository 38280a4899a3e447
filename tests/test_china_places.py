"""China's places outside knowledge/places.py (knowledge/china_places.py): read from cpca's division
list, and only where a place is asked, so that another place is never answered with Suzhou's figure."""

from datetime import date

import pytest

from knowledge.answers import NO_CITY_DATA
from knowledge.china_places import china_places, places_asked
from knowledge.questions import parse_question


@pytest.mark.parametrize("name,place", [
    ("衢州", "衢州"), ("衢州市", "衢州"), ("丰县", "丰县"), ("浦东新区", "浦东"), ("浦东", "浦东"),
    ("张家口", "张家口"), ("海门", "海门"), ("延边朝鲜族自治州", "延边"), ("神农架林区", "神农架"),
    # none: Suzhou and its 板块 are knowledge/places.py's; one character, or one many divisions share
    ("苏州", None), ("昆山", None), ("吴江区", None), ("丰", None), ("城区", None), ("郊区", None),
    # none: words of knowledge/question_words.py
    ("新区", None), ("工业园区", None),
])
def test_the_list_read_from_the_division_data(name, place):
    assert china_places().get(name) == place


@pytest.mark.parametrize("text,asked", [
    # before 的 and a mention
    ("衢州的研发投入目标", [("衢州", "衢州")]),
    ("丰县的高企目标", [("丰县", "丰县")]),
    ("浦东新区的工业投资目标", [("浦东新区", "浦东")]),
    ("关于张家口的工业投资目标", [("张家口", "张家口")]),
    # glued before a mention, at the start of a clause, or with its suffix
    ("日照工业投资目标", [("日照", "日照")]),
    ("衢州，研发投入目标是多少", [("衢州", "衢州")]),
    ("请问海门市的高企新增多少家", [("海门市", "海门")]),
    ("我们丰县的高企目标", [("丰县", "丰县")]),
    # a clause that is a place alone
    ("研发投入目标多少 衢州", [("衢州", "衢州")]),
    # not a place asked: an ordinary word before a mention, inside a name, or no place at all
    ("朝阳产业的工业投资目标", []),
    ("高新技术企业新增目标", []),
    ("开发区的工业投资目标", []),
    ("南京的研发投入目标", []),  # knowledge/places.py's: read by read_places
    ("研发投入目标", []),
])
def test_places_asked(answerer, text, asked):
    assert places_asked(parse_question(text, date(2026, 7, 2)), answerer.matcher) == asked


@pytest.mark.parametrize("text,missing", [
    ("衢州的研发投入目标", ("衢州",)),
    ("张家口的工业投资是多少", ("张家口",)),
    ("丰县的高企目标", ("丰县",)),
    ("义乌和衢州的工业投资目标", ("义乌", "衢州")),
])
def test_another_place_is_declined_as_having_no_data(answerer, text, missing):
    reply = answerer.answer(text)
    assert reply.reason == NO_CITY_DATA and reply.missing_cities == missing
    assert "不能用其他城市的数字代替" in render(reply) and "4.25" not in render(reply)


def test_a_place_alone_after_an_answer_is_that_place(answerer):
    first = answerer.answer("研发投入目标")
    reply = answerer.answer("那衢州呢", context=first.context)
    assert reply.reason == NO_CITY_DATA and reply.missing_cities == ("衢州",)


def render(reply):
    from knowledge.render import render_reply

    return render_reply(reply)
