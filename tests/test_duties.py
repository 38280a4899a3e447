"""Responsible units, reporting cycles and due days: which figure is due when, /units, /due, and the
admins' reminder the day after a due date — once — with the clock moved across it."""

import asyncio
from datetime import date, datetime

import pytest

from knowledge.answers import Answerer
from handlers.arguments import UNITS_USAGE, CommandRefused, plan_command
from knowledge.duties import Duty, DutyError, due_period, overdue, parse_duty, plan_duty, render_overdue
from knowledge.edits import apply_edit
from knowledge.store import open_store
from tests.conftest import SHANGHAI
from tests.harness import application, standin

ADMIN_CHAT, OWNER = -100700, 42


@pytest.mark.parametrize("cycle, day, today, expected", [
    ("monthly", 25, date(2026, 11, 24), (2026, 9, date(2026, 10, 25))),
    ("monthly", 25, date(2026, 11, 25), (2026, 10, date(2026, 11, 25))),
    ("monthly", 25, date(2026, 2, 27), (2025, 12, date(2026, 1, 25))),  # no January figure of its own
    ("monthly", 25, date(2026, 3, 25), (2026, 2, date(2026, 3, 25))),
    ("monthly", 28, date(2026, 3, 28), (2026, 2, date(2026, 3, 28))),
    ("quarterly", 30, date(2026, 4, 29), (2025, 12, date(2026, 1, 30))),
    ("quarterly", 30, date(2026, 4, 30), (2026, 3, date(2026, 4, 30))),
    ("yearly", 60, date(2027, 3, 1), (2026, 12, date(2027, 3, 1))),
    ("yearly", 60, date(2027, 2, 28), (2025, 12, date(2026, 3, 1))),
])
def test_due_period(cycle, day, today, expected):
    assert due_period(Duty("x", "市统计局", cycle, day), today) == expected


@pytest.mark.parametrize("words, expected", [
    (["市发改委"], ("市发改委", "monthly", 25)),
    (["市科技局", "年度", "60"], ("市科技局", "yearly", 60)),
    (["市工信局", "季度", "30天"], ("市工信局", "quarterly", 30)),
    (["市工信局", "月度", "25日"], ("市工信局", "monthly", 25)),
])
def test_parse_duty(words, expected):
    assert parse_duty(*words) == expected


@pytest.mark.parametrize("words, reason", [
    ([""], "责任单位"), (["<b>局</b>"], "责任单位"), (["市工信局", "每周"], "月度、季度 或 年度"),
    (["市工信局", "月度", "31"], "1到28"), (["市工信局", "月度", "x"], "数字"), (["局" * 31], "责任单位"),
    (["市工信局", "月度", "²"], "数字"), (["市工信局", "季度", "3²日"], "数字"),  # isdigit() but not int()
])
def test_bad_duties_are_refused_with_the_reason(words, reason):
    with pytest.raises(DutyError, match=reason):
        parse_duty(*words)


@pytest.mark.parametrize("words, usage", [
    (["工业投资总额"], True), (["工业投资总额", "市工信局", "月度", "25", "多余"], True),
    (["工业投资总额", "<b>局</b>"], True),  # a unit that cannot be read: the reason, then how to write one
    (["工业投资总额", "市工信局", "每周"], False),
])
def test_units_words_that_do_not_fit_are_answered_with_the_usage(answerer, words, usage):
    with pytest.raises(CommandRefused) as refused:
        plan_command("units", answerer, words, "测试")
    assert str(refused.value).endswith(UNITS_USAGE) == usage


def set_duty(answerer, indicator, unit, cycle=None, day=None):
    apply_edit(answerer.store, plan_duty(answerer, indicator, unit, cycle, day, "测试"), OWNER, None)


def record(store, indicator_id, period, value, unit):
    store.db["observations"].insert({"indicator_id": indicator_id, "city": "苏州", "period": period, "year": 2026,
                                     "value": value, "unit": unit, "text": f"{value}{unit}", "status": "actual",
                                     "recorded_by": "测试"})


def test_overdue_lists_what_is_missing_by_unit(answerer):
    store = answerer.store
    set_duty(answerer, "工业投资总额", "市发改委", "月度", "25")
    set_duty(answerer, "新供产业用地", "市资源规划局")
    set_duty(answerer, "研发投入", "市科技局", "年度", "60")
    record(store, "industrial_investment", "2026年1-9月", 1700, "亿元")
    record(store, "new_industrial_land", "2026年1-10月", 1.5, "万亩")
    late = overdue(store, date(2026, 11, 26))
    assert render_overdue(late) == "10月数据未录入：工业投资总额（市发改委）\n2025年数据未录入：全社会研发投入占GDP比重（市科技局）"
    assert [o.indicator.id for o in overdue(store, date(2026, 11, 24))] == ["rd_intensity"]
    record(store, "industrial_investment", "2026年1-10月", 1986.2, "亿元")
    assert [o.indicator.id for o in overdue(store, date(2026, 11, 26))] == ["rd_intensity"]
    assert store.changes_for("industrial_investment")[0]["action"] == "set_duty"


def test_units_due_and_exactly_one_reminder_across_the_due_date(tmp_path):
    moment = [datetime(2026, 11, 25, 9, 0, tzinfo=SHANGHAI)]
    answerer = Answerer(open_store(tmp_path / "kb.db"), clock=lambda: moment[0])

    async def body(stand):
        async def say(text):
            before = len(stand.sent_messages(ADMIN_CHAT))
            stand.send_user_message(ADMIN_CHAT, text, user_id=OWNER, chat_type="supergroup")
            return (await stand.wait_for_sent(ADMIN_CHAT, count=before + 1))[-1]

        assert (await say("/units"))["text"] == f"还没有设置责任单位。\n{UNITS_USAGE}"
        assert (await say("/units 工业投资总额"))["text"] == UNITS_USAGE  # the words do not fit: the usage
        preview = await say("/units 工业投资总额 市发改委 月度 25")
        assert "市发改委" in preview["text"] and "次月25日" in preview["text"]
        ok = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        stand.send_callback_query(ADMIN_CHAT, preview["message_id"], ok, user_id=OWNER)
        for _ in range(1200):
            if answerer.store.db["indicator_duties"].count:
                break
            await asyncio.sleep(0.05)
        assert "工业投资总额：市发改委，月度，次月25日" in (await say("/units"))["text"]
        assert "10月数据未录入：工业投资总额（市发改委）" in (await say("/due"))["text"]
        sent = len(stand.sent_messages(ADMIN_CHAT))
        await asyncio.sleep(1.0)  # several checks on the due date itself: no reminder yet
        assert len(stand.sent_messages(ADMIN_CHAT)) == sent
        moment[0] = datetime(2026, 11, 26, 9, 0, tzinfo=SHANGHAI)
        [reminder] = (await stand.wait_for_sent(ADMIN_CHAT, count=sent + 1))[sent:]
        assert "以下数据已过出数日仍未录入" in reminder["text"] and "工业投资总额（市发改委）" in reminder["text"]
        await asyncio.sleep(1.0)  # more checks that day and the next: still one
        moment[0] = datetime(2026, 11, 27, 9, 0, tzinfo=SHANGHAI)
        await asyncio.sleep(1.0)
        assert len(stand.sent_messages(ADMIN_CHAT)) == sent + 1

    async def main():
        async with standin(admins={ADMIN_CHAT: [OWNER]}) as stand, \
                application(stand, answerer, admin_ids=frozenset({OWNER}), admin_chat_id=ADMIN_CHAT,
                            summary_check_seconds=0.2):
            await asyncio.wait_for(body(stand), 180)

    asyncio.run(main())


def test_duties_are_exported_and_imported_and_the_export_round_trips(answerer):
    from knowledge.tables import apply_import, export_workbook, plan_import, read_tables

    store = answerer.store
    set_duty(answerer, "工业投资总额", "市发改委", "月度", "25")
    workbook = export_workbook(store)
    again = plan_import(store, read_tables("export.xlsx", workbook))
    assert again.writes == [] and not again.rejected and len(again.unchanged) > 0
    csv = "indicator_id,unit,cycle,due_day\nnew_industrial_land,市资源规划局,季度,30\nrd_intensity,市科技局,每周,\n"
    refused = plan_import(store, read_tables("duties.csv", csv.encode("utf-8")))
    assert [r[1] for r in refused.rejected] == [3] and "月度、季度 或 年度" in refused.rejected[0][2]
    plan = plan_import(store, read_tables("duties.csv", csv.splitlines(True)[0].encode() + csv.splitlines(True)[1].encode()))
    assert apply_import(store, plan) == 1
    assert store.get_row("indicator_duties", {"indicator_id": "new_industrial_land"})["cycle"] == "quarterly"
