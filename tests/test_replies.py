"""How the bot's replies survive what Telegram users do: deleted questions, late button presses, edits,
and replies longer than one message. End to end against the stand-in, which refuses what Telegram
refuses ("message to be replied not found", "query is too old …", "can't parse entities")."""

import asyncio

from knowledge.answers import Answerer
from knowledge.store import open_store
from tests.conftest import fixed_clock
from tests.harness import application, standin
from tests.test_admin import GROUP, MEMBER, OWNER, press, say

PRIVATE = 1001


def run(body, store=None):
    async def main():
        answerer = Answerer(store or open_store(":memory:"), clock=fixed_clock(2026, 7, 2, 12))
        async with standin(admins={GROUP: [OWNER, MEMBER]}) as stand, \
                application(stand, answerer, admin_ids=frozenset({OWNER})):
            stand.answerer = answerer
            await asyncio.wait_for(body(stand), 40)

    asyncio.run(main())


async def flush(stand):
    """Updates are handled in order: once a later private question is answered, earlier ones were too."""
    before = len(stand.sent_messages(PRIVATE))
    stand.send_user_message(PRIVATE, "瞪羚", user_id=PRIVATE)
    await stand.wait_for_sent(PRIVATE, count=before + 1)


def test_a_question_deleted_before_the_reply_still_gets_its_answer():
    async def body(stand):
        question = stand.send_user_message(GROUP, "/ask 苏州研发投入目标", chat_type="supergroup")
        stand.delete_message(GROUP, question["message_id"])  # a command-cleaner bot removed it
        [reply] = await stand.wait_for_sent(GROUP)
        assert "超4.25%" in reply["text"] and "reply_to_message" not in reply
        kept = await say(stand, "/ask 高企新增多少家")  # a question still there is quoted as before
        assert kept["reply_to_message"]["text"] == "/ask 高企新增多少家"

    run(body)


def test_an_admin_command_deleted_before_the_preview_still_gets_it():
    async def body(stand):
        question = stand.send_user_message(GROUP, "/set 工业投资总额 1980亿 1-10月", user_id=OWNER,
                                           chat_type="supergroup")
        stand.delete_message(GROUP, question["message_id"])
        [preview] = await stand.wait_for_sent(GROUP)
        assert "数值：1980亿元" in preview["text"] and preview["reply_markup"]

    run(body)


def test_a_clarify_button_pressed_after_its_query_expired_still_gives_the_answer():
    async def body(stand):
        stand.send_user_message(PRIVATE, "智能工厂目标", user_id=PRIVATE)
        [clarify] = await stand.wait_for_sent(PRIVATE)
        chosen = next(row[0] for row in clarify["reply_markup"]["inline_keyboard"] if "卓越" in row[0]["text"])
        stand.send_callback_query(PRIVATE, clarify["message_id"], chosen["callback_data"], user_id=PRIVATE,
                                  expired=True)
        await flush(stand)
        edited = stand.sent_messages(PRIVATE)[0]
        assert "新增卓越级智能工厂" in edited["text"] and "目标：5个" in edited["text"]
        refused = [r for r in stand.requests if r["method"] == "answerCallbackQuery"]
        assert refused and refused[-1]["status"] == 400  # Telegram refused the late answer; the edit went on

    run(body)


def test_a_confirm_button_pressed_after_its_query_expired_still_saves():
    async def body(stand):
        preview = await say(stand, "/set 工业投资总额 1980亿 1-10月 市工信局")
        button = next(b for row in preview["reply_markup"]["inline_keyboard"] for b in row if b["text"] == "确认")
        stand.send_callback_query(GROUP, preview["message_id"], button["callback_data"], user_id=OWNER,
                                  expired=True)
        for _ in range(200):
            done = next(m for m in stand.sent_messages(GROUP) if m["message_id"] == preview["message_id"])
            if done["text"] != preview["text"]:
                break
            await asyncio.sleep(0.05)
        assert "已保存" in done["text"]
        assert "最新：1980亿元" in (await say(stand, "/ask 工业投资进度"))["text"]

    run(body)


def test_an_edited_question_is_not_answered_again():
    async def body(stand):
        first = await say(stand, "/ask 苏州研发投入目标")
        assert "超4.25%" in first["text"]
        stand.send_user_message(GROUP, "/ask 高企新增多少家", chat_type="supergroup", edited=True,
                                message_id=first["reply_to_message"]["message_id"])
        stand.send_user_message(PRIVATE, "研发投入", user_id=PRIVATE)
        await stand.wait_for_sent(PRIVATE)
        stand.send_user_message(PRIVATE, "研发投入目标", user_id=PRIVATE, edited=True)
        stand.send_user_message(GROUP, "/summary", chat_type="supergroup", edited=True,
                                message_id=first["reply_to_message"]["message_id"])
        await flush(stand)
        assert len(stand.sent_messages(GROUP)) == 1
        assert len(stand.sent_messages(PRIVATE)) == 2  # the question and the flush, not the edit

    run(body)


def test_an_edited_admin_command_is_refused_with_the_reason():
    async def body(stand):
        assert "编辑" in (await say(stand, "/set 瞪羚 500家", edited=True))["text"]

    run(body)
