"""Several indicators named in one message, each answered with its figure (issue 22, final set 6): names
beside a list word are the list, a task verb before the first item names nothing, a word counting the
items confirms a list, a theme named after a group word is the group, a group named by its grades, a
year's figure asked with its increase, and a one-character noise word inside a name kept."""

from datetime import date

import pytest

from knowledge.questions import parse_question
from knowledge.render import render_reply
from knowledge.several import counts_items
from knowledge.slots import strip_noise
from knowledge.themes import read_theme

TODAY = date(2026, 7, 2)


@pytest.mark.parametrize("question,figures", [
    # a list word beside the names: the names are the list, not a category to look up
    ("帮我列出工业投资总额和新供产业用地的目标", ("2500亿", "1.8万亩")),
    ("做汇报 请列出高企和瞪羚的目标", ("500家", "1000家")),
    # a task verb glued before the first item
    ("帮我汇总高企和小巨人新增数", ("500家", "180家")),
    ("麻烦整理一下瞪羚和独角兽入库数", ("1000家", "300家")),
    # a count of the items named: a part scoring a little low is still one of them
    ("汇报用 工业投资总额 新供产业用地 高新产业产值占比 三个", ("2500亿", "1.8万亩", "57%")),
    # a piece of a group inside one target's name only
    ("服务业与制造业增加值两方面的目标", ("8500亿", "40%")),
    # 当年/同年 before a second thing: the year already named; 数字 after a part: "the number of"
    ("需要24年规上工业总产值和同年民营工业产值", ("4.7万亿", "23163.1")),
    ("麻烦把高企、小巨人、单项冠军三个数字发一下", ("500家", "180家", "10家")),
    # 里面 ends a phrase: what stands after it is no part of the name's noun
    ("写稿子 里面要引用全社会研发投入占GDP比重的目标 还有新供产业用地的目标 请分别给出", ("4.25%", "1.8万亩")),
    # a part naming only a year and 预计数: the same indicator in that year
    ("汇报要两个数 2024年规上工业总产值和2025年预计数", ("4.7万亿", "4.89万亿")),
    # 它 in a piece of a group: the thing before it
    ("2024年民营工业产值以及它占规上的比重这两个数", ("23163.1", "49.3%")),
    # names run together, then counted
    ("高企小巨人这两个数", ("500家", "180家")),
    ("独角兽瞪羚两个目标", ("300家", "1000家")),
])
def test_each_indicator_named_is_answered(answerer, question, figures):
    text = render_reply(answerer.answer(question))
    assert all(f in text for f in figures), text
    assert "知识库里没有" not in text


@pytest.mark.parametrize("question", ["土地人才算力这几项要素保障的目标", "算力、人才、土地、资金这几项要素保障目标"])
def test_a_theme_named_after_its_items_lists_them(answerer, question):
    text = render_reply(answerer.answer(question))
    assert all(f in text for f in ("34000", "440万", "1.8万亩", "1000亿")), text


@pytest.mark.parametrize("question", ["智能工厂两个级别要新增多少", "智能工厂各等级目标", "智能工厂两个层级"])
def test_a_group_named_by_its_grades(answerer, question):
    text = render_reply(answerer.answer(question))
    assert "领航级" in text and "卓越级" in text


@pytest.mark.parametrize("question", ["2024年规上工业总产值是多少 比上年增加了多少",
                                      "材料要用 24年规上工业总产值和比上年多了多少"])
def test_a_figure_and_its_increase_are_both_answered(answerer, question):
    text = render_reply(answerer.answer(question))
    assert "4.7万亿" in text and "2673.56" in text


def test_the_increase_alone_is_answered_alone(answerer):
    text = render_reply(answerer.answer("2024年规上工业总产值比上年增加多少"))
    assert "2673.56" in text and "4.7万亿" not in text


@pytest.mark.parametrize("question", ["人才公寓和算力券这几项", "帮我整理人才公寓和独角兽乐园", "人才公寓算力券这两个",
                                      "苏州和深圳规上工业总产值差多少",
                                      "民营工业在规上工业总产值里占了多大比例"])  # a share of one in the other
def test_no_list_made_of_larger_nouns_or_a_comparison(answerer, question):
    reply = answerer.answer(question)
    assert len({a.indicator.id for a in reply.answers}) <= 1


def test_another_place_has_no_figure_of_suzhou(answerer):
    text = render_reply(answerer.answer("无锡的高企和瞪羚目标"))
    assert "500家" not in text and "1000家" not in text


@pytest.mark.parametrize("text,count", [
    ("研发投入占比研发机构建有率高新产业产值占比三个", 3),
    ("需要瞪羚和独角兽两个目标数", 2),
    ("算力人才土地资金这几项要素保障目标", 0),
    ("高企新增多少家", None),
    ("三个百分点", None),  # a number of points, not of things named
])
def test_counts_items(text, count):
    assert counts_items(text) == count


@pytest.mark.parametrize("text,theme,rest", [
    ("算力人才土地资金这几项要素保障目标", "要素保障", "算力人才土地资金目标"),
    ("人才和资金这两项要素的目标", "人才/资金", "要素的目标"),  # the two things counted are asked
    ("智能工厂两个等级的新增目标", "智能工厂", "新增目标"),
    # a second group word narrows the first: the 增加值 ones
    ("总量类的指标/增加值那几个/目标分别是多少", "增加值", "总量类的指标//目标分别是多少"),
])
def test_read_theme_after_a_group_word(text, theme, rest):
    read, left = read_theme(text)
    assert (read, left.replace(" ", "")) == (theme, rest)


@pytest.mark.parametrize("text,bare", [
    ("研发机构建有率多少", "研发机构建有率"),
    ("要素保障的目标", "要素保障目标"),
    ("高企要新增多少家", "高企新增"),  # a 要 of its own still goes
])
def test_a_noise_character_inside_a_name_stays(text, bare):
    assert strip_noise(text) == bare


def test_a_name_holding_a_noise_character_is_read_whole():
    assert parse_question("研发机构建有率 高企 两个", TODAY).parts == ("研发机构建有率", "高企")
