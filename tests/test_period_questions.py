"""A period named in a question (1-10月, 前9个月, 截至9月, 10月, 上半年) is a slot: the figure for that period
if recorded, else which periods are recorded — never a figure of another period passed off as it.
"数据截至几月" is answered from the data. All figures here are MADE UP for the tests."""

import re

import pytest

from knowledge.answers import Answerer
from knowledge.render import render_reply
from tests.conftest import fixed_clock


def record(store, indicator_id, value, unit, period, year=2026):
    store.record_observation(
        {"indicator_id": indicator_id, "city": "苏州", "period": period, "year": year, "value": value,
         "unit": unit, "qualifier": "", "text": "", "status": "actual", "source_id": "plan2026",
         "note": "", "quote": ""},
        recorded_by="test",
    )


@pytest.fixture
def late_answerer(store):
    record(store, "industrial_investment", 1700, "亿元", "2026年1-9月")
    record(store, "industrial_investment", 1980, "亿元", "2026年1-10月")
    record(store, "new_high_tech_enterprises", 420, "家", "2026年1-10月")
    record(store, "new_industrial_land", 3000, "亩", "2026年上半年")
    return Answerer(store, clock=fixed_clock(2026, 11, 29, 9, 0))


@pytest.mark.parametrize(
    "question,figure,period,other",
    [
        ("工业投资1-10月", "1980亿元", "2026年1-10月", "1700"),
        ("工业投资1—9月", "1700亿元", "2026年1-9月", "1980"),
        ("工业投资１－９月完成多少", "1700亿元", "2026年1-9月", "1980"),
        ("工业投资前9个月", "1700亿元", "2026年1-9月", "1980"),
        ("工业投资截至9月", "1700亿元", "2026年1-9月", "1980"),
        ("2026年工业投资1至9月是多少", "1700亿元", "2026年1-9月", "1980"),
        ("工业投资前三季度", "1700亿元", "2026年1-9月", "1980"),
        # a cumulative indicator's "10月数据" is the total up to October, and the reply names the period
        ("工业投资10月数据", "1980亿元", "2026年1-10月", "1700"),
        ("工业投资九月份", "1700亿元", "2026年1-9月", "1980"),
        ("高企1-10月新增多少家", "420家", "2026年1-10月", "1700"),
        ("新供产业用地上半年", "3000亩", "2026年上半年", "1980"),
    ],
)
def test_the_figure_of_the_period_asked(late_answerer, question, figure, period, other):
    reply = late_answerer.answer(question)
    text = render_reply(reply)
    assert reply.decision == "answer", text
    assert figure in text and period in text and other not in text, text


@pytest.mark.parametrize("question,known", [
    ("工业投资上半年", "2026年1-9月、2026年1-10月"),
    ("工业投资1-8月", "2026年1-9月、2026年1-10月"),
    ("2025年工业投资1-10月", "2026年1-9月、2026年1-10月"),
    ("高企一季度新增多少", "2026年1-10月"),
])
def test_a_period_not_recorded_names_the_recorded_ones_without_a_figure(late_answerer, question, known):
    reply = late_answerer.answer(question)
    text = render_reply(reply)
    assert reply.decision == "decline", text
    assert known in text, text
    assert not re.search(r"\d+(?:\.\d+)?(?:亿|家|亩|%)", text), text


@pytest.mark.parametrize("question", ["数据截至几月", "数据更新到几月了", "最新数据是几月的"])
def test_数据截至几月_is_answered_from_the_data(late_answerer, question):
    reply = late_answerer.answer(question)
    text = render_reply(reply)
    assert reply.decision == "answer", text
    assert "数据截至" in text and "10月" in text, text
    assert "工业投资总额" in text and "新增高新技术企业" in text, text


def test_数据截至几月_of_one_indicator(late_answerer):
    reply = late_answerer.answer("工业投资数据截至几月")
    text = render_reply(reply)
    assert reply.decision == "answer" and "工业投资总额" in text and "数据截至10月" in text, text
