"""End to end: the unmodified python-telegram-bot Application against the local Bot API stand-in.

Every test starts the stand-in on 127.0.0.1, builds the application exactly as `python -m bot run`
does (only the base URL differs) and long-polls it; users' messages are injected into the stand-in
and the bot's replies read back from it.
"""

import asyncio
import logging
from contextlib import asynccontextmanager

import httpx

from bot.app import RedactToken
from knowledge.answers import Answerer
from knowledge.store import open_store
from tests.conftest import fixed_clock
from tests.harness import TOKEN, application, free_port, standin

GROUP = -100200
PRIVATE = 1001


@asynccontextmanager
async def running_bot(**settings):
    """The stand-in and the application; `stand.app` is the application."""
    answerer = Answerer(open_store(":memory:"), clock=fixed_clock(2026, 7, 2, 12))
    async with standin() as stand, application(stand, answerer, admin_ids=frozenset({42}), **settings) as app:
        stand.app = app
        yield stand


def scenario(coroutine_function):
    """Run an async test body with a running bot; pytest-asyncio is not needed."""

    def test():
        async def body():
            async with running_bot() as stand:
                await asyncio.wait_for(coroutine_function(stand), timeout=180)

        asyncio.run(body())

    test.__name__ = coroutine_function.__name__
    return test


async def flush(stand, chat_id=PRIVATE):
    """Once a later private question is answered, earlier updates were fetched; chats are handled
    concurrently (bot/app.py PerChatUpdateProcessor), so then wait until none is still being handled."""
    before = len(stand.sent_messages(chat_id))
    stand.send_user_message(chat_id, "瞪羚", user_id=chat_id)
    await stand.wait_for_sent(chat_id, count=before + 1)
    for _ in range(3000):
        if stand.app.update_processor.idle():
            return
        await asyncio.sleep(0.02)
    raise TimeoutError("updates still being handled")


@scenario
async def test_group_ask_with_bot_name_gets_the_answer(stand):
    stand.send_user_message(GROUP, "/ask@SzTargetsBot 研发投入目标", chat_type="supergroup", chat_title="工信群")
    [reply] = await stand.wait_for_sent(GROUP)
    assert "超4.25%" in reply["text"] and "暂无2026年数据" in reply["text"]


@scenario
async def test_group_chatter_gets_nothing(stand):
    for text in ("收到", "明天几点开会", "研发投入目标"):  # the last is a question, but not addressed to the bot
        stand.send_user_message(GROUP, text, chat_type="supergroup", chat_title="工信群")
    await flush(stand)
    assert stand.sent_messages(GROUP) == []


@scenario
async def test_group_ask_without_answer_says_so_briefly(stand):
    stand.send_user_message(GROUP, "/ask 苏州房价", chat_type="supergroup")
    [reply] = await stand.wait_for_sent(GROUP)
    assert "/targets" in reply["text"]


@scenario
async def test_a_reply_to_the_bot_gets_an_answer(stand):
    stand.send_user_message(GROUP, "/ask 瞪羚", chat_type="supergroup")
    [first] = await stand.wait_for_sent(GROUP)
    stand.send_user_message(GROUP, "那高企呢", chat_type="supergroup", reply_to_message_id=first["message_id"])
    replies = await stand.wait_for_sent(GROUP, count=2)
    assert "新增高新技术企业" in replies[1]["text"] and "500家" in replies[1]["text"]


@scenario
async def test_a_mention_gets_an_answer(stand):
    stand.send_user_message(GROUP, "@SzTargetsBot 算力要到多少", chat_type="supergroup")
    [reply] = await stand.wait_for_sent(GROUP)
    assert "34000PFLOPS" in reply["text"]


@scenario
async def test_private_question_gets_an_answer(stand):
    stand.send_user_message(PRIVATE, "工业投资进度怎么样了", user_id=PRIVATE)
    [reply] = await stand.wait_for_sent(PRIVATE)
    assert "力争2500亿元" in reply["text"]


@scenario
async def test_clarify_keyboard_press_gives_the_chosen_answer(stand):
    stand.send_user_message(PRIVATE, "智能工厂目标", user_id=PRIVATE)
    [clarify] = await stand.wait_for_sent(PRIVATE)
    buttons = [row[0] for row in clarify["reply_markup"]["inline_keyboard"]]
    assert len(buttons) == 2 and all(len(b["callback_data"].encode()) <= 64 for b in buttons)
    chosen = next(b for b in buttons if "卓越" in b["text"])
    stand.send_callback_query(PRIVATE, clarify["message_id"], chosen["callback_data"], user_id=PRIVATE)
    for _ in range(1200):
        edited = stand.sent_messages(PRIVATE)[0]
        if "目标：5个" in edited["text"]:
            break
        await asyncio.sleep(0.05)
    assert "新增卓越级智能工厂" in edited["text"] and "目标：5个" in edited["text"]
    assert stand.callback_answers


@scenario
async def test_inline_query_gets_articles(stand):
    stand.send_inline_query("研发投入", user_id=PRIVATE)
    for _ in range(1200):
        if stand.inline_answers:
            break
        await asyncio.sleep(0.05)
    [answer] = stand.inline_answers
    [article] = answer["results"]
    assert "超4.25%" in article["input_message_content"]["message_text"]


@scenario
async def test_a_429_is_waited_out_and_the_reply_still_arrives(stand):
    stand.fail_next("sendMessage", 429, count=1, retry_after=1)
    stand.send_user_message(PRIVATE, "小巨人", user_id=PRIVATE)
    [reply] = await stand.wait_for_sent(PRIVATE)
    assert "180家" in reply["text"]
    statuses = [r["status"] for r in stand.requests if r["method"].lower() == "sendmessage"]
    assert statuses[:2] == [429, 200]


@scenario
async def test_html_in_a_question_is_escaped(stand):
    stand.send_user_message(PRIVATE, "<b>研发投入</b>目标 <script>x</script>", user_id=PRIVATE)
    stand.send_user_message(PRIVATE, "/ask <i>&amp;", user_id=PRIVATE)
    replies = await stand.wait_for_sent(PRIVATE, count=2)
    for reply in replies:  # the stand-in refuses malformed HTML with 400, so arriving means valid
        assert "<script>" not in reply["text"] and "<i>" not in reply["text"]


@scenario
async def test_command_menus_are_set_for_everyone_and_for_admins(stand):
    await flush(stand)
    scopes = {key: [c["command"] for c in commands] for key, commands in stand.commands.items()}
    assert any("mode" in commands for commands in scopes.values())
    assert any("ask" in commands and "mode" not in commands for commands in scopes.values())


@scenario
async def test_mode_all_lets_confident_free_text_through_and_only_that(stand):
    stand.set_chat_admins(GROUP, [7])
    stand.send_user_message(GROUP, "/mode all", user_id=8, chat_type="supergroup")
    [refused] = await stand.wait_for_sent(GROUP)
    assert "管理员" in refused["text"]
    stand.send_user_message(GROUP, "/mode all", user_id=7, chat_type="supergroup")
    await stand.wait_for_sent(GROUP, count=2)
    stand.send_user_message(GROUP, "收到", chat_type="supergroup")
    stand.send_user_message(GROUP, "瞪羚企业目标", chat_type="supergroup")
    replies = await stand.wait_for_sent(GROUP, count=3)
    await flush(stand)
    assert len(stand.sent_messages(GROUP)) == 3 and "力争1000家" in replies[2]["text"]


@scenario
async def test_targets_is_split_below_the_limit(stand):
    stand.send_user_message(PRIVATE, "/targets", user_id=PRIVATE)
    replies = await stand.wait_for_sent(PRIVATE)
    assert all(len(r["text"]) <= 4096 for r in replies)
    assert "【科技创新】" in "".join(r["text"] for r in replies)


def test_webhook_mode_checks_the_secret_and_answers():
    async def body():
        port = free_port()
        async with running_bot(webhook_url="https://bot.example/telegram", webhook_secret="s3cret",
                               webhook_port=port) as stand:
            assert any(r["method"].lower() == "setwebhook" and r["params"].get("secret_token") == "s3cret"
                       for r in stand.requests)
            update = {"update_id": 1, "message": {
                "message_id": 1, "date": 1780000000, "text": "瞪羚",
                "chat": {"id": PRIVATE, "type": "private", "first_name": "张三"},
                "from": {"id": PRIVATE, "is_bot": False, "first_name": "张三"}}}
            url = f"http://127.0.0.1:{port}/telegram"
            async with httpx.AsyncClient() as client:
                wrong = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
                right = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"})
            assert wrong.status_code == 403 and right.status_code == 200
            [reply] = await stand.wait_for_sent(PRIVATE)
            assert "力争1000家" in reply["text"]

    asyncio.run(asyncio.wait_for(body(), 180))


def test_errors_reach_the_admins_chat_without_the_token():
    async def body():
        async with running_bot(admin_chat_id=-999) as stand:
            def explode(question):
                raise RuntimeError(f"https://api.telegram.org/bot{TOKEN}/sendMessage failed")

            stand.app.bot_data.answerer.answer = explode
            stand.send_user_message(PRIVATE, "研发投入", user_id=PRIVATE)
            [alert] = await stand.wait_for_sent(-999)
            assert "RuntimeError" in alert["text"] and TOKEN not in alert["text"]

    asyncio.run(asyncio.wait_for(body(), 180))


def test_log_records_never_carry_the_token():
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, 'HTTP Request: POST %s "%s"',
                               (f"https://api.telegram.org/bot{TOKEN}/getUpdates", "HTTP/1.1 200 OK"), None)
    RedactToken(TOKEN).filter(record)
    assert TOKEN not in record.getMessage() and "<token>" in record.getMessage()


# Methods of the public Bot API (core.telegram.org/bots/api) the bot may call; any other call would
# tie it to this stand-in.
DOCUMENTED_METHODS = {
    "getme", "getupdates", "sendmessage", "editmessagetext", "editmessagereplymarkup", "answercallbackquery",
    "answerinlinequery", "sendphoto", "senddocument", "getfile", "setmycommands", "deletewebhook", "setwebhook",
    "getchatmember", "getchatadministrators", "sendchataction", "getchat", "close", "logout",
}


@scenario
async def test_the_bot_calls_only_documented_bot_api_methods(stand):
    stand.set_chat_admins(GROUP, [7])
    for text in ("/ask 智能工厂目标", "/targets", "/progress", "/sources", "/help", "/mode all"):
        stand.send_user_message(GROUP, text, user_id=7, chat_type="supergroup")
    sent = await stand.wait_for_sent(GROUP, count=6)
    stand.send_callback_query(GROUP, sent[0]["message_id"], sent[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"])
    stand.send_inline_query("研发")
    await flush(stand)
    called = {r["method"].lower() for r in stand.requests}
    assert called - DOCUMENTED_METHODS == set()
    assert {"getupdates", "sendmessage", "editmessagetext", "answercallbackquery", "answerinlinequery",
            "setmycommands", "getchatmember"} <= called
