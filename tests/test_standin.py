"""The Bot API stand-in (bot/standin/): response shapes, long polling, validation, files, and a real PTB Bot."""

import asyncio
import base64
import datetime
import json
import struct
import warnings
import zlib

import httpx
import telegram
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.standin import BotApiStandIn, image_size, parse_html
from bot.standin.lifecycle import started

TOKEN = "123456:TEST-token"


def run(scenario):
    """Run ``await scenario(stand, client)`` against a started stand-in, then shut everything down."""
    async def main():
        stand = BotApiStandIn(token=TOKEN, bot_username="SzTargetsBot", bot_id=123456)
        await stand.start()
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{stand.port}", timeout=10) as client:
                return await scenario(stand, client)
        finally:
            await stand.stop()
    return asyncio.run(main())


async def call(client, method, token=TOKEN, **params):
    response = await client.post(f"/bot{token}/{method}", json=params)
    return response.status_code, response.json()


def test_get_me_and_error_shapes():
    async def scenario(stand, client):
        status, body = await call(client, "getMe")
        assert status == 200 and body["ok"] is True and set(body) == {"ok", "result"}
        assert body["result"]["username"] == "SzTargetsBot" and body["result"]["is_bot"] is True
        status, body = await call(client, "GETME")  # method names are case-insensitive
        assert status == 200 and body["result"]["id"] == 123456
        assert await call(client, "getMe", token="123456:wrong") == (
            401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        assert await call(client, "sendFax") == (
            404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"})
        status, body = await call(client, "sendMessage", chat_id=7, text="   ")
        assert (status, body) == (400, {"ok": False, "error_code": 400,
                                        "description": "Bad Request: message text is empty"})
        assert [r["status"] for r in stand.requests] == [200, 200, 401, 404, 400]
        assert stand.requests[1]["method"] == "getMe"
    run(scenario)


def test_get_updates_offset_and_long_poll_wakes_up():
    async def scenario(stand, client):
        first = stand.send_user_message(42, "你好")
        _, body = await call(client, "getUpdates")
        assert [u["message"]["text"] for u in body["result"]] == ["你好"]
        update_id = body["result"][0]["update_id"]
        assert body["result"][0]["message"]["message_id"] == first["message_id"] == 1

        poll = asyncio.create_task(call(client, "getUpdates", offset=update_id + 1, timeout=50))
        await asyncio.sleep(0.2)
        assert not poll.done()
        stand.send_user_message(42, "第二条")
        _, body = await asyncio.wait_for(poll, 30)  # woken by the message, not ended by its 50 s
        assert [(u["update_id"], u["message"]["text"], u["message"]["message_id"]) for u in body["result"]] == [
            (update_id + 1, "第二条", 2)]
        assert isinstance(body["result"][0]["message"]["date"], int)

        _, body = await call(client, "getUpdates", offset=update_id + 2, timeout=0)
        assert body == {"ok": True, "result": []}
        _, body = await call(client, "getUpdates", offset=update_id, timeout=0)  # confirmed ones are gone
        assert body["result"] == []
    run(scenario)


def test_form_encoded_requests_are_decoded():
    async def scenario(stand, client):
        markup = {"inline_keyboard": [[{"text": "更多", "callback_data": "more:1"}]]}
        response = await client.post(f"/bot{TOKEN}/sendMessage",
                                     data={"chat_id": "-1001", "text": "hi", "reply_markup": json.dumps(markup)})
        body = response.json()
        assert body["ok"] and body["result"]["reply_markup"] == markup
        assert body["result"]["chat"] == {"id": -1001, "type": "group", "title": "Group -1001"}
        assert stand.requests[-1]["params"] == {"chat_id": -1001, "text": "hi", "reply_markup": markup}
    run(scenario)


def test_html_validation():
    async def scenario(stand, client):
        status, body = await call(client, "sendMessage", chat_id=7, text="<b>粗</b> <div>x</div>", parse_mode="HTML")
        assert status == 400 and body["description"].startswith("Bad Request: can't parse entities: ")
        for bad in ["<b>unclosed", "<b><i>x</b></i>", "x </b>", "1 < 2", "AT&T", '<span class="x">s</span>']:
            status, body = await call(client, "sendMessage", chat_id=7, text=bad, parse_mode="HTML")
            assert status == 400 and "can't parse entities" in body["description"], bad
        status, body = await call(client, "sendMessage", chat_id=7, parse_mode="HTML",
                                  text='<b>目标</b> &lt;5% &amp; <a href="https://x.cn/?a=1&amp;b=2">链接</a>')
        assert status == 200
        message = body["result"]
        assert message["text"] == "目标 <5% & 链接"
        assert message["entities"] == [{"type": "bold", "offset": 0, "length": 2},
                                       {"type": "text_link", "offset": 9, "length": 2, "url": "https://x.cn/?a=1&b=2"}]
        assert message["from"]["id"] == 123456 and stand.sent_messages(7) == [message]
        status, body = await call(client, "sendMessage", chat_id=7, text="<i>plain</i>")  # no parse_mode
        assert status == 200 and body["result"]["text"] == "<i>plain</i>"
    run(scenario)


def test_parse_html_pre_language_and_utf16_offsets():
    text, entities = parse_html('😀 <pre><code class="language-python">x = 1</code></pre><tg-spoiler>s</tg-spoiler>')
    assert text == "😀 x = 1s"
    assert entities == [{"type": "pre", "language": "python", "offset": 3, "length": 5},
                        {"type": "spoiler", "offset": 8, "length": 1}]


def test_message_too_long():
    async def scenario(stand, client):
        status, body = await call(client, "sendMessage", chat_id=7, text="长" * 4097)
        assert (status, body["description"]) == (400, "Bad Request: message is too long")
        # the limit applies after entity parsing: markup does not count
        status, _ = await call(client, "sendMessage", chat_id=7, text="<b>" + "长" * 4096 + "</b>", parse_mode="HTML")
        assert status == 200
    run(scenario)


def test_fail_next_shapes():
    async def scenario(stand, client):
        stand.fail_next("sendMessage", 429, retry_after=3)
        stand.fail_next(None, 403)
        assert await call(client, "sendMessage", chat_id=7, text="x") == (429, {
            "ok": False, "error_code": 429, "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3}})
        status, body = await call(client, "getUpdates")  # method=None never hits getUpdates
        assert status == 200
        assert await call(client, "sendMessage", chat_id=7, text="x") == (403, {
            "ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"})
        status, body = await call(client, "sendMessage", chat_id=7, text="x")
        assert status == 200 and stand.sent_messages(7)[0]["message_id"] == 1
        stand.fail_next("getme", 500, count=2)
        assert (await call(client, "getMe"))[1]["description"] == "Internal Server Error"
        assert (await call(client, "getMe"))[0] == 500
        assert (await call(client, "getMe"))[0] == 200
    run(scenario)


def test_multipart_send_document_and_file_download():
    async def scenario(stand, client):
        response = await client.post(
            f"/bot{TOKEN}/sendDocument",
            data={"chat_id": "7", "caption": "<b>报告</b>", "parse_mode": "HTML"},
            files={"document": ("report.csv", b"a,b\n1,2\n", "text/csv")})
        message = response.json()["result"]
        assert message["document"]["file_name"] == "report.csv" and message["document"]["file_size"] == 8
        assert message["caption"] == "报告" and message["caption_entities"][0]["type"] == "bold"
        _, body = await call(client, "getFile", file_id=message["document"]["file_id"])
        download = await client.get(f"/file/bot{TOKEN}/{body['result']['file_path']}")
        assert download.content == b"a,b\n1,2\n"
        status, body = await call(client, "sendDocument", chat_id=7, document="x" * 20, caption="c" * 1025)
        assert (status, body["description"]) == (400, "Bad Request: message caption is too long")
    run(scenario)


def test_injected_document_get_file_and_download():
    async def scenario(stand, client):
        message = stand.send_document(9, "目标.xlsx", b"\x00\x01binary", caption="请看")
        assert message["document"]["mime_type"].endswith("spreadsheetml.sheet")
        _, body = await call(client, "getUpdates")
        assert body["result"][0]["message"]["document"] == message["document"]
        status, body = await call(client, "getFile", file_id=message["document"]["file_id"])
        assert status == 200 and set(body["result"]) == {"file_id", "file_unique_id", "file_size", "file_path"}
        download = await client.get(f"/file/bot{TOKEN}/{body['result']['file_path']}")
        assert download.status_code == 200 and download.content == b"\x00\x01binary"
        assert (await client.get(f"/file/bot123456:wrong/{body['result']['file_path']}")).status_code == 401
        status, body = await call(client, "getFile", file_id="nope")
        assert (status, body["description"]) == (400, "Bad Request: invalid file_id")
    run(scenario)


def test_command_and_mention_entities():
    stand = BotApiStandIn(token=TOKEN)
    message = stand.send_user_message(-100, "/ask@SzTargetsBot 研发 @someone", chat_type="supergroup",
                                      chat_title="苏州")
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 17},
                                   {"type": "mention", "offset": 21, "length": 8}]
    assert message["chat"] == {"id": -100, "type": "supergroup", "title": "苏州"}
    anonymous = stand.send_user_message(-100, "hi", chat_type="supergroup", via_anonymous_admin=True)
    assert anonymous["from"]["id"] == 1087968824 and anonymous["sender_chat"]["id"] == -100
    forwarded = stand.send_user_message(5, "fwd", forward_from_id=77)
    assert forwarded["forward_origin"]["type"] == "user" and forwarded["forward_origin"]["sender_user"]["id"] == 77


def test_reply_to_message_embedding_and_edits():
    async def scenario(stand, client):
        question = stand.send_user_message(7, "问题")
        _, body = await call(client, "sendMessage", chat_id=7, text="回答",
                             reply_parameters={"message_id": question["message_id"]},
                             reply_markup={"inline_keyboard": [[{"text": "下一页", "callback_data": "p2"}]]})
        answer = body["result"]
        assert answer["reply_to_message"] == question and answer["message_id"] == 2
        follow_up = stand.send_user_message(7, "追问", reply_to_message_id=answer["message_id"])
        assert follow_up["reply_to_message"]["text"] == "回答"
        assert "reply_to_message" not in follow_up["reply_to_message"]  # documented: no further nesting
        status, body = await call(client, "sendMessage", chat_id=7, text="x", reply_to_message_id=99)
        assert (status, body["description"]) == (400, "Bad Request: message to be replied not found")

        query = stand.send_callback_query(7, answer["message_id"], "p2")
        assert query["message"]["text"] == "回答"
        assert (await call(client, "answerCallbackQuery", callback_query_id=query["id"], text="ok"))[0] == 200
        assert (await call(client, "answerCallbackQuery", callback_query_id=query["id"]))[0] == 400
        _, body = await call(client, "editMessageText", chat_id=7, message_id=answer["message_id"], text="回答 2")
        assert body["result"]["text"] == "回答 2" and "reply_markup" not in body["result"] and "edit_date" in body["result"]
        status, body = await call(client, "editMessageText", chat_id=7, message_id=answer["message_id"], text="回答 2")
        assert status == 400 and body["description"].startswith("Bad Request: message is not modified")
        assert [m["text"] for m in stand.sent_messages(7)] == ["回答 2"]
        edited = stand.send_user_message(7, "问题（改）", edited=True, message_id=question["message_id"])
        _, body = await call(client, "getUpdates")
        assert body["result"][-1]["edited_message"]["message_id"] == question["message_id"] == edited["message_id"]
    run(scenario)


def test_forum_topics_deleted_messages_and_expired_queries():
    async def scenario(stand, client):
        topic = stand.open_topic(-1007, "进度", user_id=5)
        question = stand.send_user_message(-1007, "问题", chat_type="supergroup", message_thread_id=topic)
        assert question["chat"]["is_forum"] and question["is_topic_message"]
        assert question["message_thread_id"] == topic
        assert question["reply_to_message"]["forum_topic_created"]["name"] == "进度"  # as Telegram does
        general = stand.send_user_message(-1007, "闲聊", chat_type="supergroup")
        assert "message_thread_id" not in general and general["chat"]["is_forum"]
        _, body = await call(client, "sendMessage", chat_id=-1007, text="回答",
                             reply_parameters={"message_id": question["message_id"]})
        assert body["result"]["message_thread_id"] == topic  # a reply lands in its question's topic
        _, body = await call(client, "sendMessage", chat_id=-1007, text="摘要", message_thread_id=topic)
        assert body["result"]["message_thread_id"] == topic and body["result"]["is_topic_message"]
        _, body = await call(client, "sendMessage", chat_id=-1007, text="公告")
        assert "message_thread_id" not in body["result"]
        for chat_id, thread in ((-1007, 999), (7, topic)):
            status, body = await call(client, "sendMessage", chat_id=chat_id, text="x", message_thread_id=thread)
            assert (status, body["description"]) == (400, "Bad Request: message thread not found")

        stand.delete_message(-1007, question["message_id"])
        status, body = await call(client, "sendMessage", chat_id=-1007, text="晚到的回答",
                                  reply_parameters={"message_id": question["message_id"]})
        assert (status, body["description"]) == (400, "Bad Request: message to be replied not found")
        _, body = await call(client, "sendMessage", chat_id=-1007, text="晚到的回答",
                             reply_parameters={"message_id": question["message_id"], "allow_sending_without_reply": True})
        assert "reply_to_message" not in body["result"] and "message_thread_id" not in body["result"]

        late = stand.send_callback_query(-1007, body["result"]["message_id"], "p", expired=True)
        status, body = await call(client, "answerCallbackQuery", callback_query_id=late["id"])
        assert (status, body["description"]) == (400, "Bad Request: query is too old and response timeout "
                                                       "expired or query ID is invalid")
        _, body = await call(client, "editMessageText", chat_id=-1007, message_id=late["message"]["message_id"],
                             text="照样可以编辑")
        assert body["result"]["text"] == "照样可以编辑"
    run(scenario)


def test_commands_admins_and_inline_answers():
    async def scenario(stand, client):
        commands = [{"command": "ask", "description": "提问"}]
        assert (await call(client, "setMyCommands", commands=commands))[0] == 200
        assert (await call(client, "setMyCommands", commands=commands, scope={"type": "chat", "chat_id": -5}))[0] == 200
        assert stand.commands == {"default": commands, "chat:-5": commands}
        assert (await call(client, "getMyCommands"))[1]["result"] == commands
        assert (await call(client, "setMyCommands", commands=[{"command": "Ask!", "description": "x"}]))[0] == 400
        stand.set_chat_admins(-5, [1, 2])
        _, body = await call(client, "getChatAdministrators", chat_id=-5)
        assert [m["status"] for m in body["result"]] == ["creator", "administrator"]
        _, body = await call(client, "getChatMember", chat_id=-5, user_id=3)
        assert body["result"]["status"] == "member"
        inline = stand.send_inline_query("研发")
        results = [{"type": "article", "id": "1", "title": "t", "input_message_content": {"message_text": "m"}}]
        assert (await call(client, "answerInlineQuery", inline_query_id=inline["id"], results=results))[0] == 200
        assert stand.inline_answers[0]["results"] == results
    run(scenario)


def test_wait_for_sent_times_out_helpfully():
    async def scenario(stand, client):
        try:
            await stand.wait_for_sent(7, timeout=0.1)
        except TimeoutError as err:
            assert "chat 7" in str(err)
        else:
            raise AssertionError("expected TimeoutError")
        waiter = asyncio.create_task(stand.wait_for_sent(7, count=1, timeout=30))
        await call(client, "sendMessage", chat_id=7, text="到了")
        assert [m["text"] for m in await waiter] == ["到了"]
    run(scenario)


def test_control_api():
    async def scenario(stand, client):
        response = await client.post("/control/send_user_message", json={"chat_id": 3, "text": "/start"})
        assert response.json()["result"]["entities"][0]["type"] == "bot_command"
        content = base64.b64encode(b"hello").decode()
        response = await client.post("/control/send_document", json={"chat_id": 3, "filename": "a.txt",
                                                                     "content": content})
        assert response.json()["ok"]
        await client.post("/control/fail_next", json={"method": "sendMessage", "status": 429})
        assert (await call(client, "sendMessage", chat_id=3, text="x"))[0] == 429
        await call(client, "sendMessage", chat_id=3, text="y")
        sent = (await client.get("/control/sent", params={"chat_id": 3})).json()["result"]
        assert [m["text"] for m in sent] == ["y"]
        assert (await client.post("/control/send_user_message", json={"text": "no chat"})).status_code == 400
    run(scenario)


def test_real_python_telegram_bot_against_stand_in():
    async def scenario(stand, client):
        bot = telegram.Bot(TOKEN, base_url=stand.base_url, base_file_url=stand.base_file_url)
        async with bot:
            me = await bot.get_me()
            assert me.username == "SzTargetsBot" and me.id == 123456
            stand.send_user_message(7, "问题")
            markup = telegram.InlineKeyboardMarkup([[telegram.InlineKeyboardButton("更多", callback_data="m")]])
            sent = await bot.send_message(7, "<b>答</b> &lt;ok&gt;", parse_mode="HTML", reply_markup=markup,
                                          reply_parameters=telegram.ReplyParameters(1))
            assert sent.text == "答 <ok>" and sent.reply_to_message.text == "问题"
            assert sent.reply_markup == markup and not sent.api_kwargs
            updates = await bot.get_updates()
            assert updates[0].message.text == "问题"
            document = stand.send_document(7, "data.txt", b"payload")
            file = await bot.get_file(document["document"]["file_id"])
            assert bytes(await file.download_as_bytearray()) == b"payload"
            stand.fail_next("sendMessage", 429, retry_after=2)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # PTB 22 deprecates the int type of retry_after
                try:
                    await bot.send_message(7, "x")
                except telegram.error.RetryAfter as err:
                    assert err.retry_after in (2, datetime.timedelta(seconds=2))
                else:
                    raise AssertionError("expected RetryAfter")
            try:
                await bot.send_message(7, "<foo>", parse_mode="HTML")
            except telegram.error.BadRequest as err:
                assert "can't parse entities" in err.message.lower()
            else:
                raise AssertionError("expected BadRequest")
    run(scenario)


def test_real_application_polls_and_answers():
    async def scenario(stand, client):
        async def ask(update, context):
            await update.message.reply_text(f"问：{' '.join(context.args)}", do_quote=True)

        async def button(update, context):
            await update.callback_query.answer("好")

        app = (Application.builder().token(TOKEN).base_url(stand.base_url)
               .base_file_url(stand.base_file_url).build())
        app.add_handlers([CommandHandler("ask", ask), CallbackQueryHandler(button)])
        async with started(app, menus=False):
            question = stand.send_user_message(-5, "/ask@SzTargetsBot 研发", chat_type="group")
            [answer] = await stand.wait_for_sent(-5)
            assert answer["text"] == "问：研发" and answer["reply_to_message"] == question
            stand.send_callback_query(-5, answer["message_id"], "more")
            for _ in range(3000):
                if stand.callback_answers:
                    break
                await asyncio.sleep(0.02)
            assert stand.callback_answers[0]["text"] == "好"
        assert {"getMe", "deleteWebhook", "getUpdates"} <= {r["method"] for r in stand.requests}
    run(scenario)


def tiny_png(width: int, height: int) -> bytes:
    """A valid RGB PNG of the given size (all black)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_image_size_headers():
    assert image_size(tiny_png(3, 2)) == (3, 2)
    assert image_size(b"GIF89a" + struct.pack("<HH", 640, 480) + b"\x00" * 8) == (640, 480)
    jpeg = (b"\xff\xd8\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
            + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 720, 1280) + b"\x03" + b"\x00" * 9 + b"\xff\xd9")
    assert image_size(jpeg) == (1280, 720)
    assert image_size(b"not an image") is None and image_size(None) is None


def test_flood_limits_per_second_and_per_group_window():
    async def scenario(stand, client):
        now = [100.0]
        stand.clock = lambda: now[0]
        for i in range(5):  # off by default
            assert (await call(client, "sendMessage", chat_id=7, text=f"free {i}"))[0] == 200
        stand.enforce_limits(per_second=3, per_group_per_minute=5)
        for at, chat in [(100.0, 1), (100.2, 2), (100.4, -3)]:
            now[0] = at
            assert (await call(client, "sendMessage", chat_id=chat, text="ok"))[0] == 200
        now[0] = 100.5
        assert await call(client, "sendMessage", chat_id=4, text="over") == (429, {
            "ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1}})
        assert stand.limit_refusals == 1 and stand.requests[-1]["status"] == 429
        assert stand.requests[-1]["method"] == "sendMessage" and stand.sent_messages(4) == []  # not delivered
        assert (await call(client, "sendChatAction", chat_id=4, action="typing"))[0] == 200  # not a message
        status, _ = await call(client, "sendDocument", chat_id=4, document="https://x.cn/a.pdf")
        assert status == 429 and stand.limit_refusals == 2  # every send* counts
        now[0] = 101.0  # the 100.0 send has left the window
        assert (await call(client, "sendMessage", chat_id=4, text=""))[0] == 400  # failed calls take no slot
        assert (await call(client, "sendMessage", chat_id=4, text="again"))[0] == 200

        # per group: 5 a minute in -5, with plenty of time between them for the per-second limit
        for at in (200, 210, 220, 230, 240):
            now[0] = at
            assert (await call(client, "sendMessage", chat_id=-5, text=f"g{at}"))[0] == 200
        now[0] = 245
        status, body = await call(client, "sendMessage", chat_id=-5, text="too many")
        assert (status, body["parameters"], body["description"]) == (
            429, {"retry_after": 15}, "Too Many Requests: retry after 15")
        assert (await call(client, "sendMessage", chat_id=-6, text="other group"))[0] == 200
        assert (await call(client, "sendMessage", chat_id=8, text="private chat"))[0] == 200
        now[0] = 259.5
        assert (await call(client, "sendMessage", chat_id=-5, text="x"))[1]["parameters"] == {"retry_after": 1}
        now[0] = 260.0  # the send at 200 expired; refused calls took no slot
        assert (await call(client, "sendMessage", chat_id=-5, text="g260"))[0] == 200
        now[0] = 261.0
        assert (await call(client, "sendMessage", chat_id=-5, text="x"))[1]["parameters"] == {"retry_after": 9}
        assert [m["text"] for m in stand.sent_messages(-5)] == ["g200", "g210", "g220", "g230", "g240", "g260"]
        assert stand.limit_refusals == 5
        assert [r["status"] for r in stand.requests].count(429) == 5

        stand.enforce_limits()  # documented defaults: 30/s overall, 20/min per group; counting restarts
        now[0] = 1000.0
        statuses = [(await call(client, "sendMessage", chat_id=-7, text=str(i)))[0] for i in range(21)]
        assert statuses == [200] * 20 + [429]
        now[0] = 1000.5
        statuses = [(await call(client, "sendMessage", chat_id=10 + i, text="p"))[0] for i in range(11)]
        assert statuses == [200] * 10 + [429]
        stand.enforce_limits(None, None)
        for _ in range(40):
            assert (await call(client, "sendMessage", chat_id=-7, text="unlimited"))[0] == 200
        assert stand.limit_refusals == 7
    run(scenario)


def test_flood_limit_reaches_python_telegram_bot_as_retry_after():
    async def scenario(stand, client):
        now = [0.0]
        stand.clock = lambda: now[0]
        stand.enforce_limits(per_second=None, per_group_per_minute=2)
        bot = telegram.Bot(TOKEN, base_url=stand.base_url, base_file_url=stand.base_file_url)
        async with bot:
            await bot.send_message(-5, "1")
            now[0] = 20.0
            await bot.send_message(-5, "2")
            now[0] = 30.0
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # PTB 22 deprecates the int type of retry_after
                try:
                    await bot.send_message(-5, "3")
                except telegram.error.RetryAfter as err:
                    assert err.retry_after in (30, datetime.timedelta(seconds=30))
                else:
                    raise AssertionError("expected RetryAfter")
        assert [m["text"] for m in stand.sent_messages(-5)] == ["1", "2"]
    run(scenario)


def test_block_chat_answers_403():
    async def scenario(stand, client):
        assert (await call(client, "sendMessage", chat_id=7, text="before"))[0] == 200
        stand.block_chat(7)
        stand.block_chat(-5)
        stand.block_chat(-6, description="Forbidden: bot is not a member of the group chat")
        assert await call(client, "sendMessage", chat_id=7, text="after") == (403, {
            "ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"})
        assert (await call(client, "sendChatAction", chat_id=7, action="typing"))[0] == 403
        assert (await call(client, "editMessageText", chat_id=7, message_id=1, text="edit"))[0] == 403
        assert await call(client, "sendMessage", chat_id=-5, text="x") == (403, {
            "ok": False, "error_code": 403, "description": "Forbidden: bot was kicked from the supergroup chat"})
        status, body = await call(client, "sendPhoto", chat_id=-6, photo="https://x.cn/a.jpg")
        assert (status, body["description"]) == (403, "Forbidden: bot is not a member of the group chat")
        assert [m["text"] for m in stand.sent_messages(7)] == ["before"] and stand.sent_messages(-5) == []
        assert (await call(client, "sendMessage", chat_id=8, text="others fine"))[0] == 200
        assert (await call(client, "getMe"))[0] == 200
        bot = telegram.Bot(TOKEN, base_url=stand.base_url, base_file_url=stand.base_file_url)
        async with bot:
            try:
                await bot.send_message(7, "x")
            except telegram.error.Forbidden as err:
                assert err.message == "Forbidden: bot was blocked by the user"
            else:
                raise AssertionError("expected Forbidden")
        stand.unblock_chat(7)
        assert (await call(client, "sendMessage", chat_id=7, text="unblocked"))[0] == 200
    run(scenario)


def test_migrate_chat_answers_400_and_queues_service_messages():
    async def scenario(stand, client):
        new = -1001234567890
        stand.send_user_message(-5, "你好", chat_type="group", chat_title="工信群", user_id=77)
        assert (await call(client, "sendMessage", chat_id=-5, text="before"))[0] == 200
        stand.set_chat_admins(-5, [77])
        to_message, from_message = stand.migrate_chat(-5, new)
        assert to_message["migrate_to_chat_id"] == new and to_message["message_id"] == 3
        assert to_message["chat"] == {"id": -5, "type": "group", "title": "工信群"}
        assert from_message["migrate_from_chat_id"] == -5 and from_message["message_id"] == 1
        assert from_message["chat"] == {"id": new, "type": "supergroup", "title": "工信群"}
        assert to_message["from"]["id"] == from_message["from"]["id"] == 77
        assert await call(client, "sendMessage", chat_id=-5, text="after") == (400, {
            "ok": False, "error_code": 400, "description": "Bad Request: group chat was upgraded to a supergroup chat",
            "parameters": {"migrate_to_chat_id": new}})
        assert (await call(client, "getChat", chat_id=-5))[1]["parameters"] == {"migrate_to_chat_id": new}
        assert [m["text"] for m in stand.sent_messages(-5)] == ["before"]
        bot = telegram.Bot(TOKEN, base_url=stand.base_url, base_file_url=stand.base_file_url)
        async with bot:
            updates = await bot.get_updates()
            assert [u.message.chat.id for u in updates] == [-5, -5, new]
            assert updates[1].message.migrate_to_chat_id == new and updates[1].message.chat.type == "group"
            assert updates[2].message.migrate_from_chat_id == -5 and updates[2].message.chat.type == "supergroup"
            try:
                await bot.send_message(-5, "x")
            except telegram.error.ChatMigrated as err:
                assert err.new_chat_id == new
            else:
                raise AssertionError("expected ChatMigrated")
            sent = await bot.send_message(new, "迁移后")
            assert sent.chat.id == new and sent.chat.type == "supergroup"
            admins = await bot.get_chat_administrators(new)
            assert [m.user.id for m in admins] == [77]
    run(scenario)


def test_sent_photo_is_recorded_with_its_bytes():
    async def scenario(stand, client):
        png = tiny_png(3, 2)
        bot = telegram.Bot(TOKEN, base_url=stand.base_url, base_file_url=stand.base_file_url)
        async with bot:
            sent = await bot.send_photo(-5, photo=png, caption="<b>进度</b>图", parse_mode="HTML")
            assert sent.caption == "进度图" and sent.caption_entities[0].type == "bold"
            assert (sent.photo[-1].width, sent.photo[-1].height, sent.photo[-1].file_size) == (3, 2, len(png))
            file = await bot.get_file(sent.photo[-1].file_id)
            assert bytes(await file.download_as_bytearray()) == png
        [message] = [m for m in stand.sent_messages(-5) if "photo" in m]
        assert message["caption"] == "进度图" and message["from"]["id"] == 123456
        [size] = message["photo"]
        assert set(size) == {"file_id", "file_unique_id", "file_size", "width", "height"}
        assert stand.files[size["file_id"]] == png
        # resending by file_id reuses the stored file; a URL is recorded but never fetched
        _, body = await call(client, "sendPhoto", chat_id=7, photo=size["file_id"])
        assert body["result"]["photo"] == message["photo"] and "caption" not in body["result"]
        _, body = await call(client, "sendPhoto", chat_id=7, photo="https://x.cn/a.jpg")
        assert stand.files[body["result"]["photo"][0]["file_id"]] is None
        assert [len(m["photo"]) for m in stand.sent_messages(7)] == [1, 1]
    run(scenario)


def test_control_api_limits_block_and_migrate():
    async def scenario(stand, client):
        await client.post("/control/enforce_limits", json={"per_second": None, "per_group_per_minute": 1})
        assert (await call(client, "sendMessage", chat_id=-5, text="1"))[0] == 200
        assert (await call(client, "sendMessage", chat_id=-5, text="2"))[0] == 429
        assert (await client.get("/control/limit_refusals")).json()["result"] == 1
        await client.post("/control/enforce_limits", json={"per_second": None, "per_group_per_minute": None})
        await client.post("/control/block_chat", json={"chat_id": 7})
        assert (await call(client, "sendMessage", chat_id=7, text="x"))[0] == 403
        response = await client.post("/control/migrate_chat", json={"old_chat_id": -5, "new_chat_id": -1009})
        assert response.json()["result"][1]["migrate_from_chat_id"] == -5
        assert (await call(client, "sendMessage", chat_id=-5, text="x"))[1]["parameters"]["migrate_to_chat_id"] == -1009
    run(scenario)


def test_drop_next_closes_the_connection_without_an_answer():
    async def scenario(stand, client):
        stand.drop_next("sendMessage")
        try:
            await call(client, "sendMessage", chat_id=7, text="lost")
        except httpx.RemoteProtocolError:
            pass
        else:
            raise AssertionError("expected the connection to close without a response")
        assert stand.sent_messages(7) == []  # lost before it took effect
        assert stand.requests[-1]["fault"] == "drop" and stand.requests[-1]["status"] is None
        assert (await call(client, "getMe"))[0] == 200  # only the next sendMessage was dropped
        assert (await call(client, "sendMessage", chat_id=7, text="ok"))[0] == 200
        stand.drop_next("sendMessage", processed=True)  # takes effect, the answer is lost
        try:
            await call(client, "sendMessage", chat_id=7, text="delivered")
        except httpx.RemoteProtocolError:
            pass
        assert [m["text"] for m in stand.sent_messages(7)] == ["ok", "delivered"]
        assert stand.requests[-1]["status"] == 200 and stand.requests[-1]["fault"] == "drop"

        stand.send_user_message(42, "你好")
        stand.drop_next("getUpdates")
        bot = telegram.Bot(TOKEN, base_url=stand.base_url, base_file_url=stand.base_file_url)
        async with bot:
            try:
                await bot.get_updates()
            except telegram.error.NetworkError as err:
                assert not isinstance(err, telegram.error.TimedOut)
            else:
                raise AssertionError("expected NetworkError")
            [update] = await bot.get_updates()  # nothing was confirmed by the dropped call
            assert update.message.text == "你好"
        stand.drop_next(count=2)  # None: any method but getUpdates
        assert (await call(client, "getUpdates", timeout=0))[0] == 200
        for _ in range(2):
            try:
                await call(client, "getMe")
            except httpx.RemoteProtocolError:
                pass
            else:
                raise AssertionError("expected a drop")
        assert (await call(client, "getMe"))[0] == 200
        assert stand.faults == {"drop": 5} and stand.faults_injected == 5
    run(scenario)


def test_hang_next_outlasts_the_client_timeout_and_is_released_on_stop():
    async def scenario(stand, client):
        stand.hang_next("sendMessage", seconds=30)
        bot = telegram.Bot(TOKEN, base_url=stand.base_url, base_file_url=stand.base_file_url,
                           request=telegram.request.HTTPXRequest(read_timeout=0.5))
        async with bot:
            started = asyncio.get_running_loop().time()
            try:
                await bot.send_message(7, "never")
            except telegram.error.TimedOut:
                pass
            else:
                raise AssertionError("expected TimedOut")
            assert asyncio.get_running_loop().time() - started < 15  # the 0.5 s timeout, not the 30 s hang
            assert stand.sent_messages(7) == [] and stand.requests[-1]["fault"] == "hang"
            await bot.send_message(7, "next")  # only one call hangs
        stand.hang_next("getMe", seconds=0.2)  # a short hang ends by closing the connection
        try:
            await call(client, "getMe")
        except httpx.RemoteProtocolError:
            pass
        else:
            raise AssertionError("expected no response")
        stand.hang_next("getMe", seconds=60)
        hung = asyncio.create_task(call(client, "getMe"))
        await asyncio.sleep(0.2)
        started = asyncio.get_running_loop().time()
        await stand.stop()  # releases the hung call instead of waiting 60 s
        assert asyncio.get_running_loop().time() - started < 30  # not the 60 s the call hangs
        try:
            await hung
        except httpx.HTTPError:
            pass
        assert stand.faults == {"hang": 3}
    run(scenario)


def test_go_away_refuses_connections_and_come_back_keeps_the_state():
    async def scenario(stand, client):
        port = stand.port
        stand.send_user_message(42, "之前")
        poll = asyncio.create_task(call(client, "getUpdates", offset=2, timeout=10))  # confirms 1, waits
        await asyncio.sleep(0.1)
        assert not poll.done()
        stand.send_user_message(42, "之前2")  # update 2: handed out or not, it stays unconfirmed
        await stand.go_away()
        assert not stand.serving
        try:
            await asyncio.wait_for(poll, 30)
        except httpx.HTTPError:
            pass  # the long poll's connection was closed under it (or it got an empty answer first)
        try:
            await call(client, "getMe")
        except httpx.ConnectError:
            pass
        else:
            raise AssertionError("expected connection refused")
        stand.send_user_message(42, "离线时")  # users keep writing while the server is away
        await stand.come_back()
        assert stand.serving and stand.port == port
        _, body = await call(client, "getUpdates", offset=2)
        assert [(u["update_id"], u["message"]["text"]) for u in body["result"]] == [(2, "之前2"), (3, "离线时")]
        await stand.come_back()  # no-op while serving

        await stand.go_away(0.3)  # comes back by itself
        bot = telegram.Bot(TOKEN, base_url=stand.base_url, base_file_url=stand.base_file_url)
        try:
            await bot.get_me()
        except telegram.error.NetworkError:
            pass
        else:
            raise AssertionError("expected NetworkError while away")
        for _ in range(1200):  # back after its 0.3 s
            if stand.serving:
                break
            await asyncio.sleep(0.05)
        async with bot:
            assert (await bot.get_me()).username == "SzTargetsBot"
            sent = await bot.send_message(42, "回来了")
            assert sent.message_id == 4  # message ids continue
        assert stand.faults == {"outage": 2} and len(stand.outages) == 2
        assert all(o["end"] - o["start"] >= 0 for o in stand.outages)
        assert 0.25 < stand.outages[1]["end"] - stand.outages[1]["start"] < 30  # ended by itself, after 0.3 s
    run(scenario)


def test_control_api_drop_hang_and_faults():
    async def scenario(stand, client):
        await client.post("/control/drop_next", json={"method": "getMe"})
        await client.post("/control/hang_next", json={"method": "getChat", "seconds": 0.1})
        for method in ("getMe", "getChat"):
            try:
                await call(client, method, chat_id=7)
            except httpx.RemoteProtocolError:
                pass
            else:
                raise AssertionError(f"expected {method} to get no answer")
        assert (await client.get("/control/faults")).json()["result"] == {"drop": 1, "hang": 1}
    run(scenario)


def test_an_update_that_cannot_be_sent_as_json_is_refused_and_polling_goes_on():
    """A lone surrogate (text decoded with surrogateescape, a long line cut inside a character) is not
    UTF-8: stored, it made every later getUpdates a 500. It is refused where it comes in, in every part
    of an update, and nothing of it is kept."""
    async def scenario(stand, client):
        bad = "粘贴\udce5\udc8f"
        for inject in (lambda: stand.send_user_message(42, bad),
                       lambda: stand.send_user_message(-5, "你好", chat_type="group", chat_title=bad),
                       lambda: stand.send_user_message(43, "你好", first_name=bad),
                       lambda: stand.send_inline_query(bad),
                       lambda: stand.send_document(42, bad + ".txt", b"x")):
            try:
                inject()
            except ValueError as err:
                assert "surrogate" in str(err) and "UTF-8" in str(err), err
            else:
                raise AssertionError("a lone surrogate was accepted")
        response = await client.post("/control/send_user_message", content='{"chat_id": 3, "text": "\\ud800"}',
                                     headers={"Content-Type": "application/json"})
        assert response.status_code == 400 and "surrogate" in response.json()["description"]
        stand.send_user_message(42, "后来的")
        status, body = await call(client, "getUpdates")
        assert status == 200 and [u["message"]["text"] for u in body["result"]] == ["后来的"]
        assert (await call(client, "getChat", chat_id=-5))[0] == 200  # no chat kept the bad title
        assert stand.files == {}
    run(scenario)


def test_a_chosen_inline_result_is_posted_by_the_user_via_the_bot():
    async def scenario(stand, client):
        result = {"type": "article", "id": "1", "title": "t",
                  "input_message_content": {"message_text": "<b>研发</b>投入", "parse_mode": "HTML"}}
        posted = stand.send_inline_result(-5, result, user_id=7, chat_type="group", chat_title="群")
        assert posted["text"] == "研发投入" and posted["entities"][0]["type"] == "bold"
        assert posted["from"]["id"] == 7 and posted["via_bot"]["username"] == "SzTargetsBot"
        response = await client.post("/control/send_inline_result", json={"chat_id": -5, "result": {"id": "2"}})
        assert response.status_code == 400 and "message_text" in response.json()["description"]
        _, body = await call(client, "getUpdates")
        assert [u["message"]["text"] for u in body["result"]] == ["研发投入"]
    run(scenario)
