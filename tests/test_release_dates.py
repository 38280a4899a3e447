"""The year of a release's periods (issue 21, items 1 and 3): a period written without a year is the
latest such period that has ended by the release's own date (its date line, else the day it is read);
a figure whose period had not ended then, or that figure_refusal refuses, is 不写入 with the reason,
and the other figures of the release still go through. Every figure here is MADE UP."""

from datetime import date

import pytest

from knowledge.releases import NEW, NOT_WRITTEN, apply_release, preview_release, read_release
from tests.group_chat import press, run
from tests.test_release_chat import paste_release

INVESTMENT = "全市完成工业投资1986.2亿元，同比增长7.5%。"  # MADE UP


def periods(store, text, today):
    return [(f.indicator_id, f.period) for f in read_release(text, store, today).figures]


@pytest.mark.parametrize("written, today, label", [
    # the two cases of the issue
    ("1至8月", date(2024, 9, 10), "2024年1-8月"),
    ("1—2月", date(2027, 3, 15), "2027年1-2月"),
    # month edges: a period is over the day after its last day
    ("1—10月", date(2026, 11, 5), "2026年1-10月"),
    ("1—10月", date(2026, 11, 1), "2026年1-10月"),
    ("1—12月", date(2027, 1, 1), "2026年"),
    ("12月份", date(2027, 1, 5), "2026年12月"),
    ("一季度", date(2026, 4, 1), "2026年一季度"),
    ("下半年", date(2027, 3, 1), "2026年下半年"),
    # not over, and nearer its end than last year's is past: this year's, which is then not written (as /set)
    ("上半年", date(2027, 3, 1), "2027年上半年"),
    ("1—11月", date(2026, 11, 26), "2026年1-11月"),
    ("前三季度", date(2027, 1, 20), "2026年前三季度"),
    # 全年 / 过去一年 in January or February is the year before; 去年 always is
    ("全年", date(2027, 1, 20), "2026年"),
    ("全年", date(2027, 2, 28), "2026年"),
    ("过去一年", date(2027, 2, 10), "2026年"),
    ("去年", date(2026, 8, 20), "2025年"),
    # a year written wins
    ("2024年1—2月", date(2027, 3, 15), "2024年1-2月"),
])
def test_a_period_without_a_year_is_the_latest_one_ended_by_the_release_date(store, written, today, label):
    assert periods(store, f"{written}，{INVESTMENT}", today) == [("industrial_investment", label)]


def test_last_years_period_in_a_monthly_text_is_a_compared_period_not_recorded(store):
    # 去年1—10月 beside this year's figures is the base of a comparison, often restated on a comparable
    # basis: it is never written, not even as 2025年1-10月 (tests/test_release_clauses.py has the kinds)
    assert periods(store, f"去年1—10月，{INVESTMENT}", date(2026, 12, 7)) == []


def test_a_heading_year_wins_over_the_date(store):
    text = "2025年1—10月全市经济运行情况\n1—10月，" + INVESTMENT
    assert periods(store, text, date(2026, 12, 7)) == [("industrial_investment", "2025年1-10月")]


@pytest.mark.parametrize("date_line, written, today, label", [
    # each form of a date line; read on a day that would give another year
    ("1月31日\n", "1—11月", date(2027, 12, 1), "2026年1-11月"),
    ("8月26日，苏州市统计局公布了前七个月全市经济数据。\n", "1至7月", date(2027, 1, 5), "2026年1-7月"),
    ("昨天(12月5日)，市统计局发布了前十一个月经济数据。\n", "1—11月", date(2027, 6, 20), "2026年1-11月"),
    ("发布时间：2020-11-18\n", "1—10月", date(2026, 12, 7), "2020年1-10月"),
    ("2020年11月18日\n", "1—10月", date(2026, 12, 7), "2020年1-10月"),
    ("2020-11-18 10:30\n", "1—10月", date(2026, 12, 7), "2020年1-10月"),
    ("苏州市统计局　国家统计局苏州调查队　2026年3月\n", "全年", date(2026, 12, 7), "2025年"),
    ("中新网苏州1月23日电　市统计局发布全年数据。\n", "全年", date(2027, 12, 1), "2026年"),
])
def test_the_release_date_line_dates_its_periods(store, date_line, written, today, label):
    text = f"{date_line}{written}，{INVESTMENT}"
    plan = preview_release(store, text, today, "测试")
    assert [(i.figure.period, i.state) for i in plan.items] == [(label, NEW)]
    assert not plan.reading.unplaced  # the date line is no figure
    from knowledge.releases.dates import release_date

    published = release_date(text.split("\n"), today).day
    note = f"期间未写年份：按发布日期{published.year}年{published.month}月{published.day}日，取{label[:4]}年"
    assert plan.summary().count("期间未写年份") == 1 and note in plan.summary()


def test_a_day_and_month_is_the_latest_such_day_not_after_the_reading():
    from knowledge.releases.dates import release_date

    assert release_date(["12月31日"], date(2027, 3, 15)).day == date(2026, 12, 31)
    assert release_date(["3月15日"], date(2027, 3, 15)).day == date(2027, 3, 15)
    assert release_date(["2月29日"], date(2027, 3, 15)).day == date(2024, 2, 29)
    assert release_date(["截至11月20日，全市工业投资1986.2亿元。"], date(2026, 12, 7)).written is False
    assert release_date(["2030-01-01"], date(2026, 12, 7)).written is False  # a date after today is no date line
    # a date opening a sentence past the lead tells of an event, not of the release
    body = ["全市经济运行情况", "1—10月，全市经济平稳。", "工业稳中有进。", "2019年5月1日，园区成立。"]
    assert release_date(body, date(2026, 12, 7)).written is False
    assert release_date(body + ["苏州市统计局　2026年11月18日"], date(2026, 12, 7)).day == date(2026, 11, 18)


def test_without_a_date_line_the_preview_says_today_was_used(store):
    plan = preview_release(store, "1至8月，" + INVESTMENT, date(2024, 9, 10), "测试")
    assert "期间未写年份：文中没有发布日期，按今天2024年9月10日，取2024年" in plan.summary()
    written = preview_release(store, "2024年1—8月，" + INVESTMENT, date(2024, 9, 10), "测试")
    assert "期间未写年份" not in written.summary()


def test_a_government_work_report_reviews_the_year_before(store):
    text = ("2027年苏州市政府工作报告（摘要）\n"
            "2027年1月15日\n"
            "全市规上工业总产值4.36万亿元，同比增长4%。全年工业投资1986.2亿元。\n"
            "今年全市工业投资2100亿元。")  # the year's target: not an actual figure
    plan = preview_release(store, text, date(2027, 1, 20), "测试")
    states = {(i.figure.indicator_id, i.figure.period): i.state for i in plan.items}
    assert states == {("gross_industrial_output", "2026年"): NEW, ("industrial_investment", "2026年"): NEW}
    assert [u.reason for u in plan.reading.unplaced] == ["“今年”：这是目标，不是实际数"]  # a report's 今年，… plans
    assert "政府工作报告回顾上一年" in plan.summary()


def test_news_of_the_work_report_reviews_the_year_before_but_a_month_keeps_the_date_rule(store):
    text = ("1月12日，苏州市人大会议开幕，市长代表市政府报告工作。\n"
            "全市规上工业总产值4.69万亿元。1—11月，全市完成工业投资1986.2亿元。")
    assert periods(store, text, date(2025, 1, 13)) == [("gross_industrial_output", "2024年"),
                                                        ("industrial_investment", "2024年1-11月")]


# -- item 3: the checks of /set and /import ---------------------------------------------------------

def test_a_period_not_ended_is_not_written_and_the_rest_goes_through(store):
    text = ("1—10月，全市完成工业投资1986.2亿元。\n"
            "1—11月，全市规上工业总产值42000亿元。\n"
            "2026年全年，全市新增高新技术企业600家。\n"
            "2030年1—10月，全市规上工业总产值99000亿元。")
    plan = preview_release(store, text, date(2026, 11, 26), "测试")
    states = {(i.figure.indicator_id, i.figure.period): (i.state, i.note) for i in plan.items}
    assert states.pop(("industrial_investment", "2026年1-10月"))[0] == NEW
    assert set(states) == {("gross_industrial_output", "2026年1-11月"), ("new_high_tech_enterprises", "2026年"),
                           ("gross_industrial_output", "2030年1-10月")}
    for state, note in states.values():
        assert state == NOT_WRITTEN and "还没有结束" in note and "今天是2026-11-26" in note
    assert "【不写入：期间2026年1-11月还没有结束" in plan.summary()
    assert apply_release(store, plan) == 1
    assert [r["period"] for r in store.db["observations"].rows_where("recorded_by = ?", ["测试"])] == ["2026年1-10月"]


def test_a_period_not_ended_on_the_release_date_is_refused_even_if_read_later(store):
    text = "11月24日，市统计局发布经济数据。\n1—11月，全市完成工业投资1986.2亿元。"
    [item] = preview_release(store, text, date(2026, 12, 7), "测试").items
    assert item.state == NOT_WRITTEN and "通报发布于2026-11-24" in item.note


@pytest.mark.parametrize("sentence, reason", [
    # (more than 20 digits is no figure at all, listed as 数字太长: test_release_text_forms)
    ("全市完成工业投资总额" + "9" * 20 + "亿元。", "超过一亿亿"),
    ("全市完成工业投资总额" + "25" + "0" * 18 + "亿元。", "超过一亿亿"),  # 10¹⁶ times the 2500亿元 target
    ("全市完成工业投资总额30000亿元。", "目标的10倍"),
    ("高新技术产业产值占规上工业总产值比重达150%。", "100%"),
])
def test_a_figure_the_set_check_refuses_is_shown_not_written(store, sentence, reason):
    text = f"2026年1—10月全市经济运行情况\n1—10月，{sentence}\n1—10月，全市规上工业总产值40876.3亿元。"
    plan = preview_release(store, text, date(2026, 12, 7), "测试")
    refused, kept = plan.items
    assert refused.state == NOT_WRITTEN and reason in refused.note and f"【不写入：{refused.note}】" in plan.summary()
    assert kept.state == NEW and [e.key["indicator_id"] for e in plan.writes] == ["gross_industrial_output"]


def test_the_chat_preview_says_the_year_and_refuses_a_month_not_ended(tmp_path):
    async def body(stand):  # the stand-in's clock reads 26 November 2026
        text = "1—10月，全市完成工业投资1986.2亿元。\n1—11月，全市规上工业总产值42000亿元。"
        preview = await paste_release(stand, text + "\n")
        assert "期间未写年份：文中没有发布日期，按今天2026年11月26日，取2026年" in preview["text"]
        assert "规上工业总产值 2026年1-11月：42000亿元 【不写入：期间2026年1-11月还没有结束" in preview["text"]
        done = await press(stand, preview, "确认")
        assert "已写入 1 个数据" in done["text"]

    run(tmp_path, body)


def test_the_restated_dev_texts_yield_every_wanted_row_and_nothing_wrong():
    """../shared/eval/releases/restated, each read on its date: the 2024 review dated “8月26日” and the
    2010 notice read in 2011 (its share written “占全市规模以上工业企业产值总量的36.7%”)."""
    from pathlib import Path

    from tests.release_scores import score_folder

    scores = score_folder(Path(__file__).resolve().parents[2] / "shared" / "eval" / "releases" / "restated")
    assert [(s.name, len(s.right), s.want, s.wrong, s.never) for s in scores] == [
        ("2024_07_monthly.txt", 2, 2, [], []), ("2010_high_tech_notice.txt", 2, 2, [], [])]
