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


@pytest.mark.parametrize("text,kinds", [
    ("研发投入多少亿", {"money"}), ("智算中心有几个", {"count"}), ("智算中心数量", {"count"}),
    ("新供产业用地多少万亩", {"area"}), ("人才总量多少万人", {"people"}), ("智算规模多少p", {"compute"}),
    ("人才总量多少万", set()), ("这个数对吗", set()), ("工业投资多少亿高企多少家", {"money", "count"}),
])
def test_kinds_asked(text, kinds):
    """The kind of quantity the unit after 多少/几 asks (万 alone says none; 这个数 counts nothing)."""
    from knowledge.asked_kinds import kinds_asked
    assert kinds_asked(text) == kinds


@pytest.mark.parametrize("question,said", [
    ("研发投入多少亿", "%"), ("制造业增加值多少亿", "%"), ("苏州智算中心有几个", "PFLOPS"),
    ("单项冠军有哪些企业", "名单"), ("赋能中心有哪几家", "名单"),
])
def test_another_quantity_is_declined_saying_what_is_held(answerer, question, said):
    """An amount asked of a share, a count of a computing power, names of a count: declined, saying why."""
    reply = answerer.answer(question)
    assert reply.decision == Decision.DECLINE and said in render_reply(reply)


@pytest.mark.parametrize("question,answered", [
    ("智算中心有几个", False), ("专精特新中小企业新增多少", False), ("行动方案中智算规模的要求", True),
    ("任务书里工业投资总额目标", False), ("研发投入占比计算公式", False), ("高企目标分解到各区", False),
    ("什么是瞪羚企业", False), ("人才总量包括哪些人", False), ("440万人指的是什么", True),
    ("有哪些指标", True), ("企业培育有哪些目标", True), ("工业投资多少亿", True),
])
def test_words_around_a_name_that_ask_no_figure(answerer, question, answered):
    """中 ends a phrase only as a particle (方案中), not in 中心/中小; paperwork, definitions and members are
    no figure; listing questions and plain amounts still are."""
    assert (answerer.answer(question).decision != Decision.DECLINE) == answered


@pytest.mark.parametrize("text,rest", [
    ("大模型数量排全国第几", "大模型数量全国排名"), ("研发投入强度排名全省第几", "研发投入强度全省排名"),
    ("苏州排第几", "苏州排名"), ("排队等第几", "排队等排名"),
])
def test_read_ranking_takes_the_rank_word_before_a_scope(text, rest):
    """read_ranking: text -> ((ranking, ordinal), rest); the 排 of 排全国第几 is the rank asked."""
    from knowledge.slots import read_ranking
    (ranking, _), left = read_ranking(text)
    assert ranking and left == rest


@pytest.mark.parametrize("question,answered", [
    ("研发投入强度排名全省第几", False), ("工业投资总额全省排第几", False), ("大模型数量排全国第几", False),
    ("苏州GDP全国第几", True), ("苏州排第几", True), ("工业实力排名", True),
])
def test_a_rank_of_another_indicator_is_not_the_economic_rank(answerer, question, answered):
    """Only a ranking that ranks the indicator asked (its names, its records) answers for it."""
    reply = answerer.answer(question)
    assert (reply.decision != Decision.DECLINE) == answered
    assert answered or "城市经济排名" not in render_reply(reply)


def test_ranks():
    from knowledge.rank_holders import ranks
    assert ranks(["城市经济排名", "gdp排名"], ["内地经济第6城"], ["gdp", "经济总量"])
    assert ranks(["工业实力排名"], ["规上工业总产值全国第二"], ["规上工业总产值"])
    assert not ranks(["城市经济排名", "gdp排名"], ["江苏经济第一城"], ["全社会研发投入占gdp比重", "研发投入"])


@pytest.mark.parametrize("question,answered", [
    ("制造业贷款余额是多少", False), ("制造业贷款余额目标是多少", True), ("制造业贷款余额新增多少", True),
    ("R&D tax deduction ratio", False),
])
def test_a_balance_and_a_tax_deduction_are_not_the_targets(answerer, question, answered):
    """余额是多少 asks what stands, not the new lending aimed at; tax deduction is 加计扣除, no R&D share."""
    assert (answerer.answer(question).decision != Decision.DECLINE) == answered
