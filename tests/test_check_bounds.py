"""Yes/no checks from tester round 5 (issue 22, H2, M1, M2): a bound that includes the figure (至少, 不少于,
以上, 以内), nearness (接近/差不多/将近 within NEAR_SHARE), a figure said with 多 (五百多家 = 500–600), a bare
number in the record's unit (八千五 against 8500亿元), a unit of the same kind in another size (EFLOPS, 公顷),
several figures whose names run together or are listed after a request to check them, and a figure with a
year but no name judged against the one figure of that year it is near."""

import pytest

from knowledge.check_pairs import read_paired_checks
from knowledge.checks import AT_LEAST, AT_MOST, NEAR, ODD, Check, read_check
from knowledge.questions import normalize
from knowledge.render import render_reply
from knowledge.verdicts import odd_step


@pytest.mark.parametrize("text,check,rest", [
    ("瞪羚企业至少八百家吗", Check("800家", AT_LEAST, "至少"), "瞪羚企业"),
    ("独角兽培育企业不少于三百家吧", Check("300家", AT_LEAST, "不少于"), "独角兽培育企业"),
    ("新增亿元以上产业项目两千五百个以上吗", Check("2500个", AT_LEAST, "以上"), "新增亿元以上产业项目"),
    ("大模型150个以内吗", Check("150个", AT_MOST, "以内"), "大模型"),
    ("民营工业产值占比接近一半对吗", Check("50%", NEAR, "接近"), "民营工业产值占比"),
    ("规上工业总产值2025年接近五万亿了吧", Check("5万亿", NEAR, "接近"), "规上工业总产值2025年"),
    ("民营工业产值占比将近五成吗", Check("50%", NEAR, "将近"), "民营工业产值占比"),
    ("高企新增五百多家吗", Check("500家", ODD, "多"), "高企新增"),
    ("2024年民营工业产值是两万三千多亿吗", Check("23000亿", ODD, "多"), "2024年民营工业产值"),
    ("制造业贷款余额新增一千亿以上？", Check("1000亿", AT_LEAST, "以上"), "制造业贷款余额新增"),
    ("智算规模34000EFLOPS对吗", Check("34000eflops"), "智算规模"),
    ("新供产业用地1.8万公顷对吗", Check("1.8万公顷"), "新供产业用地"),
    # a figure recalled in its own clause, a request to check it clauses later
    ("说市里有个赋能中心累计建设的目标，我印象里是8家，不确定，能帮忙核实一下吗", Check("8家"),
     "说市里有个赋能中心累计建设的目标/我印象里是/不确定"),
])
def test_a_bound_nearness_or_another_unit_is_read_with_the_figure(text, check, rest):
    assert read_check(normalize(text, breaks=True)) == (check, rest)


@pytest.mark.parametrize("value,step", [("23000", "1000"), ("500", "100"), ("440", "10"), ("4.8", "0.1")])
def test_the_range_of_a_figure_said_with_duo_is_one_step_of_its_last_place(value, step):
    from decimal import Decimal
    assert odd_step(Decimal(value)) == Decimal(step)


@pytest.mark.parametrize("text,checks", [
    ("瞪羚1000家独角兽200家对不对", (("1000家", "瞪羚"), ("200家", "独角兽"))),
    ("高企500 小巨人200 冠军10 对吗", (("500", "高企"), ("200", "小巨人"), ("10", "冠军"))),
    ("收到 人才总量和新供产业用地的目标帮忙核一下 一个是突破四百四十万人 一个是两万亩", (("440万人", ""), ("2万亩", ""))),
    # a short number alone, or figures listed with no request to check them: not several checks
    ("冠军10 对吗", ()),
    ("人才总量和新供产业用地 一个是突破四百四十万人 一个是两万亩", ()),
])
def test_several_figures_are_read_when_names_run_together_or_follow_a_request(text, checks):
    read, _ = read_paired_checks(normalize(text, breaks=True))
    assert tuple((c.text, c.words) for c in read) == checks


@pytest.mark.parametrize("question,first", [
    # H2: 至少 is a lower bound; 接近/差不多/将近 ask nearness, said with the exact figure
    ("瞪羚企业至少八百家吗", "是，苏州2026年目标为力争1000家，高于800家。"),
    ("研发投入占比至少4%吗", "是，苏州2026年目标为超4.25%，高于4%。"),
    ("瞪羚企业至少一千二百家吗", "不是，苏州2026年目标为力争1000家，低于1200家。"),
    ("民营工业产值占比接近一半对吗", "是，苏州2024年为49.3%，接近50%。"),
    ("民营工业产值占比差不多一半吧", "是，苏州2024年为49.3%，接近50%。"),
    ("2025年规上工业总产值接近5万亿吗", "是，苏州2025年为预计4.89万亿元，接近5万亿元。"),
    ("瞪羚企业接近八百家吧", "不是，苏州2026年目标为力争1000家，比800家高25%，不算接近。"),
    ("研发投入占比大概4%吧", "是，苏州2026年目标为超4.25%，略高于4%。"),  # a share: also within 0.5 百分点
    ("两化融合达成度接近八成吗", "不是，苏州2026年目标为89%，比80%高9个百分点，不算接近。"),
    ("工业投资约2500亿吗", "是，苏州2026年目标为力争2500亿元。"),
    # M1: a verdict for each, said plainly
    ("生产性服务业增加值八千五对吗", "是，苏州2026年目标为8500亿元。"),
    ("独角兽培育企业不少于三百家吧", "是，苏州2026年目标为力争300家。"),
    ("新增亿元以上产业项目两千五百个以上吗", "是，苏州2026年目标为2500个。"),
    ("大模型150个以内吗", "是，苏州2026年目标为150个。"),
    ("大模型不超过一百个吧", "不是，苏州2026年目标为150个，高于100个。"),
    ("制造业贷款余额新增一千亿以上？", "是，苏州2026年目标为力争1000亿元以上。"),
    ("高企新增五百多家吗", "不是，苏州2026年目标应为500家（不是500多家）。"),
    ("2024年民营工业产值是两万三千多亿吗", "是，苏州2024年为23163.1亿元，是23000多亿元。"),
    ("智算规模34000EFLOPS对吗", "不是，苏州2026年目标应为34000PFLOPS（不是34000EFLOPS；34000EFLOPS即34000000PFLOPS）。"),
    ("新供产业用地1.8万公顷对吗", "不是，苏州2026年目标应为1.8万亩（不是1.8万公顷；1.8万公顷即27万亩）。"),
    # a year and a figure, no name: the one figure of that year it is near
    ("25年是不是4.9万亿", "不是，苏州2025年应为预计4.89万亿元（不是4.9万亿元）。"),
    ("2024年是不是两万三千亿", "不是，苏州2024年应为23163.1亿元（不是23000亿元）。"),
])
def test_a_check_of_these_kinds_gets_its_verdict(answerer, question, first):
    reply = answerer.answer(question)
    text = render_reply(reply)
    assert reply.decision == "answer" and text.splitlines()[0] == first, text


def test_a_figure_with_no_name_and_no_year_is_not_guessed(answerer):
    assert answerer.answer("是不是4.9万亿").decision == "decline"


@pytest.mark.parametrize("question,expected", [
    ("瞪羚1000家独角兽200家对不对", ["是，苏州2026年目标为力争1000家。", "不是，苏州2026年目标应为力争300家（不是200家）。"]),
    ("高企500 小巨人200 冠军10 对吗",
     ["是，苏州2026年目标为500家。", "不是，苏州2026年目标应为180家（不是200家）。", "是，苏州2026年目标为10家。"]),
    ("收到 我这边整理了一下 人才总量和新供产业用地的目标帮忙核一下 一个是突破四百四十万人 一个是两万亩",
     ["是，苏州2026年目标为突破440万人。", "不是，苏州2026年目标应为1.8万亩（不是2万亩）。"]),
    ("请帮我核对：高企新增500家、小巨人新增200家、单项冠军新增10家，哪个不对",
     ["是，苏州2026年目标为500家。", "不是，苏州2026年目标应为180家（不是200家）。", "是，苏州2026年目标为10家。"]),
    ("高企和小巨人帮忙确认一下 分别是500家和180家", ["是，苏州2026年目标为500家。", "是，苏州2026年目标为180家。"]),
])
def test_each_figure_of_several_gets_its_own_verdict(answerer, question, expected):
    text = render_reply(answerer.answer(question))
    assert [line for line in text.splitlines() if line.startswith(("是，", "不是，"))] == expected, text
    assert "知识库里没有" not in text, text  # the request to check is explained by the checks read
