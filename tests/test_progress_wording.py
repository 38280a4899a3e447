"""How progress reads in a reply: no "0个百分点" said as a lead or a gap, no fraction of a firm in a
projection, no projection once the figure covers the whole year. All figures here are MADE UP."""

import pytest

from knowledge.answers import Answerer
from knowledge.render import render_reply
from tests.conftest import fixed_clock
from tests.test_answers import record


@pytest.mark.parametrize("indicator,value,unit,period,question,present,absent", [
    # 400 of 500 firms in 1-9月: 533.3 a year at this pace, 33.3 a month still needed
    ("new_high_tech_enterprises", 400, "家", "2026年1-9月", "高企进度",
     ("全年预计：533家", "还需100家，月均34家"), ("533.3", "33.3")),
    # exactly the target of 超4.25%: not above it, and not "高于目标0个百分点"
    ("rd_intensity", 4.25, "%", "2026年", "研发投入进度", ("与目标持平",), ("0个百分点",)),
    # 50% done at half the year: in step, not "超前序时进度0个百分点"
    ("industrial_investment", 1250, "亿元", "2026年上半年", "工业投资进度", ("与序时进度持平",), ("0个百分点",)),
    # the whole year is in: nothing left to project
    ("industrial_investment", 2400, "亿元", "2026年", "工业投资进度", ("完成率：96.0%",), ("全年预计", "前12个月")),
])
def test_progress_wording(store, indicator, value, unit, period, question, present, absent):
    record(store, indicator, value, unit, period=period)
    text = render_reply(Answerer(store, clock=fixed_clock(2026, 11, 29, 9)).answer(question))
    assert all(p in text for p in present), text
    assert not any(a in text for a in absent), text
