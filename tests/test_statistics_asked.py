"""Statistics asked in other words (issue 22, kind 9): an increase over the year before asked between two
named years, a rank asked as 排老几 / with 那会 / with 前面是谁, and which city first reached a figure,
from the article's own sentence."""

import pytest

from knowledge.questions import parse_question
from knowledge.render import render_reply
from tests.test_question_wording import TODAY


@pytest.mark.parametrize("text,year,core", [
    ("2013年那会苏州工业排全国第几", 2013, parse_question("2013年苏州工业排全国第几", TODAY).core),
    ("13年那时候苏州工业排全国第几", 2013, parse_question("2013年苏州工业排全国第几", TODAY).core),
    ("2024年的时候规上工业总产值多少", 2024, parse_question("2024年规上工业总产值多少", TODAY).core),
])
def test_back_then_after_a_year_is_part_of_the_year(text, year, core):
    question = parse_question(text, TODAY)
    assert (question.year, question.core) == (year, core)


@pytest.mark.parametrize("text", ["苏州工业在全国排老几", "苏州工业全国老几", "2013年苏州规上工业总产值全国排第几 前面是谁"])
def test_ways_of_asking_a_rank(text):
    question = parse_question(text, TODAY)
    assert question.ranking and not question.asks_city and "前面" not in question.core


@pytest.mark.parametrize("question,must", [
    ("苏州工业在全国排老几", ("第二",)),
    ("2013年那会苏州工业排全国第几", ("第二", "2013")),
    ("2013年苏州规上工业总产值全国排第几 前面是谁", ("第二", "上海")),
])
def test_a_rank_asked_in_other_words_is_answered(answerer, question, must):
    reply = answerer.answer(question)
    text = render_reply(reply)
    assert reply.decision == "answer" and all(m in text for m in must), text


@pytest.mark.parametrize("question", ["2024年比2023年规上工业总产值多了多少", "2024年规上工业总产值比2023年增加了多少",
                                      "24年工业总产值比上一年多了多少亿"])
def test_an_increase_between_two_consecutive_years_is_the_stated_one(answerer, question):
    text = render_reply(answerer.answer(question))
    assert "2673.56亿元" in text and "暂无" not in text, text  # the article has no 2023 figure of its own


@pytest.mark.parametrize("question", ["全国哪个城市最先工业总产值过5万亿", "全国第一个工业总产值5万亿的城市是哪个",
                                      "哪个城市第一个工业总产值5万亿"])
def test_who_reached_a_figure_first_comes_from_the_articles_sentence(answerer, question):
    reply = answerer.answer(question)
    text = render_reply(reply)
    assert reply.decision == "answer" and reply.findings[0].subject == "深圳", text
    assert "深圳之后全国第二个工业总产值5万亿城市" in text and "来源：" in text, text


@pytest.mark.parametrize("question", ["全国哪个城市最先工业总产值过6万亿", "哪个城市最先研发投入超4.25%"])
def test_no_sentence_about_the_figure_names_no_first_city(answerer, question):
    reply = answerer.answer(question)
    assert reply.decision == "decline" and "深圳" not in render_reply(reply), render_reply(reply)
