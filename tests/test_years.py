"""No year is hard-coded: a 2027 plan beside 2026, "今年" from the clock, the latest plan while a new year has none.
The 2027 targets and all figures here are MADE UP."""

import pytest

from knowledge.answers import Answerer
from knowledge.edits import apply_edit, plan_observation
from knowledge.render import render_reply, render_targets
from knowledge.summaries import build_summary, render_summary
from knowledge.tables import apply_import, plan_import, read_tables
from tests.conftest import fixed_clock

PLAN_2027 = (
    "indicator_id,city,year,value,unit,qualifier,text,source_id,quote\n"
    "industrial_investment,苏州,2027,2800,亿元,力争…,力争2800亿元,article,虚构的2027年目标\n"
    "new_high_tech_enterprises,苏州,2027,550,家,,550家,article,虚构的2027年目标\n"
)


def import_plan_2027(store):
    plan = plan_import(store, read_tables("plan2027.csv", PLAN_2027.encode("utf-8")))
    assert not plan.rejected, plan.summary()
    apply_import(store, plan)


def test_a_2027_plan_beside_2026_with_the_clock_in_2027(store):
    import_plan_2027(store)
    answerer = Answerer(store, clock=fixed_clock(2027, 3, 15, 9))
    this_year = render_reply(answerer.answer("今年工业投资目标"))
    assert "2027年目标" in this_year and "力争2800亿元" in this_year
    last_year = render_reply(answerer.answer("2026年工业投资目标"))
    assert "2026年目标" in last_year and "力争2500亿元" in last_year
    overview = answerer.targets_overview()
    new = {a.indicator.id for a in overview if a.target.year == 2027}
    kept = [a for a in overview if a.target.year == 2026]
    assert new == {"industrial_investment", "new_high_tech_enterprises"}
    # finding M15: the 2026 targets not yet replaced are kept, never silently dropped, and it is said
    assert kept and not new & {a.indicator.id for a in kept}
    note = f"2027年目标已录入 2 项；其余 {len(kept)} 项仍按2026年计划"
    summary = render_summary(build_summary(answerer))
    assert "苏州新型工业化2027年目标进度" in summary and note in summary
    targets = render_targets(overview)
    assert note in targets and "【2026年目标】" in targets
    assert answerer.plan_year() == (2027, note)
    plan = plan_observation(answerer, "工业投资总额", "300亿", "1-2月", "x")
    assert plan.key["period"] == "2027年1-2月"


def test_before_a_new_plan_is_entered_current_means_the_latest_plan_and_replies_say_so(store):
    answerer = Answerer(store, clock=fixed_clock(2027, 1, 20, 9))
    assert answerer.plan_year() == (2026, "2027年目标尚未录入，以下为2026年目标")
    text = render_reply(answerer.answer("工业投资目标"))
    assert "2026年目标" in text and "2027年目标尚未录入" in text
    assert "2027年目标尚未录入" in render_targets(answerer.targets_overview())
    assert "2027年目标尚未录入" in render_summary(build_summary(answerer))
    # A period without a year is the latest that has ended (1-12月 on 20 January 2027: 2026), and the
    # preview names the year.
    plan = plan_observation(answerer, "工业投资总额", "2400亿", "1-12月", "x")
    assert plan.key["period"] == "2026年" and any("按已结束的最近一期计为2026年" in line for line in plan.lines)


@pytest.mark.parametrize("month,expected", [(2, "2026年1-2月"), (11, "2026年1-11月")])
def test_figures_of_the_plan_year_are_judged_in_2027_against_their_own_period(store, month, expected):
    answerer = Answerer(store, clock=fixed_clock(2027, 1, 20, 9))
    apply_edit(store, plan_observation(answerer, "工业投资总额", "2000亿", f"2026年1-{month}月", "x"), 1, None)
    answerer.reload()
    reply = answerer.answer("2026年工业投资进度")
    assert reply.answers[0].progress.period.label == expected
    assert reply.answers[0].progress.time_progress == pytest.approx(month / 12)


def test_an_indicator_left_out_of_a_partly_entered_new_plan_says_its_target_is_last_years(store):
    import_plan_2027(store)  # 2027 targets for two indicators only
    answerer = Answerer(store, clock=fixed_clock(2027, 3, 15, 9))
    text = render_reply(answerer.answer("研发投入目标"))
    assert "2026年目标" in text and "没有2027年目标" in text, text
    assert "没有2027年目标" not in render_reply(answerer.answer("工业投资目标"))


def test_one_2027_target_keeps_the_rest_of_the_2026_plan_and_says_so(store):  # finding M15
    plan = plan_import(store, read_tables("p.csv", (PLAN_2027.splitlines()[0] + "\n" + PLAN_2027.splitlines()[1]
                                                    + "\n").encode()))
    apply_import(store, plan)
    answerer = Answerer(store, clock=fixed_clock(2027, 3, 15, 9))
    overview = answerer.targets_overview()
    assert len(overview) == len(Answerer(open_store_seeded(), clock=fixed_clock(2026, 3, 15)).targets_overview())
    summary = render_summary(build_summary(answerer))
    assert f"2027年目标已录入 1 项；其余 {len(overview) - 1} 项仍按2026年计划" in summary
    high_tech = render_reply(answerer.answer("高企新增进度"))
    assert "2026年目标" in high_tech and "本项没有2027年目标，以下为2026年目标" in high_tech
    assert "2027年目标" in render_reply(answerer.answer("工业投资目标"))


def open_store_seeded():
    from knowledge.store import open_store

    return open_store(":memory:")
