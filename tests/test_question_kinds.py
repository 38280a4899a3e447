"""The kinds of question of issue 12, checked on the whole reply rather than one figure.

Several indicators at once, figures quoted back, ranks with their scope and basis, differences
(stated, computed, refused), lists over the knowledge base, follow-ups through a Context, greetings,
and questions that name something the knowledge base lacks.
"""

from dataclasses import replace

import pytest

from knowledge.answers import GREETING, NO_MATCH, NO_SCOPE_DATA, Context
from knowledge.render import render_reply, reply_dict
from tests.test_answers import record


def test_two_indicators_are_both_answered_in_one_reply(answerer):
    reply = answerer.answer("高企和小巨人今年各新增多少")
    text = render_reply(reply)
    assert reply.decision == "answer"
    assert "新增高新技术企业" in text and "500家" in text
    assert "小巨人" in text and "180家" in text
    assert [r["indicator_id"] for r in reply_dict(reply)["results"]] == ["new_high_tech_enterprises",
                                                                        "little_giant_firms"]


def test_an_unknown_indicator_beside_a_known_one_is_named(answerer):
    text = render_reply(answerer.answer("高企和元宇宙企业各新增多少"))
    assert "500家" in text and "知识库里没有：元宇宙企业" in text


@pytest.mark.parametrize("question,indicator_id", [
    ("5万亿今年能完成吗", "gross_industrial_output"),
    ("离2500亿还差多少", "industrial_investment"),
    ("180家是什么指标的目标", "little_giant_firms"),
    ("2500个项目是什么目标", "major_industrial_projects"),
    ("57%是哪个指标的目标", "high_tech_output_share"),
])
def test_a_figure_quoted_back_names_its_indicator(answerer, question, indicator_id):
    reply = answerer.answer(question)
    assert [a.indicator.id for a in reply.answers] == [indicator_id]


def test_a_figure_shared_by_two_targets_answers_both(answerer):
    ids = {a.indicator.id for a in answerer.answer("10家是什么目标").answers}
    assert ids == {"single_champion_firms", "ai_enablement_centers"}


def test_a_quoted_past_figure_gives_its_year(answerer):
    assert "2025年" in render_reply(answerer.answer("4.89万亿是哪年的数据"))
    text = render_reply(answerer.answer("苏州哪年突破3万亿"))
    assert text.startswith("规上工业总产值 · 苏州 2013年") and "突破3万亿元" in text


def test_a_rank_implied_by_other_cities_sentences_is_given_with_them(answerer):
    text = render_reply(answerer.answer("苏州工业全国排第几"))
    assert "全国第二（仅次于上海）" in text  # 2013, its own record
    assert "2024年 全国第二：苏州（由以下记录推出）" in text
    assert "依据：北京 2024年：全国第四（仅次于深圳、苏州、上海）" in text
    assert "暂无全国" not in text


def test_which_city_is_first_comes_from_the_latest_record(answerer):
    text = render_reply(answerer.answer("工业实力全国第一是哪个城市"))
    assert "全国第一：深圳" in text and "依据：北京" in text
    text = render_reply(answerer.answer("2013年全国规上工业总产值第一是哪个城市"))
    assert "全国第一：上海" in text


def test_a_scope_no_record_mentions_is_declined(answerer):
    reply = answerer.answer("苏州在长三角工业排第几")
    assert reply.decision == "decline" and reply.reason == NO_SCOPE_DATA
    assert "长三角" in render_reply(reply) and "第二" not in render_reply(reply)


def test_a_stated_difference_is_quoted_not_computed_from_a_bound(answerer):
    text = render_reply(answerer.answer("苏州和深圳2013年差多少"))
    assert "文中给出的差距：与苏州差距高达7千亿元" in text
    assert "计算值" not in text and "差值" not in text


def test_a_difference_between_two_exact_figures_is_computed_and_says_so(answerer):
    text = render_reply(answerer.answer("2025年规上工业总产值比2024年多多少"))
    assert "差值：2025年比2024年多1900亿元" in text
    assert "计算值：由预计4.89万亿元与4.7万亿元相减得出，文中未直接给出" in text
    text = render_reply(answerer.answer("苏州千亿产业比上海少几个"))
    assert "苏州比上海少2个" in text and "文中给出的差距" not in text


def test_no_difference_is_computed_from_a_bound(answerer):
    text = render_reply(answerer.answer("2024年规上工业总产值比2013年多了多少"))
    assert "4.7万亿元" in text and "突破3万亿元" in text
    assert "未计算差值" in text and "差值：" not in text.replace("未计算差值：", "")


def test_the_year_before_is_the_stated_increase(answerer):
    assert "2673.56亿元" in render_reply(answerer.answer("24年比上年多了多少"))


def test_lists_come_from_the_targets_and_their_statuses(store, answerer):
    assert "共27项" in render_reply(answerer.answer("一共多少个目标"))
    text = render_reply(answerer.answer("科技创新方面有哪些目标"))
    assert text.count("\n· ") == 5 and "全社会研发投入占GDP比重：超4.25%" in text
    assert "目前没有状态为“滞后”的目标" in render_reply(answerer.answer("哪些指标滞后"))
    record(store, "industrial_investment", 500, "亿元")  # 20% done at half the year
    answerer.reload()
    text = render_reply(answerer.answer("哪些指标滞后"))
    assert "状态为“滞后”的目标共1项" in text and "工业投资总额" in text
    assert "工业投资总额" not in render_reply(answerer.answer("还有哪些没数据"))


def test_a_follow_up_inherits_what_it_does_not_name(answerer):
    first = answerer.answer("千亿产业数量")
    assert first.context == Context(("billion_yuan_industries",), (), None)
    text = render_reply(answerer.answer("那上海呢", context=first.context))
    assert "千亿产业数量 · 上海" in text and "13个" in text
    later = answerer.answer("2024年规上工业总产值")
    assert "预计4.89万亿元" in render_reply(answerer.answer("那2025年呢", context=later.context))
    assert answerer.answer("那上海呢").decision == "decline"  # nothing to follow


def test_a_question_of_its_own_does_not_inherit_the_previous_private_answer(answerer):
    previous = Context(("billion_yuan_industries",), ("上海",), None, replied=False)
    text = render_reply(answerer.answer("研发投入目标", context=previous))
    assert "全社会研发投入占GDP比重 · 苏州" in text and "上海" not in text
    # a follow-up keeps the city: 上海 has no 瞪羚 figure, and 苏州's is not passed off as 上海's
    follow = answerer.answer("那瞪羚呢", context=previous)
    assert follow.decision == "decline" and "上海" in render_reply(follow) and "1000" not in render_reply(follow)
    assert "13个" in render_reply(answerer.answer("上海呢", context=replace(previous, cities=())))


@pytest.mark.parametrize("question", ["你好", "您好！", "你是谁", "在吗"])
def test_a_greeting_is_a_decline_that_points_to_help(answerer, question):
    reply = answerer.answer(question)
    assert reply.decision == "decline" and reply.reason == GREETING and "/help" in render_reply(reply)


@pytest.mark.parametrize("question", [
    "数字经济核心产业增加值占比",  # not 制造业增加值占比, not 高新技术产业占比
    "服务业增加值占比目标",
    "工业技改投资目标",
    "高技能人才总量目标",
    "制造业贷款利率多少",
    "新增省级智能工厂多少家",
])
def test_a_question_about_something_else_is_declined_not_clarified(answerer, question):
    reply = answerer.answer(question)
    assert reply.decision == "decline" and reply.reason == NO_MATCH, render_reply(reply)


@pytest.mark.parametrize("question", ["谁有充电器", "谁来写今天的材料", "辛苦了各位", "好的收到"])
def test_chatter_is_declined(answerer, question):
    assert answerer.answer(question).decision == "decline"


@pytest.mark.parametrize("question,expected", [
    ("领导好，麻烦问一下今年高企要新增多少家，辛苦🙏", "500家"),
    ("老师您好，写汇报需要，能否告知瞪羚企业的目标数，辛苦了", "力争1000家"),
    ("高企进度咋样", "500家"),
    ("工业投资盘子多大", "力争2500亿元"),
    ("瞪羚企业入库多少家", "力争1000家"),
])
def test_wrappers_and_colloquial_intents_reach_the_core(answerer, question, expected):
    reply = answerer.answer(question)
    assert reply.decision == "answer" and expected in render_reply(reply)


@pytest.mark.parametrize("question", ["瞪羚企业认定条件是什么", "专精特新小巨人申报时间", "智算中心在哪里"])
def test_how_or_where_is_not_answered_with_a_target(answerer, question):
    reply = answerer.answer(question)
    assert reply.decision == "decline"
    assert "只掌握各项目标和统计数字" in render_reply(reply)


@pytest.mark.parametrize("question", ["现在苏州有几家独角兽企业", "独角兽企业有多少家", "苏州有几个国家高新区"])
def test_how_many_exist_is_not_answered_with_an_aim(answerer, question):
    # 入库…培育企业 and 争创国家高新区 are aims for the year: their target is no count of what exists
    text = render_reply(answerer.answer(question))
    assert "没有这一项的现有总数" in text and "不能当作总数" in text


@pytest.mark.parametrize("question, said", [("十四五期间工业投资多少", "暂无苏州十四五期间的“工业投资总额”数据"),
                                            ("今年下半年高企要新增多少", "暂无苏州2026年下半年的“新增高新技术企业”数据")])
def test_a_period_with_no_figure_is_named_not_the_indicator_missed(answerer, question, said):
    assert said in render_reply(answerer.answer(question))


@pytest.mark.parametrize("question", ["苏州市工业投资总额目标（不是昆山的）", "我在昆山工作，想问下苏州全市的工业投资目标",
                                      "昆山那边问苏州市高企目标是多少"])
def test_a_place_that_only_says_who_asks_gets_no_refusal(answerer, question):
    text = render_reply(answerer.answer(question))
    assert "苏州 2026年目标" in text and "昆山" not in text
