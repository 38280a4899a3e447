"""Daily summaries end to end: subscriptions, scheduled delivery, restarts, 403 and chat migration.

The application runs against the local Bot API stand-in with its delivery check every 0.1 s and a
clock the test moves, so "09:00 tomorrow" takes milliseconds.
"""

import asyncio
from contextlib import asynccontextmanager
from datetime import datetime

from knowledge.answers import Answerer
from knowledge.store import open_store
from tests.conftest import SHANGHAI
from tests import harness
from tests.harness import application
from tests.test_answers import record
GROUP, OTHER_GROUP, ADMIN, MEMBER, ADMINS_CHAT = -100300, -100400, 7, 8, -999


class Clock:
    """A settable Asia/Shanghai wall clock."""

    def __init__(self, *args):
        self.moment = datetime(*args, tzinfo=SHANGHAI)

    def set(self, *args):
        self.moment = datetime(*args, tzinfo=SHANGHAI)

    def __call__(self):
        return self.moment


@asynccontextmanager
async def bot_on(stand, db_path, clock):
    answerer = Answerer(open_store(db_path), clock=clock)
    async with application(stand, answerer, admin_chat_id=ADMINS_CHAT, summary_check_seconds=0.1):
        yield answerer


def standin():
    return harness.standin(admins={GROUP: [ADMIN], OTHER_GROUP: [ADMIN]})


def run(body):
    asyncio.run(asyncio.wait_for(body(), 180))


async def command(stand, chat_id, text, user_id=ADMIN):
    before = len(stand.sent_messages(chat_id))
    stand.send_user_message(chat_id, text, user_id=user_id, chat_type="supergroup", chat_title="工信群")
    return (await stand.wait_for_sent(chat_id, count=before + 1))[-1]


def photos(stand, chat_id):
    return [m for m in stand.sent_messages(chat_id) if "photo" in m]


async def settle(seconds=0.5):
    await asyncio.sleep(seconds)


async def wait_until(condition, timeout=60.0):
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("condition not met")


def test_scheduled_run_delivers_text_and_photo_to_the_subscribed_chat_only(tmp_path):
    async def body():
        clock = Clock(2026, 7, 2, 8, 30)
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", clock) as answerer:
            reply = await command(stand, GROUP, "/subscribe 09:00")
            assert "已订阅" in reply["text"] and "09:00" in reply["text"]
            await command(stand, OTHER_GROUP, "/subscribe 10:00")
            record(answerer.store, "industrial_investment", 1000, "亿元")
            answerer.reload()
            await settle()
            assert photos(stand, GROUP) == []  # not yet 09:00
            clock.set(2026, 7, 2, 9, 0)
            await wait_until(lambda: photos(stand, GROUP))
            [photo] = photos(stand, GROUP)
            assert "工业投资总额" in photo["caption"] and "滞后" in photo["caption"]
            assert stand.files[photo["photo"][-1]["file_id"]][:4] == b"\x89PNG"
            assert photos(stand, OTHER_GROUP) == []
            await settle()
            assert len(photos(stand, GROUP)) == 1  # once a day
            clock.set(2026, 7, 2, 10, 0)
            await wait_until(lambda: photos(stand, OTHER_GROUP))
            uploads = [r for r in stand.requests if r["method"].lower() == "sendphoto"]
            assert isinstance(uploads[-1]["params"]["photo"], str)  # the chart is re-sent by its file_id
            status = await command(stand, GROUP, "/subscription", user_id=MEMBER)
            assert "09:00" in status["text"] and "成功" in status["text"]

    run(body)


def test_without_data_the_summary_is_text_only(tmp_path):
    async def body():
        clock = Clock(2026, 7, 2, 8, 30)
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", clock):
            await command(stand, GROUP, "/subscribe 09:00")
            clock.set(2026, 7, 2, 9, 1)
            messages = await stand.wait_for_sent(GROUP, count=2)
            assert "暂无2026年实际数据" in messages[1]["text"] and photos(stand, GROUP) == []

    run(body)


def test_members_cannot_subscribe_and_bad_times_get_usage(tmp_path):
    async def body():
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", Clock(2026, 7, 2, 8)) as answerer:
            assert "管理员" in (await command(stand, GROUP, "/subscribe", user_id=MEMBER))["text"]
            assert "HH:MM" in (await command(stand, GROUP, "/subscribe 25:99"))["text"]
            assert answerer.store.subscription(GROUP) is None

    run(body)


def test_the_subscribe_usage_names_the_bots_own_time_zone(tmp_path):
    async def body():
        async with standin() as stand:
            answerer = Answerer(open_store(tmp_path / "kb.db"), tz="Europe/London", clock=Clock(2026, 7, 2, 8))
            async with application(stand, answerer, admin_chat_id=ADMINS_CHAT, summary_check_seconds=0.1):
                usage = (await command(stand, GROUP, "/subscribe 25:99"))["text"]
        assert "按 Europe/London 时区" in usage and "北京时间" not in usage

    run(body)


def test_unsubscribe_stops_and_pause_resume_hold_back(tmp_path):
    async def body():
        clock = Clock(2026, 7, 2, 8, 0)
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", clock):
            await command(stand, GROUP, "/subscribe 09:00")
            await command(stand, OTHER_GROUP, "/subscribe 09:00")
            assert "已暂停" in (await command(stand, GROUP, "/pause"))["text"]
            assert "已退订" in (await command(stand, OTHER_GROUP, "/unsubscribe"))["text"]
            count = {GROUP: len(stand.sent_messages(GROUP)), OTHER_GROUP: len(stand.sent_messages(OTHER_GROUP))}
            clock.set(2026, 7, 2, 9, 30)
            await settle()
            assert len(stand.sent_messages(GROUP)) == count[GROUP]
            assert len(stand.sent_messages(OTHER_GROUP)) == count[OTHER_GROUP]
            await command(stand, GROUP, "/resume")
            # The reply and today's summary; the summary job may send first, since the write precedes the reply.
            last_two = (await stand.wait_for_sent(GROUP, count=count[GROUP] + 2))[-2:]
            reply, summary = sorted(last_two, key=lambda m: "进度" in m["text"])
            assert reply["text"] == "已恢复每日摘要。" and "进度" in summary["text"]

    run(body)


def test_restart_keeps_subscriptions_and_a_missed_summary_is_sent_once(tmp_path):
    async def body():
        clock = Clock(2026, 7, 2, 8, 0)
        db = tmp_path / "kb.db"
        async with standin() as stand:
            async with bot_on(stand, db, clock):
                await command(stand, GROUP, "/subscribe 09:00")
            clock.set(2026, 7, 2, 15, 0)  # the bot was down at 09:00
            async with bot_on(stand, db, clock):
                await stand.wait_for_sent(GROUP, count=2)
                await settle()
            async with bot_on(stand, db, clock):  # a second restart the same day sends nothing
                await settle()
            summaries = [m for m in stand.sent_messages(GROUP) if "时间进度" in m.get("text", "")]
            assert len(summaries) == 1
            clock.set(2026, 7, 3, 9, 0)
            async with bot_on(stand, db, clock):  # the next day it is due again
                await stand.wait_for_sent(GROUP, count=3)

    run(body)


def test_403_deactivates_the_subscription_and_tells_the_admins(tmp_path):
    async def body():
        clock = Clock(2026, 7, 2, 8, 0)
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", clock) as answerer:
            await command(stand, GROUP, "/subscribe 09:00")
            stand.block_chat(GROUP)
            clock.set(2026, 7, 2, 9, 0)
            [alert] = await stand.wait_for_sent(ADMINS_CHAT)
            assert "停用" in alert["text"]
            assert not answerer.store.subscription(GROUP).active
            [delivery] = answerer.store.deliveries(GROUP)
            assert not delivery.ok and "Forbidden" in delivery.error

    run(body)


def test_a_group_that_became_a_supergroup_keeps_its_subscription(tmp_path):
    async def body():
        clock = Clock(2026, 7, 2, 8, 0)
        old, new = -4001, -1004001
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", clock) as answerer:
            stand.set_chat_admins(old, [ADMIN])
            before = len(stand.sent_messages(old))
            stand.send_user_message(old, "/subscribe 09:00", user_id=ADMIN, chat_type="group")
            await stand.wait_for_sent(old, count=before + 1)
            stand.migrate_chat(old, new, user_id=ADMIN)
            for _ in range(1200):
                if answerer.store.subscription(new) is not None:
                    break
                await asyncio.sleep(0.05)
            assert answerer.store.subscription(old) is None and answerer.store.subscription(new).active
            clock.set(2026, 7, 2, 9, 0)
            [summary] = await stand.wait_for_sent(new)
            assert "时间进度" in summary["text"]

    run(body)


def test_migration_found_while_sending_moves_the_subscription(tmp_path):
    async def body():
        clock = Clock(2026, 7, 2, 8, 0)
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", clock) as answerer:
            await command(stand, GROUP, "/subscribe 09:00")
            await asyncio.sleep(0.2)
            stand.migrate_chat(GROUP, -1009999)
            clock.set(2026, 7, 2, 9, 0)
            await stand.wait_for_sent(-1009999)
            assert answerer.store.subscription(-1009999).active

    run(body)


def test_summary_command_answers_anyone_now(tmp_path):
    async def body():
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", Clock(2026, 7, 2, 8)):
            reply = await command(stand, GROUP, "/summary", user_id=MEMBER)
            assert "时间进度" in reply["text"]

    run(body)


async def group_command(stand, chat_id, text):
    """A command in an ordinary group (not yet a supergroup)."""
    before = len(stand.sent_messages(chat_id))
    stand.send_user_message(chat_id, text, user_id=ADMIN, chat_type="group", chat_title="工信群")
    return (await stand.wait_for_sent(chat_id, count=before + 1))[-1]


def test_a_migration_onto_an_id_already_subscribed_merges_and_sends_the_summary_once(tmp_path):
    """Before: the move was refused, the summary sent to the new id was recorded there, and the old row
    stayed due: 20 summaries in 6 s, then 20 a minute all day."""
    async def body():
        clock = Clock(2026, 7, 2, 8, 0)
        old, new = -4002, -1004002
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", clock) as answerer:
            stand.set_chat_admins(old, [ADMIN])
            stand.set_chat_admins(new, [ADMIN])
            await group_command(stand, old, "/subscribe 09:00")
            await command(stand, new, "/subscribe 09:30")  # the supergroup's id was subscribed first
            stand.migrate_chat(old, new, user_id=ADMIN)
            await wait_until(lambda: answerer.store.subscription(old) is None)
            assert answerer.store.subscription(new).at_time == "09:30"  # the new id's row wins
            clock.set(2026, 7, 2, 9, 30)
            await wait_until(lambda: summaries(stand, new))
            await settle(1.0)  # ten more delivery checks: none may send it again
            assert len(summaries(stand, new)) == 1

    run(body)


def test_a_summary_sent_after_a_refused_move_is_recorded_on_the_subscriptions_own_row(tmp_path):
    async def body():
        clock = Clock(2026, 7, 2, 8, 0)
        old, new = -4003, -1004003
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", clock) as answerer:
            stand.set_chat_admins(old, [ADMIN])
            await group_command(stand, old, "/subscribe 09:00")
            refused = lambda old_id, new_id: False  # noqa: E731 — the move is refused (say a write failed)
            answerer.store.move_chat = answerer.store.move_subscription = refused
            stand.migrate_chat(old, new, user_id=ADMIN)
            clock.set(2026, 7, 2, 9, 0)
            await wait_until(lambda: summaries(stand, new))
            await settle(1.0)
            assert len(summaries(stand, new)) == 1
            assert answerer.store.subscription(old).last_sent_on == "2026-07-02"

    run(body)


def summaries(stand, chat_id):
    return [m for m in stand.sent_messages(chat_id) if "时间进度" in m.get("text", m.get("caption", ""))]


def test_mode_all_follows_a_group_that_became_a_supergroup(tmp_path):
    async def body():
        clock = Clock(2026, 7, 2, 8, 0)
        old, new = -4004, -1004004
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", clock) as answerer:
            stand.set_chat_admins(old, [ADMIN])
            await group_command(stand, old, "/mode all")  # no subscription in this group
            stand.migrate_chat(old, new, user_id=ADMIN)
            await wait_until(lambda: answerer.store.chat_mode(new) == "all")
            assert "all" in (await command(stand, new, "/mode", user_id=MEMBER))["text"]

    run(body)


def test_a_late_update_from_a_migrated_group_is_answered_in_the_supergroup(tmp_path, caplog):
    """Telegram can deliver an update from the old group id after the migration. Before: the reply met
    ChatMigrated, was logged with a traceback and never sent, and what the command changed stayed under
    the old id. Now the send goes on to the supergroup, once, and the chat's data follows it."""
    async def body():
        clock = Clock(2026, 7, 2, 8, 0)
        old, new = -4006, -1004006
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", clock) as answerer:
            stand.set_chat_admins(old, [ADMIN])
            stand.set_chat_admins(new, [ADMIN])
            await group_command(stand, old, "/mode all")
            stand.migrate_chat(old, new, user_id=ADMIN)
            await wait_until(lambda: answerer.store.chat_mode(new) == "all")
            in_old, in_new = len(stand.sent_messages(old)), len(stand.sent_messages(new))
            await settle(1.1)  # the newer of two settings is kept, and times are stored to the second
            stand.send_user_message(old, "/mode mention", user_id=ADMIN, chat_type="group")  # late
            reply = (await stand.wait_for_sent(new, count=in_new + 1))[-1]
            assert reply["text"].startswith("已设置为 mention 模式")
            assert answerer.store.chat_mode(new) == "mention"
            stand.send_user_message(old, "/subscribe 09:00", user_id=ADMIN, chat_type="group")  # late too
            await stand.wait_for_sent(new, count=in_new + 2)
            assert answerer.store.subscription(old) is None and answerer.store.subscription(new).active
            clock.set(2026, 7, 2, 9, 0)
            await wait_until(lambda: summaries(stand, new))
            await settle(1.0)  # ten more delivery checks: none may send it again
            assert len(summaries(stand, new)) == 1
            assert len(stand.sent_messages(old)) == in_old and not stand.sent_messages(ADMINS_CHAT)

    with caplog.at_level("INFO"):
        run(body)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    assert "改发到新会话" in caplog.text


def test_merging_two_subscriptions_of_one_chat_keeps_the_active_one_and_what_either_received(store):
    old, new = -4005, -1004005
    store.subscribe(old, "09:00", "Asia/Shanghai", "2026-07-01", kind="alerts")
    store.update_subscription(old, "sent", kind="alerts", last_alert_id=7, last_sent_on="2026-07-02")
    store.subscribe(new, "09:00", "Asia/Shanghai", "2026-07-01", kind="alerts")
    store.update_subscription(new, "alerts_off", kind="alerts", active=0, last_alert_id=3)
    store.set_chat_mode(old, "all")
    assert store.move_chat(old, new)
    merged = store.subscription(new, kind="alerts")
    assert merged.active and merged.last_alert_id == 7 and merged.last_sent_on == "2026-07-02"
    assert store.subscription(old, kind="alerts") is None
    assert store.chat_mode(new) == "all" and not store.move_chat(old, new)


def test_subscription_shows_the_reports_and_the_alerts_too(tmp_path):
    """Before: /subscription showed the daily summary only, and a chat with only 通报 or alerts was told
    it had no subscription."""
    async def body():
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", Clock(2026, 7, 2, 8)):
            await command(stand, OTHER_GROUP, "/alerts on")
            alerts_only = (await command(stand, OTHER_GROUP, "/subscription", user_id=MEMBER))["text"]
            assert "目标进度提醒：录入或导入数据后" in alerts_only and "每日摘要" not in alerts_only
            for text in ("/subscribe 08:30", "/subscribe weekly 1 10:00", "/subscribe monthly 31", "/alerts on"):
                await command(stand, GROUP, text)
            status = (await command(stand, GROUP, "/subscription", user_id=MEMBER))["text"]
            for line in ("每日摘要：每天 08:30（Asia/Shanghai）", "每周进度通报（Word 文档）：每周一 10:00（Asia/Shanghai）",
                         "每月进度通报（Word 文档）：每月31日（较短的月份按当月最后一天） 09:00（Asia/Shanghai）",
                         "目标进度提醒：", "上次推送：尚未推送"):
                assert line in status
            nothing = (await command(stand, -100500, "/subscription", user_id=MEMBER))["text"]
            assert nothing.startswith("本会话没有任何订阅") and "/alerts on" in nothing

    run(body)


def test_subscription_shows_the_last_delivery_in_the_bots_time_zone(tmp_path):
    """Before: the last delivery was the stored UTC text (2026-07-01T16:30:00+00:00（UTC）), a day off
    from what staff in Suzhou saw near midnight."""
    async def body():
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", Clock(2026, 7, 2, 8)) as answerer:
            await command(stand, GROUP, "/subscribe 08:30")
            answerer.store.db["deliveries"].insert({"chat_id": GROUP, "thread_id": 0, "kind": "daily",
                                                    "at": "2026-07-01T16:30:00+00:00", "ok": 1, "error": ""})
            status = (await command(stand, GROUP, "/subscription", user_id=MEMBER))["text"]
            assert "上次推送：2026-07-02 00:30（Asia/Shanghai）成功" in status, status

    run(body)
