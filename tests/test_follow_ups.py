"""Follow-ups and greetings in Telegram, end to end against the local Bot API stand-in.

A reply to one of the bot's answers ("那上海呢", "那2025年呢") inherits what it does not name from that
answer; in a private chat the previous answer serves for FOLLOW_UP_SECONDS. A greeting addressed to
the bot gets one line pointing to /help; in a group, a greeting that is not addressed gets nothing.
"""

import handlers.questions
from tests.test_telegram import GROUP, PRIVATE, flush, scenario


@scenario
async def test_a_reply_to_an_answer_inherits_its_indicator(stand):
    stand.send_user_message(GROUP, "/ask 千亿产业数量", chat_type="supergroup")
    [first] = await stand.wait_for_sent(GROUP)
    assert "11个" in first["text"]
    stand.send_user_message(GROUP, "那上海呢", chat_type="supergroup", reply_to_message_id=first["message_id"])
    replies = await stand.wait_for_sent(GROUP, count=2)
    assert "千亿产业数量 · 上海" in replies[1]["text"] and "13个" in replies[1]["text"]


@scenario
async def test_a_reply_to_an_answer_inherits_its_year(stand):
    stand.send_user_message(GROUP, "/ask 2024年规上工业总产值", chat_type="supergroup")
    [first] = await stand.wait_for_sent(GROUP)
    stand.send_user_message(GROUP, "那2025年呢", chat_type="supergroup", reply_to_message_id=first["message_id"])
    replies = await stand.wait_for_sent(GROUP, count=2)
    assert "预计4.89万亿元" in replies[1]["text"]
    # a reply to the earlier answer, not to the latest one, still follows the earlier answer
    stand.send_user_message(GROUP, "/ask 研发投入目标", chat_type="supergroup")
    await stand.wait_for_sent(GROUP, count=3)
    stand.send_user_message(GROUP, "那2013年呢", chat_type="supergroup", reply_to_message_id=first["message_id"])
    replies = await stand.wait_for_sent(GROUP, count=4)
    assert "突破3万亿元" in replies[3]["text"]


@scenario
async def test_a_private_follow_up_uses_the_previous_answer_for_a_few_minutes(stand):
    stand.send_user_message(PRIVATE, "千亿产业数量", user_id=PRIVATE)
    await stand.wait_for_sent(PRIVATE)
    stand.send_user_message(PRIVATE, "那上海呢", user_id=PRIVATE)
    replies = await stand.wait_for_sent(PRIVATE, count=2)
    assert "13个" in replies[1]["text"]
    stand.send_user_message(PRIVATE, "研发投入目标", user_id=PRIVATE)  # a question of its own: 苏州's
    replies = await stand.wait_for_sent(PRIVATE, count=3)
    assert "全社会研发投入占GDP比重 · 苏州" in replies[2]["text"]
    stand.send_user_message(PRIVATE, "千亿产业数量", user_id=PRIVATE)
    await stand.wait_for_sent(PRIVATE, count=4)
    saved = handlers.questions.FOLLOW_UP_SECONDS
    handlers.questions.FOLLOW_UP_SECONDS = -1  # as if the minutes had passed
    try:
        stand.send_user_message(PRIVATE, "那上海呢", user_id=PRIVATE)
        replies = await stand.wait_for_sent(PRIVATE, count=5)
    finally:
        handlers.questions.FOLLOW_UP_SECONDS = saved
    assert "13个" not in replies[4]["text"] and "请告诉我要查的指标" in replies[4]["text"]


@scenario
async def test_punctuation_or_emoji_after_an_answer_is_no_follow_up(stand):
    stand.send_user_message(PRIVATE, "高企新增多少家", user_id=PRIVATE)
    await stand.wait_for_sent(PRIVATE)
    for count, text in enumerate(("???", "！！！", "🍕🍕🍕 ???"), start=2):
        stand.send_user_message(PRIVATE, text, user_id=PRIVATE)
        reply = (await stand.wait_for_sent(PRIVATE, count=count))[-1]
        assert "新增高新技术企业" not in reply["text"] and "请告诉我要查的指标" in reply["text"], text
    stand.send_user_message(PRIVATE, "那进度呢", user_id=PRIVATE)  # worded as a follow-up: still follows
    assert "新增高新技术企业" in (await stand.wait_for_sent(PRIVATE, count=5))[-1]["text"]


@scenario
async def test_thanks_after_an_answer_is_acknowledged_not_answered_again(stand):
    stand.send_user_message(PRIVATE, "高企新增多少家", user_id=PRIVATE)
    await stand.wait_for_sent(PRIVATE)
    stand.send_user_message(PRIVATE, "谢谢！", user_id=PRIVATE)
    assert (await stand.wait_for_sent(PRIVATE, count=2))[-1]["text"].startswith("不客气")
    stand.send_user_message(GROUP, "/ask 高企新增多少家", chat_type="supergroup")
    [answer] = await stand.wait_for_sent(GROUP)
    for text in ("谢谢", "好的，收到"):  # a reply to the bot's answer: nothing asked, nothing said
        stand.send_user_message(GROUP, text, chat_type="supergroup", reply_to_message_id=answer["message_id"])
    stand.send_user_message(GROUP, "那进度呢", chat_type="supergroup", reply_to_message_id=answer["message_id"])
    replies = await stand.wait_for_sent(GROUP, count=2)
    await flush(stand)
    assert len(stand.sent_messages(GROUP)) == 2 and "新增高新技术企业" in replies[1]["text"]
    assert stand.app.bot_data.answerer.store.unanswered() == []


@scenario
async def test_a_greeting_to_the_bot_points_to_help_and_group_greetings_stay_silent(stand):
    stand.send_user_message(GROUP, "大家好", chat_type="supergroup")
    stand.send_user_message(GROUP, "@SzTargetsBot 你好", chat_type="supergroup")
    [reply] = await stand.wait_for_sent(GROUP)
    assert "/help" in reply["text"] and len(reply["text"].splitlines()) == 1
    stand.send_user_message(PRIVATE, "你是谁", user_id=PRIVATE)
    [private] = await stand.wait_for_sent(PRIVATE)
    assert "/help" in private["text"]
    await flush(stand)
    assert len(stand.sent_messages(GROUP)) == 1


@scenario
async def test_a_reply_to_the_bot_about_a_year_without_data_gets_the_decline_sentence(stand):
    # issue 20: it got silence; a reply to the bot is addressed to it (the seed has 2013, 2024, 2025 figures)
    stand.send_user_message(GROUP, "/ask 2024年规上工业总产值", chat_type="supergroup")
    [first] = await stand.wait_for_sent(GROUP)
    stand.send_user_message(GROUP, "那2023年呢", chat_type="supergroup", reply_to_message_id=first["message_id"])
    replies = await stand.wait_for_sent(GROUP, count=2)
    assert "暂无苏州2023年的“规上工业总产值”数据" in replies[1]["text"], replies[1]["text"]
    assert "4.7万亿元" not in replies[1]["text"]
    stand.send_user_message(GROUP, "2030年高企新增多少家", chat_type="supergroup",
                            reply_to_message_id=first["message_id"])
    replies = await stand.wait_for_sent(GROUP, count=3)
    assert "暂无苏州2030年" in replies[2]["text"], replies[2]["text"]
