"""同比 / 增速 / 增长多少 is a slot of a question, not part of the indicator's name: the answer is that
indicator's latest published 同比 (as published, with its period), or a plain "none published" — never
another indicator's figure. All figures here are MADE UP for the tests."""

import re

import pytest

from knowledge.answers import Answerer
from knowledge.render import render_reply
from tests.conftest import fixed_clock


def record(store, indicator_id, value, unit, period, yoy=None):
    store.record_observation(
        {"indicator_id": indicator_id, "city": "苏州", "period": period, "year": 2026, "value": value,
         "unit": unit, "qualifier": "", "text": "", "status": "actual", "source_id": "plan2026",
         "note": "", "quote": "", "yoy_growth": yoy},
        recorded_by="test",
    )


@pytest.fixture
def late_answerer(store):
    record(store, "industrial_investment", 1700, "亿元", "2026年1-9月", yoy=7.1)
    record(store, "industrial_investment", 1980, "亿元", "2026年1-10月", yoy=7.5)
    record(store, "new_high_tech_enterprises", 420, "家", "2026年1-10月")
    record(store, "manufacturing_loans", 800, "亿元", "2026年1-9月", yoy=-1.2)
    record(store, "manufacturing_loans", 900, "亿元", "2026年1-10月")  # its 同比 not yet published
    return Answerer(store, clock=fixed_clock(2026, 11, 29, 9, 0))


@pytest.mark.parametrize(
    "question,must_have",
    [
        ("工业投资同比增长多少", ("工业投资总额", "同比增长7.5%", "2026年1-10月")),
        ("工业投资增速是多少", ("工业投资总额", "同比增长7.5%", "2026年1-10月")),
        ("工业投资总额增长率", ("同比增长7.5%", "2026年1-10月")),
        ("工业投资同比", ("同比增长7.5%", "2026年1-10月")),
        ("领导好，工业投资今年增幅多少？谢谢", ("同比增长7.5%",)),
        ("工业投资1-9月同比增长多少", ("同比增长7.1%", "2026年1-9月")),
        # the latest figure has no 同比 yet: the latest one published, with its own period
        ("制造业贷款同比增速", ("新增制造业贷款余额", "同比下降1.2%", "2026年1-9月")),
    ],
)
def test_growth_question_answers_that_indicators_published_同比(late_answerer, question, must_have):
    reply = late_answerer.answer(question)
    text = render_reply(reply)
    assert reply.decision == "answer", text
    assert all(word in text for word in must_have), text
    assert "规上工业总产值" not in text and "2673.56" not in text, text


@pytest.mark.parametrize("question,name", [
    ("高企同比增长多少", "新增高新技术企业"),
    ("新增高新技术企业增速", "新增高新技术企业"),
    ("苏州研发投入增速多少", "全社会研发投入占GDP比重"),
    ("工业投资上半年同比", "工业投资总额"),
])
def test_no_published_同比_is_said_plainly_without_a_figure(late_answerer, question, name):
    reply = late_answerer.answer(question)
    text = render_reply(reply)
    assert reply.decision == "decline", text
    assert name in text and "同比" in text, text
    assert not re.search(r"\d+(?:\.\d+)?(?:%|亿|家|万)", text), text


def test_an_amount_asked_against_the_year_before_is_still_the_stated_increase(late_answerer):
    text = render_reply(late_answerer.answer("2024年规上工业产值同比多了多少亿"))
    assert "2673.56" in text


def test_an_indicator_named_with_增速_is_asked_for_by_its_name(store):
    # a made-up target whose indicator is itself a growth rate
    store.db["indicators"].insert({"id": "x_growth", "name": "规上工业增加值增速", "category": "产业规模", "unit": "%",
                                   "kind": "ratio", "higher_is_better": 1})
    store.db["targets"].insert({"indicator_id": "x_growth", "city": "苏州", "year": 2026, "value": 6, "unit": "%",
                                "qualifier": "", "text": "6%左右", "source_id": "plan2026", "quote": ""})
    answerer = Answerer(store, clock=fixed_clock(2026, 11, 29, 9))
    for question in ("规上工业增加值增速目标", "规上工业增加值增速是多少"):
        reply = answerer.answer(question)
        assert reply.decision == "answer" and "6%左右" in render_reply(reply), render_reply(reply)
    # one character mistyped: still that indicator, not 同比 of another
    reply = answerer.answer("规上工业增架值增速目标")
    assert reply.decision == "answer" and "6%左右" in render_reply(reply), render_reply(reply)


@pytest.mark.parametrize("question", ["规上工业总产值比去年增长多少", "规上工业总产值增长多少", "工业产值同比增长"])
def test_growth_against_last_year_is_the_published_同比_not_the_stated_increase(store, question):
    # MADE UP: a 同比 recorded for 规上工业总产值; "规上工业总产值增长" is also an alias of the stated increase
    record(store, "gross_industrial_output", 19000, "亿元", "2026年1-5月", yoy=6.1)
    text = render_reply(Answerer(store, clock=fixed_clock(2026, 7, 2, 9, 0)).answer(question))
    assert "同比增长6.1%" in text and "2673.56" not in text, text


def test_without_a_published_同比_the_stated_increase_says_it_is_one(answerer):
    text = render_reply(answerer.answer("规上工业总产值比去年增长多少"))
    assert "没有“规上工业总产值”公布的同比增速" in text and "2673.56" in text, text
