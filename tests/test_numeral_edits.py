"""/set, /target and imports read Chinese numerals, full-width digits and years in numerals as questions
do (knowledge.numerals), with the same value and period checks (issue 22, kind 2).

Every figure here is MADE UP for the tests.
"""

import pytest

from handlers.arguments import CommandRefused, plan_command
from knowledge.answers import Answerer
from knowledge.store import open_store
from knowledge.tables import plan_import, read_tables
from tests.conftest import fixed_clock
from tests.group_chat import press, run, say
from tests.test_import_cells import TODAY


@pytest.fixture
def answerer(store):
    return Answerer(store, clock=fixed_clock(2026, 11, 29, 12, 0))


@pytest.mark.parametrize("words, value, unit, period", [
    (["工业投资总额", "一千○五十亿", "1-10月"], 1050, "亿元", "2026年1-10月"),  # ○ typed for 〇
    (["工业投资总额", "１９８０亿", "二六年１-１０月"], 1980, "亿元", "2026年1-10月"),
    (["研发投入", "百分之四点二五", "二〇二五年"], 4.25, "%", "2025年"),
    (["新供产业用地", "一万二千亩", "1-10月"], 12000, "亩", "2026年1-10月"),
])
def test_set_reads_numerals_and_years_in_chinese(answerer, words, value, unit, period):
    plan = plan_command("set", answerer, words, "x")
    assert (plan.after["value"], plan.after["unit"], plan.key["period"]) == (value, unit, period)


def test_set_reads_a_growth_rate_in_numerals(answerer):
    plan = plan_command("set", answerer, ["工业投资总额", "1980亿", "1-10月", "同比增长百分之七点五"], "x")
    assert plan.after["yoy_growth"] == 7.5
    plan = plan_command("set", answerer, ["工业投资总额", "1980亿", "1-10月", "同比下降三点二%"], "x")
    assert plan.after["yoy_growth"] == -3.2


@pytest.mark.parametrize("words, reason", [
    (["工业投资总额", "一千○五十亿"], "请写期间"),  # the value is read, then the period asked for
    (["研发投入", "百分之四百", "2025年"], "不能超过100%"),  # the same value check as 400%
])
def test_set_checks_a_figure_in_numerals_as_one_in_digits(answerer, words, reason):
    with pytest.raises(CommandRefused, match=reason):
        plan_command("set", answerer, words, "x")


@pytest.mark.parametrize("year", ["二〇二七年", "２０２７"])
def test_target_takes_its_year_in_any_form(answerer, year):
    plan = plan_command("target", answerer, ["工业投资总额", "两千六百亿", year], "x")
    assert (plan.key["year"], plan.after["value"], plan.after["unit"]) == (2027, 2600, "亿元")


def test_set_in_chinese_numerals_and_full_width_digits_in_the_group(tmp_path):
    async def body(stand):
        preview = await say(stand, "/set 工业投资总额 一千○五十亿 二六年１-１０月")
        assert "数值：1050亿元" in preview["text"] and "期间：2026年1-10月" in preview["text"]
        assert "已保存" in (await press(stand, preview, "确认"))["text"]
        [saved] = stand.answerer.store.observations("industrial_investment")
        assert (saved.value, saved.period) == (1050, "2026年1-10月")
        target = await say(stand, "/target 工业投资总额 两千六百亿 二〇二七年")
        assert "工业投资总额（苏州 2027年目标）" in target["text"] and "2600亿元" in target["text"]

    run(tmp_path, body)


def test_an_import_reads_numerals_full_width_digits_and_years_in_chinese():
    store = open_store(":memory:")
    content = ("indicator_id,city,period,year,value,unit,status,source_id,yoy_growth\n"
               "industrial_investment,苏州,１-１０月,二〇二六年,一千○五十亿,,actual,article,增长百分之七点五\n"
               "rd_intensity,苏州,全年,２０２５,百分之四点二五,,actual,article,\n").encode()
    plan = plan_import(store, read_tables("observations.csv", content), today=TODAY)
    assert not plan.rejected, plan.summary()
    assert [(p.after["period"], p.after["value"], p.after["unit"], p.after["yoy_growth"]) for p in plan.added] == [
        ("2026年1-10月", 1050, "亿元", 7.5), ("2025年", 4.25, "%", None)]
