"""Mentions (knowledge/mentions.py): a name or alias anywhere in the question decides the indicator;
one glued into a larger noun decides nothing; a task written before the question is no question."""

from datetime import date

import pytest

from knowledge.questions import parse_question
from knowledge.render import render_reply

TODAY = date(2026, 7, 2)


def found(answerer, text):
    """(alias, clear) of each mention in the question, in reading order."""
    return [(m.alias, m.clear) for m in answerer.matcher.mentions(parse_question(text, TODAY))]


@pytest.mark.parametrize("text,mentions", [
    ("今年新增瞪羚企业多少家", [("瞪羚企业", True)]),  # 新增 is a word of asking
    ("瞪铃企业", [("瞪铃企业", True)]),  # alike by sound
    ("人才公寓有多少套", []),  # 人才 alone is no name of 人才总量
    ("算力券怎么申请", [("算力", False)]),
    ("独角兽乐园门票", [("独角兽", False)]),
    ("独角兽的乐园门票", [("独角兽", False)]),  # 的 after it: 独角兽 is what modifies the 乐园
    ("高技能人才总量", [("人才总量", False)]),
    ("行动方案的规上工业总产值", [("规上工业总产值", True)]),  # 的 before it ends the other phrase
    ("行动方案里说的工业垂类大模型", [("垂类大模型", True)]),  # 工业 is a word of its own names
    ("方案中产业用地那一条", [("产业用地", True)]),
    ("国家级单项冠军新增", [("单项冠军", True)]),
    ("中午吃什么", []),
    ("帮我整理独角兽", [("独角兽", True)]),  # a task verb takes the mention as its object
    ("统计高企新增多少家", [("高企", True)]),
    ("丰县新增高企多少", [("高企", False)]),  # a place not known glues: never another place's figure
])
def test_mentions_and_whether_they_are_clear(answerer, text, mentions):
    assert found(answerer, text) == mentions


@pytest.mark.parametrize("question,indicator_id", [
    ("今年新增瞪羚企业多少家", "gazelle_firms"),
    ("工业投资总额目标多少啊我记不清了", "industrial_investment"),
    ("独角兽企业目标 我周一要", "unicorn_incubation_firms"),
    ("2026年行动方案的规上工业总产值目标", "gross_industrial_output"),
])
def test_an_unknown_word_beside_a_clear_mention_does_not_decline(answerer, question, indicator_id):
    reply = answerer.answer(question)
    assert reply.decision == "answer" and [a.indicator.id for a in reply.answers] == [indicator_id], render_reply(reply)


@pytest.mark.parametrize("question", ["人才公寓有多少套", "算力券", "算力券怎么申请", "独角兽乐园门票多少",
                                      "独角兽的乐园门票多少", "研发费用加计扣除比例", "大模型怎么用", "高技能人才总量"])
def test_a_mention_inside_a_larger_noun_is_declined(answerer, question):
    assert answerer.answer(question).decision == "decline"


@pytest.mark.parametrize("question,indicator_ids", [
    ("各位好 明天开调度会 需要瞪羚和独角兽两个目标数 谢谢", ["gazelle_firms", "unicorn_incubation_firms"]),
    ("各位好 明天开调度会 需要工业投资和增资扩产项目两个目标数 谢谢",
     ["industrial_investment", "capacity_expansion_projects"]),
    ("各位领导 周五要报材料 麻烦给下工业投资和产业用地目标 辛苦", ["industrial_investment", "new_industrial_land"]),
])
def test_a_task_before_the_question_answers_each_indicator_and_lists_no_task_words(answerer, question, indicator_ids):
    reply = answerer.answer(question)
    assert [a.indicator.id for a in reply.answers] == indicator_ids, render_reply(reply)
    assert reply.unknown == () and "知识库里没有" not in render_reply(reply)


def test_a_weak_mention_is_asked_back_with_buttons_rather_than_declined(answerer):
    # 智能工厂 is part of two names and the whole of neither: which one is meant is asked (asked as a
    # group, 智能工厂建设目标, both are listed: tests/test_themes.py)
    reply = answerer.answer("嗯 智能工厂进度那个 咋样了")
    assert reply.decision == "clarify"
    assert {c.indicator.id for c, _ in reply.candidates} == {"pilot_smart_factories", "excellent_smart_factories"}


@pytest.mark.parametrize("question", ["二零一三年苏州规上工业总产值突破多少", "嗯 三季度 那个 工业投资总额多少"])
def test_a_year_or_period_left_unread_beside_a_mention_is_not_dropped_as_filler(answerer, question):
    # whatever reads it (a numerals step, a period reader), the figure of another year is no answer
    text = render_reply(answerer.answer(question))
    assert "2026年目标" not in text, text
