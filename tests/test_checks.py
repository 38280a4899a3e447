"""Yes/no checks of a figure (issue 22, kind 3): the reader of the slot, and the reply that gives the
recorded figure with 是 / 不是 — compared in the indicator's unit, never 是 across units."""

from decimal import Decimal

import pytest

from knowledge.checks import ABOVE, BELOW, SAME, Check, read_check
from knowledge.questions import normalize, parse_question
from knowledge.render import render_reply
from tests.test_question_wording import TODAY


@pytest.mark.parametrize("text,check,rest", [
    ("两化融合达成度是不是89%", Check("89%"), "两化融合达成度"),
    ("生产性服务业增加值是8500亿吗", Check("8500亿"), "生产性服务业增加值"),
    ("智算规模34000 这个数对吗", Check("34000"), "智算规模"),
    ("小巨人新增180家对不对", Check("180家"), "小巨人新增"),
    ("单项冠军新增10家没错吧", Check("10家"), "单项冠军新增"),
    ("独角兽培育企业是500家吗", Check("500家"), "独角兽培育企业"),
    ("高新技术产业产值占比超过一半了没有", Check("50%", ABOVE, "超过"), "高新技术产业产值占比"),
    ("民营占了一半没有", Check("50%", ABOVE), "民营占比"),
    ("苏州民营工业产值超过一半了吗", Check("50%", ABOVE, "超过"), "苏州民营工业产值占比"),
    # 是 + a bound quotes the target's wording: its number is what is checked
    ("工业增加值目标是1万亿以上吧", Check("1万亿", SAME, "以上"), "工业增加值目标"),
    ("人才总量目标是突破440万人吗", Check("440万人", SAME, "突破"), "人才总量目标"),
    ("人才总量超过400万人了没有", Check("400万人", ABOVE, "超过"), "人才总量"),
    ("工业投资是不是超过2000亿", Check("2000亿", ABOVE, "超过"), "工业投资"),
    ("工业投资不到2000亿吧", Check("2000亿", BELOW, "不到"), "工业投资"),
    ("2025年规上总产值预计4.89万亿 对吗", Check("4.89万亿", SAME, "预计"), "2025年规上总产值"),
    ("产业用地新供两万亩是不是", Check("2万亩"), "产业用地新供"),
    # not checks: the 吗 asks about progress, the number is part of a name, or there is no number
    ("5万亿今年能完成吗", None, "5万亿今年能完成吗"),
    ("150个大模型完成了吗", None, "150个大模型完成了吗"),
    ("世界500强吗", None, "世界500强吗"),
    ("明天上午开会吗", None, "明天上午开会吗"),
    ("规上工业总产值今年能不能破5万亿", None, "规上工业总产值今年能不能破5万亿"),
])
def test_the_check_is_read_as_a_slot(text, check, rest):
    assert read_check(normalize(text, breaks=True)) == (check, rest)


def test_the_question_carries_the_check_and_no_figure_of_it():
    question = parse_question("两化融合达成度是不是89%", TODAY)
    assert question.check == Check("89%") and question.figures == ()
    assert question.core == parse_question("两化融合达成度", TODAY).core


@pytest.mark.parametrize("question,verdict,figure", [
    ("两化融合达成度是不是89%", "是，", "89%"),
    ("两化融合达成度是不是89", "是，", "89%"),  # a bare number in the indicator's unit
    ("生产性服务业增加值是8500亿吗", "是，", "8500亿元"),
    ("生产性服务业增加值是0.85万亿吗", "是，", "8500亿元"),
    ("工业增加值是12000亿吗", "是，", "1.2万亿元"),
    ("智算规模34000 这个数对吗", "是，", "34000PFLOPS"),
    ("小巨人新增180家对不对", "是，", "180家"),
    ("单项冠军新增10家没错吧", "是，", "10家"),
    ("人才总量目标是突破440万人吗", "是，", "440万人"),
    ("独角兽培育企业是500家吗", "不是，", "300家"),
    ("生产性服务业增加值目标是8000亿吗", "不是，", "8500亿元"),
    ("工业增加值目标是1万亿以上吧", "不是，", "1.2万亿元以上"),
    ("高新技术产业产值占比超过一半了没有", "是，", "57%"),
    ("苏州民营工业产值超过一半了吗", "不是，", "49.3%"),
    ("2024年民营工业产值占比是49.3%吗", "是，", "49.3%"),
    ("苏州千亿级产业是13个吗", "不是，", "11个"),
    ("人才总量超过400万人了没有", "是，", "突破440万人"),  # past the bound asked about
    ("规上工业总产值今年目标超5万亿对吗", "是，", "超5万亿元"),  # at it, with the same bound
    ("高新技术产业产值占比不到60%吧", "是，", "57%"),
    ("高新技术产业产值占比不到50%吧", "不是，", "57%"),
    ("2013年深圳规上工业总产值是2.3万亿吗", "是，", "深圳2013年"),
    ("制造业占比还能保持40%吗", "是，", "40%"),  # the words name no indicator: the figure checked does
])
def test_a_check_is_answered_with_the_figure_and_yes_or_no(answerer, question, verdict, figure):
    reply = answerer.answer(question)
    text = render_reply(reply)
    first = text.splitlines()[0]
    assert reply.decision == "answer" and first.startswith(verdict), text
    assert figure in first and "来源：" in text, text


@pytest.mark.parametrize("question", ["独角兽培育企业是500亿吗", "两化融合达成度是不是89亿", "小巨人新增180%对吗"])
def test_a_figure_in_another_unit_is_not_compared(answerer, question):
    text = render_reply(answerer.answer(question))
    assert text.startswith("无法核对") and "不同" in text, text
    assert "是，" not in text.splitlines()[0]


def test_a_verdict_against_a_bound_says_which_side(answerer):
    text = render_reply(answerer.answer("高新技术产业产值占比超过一半了没有"))
    assert text.splitlines()[0] == "是，苏州2026年目标为57%，高于50%。"
    assert Decimal("57") > 50
