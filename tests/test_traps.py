"""Questions whose words around a known name ask for something the knowledge has no figure of (tester
round 5, H3–H9): each gets a decline that says why, never another figure passed off as the one asked."""

import pytest

from knowledge.answers import Answerer, Decision
from knowledge.render import render_reply
from knowledge.store import open_store
from tests.conftest import fixed_clock


@pytest.fixture(scope="module")
def answerer():
    return Answerer(open_store(":memory:"), clock=fixed_clock(2026, 7, 2, 12, 0))


@pytest.mark.parametrize("question,other", [("GDP多少", "香港"), ("工业营收目标", "北京"), ("营业收入多少", "北京")])
def test_no_place_named_asks_about_suzhou(answerer, question, other):
    """Only another city has this figure: the decline names 苏州 and the city that has one."""
    reply = answerer.answer(question)
    text = render_reply(reply)
    assert reply.decision == Decision.DECLINE
    assert "暂无苏州" in text and other in text


@pytest.mark.parametrize("question,year", [("大前年工业总产值", "2023"), ("前年工业总产值", "2024")])
def test_relative_years(answerer, question, year):
    """大前年 is three years back (2023, which has no figure), 前年 two (2024, which has)."""
    text = render_reply(answerer.answer(question))
    assert year in text
