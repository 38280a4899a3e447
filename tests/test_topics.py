"""Forum supergroups: answers, summaries and subscriptions stay in the topic they were asked from.

End to end against the stand-in, whose forum chats behave as Telegram's do: a topic message carries
message_thread_id and is_topic_message, a send without message_thread_id goes to General unless it
replies to a message in a topic, and a send to an unknown topic is refused.
"""


import sqlite_utils

from knowledge.store import migrations, open_store
from tests.test_subscriptions import ADMIN, MEMBER, Clock, bot_on, photos, run, settle, standin, wait_until
from tests.test_answers import record

FORUM = -100500


async def say(stand, text, thread_id=None, user_id=ADMIN):
    """A message in the forum (in a topic when thread_id is given); the bot's next message there."""
    before = len(stand.sent_messages(FORUM))
    stand.send_user_message(FORUM, text, user_id=user_id, chat_type="supergroup", chat_title="工信论坛",
                            message_thread_id=thread_id)
    return (await stand.wait_for_sent(FORUM, count=before + 1))[-1]


def test_summary_command_in_a_topic_is_answered_in_that_topic(tmp_path):
    async def body():
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", Clock(2026, 7, 2, 8)):
            stand.set_chat_admins(FORUM, [ADMIN])
            topic = stand.open_topic(FORUM, "目标进度", user_id=ADMIN)
            summary = await say(stand, "/summary", topic, user_id=MEMBER)
            assert "时间进度" in summary["text"]
            assert summary.get("message_thread_id") == topic and summary.get("is_topic_message")
            general = await say(stand, "/summary", user_id=MEMBER)
            assert "message_thread_id" not in general

    run(body)


def test_two_topics_of_one_group_each_subscribe_and_get_their_own_summary(tmp_path):
    async def body():
        clock = Clock(2026, 7, 2, 8, 0)
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", clock) as answerer:
            stand.set_chat_admins(FORUM, [ADMIN])
            morning, noon = stand.open_topic(FORUM, "早报", user_id=ADMIN), stand.open_topic(FORUM, "午报")
            assert "09:00" in (await say(stand, "/subscribe 09:00", morning))["text"]
            assert "12:00" in (await say(stand, "/subscribe 12:00", noon))["text"]
            store = answerer.store
            assert store.subscription(FORUM, thread_id=morning).at_time == "09:00"
            assert store.subscription(FORUM, thread_id=noon).at_time == "12:00"
            assert store.subscription(FORUM) is None  # nothing for General
            record(store, "industrial_investment", 1000, "亿元")
            answerer.reload()
            clock.set(2026, 7, 2, 9, 0)
            await wait_until(lambda: photos(stand, FORUM))
            await settle()
            [first] = photos(stand, FORUM)
            assert first["message_thread_id"] == morning
            clock.set(2026, 7, 2, 12, 0)
            await wait_until(lambda: len(photos(stand, FORUM)) == 2)
            assert photos(stand, FORUM)[1]["message_thread_id"] == noon
            status = await say(stand, "/subscription", noon, user_id=MEMBER)
            assert "12:00" in status["text"] and "成功" in status["text"] and status["message_thread_id"] == noon
            paused = await say(stand, "/pause", morning)
            assert "已暂停" in paused["text"]
            assert store.subscription(FORUM, thread_id=morning).paused
            assert not store.subscription(FORUM, thread_id=noon).paused
            assert {d.thread_id for d in store.deliveries(FORUM)} == {morning, noon}

    run(body)


def test_an_answer_in_a_topic_stays_there_even_when_the_question_was_deleted(tmp_path):
    async def body():
        async with standin() as stand, bot_on(stand, tmp_path / "kb.db", Clock(2026, 7, 2, 8)):
            topic = stand.open_topic(FORUM, "问答")
            reply = await say(stand, "/ask 苏州研发投入目标", topic)
            assert "超4.25%" in reply["text"] and reply["message_thread_id"] == topic
            question = stand.send_user_message(FORUM, "/ask 高企新增多少家", chat_type="supergroup",
                                               message_thread_id=topic)
            stand.delete_message(FORUM, question["message_id"])  # a command cleaner removed it at once
            [_, answer] = await stand.wait_for_sent(FORUM, count=2)
            assert "高新技术企业" in answer["text"] and "reply_to_message" not in answer
            assert answer["message_thread_id"] == topic

    run(body)


def test_existing_subscriptions_survive_the_topic_migration(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m009_subscription_topics")
    db["subscriptions"].insert({"chat_id": -100300, "chat_title": "工信群", "at_time": "08:30",
                                "tz": "Asia/Shanghai", "active": 1, "paused": 0, "due_from": "2026-07-01",
                                "last_sent_at": "2026-07-01T00:30:00+00:00", "last_sent_on": "2026-07-01",
                                "created_by": 7, "created_at": "2026-06-30T00:00:00+00:00"})
    db["deliveries"].insert({"chat_id": -100300, "at": "2026-07-01T00:30:00+00:00", "ok": 1, "error": ""})
    db.close()
    store = open_store(path)
    [kept] = store.active_subscriptions()
    assert (kept.chat_id, kept.thread_id, kept.kind, kept.at_time, kept.last_sent_on) == (
        -100300, 0, "daily", "08:30", "2026-07-01")
    assert store.subscription(-100300) == kept
    assert [d.thread_id for d in store.deliveries(-100300)] == [0]
    store.subscribe(-100300, "10:00", "Asia/Shanghai", "2026-07-02", thread_id=9)  # a topic beside it
    assert [(s.thread_id, s.at_time) for s in store.active_subscriptions()] == [(0, "08:30"), (9, "10:00")]
