"""The token never leaves the process: not in a log line, the database, the admins' chat or a reply.

A malformed Bot API response (``HTTZ/1.1 200 OK``, as a broken proxy or captive portal sends) makes
the HTTP client raise an error that quotes the URL, and so the token. It is driven through polling
and through a daily delivery of the real application against the stand-in; then the captured log,
the bytes of the database file and its WAL, and every request the stand-in received are searched.
"""

import asyncio
import io
import json
import logging
import sys

import pytest
import sqlite_utils

from bot.app import build_application, configure_logging
from bot.config import Config
from bot.standin import BotApiStandIn
from bot.standin.lifecycle import started
from knowledge.answers import Answerer
from knowledge.redaction import REDACTED, redact
from knowledge.store import migrations, open_store
from tests.test_answers import record
from tests.test_subscriptions import Clock, wait_until

# Made up, shaped like a real token (bot id, colon, 35 characters).
TOKEN = "987654321:AAHfakeTokenForTests_0123456789abcdXYZ"
SECRET = TOKEN.split(":", 1)[1]
GROUP, ADMIN, ADMINS_CHAT, USER = -100777, 7, -999, 5001


@pytest.mark.parametrize("text, expected", [
    (f"url='http://127.0.0.1:8081/bot{TOKEN}/getUpdates'", "url='http://127.0.0.1:8081/bot<token>/getUpdates'"),
    (f"token {TOKEN} leaked", "token <token> leaked"),
    ("https://api.telegram.org/bot123:short-secret/sendMessage", "https://api.telegram.org/bot<token>/sendMessage"),
    (f"/bot{TOKEN.replace(':', '%3A')}/x", "/bot<token>/x"),
    ("研发投入 4.25% 1980亿元 2026-07-02 12:00:00", "研发投入 4.25% 1980亿元 2026-07-02 12:00:00"),
    ("/both /bottom 12:30", "/both /bottom 12:30"),
])
def test_redact_removes_token_shapes_and_keeps_ordinary_text(text, expected):
    assert redact(text) == expected
    assert redact(expected) == expected


def test_redact_removes_the_configured_token_whatever_its_shape():
    assert redact("odd token x:y-z in text", token="x:y-z") == f"odd token {REDACTED} in text"


def test_migration_scrubs_tokens_from_stored_error_texts(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m005_scrub_tokens")
    leaked = f"NetworkError: aiohttp.ClientResponseError: 400, url='https://api.telegram.org/bot{TOKEN}/sendPhoto'"
    db["deliveries"].insert_all([{"chat_id": 1, "at": "2026-07-02", "ok": 0, "error": leaked},
                                 {"chat_id": 2, "at": "2026-07-02", "ok": 0, "error": f"raw {TOKEN}"},
                                 {"chat_id": 3, "at": "2026-07-02", "ok": 1, "error": None}])
    db.conn.commit()
    db.close()
    store = open_store(path)
    errors = [d.error for d in store.deliveries()]
    assert errors[0].endswith("url='https://api.telegram.org/bot<token>/sendPhoto'")
    assert errors[1] == "raw <token>" and errors[2] == ""
    store.db.execute("pragma wal_checkpoint(truncate)")
    assert SECRET.encode() not in b"".join(p.read_bytes() for p in tmp_path.iterdir())


def test_an_exception_escaping_everything_is_printed_without_the_token(capsys, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    level = logging.getLogger().level
    handler = configure_logging(TOKEN, io.StringIO())
    logging.getLogger().removeHandler(handler)
    logging.getLogger().setLevel(level)
    try:
        try:
            raise ConnectionError(f"400, url='http://127.0.0.1:8081/bot{TOKEN}/getMe'")
        except ConnectionError as cause:
            raise RuntimeError("start-up failed") from cause
    except RuntimeError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    printed = capsys.readouterr().err
    assert "start-up failed" in printed and "/bot<token>/getMe" in printed and SECRET not in printed


def test_a_malformed_response_leaks_the_token_nowhere(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # configure_logging replaces it; restored after

    async def body():
        log = io.StringIO()
        level = logging.getLogger().level
        handler = configure_logging(TOKEN, log)
        clock = Clock(2026, 7, 2, 8, 0)
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=clock)
        stand = BotApiStandIn(token=TOKEN, bot_username="SzTargetsBot", bot_id=987654321)
        await stand.start()
        stand.set_chat_admins(GROUP, [ADMIN])
        app = build_application(Config(base_url=stand.base_url, admin_chat_id=ADMINS_CHAT,
                                       summary_check_seconds=0.1), answerer, TOKEN)
        app.bot.rate_limiter.give_up_after = 0.5  # the send retry gives up at once instead of after 2 minutes

        def to_error_handler(error: Exception) -> None:  # as run_polling does: polling errors go to the handler
            app.create_task(app.process_error(error=error, update=None))

        try:
            async with started(app, menus=False, error_callback=to_error_handler):
                # 1. polling meets the malformed response three times, then recovers
                stand.garble_next("getUpdates", count=3)
                await wait_until(lambda: stand.faults["garble"] >= 3)
                stand.send_user_message(USER, "瞪羚", user_id=USER)
                await stand.wait_for_sent(USER)
                alerts = await stand.wait_for_sent(ADMINS_CHAT)
                assert "HTTZ" in alerts[0]["text"]  # the admins hear what went wrong …
                assert len([a for a in stand.sent_messages(ADMINS_CHAT) if "HTTZ" in a["text"]]) == 1  # … once

                # 2. a daily summary meets it on every try
                stand.send_user_message(GROUP, "/subscribe 09:00", user_id=ADMIN, chat_type="supergroup")
                await stand.wait_for_sent(GROUP)
                record(answerer.store, "industrial_investment", 1000, "亿元")
                answerer.reload()
                stand.garble_next("sendPhoto", count=1000)
                clock.set(2026, 7, 2, 9, 0)
                await wait_until(lambda: answerer.store.deliveries(GROUP))
                [delivery] = answerer.store.deliveries(GROUP)
                assert not delivery.ok and "HTTZ" in delivery.error and REDACTED in delivery.error
                await wait_until(lambda: any("摘要发送失败" in a["text"] for a in stand.sent_messages(ADMINS_CHAT)))
                stand.send_user_message(GROUP, "/subscription", user_id=USER, chat_type="supergroup")
                status = (await stand.wait_for_sent(GROUP, count=2))[-1]
                assert "失败" in status["text"] and "HTTZ" in status["text"]
        finally:
            await stand.stop()
            logging.getLogger().removeHandler(handler)
            logging.getLogger().setLevel(level)
        output = log.getvalue()
        assert "HTTZ" in output and "Traceback" in output  # the failures were logged, tracebacks included
        database = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("kb.db"))
        received = json.dumps([stand.requests, stand.sent_messages()], ensure_ascii=False)
        for place, text in (("log", output), ("database", database.decode("utf-8", "replace")),
                            ("stand-in", received)):
            assert SECRET not in text, f"token found in the {place}"

    asyncio.run(asyncio.wait_for(body(), 180))
