"""Groups of targets and the plan named (issue 22 kinds 5-7): the readers' tables `text -> (slot, rest)`,
and the answers — each target of a group listed with its figure, the plan's own sentence when its
wording is asked for."""

from datetime import date

import pytest

from knowledge.documents import read_document
from knowledge.questions import normalize, parse_question
from knowledge.render import render_reply
from knowledge.store import read_seed
from knowledge.themes import ALL, NAMES, read_theme, themes_within

TODAY = date(2026, 7, 2)


@pytest.mark.parametrize("text,theme,rest", [
    ("产业规模和投资这两块的目标分别是啥", "产业规模/投资与项目", "分别是啥"),
    ("企业和创新两方面的目标", "企业培育/科技创新", ""),
    ("科技创新方面定了哪些数", "科技创新", "定了哪些数"),
    ("数字化智能化转型那几个目标", "数字化智能化", ""),
    ("企业培育梯队这几个指标", "企业培育", ""),
    ("研发相关的目标", "研发", ""),
    ("高企和小巨人这两个目标", "高企/小巨人", ""),
    ("几个占gdp比重的目标", "占gdp比重", ""),
    ("27项目标都发一下", ALL, "都发一下"),
    ("要素保障/算力人才用地资金/目标", "要素保障", "/算力人才用地资金/目标"),
    ("资金和土地保障", "要素保障", "资金和土地"),
    ("科创有哪些目标", "科技创新", "有哪些目标"),
    ("把数字化智能化的几个目标列一下", "数字化智能化", "把的几个目标列一下"),
    # a theme's word inside a larger name, or no group asked for: nothing read
    ("生物医药产业规模", "", "生物医药产业规模"),
    ("科创板上市企业数量", "", "科创板上市企业数量"),
    ("用地保障目标", "", "用地保障目标"),
    ("工业垂类大模型目标", "", "工业垂类大模型目标"),
    ("高企新增多少家", "", "高企新增多少家"),
])
def test_read_theme(text, theme, rest):
    read, left = read_theme(text)
    assert (read, left.replace(" ", "")) == (theme, rest)


@pytest.mark.parametrize("text,asked,rest", [
    ("行动方案里制造业贷款那条怎么写的", True, "制造业贷款"),
    ("苏州市推进新型工业化2026年行动方案对智算规模的要求", True, "2026年智算规模的要求"),
    ("方案里国家高新区是怎么写的", True, "国家高新区"),
    ("行动方案那个人工智能应用赋能中心是新增还是累计", True, "人工智能应用赋能中心"),
    ("行动方案里高新技术企业那条原文", True, "高新技术企业"),
    ("方案中产业用地那一条", True, "产业用地"),
    ("文件里瞪羚企业怎么表述", True, "瞪羚企业"),
    ("高企新增多少家", False, "高企新增多少家"),
    ("工业投资完成得怎么样", False, "工业投资完成得怎么样"),
])
def test_read_document(text, asked, rest):
    found, left = read_document(text)
    assert (found, left.replace(" ", "")) == (asked, rest)


def test_theme_names_are_the_seeded_categories():
    categories = {row["category"] for row in read_seed("indicators")}
    assert set(NAMES) <= categories
    for words in NAMES.values():  # a theme's name is never part of an indicator's name or alias
        for word in words:
            assert not any(word in normalize(r["name"]) for r in read_seed("indicators"))
            assert not any(word in normalize(r["alias"]) for r in read_seed("aliases"))


def test_question_fields():
    question = parse_question("行动方案里制造业贷款那条怎么写的", TODAY)
    assert (question.core, question.intent, question.quotes_plan, question.theme) == ("制造业贷款", "source", True, "")
    question = parse_question("企业和创新两方面的目标", TODAY)
    assert question.theme == "企业培育/科技创新" and not question.quotes_plan


def _figures(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("· ")]


def test_two_themes_list_every_target_with_its_figure(answerer):
    text = render_reply(answerer.answer("企业和创新两方面的目标"))
    lines = _figures(text)
    assert len(lines) == 10  # 企业培育 5 + 科技创新 5 (seeds/indicators.csv)
    for figure in ("10家", "180家", "保持前列", "力争300家", "力争1000家", "57%", "超4.25%", "力争95%", "1个", "500家"):
        assert any(figure in line for line in lines), figure


def test_every_target_asked_as_27(answerer):
    text = render_reply(answerer.answer("27项目标都发一下"))
    assert "目标共27项" in text and "超5万亿元" in text and "力争1000亿元以上" in text


def test_a_shared_word_lists_the_indicators_holding_it(answerer):
    text = render_reply(answerer.answer("智能工厂建设目标"))
    assert "新增领航级智能工厂：1个" in text and "新增卓越级智能工厂：5个" in text
    text = render_reply(answerer.answer("研发相关的目标"))
    assert "全社会研发投入占GDP比重：超4.25%" in text and "规上工业企业研发机构建有率：力争95%" in text
    # one indicator named inside a group's words is answered as itself
    assert "新增高新技术企业 · 苏州 2026年目标" in render_reply(answerer.answer("高企相关的目标"))


def test_a_bare_shared_word_still_asks_which(answerer):
    assert answerer.answer("智能工厂目标").decision == "clarify"


def test_the_plan_named_answers_with_its_sentence(answerer):
    text = render_reply(answerer.answer("行动方案里制造业贷款那条怎么写的"))
    assert "新增制造业贷款余额" in text and "原文：“力争新增制造业贷款余额1000亿元以上”" in text
    text = render_reply(answerer.answer("行动方案那个人工智能应用赋能中心是新增还是累计"))
    assert "原文：“累计建设人工智能应用赋能中心10家”" in text
    assert "原文" not in render_reply(answerer.answer("制造业贷款目标"))  # only when asked


def test_a_theme_inside_a_larger_name_declines(answerer):
    for question in ("苏州生物医药产业规模", "科创板上市企业数量"):
        assert answerer.answer(question).decision == "decline", question


def test_targets_named_beside_a_theme_are_listed_with_it(answerer):
    text = render_reply(answerer.answer("要素保障（算力人才用地资金）目标"))
    for figure in ("34000PFLOPS", "突破440万人", "1.8万亩", "力争1000亿元以上"):
        assert figure in text, figure


def test_a_status_within_a_theme(answerer):
    text = render_reply(answerer.answer("科技创新方面哪些没数据"))
    assert "共5项" in text and "新增高新技术企业" in text and "瞪羚企业" not in text


@pytest.mark.parametrize("words,themes", [
    ("创新能力", ("科技创新",)),
    ("智能制造", ("数字化智能化",)),
    ("企业梯度培育", ("企业培育",)),
    ("项目建设", ("投资与项目",)),
    ("投资规模", ("投资与项目", "产业规模")),
    ("人才公寓", ()),
    ("数字人民币", ()),  # beside the part, a thing rather than a field of work: no theme
    ("企业年金", ()),
    ("智能化改造", ("数字化智能化",)),
    ("企业梯队培育数", ("企业培育",)),  # the numbers of it
])
def test_a_part_of_a_themes_name_points_to_it(words, themes):
    assert themes_within(words) == themes


@pytest.mark.parametrize("question,figures", [
    ("创新能力这块的目标有哪些", ("57%", "4.25%", "95%", "500家")),
    ("智能制造方面的目标", ("89%", "150个", "200个")),
    ("企业梯度培育这一块有哪些目标", ("10家", "180家", "300家", "1000家")),
    ("项目建设相关的目标", ("2500亿元", "1000个")),
])
def test_a_theme_named_in_other_words_lists_its_targets(answerer, question, figures):
    text = render_reply(answerer.answer(question))
    assert all(f in text for f in figures), text


@pytest.mark.parametrize("question", ["人才公寓相关目标", "招商引资这块的目标", "数字人民币相关的目标", "企业年金相关的",
                                      "投资理财方面", "智能手机领域", "工业旅游这块"])
def test_words_of_no_theme_and_no_indicator_are_still_declined(answerer, question):
    assert answerer.answer(question).decision == "decline"
