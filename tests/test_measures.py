"""A question about one measure (增加值, 产值, 投资, 贷款, 用地 …) is never answered with an indicator of
another: value added is not output, nor an increase of output."""

import pytest

from knowledge.render import render_reply


@pytest.mark.parametrize("question, never", [
    ("规上工业增加值", "gross_industrial_output_increase"),
    ("规上工业增加值增速", "gross_industrial_output_increase"),
    ("规上工业增加值多少", "gross_industrial_output"),
    ("高新技术产业增加值", "high_tech_output"),
    ("民营工业增加值", "private_industrial_output"),
    ("制造业投资", "manufacturing_loans"),
])
def test_another_measure_is_not_answered(answerer, question, never):
    reply = answerer.answer(question)
    shown = [a.indicator.id for a in reply.answers] + [c.indicator.id for c, _ in reply.candidates]
    assert reply.decision != "answer" or never not in shown, render_reply(reply)


@pytest.mark.parametrize("question, indicator_id", [
    ("工业产值目标", "gross_industrial_output"),
    ("规上工业总产值", "gross_industrial_output"),
    ("工业增加值目标", "industrial_value_added"),
    ("制造业增加值占比", "manufacturing_share_of_gdp"),
    ("工业投资进度", "industrial_investment"),
    ("制造业贷款新增多少", "manufacturing_loans"),
    ("24年比上年多了多少", "gross_industrial_output_increase"),
])
def test_the_same_measure_still_answers(answerer, question, indicator_id):
    reply = answerer.answer(question)
    assert reply.decision == "answer" and reply.answers[0].indicator.id == indicator_id, render_reply(reply)
