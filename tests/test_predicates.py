"""How a figure is asked after its name (knowledge/predicates.py): a predicate of reaching before a word of
asking (到了多少, 要冲到多少万亿, 能有几家) is no part of the name; a share asked as 几成 / 多大比例 is a
share. And the tasks of an office before a name (整理, 汇总, 核一下) take it as their object."""

from datetime import date

import pytest

from knowledge.predicates import read_predicate, read_share
from knowledge.questions import normalize
from knowledge.render import render_reply

TODAY = {"today": date(2026, 7, 2)}


@pytest.mark.parametrize("text,slot,rest", [
    ("规上工业总产值到了多少", "到了", "规上工业总产值 多少"),
    ("规上工业总产值要冲到多少万亿", "要冲到", "规上工业总产值 多少万亿"),
    ("规上工业总产值能做到多少", "能做到", "规上工业总产值 多少"),
    ("规上工业总产值达到了多少", "达到了", "规上工业总产值 多少"),
    ("高企能有几家", "能有", "高企 几家"),
    ("规上工业总产值会是多少", "会是", "规上工业总产值 多少"),
    ("工业投资到多少了", "到", "工业投资 多少了"),
    ("两化融合达成度要提到多少", "要提到", "两化融合达成度 多少"),
    ("智算规模要做到多大", "要做到", "智算规模 多大"),
    ("规上工业总产值冲刺多少", "冲刺", "规上工业总产值 多少"),
    ("规上工业总产值给的多少", "给的", "规上工业总产值 多少"),  # how a figure is set or given
    ("高企批了多少家", "批了", "高企 多少家"),
    ("瞪羚企业要弄多少家", "要弄", "瞪羚企业 多少家"),
    ("规上工业总产值算下来多少", "算下来", "规上工业总产值 多少"),
    ("智算的目标多少", "", "智算的目标多少"),
    ("工投多少亿", "", "工投多少亿"),  # a short form's last character is no verb
    ("人才公寓能有多少套", "能有", "人才公寓 多少套"),  # the 公寓 stays: still a larger noun
    ("高企新增多少家", "", "高企新增多少家"),  # 新增 is no verb of reaching
    ("到年底工业投资多少", "", "到年底工业投资多少"),  # not before a word of asking
])
def test_a_predicate_of_reaching_before_a_word_of_asking_is_taken_out(text, slot, rest):
    assert read_predicate(normalize(text, breaks=True), TODAY) == (slot, rest)


@pytest.mark.parametrize("text,slot,rest", [
    ("民营工业几成", True, "民营工业占比"),
    ("民营工业能占到几成", True, "民营工业占比"),  # the 占 with it is the share asked
    ("民营工业在规上里占了几成", True, "民营工业在规上里占比"),
    ("民营工业占规上多大比例", True, "民营工业占规上 "),
    ("民营工业占比大概几成", True, "民营工业占比大概 "),
    ("工业投资完成了几成", True, "工业投资完成了 "),  # a completion asked: the intent reads it
    ("民营工业产值多少", False, "民营工业产值多少"),
])
def test_a_share_asked_in_other_words_is_a_share(text, slot, rest):
    assert read_share(normalize(text, breaks=True), TODAY) == (slot, rest)


@pytest.mark.parametrize("question,figure", [
    ("二四年苏州规上工业总产值到了多少", "4.7万亿元"),
    ("今年规上工业总产值要冲到多少万亿", "超5万亿元"),
    ("规上工业总产值能做到多少", "超5万亿元"),
    ("高企今年能有几家", "500家"),  # 能有 is what can be reached, a target, not a stock
    ("民营工业在规上里占几成", "49.3%"),  # the share of what is named, not its output
    ("民营工业占规上的几成", "49.3%"),
    ("高新技术产业产值占规上几成", "57%"),
    ("民营工业占比大概几成", "49.3%"),
    ("制造业增加值占GDP几成", "40%"),
    # the thing and what it is a share of both named: the one share whose name holds both
    ("民营工业在规上工业总产值里占了多大比例", "49.3%"),
    ("民营工业差不多占规上一半 具体多少", "49.3%"),  # 差不多 hedges, it names nothing
])
def test_a_figure_asked_with_a_predicate_or_as_a_share_is_answered(answerer, question, figure):
    text = render_reply(answerer.answer(question))
    assert figure in text, text


@pytest.mark.parametrize("question,figure", [
    ("帮我整理独角兽", "300家"),
    ("汇总一下工业投资目标", "2500亿元"),
    ("把产业用地拉一下", "1.8万亩"),
    ("核一下制造业贷款", "1000亿元"),
    ("统计高企新增多少家", "500家"),
    ("准备瞪羚企业的目标", "1000家"),
    ("梳理一下单项冠军", "10家"),
    ("麻烦复核一下生产性服务业增加值目标", "8500亿元"),
    ("对标一下瞪羚企业目标", "1000家"),
])
def test_a_task_verb_beside_a_mention_is_no_larger_noun(answerer, question, figure):
    text = render_reply(answerer.answer(question))
    assert figure in text, text


@pytest.mark.parametrize("question", ["江阴新增高企多少", "高技能人才总量", "省级专精特新", "人才公寓能有多少套",
                                      "算力券会是多少"])
def test_an_unknown_place_or_a_modifier_before_a_mention_still_glues(answerer, question):
    assert answerer.answer(question).decision == "decline"
