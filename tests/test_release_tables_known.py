"""Release tables as offices lay them out, found by the third fresh tester of issue 20 and fixed in issue
21 (real releases): every write such a table makes is the figure its header names — 苏州's cumulative
1-10月 value (1980亿元, MADE UP) with the 同比 of its column, and a single month's column as that month —
and nothing else.

Before issue 21: a column per city filed 无锡's 1500 as 苏州's; 上年同期's 1840 was written as this
year's; a single month's 210 took the cumulative 同比, or was written as 1-10月; a 全年目标 of 2500 was
written as an actual figure of a year that has not ended."""

import pytest

from knowledge.releases import preview_release
from datetime import date

# the day these releases are read: every period they name has ended
READ_ON = date(2026, 12, 7)

# MADE UP: 无锡 1500, 苏州 1980 (上年同期 1840, 10月 210, 同比 7.5%), 常州 900; 全年目标 2500.
TABLES = {
    "a column per city": "指标\t无锡\t苏州\t常州\n工业投资总额（亿元）\t1500\t1980\t900",
    "上年同期 first": "指标\t上年同期\t本年累计\t增速（%）\n工业投资总额（亿元）\t1840\t1980\t7.5",
    "the month before the total": "指标\t10月\t1-10月\t同比（%）\n工业投资总额（亿元）\t210\t1980\t7.5",
    "本月 before 累计": "指标\t本月\t累计\t累计同比（%）\n工业投资总额（亿元）\t210\t1980\t7.5",
    "全年目标 first": "指标 | 全年目标 | 1-10月完成 | 完成率（%）\n工业投资总额（亿元） | 2500 | 1980 | 79.2",
}


CUMULATIVE = ("苏州", "2026年1-10月", 1980, 7.5)
MONTH = ("苏州", "2026年10月", 210, None)
WRITES = {
    "a column per city": [CUMULATIVE[:3] + (None,)],
    "上年同期 first": [CUMULATIVE],
    "the month before the total": [MONTH, CUMULATIVE],
    "本月 before 累计": [MONTH, CUMULATIVE],
    "全年目标 first": [CUMULATIVE[:3] + (None,)],
}
LEFT_OUT = {
    "a column per city": {"1500": "无锡", "900": "常州"},
    "上年同期 first": {"1840": "上年同期"},
    "the month before the total": {},
    "本月 before 累计": {},
    "全年目标 first": {"2500": "目标", "79.2": "完成率"},
}


@pytest.mark.parametrize("layout", TABLES)
def test_a_release_table_writes_only_the_figure_its_header_names(store, layout):
    text = "2026年1-10月主要指标（测试用，虚构）\n" + TABLES[layout]
    plan = preview_release(store, text, READ_ON, "测试")
    written = [(edit.key.get("city"), edit.after.get("period"), edit.after.get("value"), edit.after.get("yoy_growth"))
               for edit in plan.writes if edit.key.get("indicator_id") == "industrial_investment"]
    assert written == WRITES[layout]
    unplaced = {u.fragment: u.reason for u in plan.reading.unplaced}
    for number, why in LEFT_OUT[layout].items():
        assert why in unplaced[number]
