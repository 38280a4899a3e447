"""Alerts: which status moves are worth a message, grouped per write, and the check around writes.

Figures here are made up for the tests.
"""

import asyncio
from contextlib import asynccontextmanager

import pytest

from knowledge.alerts import alert_text, check_alerts, is_alerting, moves
from knowledge.answers import Answerer
from knowledge.labels import status_from_text, status_label
from knowledge.standings import Standing
from knowledge.store import open_store
from knowledge.tables import apply_import, plan_import, read_tables
from knowledge.undo import undo
from tests.conftest import fixed_clock
from tests.harness import application, standin
from tests.test_answers import record

HEADER = "indicator_id,city,period,year,value,unit,qualifier,text,status,source_id,note,quote"


@pytest.mark.parametrize("before,after,alerting", [
    ("基本同步", "滞后", True),
    ("超前", "严重滞后", True),
    ("滞后", "严重滞后", True),
    ("严重滞后", "滞后", True),
    ("滞后", "基本同步", True),
    ("严重滞后", "暂无数据", True),  # an undo removed the figure that lagged
    ("超前", "已完成", True),
    ("暂无数据", "已完成", True),
    ("已完成", "超前", True),  # the chats were told it was done
    ("暂无数据", "基本同步", False),
    ("基本同步", "超前", False),
    ("超前", "基本同步", False),
    ("滞后", "滞后", False),
])
def test_which_moves_alert(before, after, alerting):
    assert is_alerting(status_from_text(before), status_from_text(after)) is alerting


def standing(status, figure="1980亿元", period="2026年1-10月", indicator="industrial_investment", name="工业投资总额"):
    return Standing(indicator, name, 2026, "力争2500亿元", figure, period, status_from_text(status))


def test_moves_name_the_figure_period_and_both_statuses():
    before = {"industrial_investment": standing("基本同步", "1700亿元", "2026年1-9月")}
    after = {"industrial_investment": standing("滞后")}
    found = moves(before, after)
    assert [(m.name, m.figure, m.period, status_label(m.before), status_label(m.after)) for m in found] == [
        ("工业投资总额", "1980亿元", "2026年1-10月", "基本同步", "滞后")]
    assert alert_text(found) == "目标进度提醒\n🟡 工业投资总额：2026年1-10月 1980亿元，基本同步 → 滞后"
    assert alert_text(found, {"industrial_investment": 12}).endswith("基本同步 → 滞后（撤销第12号修改后）")


def test_a_figure_that_changes_without_moving_status_is_no_alert():
    assert moves({"x": standing("滞后", "1700亿元")}, {"x": standing("滞后", "1750亿元")}) == []
    assert alert_text([]) is None


def test_targets_that_appear_or_go_away_are_not_moves():
    assert moves({}, {"x": standing("滞后")}) == [] and moves({"x": standing("滞后")}, {}) == []


# -- the check around writes -------------------------------------------------------------------------

def import_csv(store, *rows):
    plan = plan_import(store, read_tables("x.csv", ("\n".join((HEADER, *rows)) + "\n").encode()))
    assert not plan.rejected, plan.summary()
    return apply_import(store, plan) if plan.writes else 0


def checked(answerer):
    """As the bot does after a write: read the knowledge again, then check."""
    answerer.reload()
    return check_alerts(answerer)


def alerts(store):
    return [text for _, text in store.alerts_after(0)]


def test_the_first_check_only_remembers(store, answerer):
    record(store, "industrial_investment", 1000, "亿元")
    assert checked(answerer) is None and alerts(store) == []


def test_a_write_that_moves_one_target_gives_one_alert_and_the_next_check_none(store, answerer):
    checked(answerer)
    record(store, "industrial_investment", 1000, "亿元")  # 1-6月 40% against 50%: 滞后
    alert_id = checked(answerer)
    assert alert_id is not None
    assert alerts(store) == ["目标进度提醒\n🟡 工业投资总额：2026年1-6月 1000亿元，暂无数据 → 滞后"]
    assert checked(answerer) is None and len(alerts(store)) == 1


IMPORTED = ("industrial_investment,苏州,2026年1-6月,2026,1000,亿元,,,actual,plan2026,,",
            "new_high_tech_enterprises,苏州,2026年1-6月,2026,150,家,,,actual,plan2026,,",
            "little_giant_firms,苏州,2026年1-6月,2026,50,家,,,actual,plan2026,,")


def test_an_import_of_three_changed_figures_gives_one_grouped_alert_and_again_none(store, answerer):
    checked(answerer)
    assert import_csv(store, *IMPORTED) == 3
    checked(answerer)
    assert len(alerts(store)) == 1
    lines = alerts(store)[0].splitlines()
    assert lines[0] == "目标进度提醒" and len(lines) == 4
    assert "工业投资总额：2026年上半年 1000亿元，暂无数据 → 滞后" in lines[1]
    assert import_csv(store, *IMPORTED) == 0  # the same figures: nothing to write
    assert checked(answerer) is None and len(alerts(store)) == 1


def test_an_undo_that_moves_a_status_back_says_so(store, answerer):
    record(store, "industrial_investment", 1300, "亿元")  # 52%: 基本同步
    checked(answerer)
    record(store, "industrial_investment", 1000, "亿元", period="2026年1-6月")  # restated: 40%, 滞后
    checked(answerer)
    change = store.last_change_id()
    undo(store, change, user_id=1, chat_id=None)
    checked(answerer)
    assert alerts(store)[-1] == (f"目标进度提醒\n🟢 工业投资总额：2026年1-6月 1300亿元，滞后 → 基本同步"
                                 f"（撤销第{change}号修改后）")


def test_a_new_plan_year_is_no_write_and_gives_no_alert(store):
    record(store, "industrial_investment", 1000, "亿元")
    clock = {"now": fixed_clock(2026, 7, 2, 12, 0)}
    answerer = Answerer(store, clock=lambda: clock["now"]())
    with store.transaction():
        row = store.get_row("targets", {"indicator_id": "industrial_investment", "city": "苏州", "year": 2026})
        store.write_row("targets", {"indicator_id": "industrial_investment", "city": "苏州", "year": 2027},
                        {**row, "year": 2027, "value": 2800.0, "text": "2800亿元"})
    answerer.reload()
    checked(answerer)
    clock["now"] = fixed_clock(2027, 1, 2, 9, 0)  # 2027: its plan is current, 工业投资 has no 2027 figure
    answerer.reload()
    assert checked(answerer) is None and alerts(store) == []


@pytest.mark.parametrize("setting", ["thresholds", "monthly plan"])
def test_a_change_of_thresholds_or_plans_moves_statuses_without_an_alert(store, answerer, setting):
    record(store, "industrial_investment", 1100, "亿元")  # 44% against 50%: 6 points behind, 滞后
    checked(answerer)
    if setting == "thresholds":
        store.set_thresholds({"lag_points": 8.0, "severe_points": 20.0})  # 6 points behind is now 基本同步
    else:
        store.set_monthly_plan("industrial_investment", [0, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
    assert checked(answerer) is None and alerts(store) == []
    status = answerer.describe(answerer.by_id["industrial_investment"], "苏州").progress.status
    assert status_label(status) in ("基本同步", "超前")
    record(store, "industrial_investment", 700, "亿元")  # 28%: a write after the setting is alerted as usual
    assert checked(answerer) is not None


# -- end to end against the stand-in -----------------------------------------------------------------
SUBSCRIBED, UNSUBSCRIBED, FORUM, OWNER = -100610, -100620, -100630, 42


@asynccontextmanager
async def bot(tmp_path):
    answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 11, 26, 10))
    async with standin() as stand, application(stand, answerer, admin_ids=frozenset({OWNER}),
                                                summary_check_seconds=0.2):
        stand.answerer = answerer
        yield stand


def run_bot(tmp_path, body):
    async def main():
        async with bot(tmp_path) as stand:
            await asyncio.wait_for(body(stand), 180)

    asyncio.run(main())


async def say(stand, chat_id, text, thread_id=None):
    before = len(stand.sent_messages(chat_id))
    stand.send_user_message(chat_id, text, user_id=OWNER, chat_type="supergroup", message_thread_id=thread_id)
    return (await stand.wait_for_sent(chat_id, count=before + 1))[-1]


async def send_file(stand, chat_id, name, content):
    before = len(stand.sent_messages(chat_id))
    stand.send_document(chat_id, name, content, caption="/import", user_id=OWNER, chat_type="supergroup")
    return (await stand.wait_for_sent(chat_id, count=before + 1))[-1]


async def confirm(stand, chat_id, preview):
    button = preview["reply_markup"]["inline_keyboard"][0][0]
    assert button["text"] == "确认"
    stand.send_callback_query(chat_id, preview["message_id"], button["callback_data"], user_id=OWNER)
    for _ in range(1200):
        current = next(m for m in stand.sent_messages(chat_id) if m["message_id"] == preview["message_id"])
        if current["text"] != preview["text"]:
            return current
        await asyncio.sleep(0.05)
    raise TimeoutError("not confirmed")


def alert_messages(stand, chat_id):
    return [m for m in stand.sent_messages(chat_id) if m.get("text", "").startswith("目标进度提醒")]


async def alerts_arrive(stand, chat_id, count=1, timeout=60.0):
    for _ in range(int(timeout / 0.05)):
        if len(alert_messages(stand, chat_id)) >= count:
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(f"expected {count} alert(s) in chat {chat_id}")


async def quiet(stand, seconds=1.0):
    """Let the alert job run a few rounds (every 0.2 s here): nothing further may arrive meanwhile."""
    await asyncio.sleep(seconds)


def test_a_set_that_moves_investment_into_lagging_alerts_the_subscribed_chat_once(tmp_path):
    async def body(stand):
        assert "已开启" in (await say(stand, SUBSCRIBED, "/alerts on"))["text"]
        await say(stand, UNSUBSCRIBED, "/ask 工业投资")  # the bot is in this group too, without alerts
        preview = await say(stand, SUBSCRIBED, "/set 工业投资总额 1800亿 1-10月 市工信局")  # 72% against 83.3%
        assert "已保存" in (await confirm(stand, SUBSCRIBED, preview))["text"]
        await alerts_arrive(stand, SUBSCRIBED)
        await quiet(stand)
        [alert] = alert_messages(stand, SUBSCRIBED)
        assert alert["text"] == "目标进度提醒\n🟡 工业投资总额：2026年1-10月 1800亿元，暂无数据 → 滞后"
        assert alert_messages(stand, UNSUBSCRIBED) == []
        deliveries = stand.answerer.store.deliveries(SUBSCRIBED, kind="alerts")
        assert [d.ok for d in deliveries] == [True]

    run_bot(tmp_path, body)


THREE = ("industrial_investment,苏州,2026年1-10月,2026,1800,亿元,,,actual,plan2026,,\n"
         "new_high_tech_enterprises,苏州,2026年1-10月,2026,300,家,,,actual,plan2026,,\n"
         "little_giant_firms,苏州,2026年1-10月,2026,100,家,,,actual,plan2026,,\n")


def test_an_import_of_three_figures_is_one_grouped_alert_and_the_same_import_none(tmp_path):
    async def body(stand):
        await say(stand, SUBSCRIBED, "/alerts on")
        content = (HEADER + "\n" + THREE).encode("utf-8")
        preview = await send_file(stand, SUBSCRIBED, "进度.csv", content)
        assert "已导入 3 行" in (await confirm(stand, SUBSCRIBED, preview))["text"]
        await alerts_arrive(stand, SUBSCRIBED)
        await quiet(stand)
        [alert] = alert_messages(stand, SUBSCRIBED)
        lines = alert["text"].splitlines()
        assert len(lines) == 4 and all("2026年1-10月" in line for line in lines[1:])
        again = await send_file(stand, SUBSCRIBED, "进度.csv", content)
        assert "无需导入" in again["text"]
        await quiet(stand)
        assert len(alert_messages(stand, SUBSCRIBED)) == 1

    run_bot(tmp_path, body)


def test_alerts_turned_on_in_a_forum_topic_arrive_in_that_topic_and_off_stops_them(tmp_path):
    async def body(stand):
        topic = stand.open_topic(FORUM, "进度提醒", user_id=OWNER)
        await say(stand, FORUM, "/alerts on", thread_id=topic)
        preview = await say(stand, FORUM, "/set 工业投资总额 1800亿 1-10月", thread_id=topic)
        await confirm(stand, FORUM, preview)
        await alerts_arrive(stand, FORUM)
        [alert] = alert_messages(stand, FORUM)
        assert alert["message_thread_id"] == topic
        assert "已关闭" in (await say(stand, FORUM, "/alerts off", thread_id=topic))["text"]
        preview = await say(stand, FORUM, "/set 工业投资总额 2200亿 1-10月", thread_id=topic)  # 88%: 基本同步
        await confirm(stand, FORUM, preview)
        await quiet(stand)
        assert len(alert_messages(stand, FORUM)) == 1

    run_bot(tmp_path, body)


def test_only_chat_admins_turn_alerts_on(tmp_path):
    async def body(stand):
        before = len(stand.sent_messages(UNSUBSCRIBED))
        stand.send_user_message(UNSUBSCRIBED, "/alerts on", user_id=9, chat_type="supergroup")
        [reply] = (await stand.wait_for_sent(UNSUBSCRIBED, count=before + 1))[before:]
        assert "只有本群管理员" in reply["text"]
        assert stand.answerer.store.subscription(UNSUBSCRIBED, kind="alerts") is None

    run_bot(tmp_path, body)


def test_alerts_follow_a_migrated_group_and_a_403_turns_them_off(tmp_path):
    moved_from, moved_to, blocked = -100640, -100641, -100650

    async def body(stand):
        await say(stand, moved_from, "/alerts on")
        await say(stand, blocked, "/alerts on")
        stand.migrate_chat(moved_from, moved_to, user_id=OWNER)
        store = stand.answerer.store
        for _ in range(1200):
            if store.subscription(moved_to, kind="alerts") is not None:
                break
            await asyncio.sleep(0.05)
        stand.block_chat(blocked)
        preview = await say(stand, SUBSCRIBED, "/set 工业投资总额 1800亿 1-10月")
        await confirm(stand, SUBSCRIBED, preview)
        await alerts_arrive(stand, moved_to)
        await quiet(stand)
        assert [m["text"].splitlines()[1] for m in alert_messages(stand, moved_to)] == [
            "🟡 工业投资总额：2026年1-10月 1800亿元，暂无数据 → 滞后"]
        assert not store.subscription(blocked, kind="alerts").active
        [failed] = store.deliveries(blocked, kind="alerts")
        assert not failed.ok and "Forbidden" in failed.error

    run_bot(tmp_path, body)


def test_a_deleted_forum_topic_turns_its_subscriptions_off_and_the_admins_hear_it_once(tmp_path):
    """Before: "message thread not found" was an ordinary failure, retried for ever (every hour at most)."""
    admins_chat = -100699

    async def body():
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 11, 26, 10))
        async with standin() as stand, application(stand, answerer, admin_ids=frozenset({OWNER}),
                                                    admin_chat_id=admins_chat, summary_check_seconds=0.2):
            topic = stand.open_topic(FORUM, "进度提醒", user_id=OWNER)
            await say(stand, FORUM, "/alerts on", thread_id=topic)
            await say(stand, FORUM, "/subscribe weekly 1", thread_id=topic)
            await say(stand, FORUM, "/alerts on")  # the General topic is not the deleted one
            stand.delete_topic(FORUM, topic)
            preview = await say(stand, SUBSCRIBED, "/set 工业投资总额 1800亿 1-10月")
            await confirm(stand, SUBSCRIBED, preview)
            [told] = await stand.wait_for_sent(admins_chat)
            assert f"话题 {topic} 已删除" in told["text"] and "停用" in told["text"]
            store = answerer.store
            assert not store.subscription(FORUM, thread_id=topic, kind="alerts").active
            assert not store.subscription(FORUM, thread_id=topic, kind="weekly").active
            assert store.subscription(FORUM, kind="alerts").active
            await alerts_arrive(stand, FORUM)  # the General topic still gets its alert
            await quiet(stand)  # five more rounds of the alert job: no further try, no second message
            assert len(store.deliveries(FORUM, thread_id=topic, kind="alerts")) == 1
            assert len(stand.sent_messages(admins_chat)) == 1

    asyncio.run(asyncio.wait_for(body(), 50))


def test_questions_are_answered_while_a_large_alert_round_is_still_sending(tmp_path):
    """Before: the 确认 handler sent every chat's alert itself, all at once: its own chat waited for the
    whole round, and another chat's answer queued behind every alert at the rate limiter (700 chats: 25 s)."""
    many = [30_001 + k for k in range(150)]  # private chats with alerts on; 150 take ~5 s at 29 a second
    asker = -100660

    async def body(stand):
        store = stand.answerer.store
        for chat_id in many:
            store.subscribe(chat_id, "", "Asia/Shanghai", "", kind="alerts")
        await say(stand, asker, "/ask 工业投资")  # this chat has been answered before the round
        preview = await say(stand, SUBSCRIBED, "/set 工业投资总额 1800亿 1-10月 市工信局")
        assert "已保存" in (await confirm(stand, SUBSCRIBED, preview))["text"]
        await alerts_arrive(stand, many[0])  # the round has begun
        answers = await asyncio.gather(say(stand, SUBSCRIBED, "/ask 工业投资"), say(stand, asker, "/ask 工业投资"))
        arrived = sum(bool(alert_messages(stand, chat_id)) for chat_id in many)
        assert all("工业投资" in answer["text"] for answer in answers)
        assert arrived < len(many)  # both answered before the last alert went out
        for chat_id in many:
            await alerts_arrive(stand, chat_id, timeout=30.0)  # and the round still reaches everyone

    run_bot(tmp_path, body)


def test_an_awaited_import_file_follows_a_group_that_became_a_supergroup(tmp_path):
    """What the bot holds for a chat in memory moves with it: an owner's /import in the group, then the
    file sent once it is a supergroup, is previewed (before: silently ignored)."""
    old, new = -4006, -1004006

    async def body(stand):
        stand.send_user_message(old, "/mode all", user_id=OWNER, chat_type="group")
        await stand.wait_for_sent(old)
        stand.send_user_message(old, "/import", user_id=OWNER, chat_type="group")
        assert "请发送" in (await stand.wait_for_sent(old, count=2))[-1]["text"]
        stand.migrate_chat(old, new, user_id=OWNER)
        for _ in range(200):  # the migration message is handled (the mode moves in the same step)
            if stand.answerer.store.chat_mode(new) == "all":
                break
            await asyncio.sleep(0.05)
        stand.send_document(new, "进度.csv", (HEADER + "\n" + THREE).encode("utf-8"), user_id=OWNER,
                            chat_type="supergroup")
        [preview] = await stand.wait_for_sent(new)
        assert "确认" in preview["reply_markup"]["inline_keyboard"][0][0]["text"]

    run_bot(tmp_path, body)
