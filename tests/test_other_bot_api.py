"""The unmodified bot against a Bot API implementation it was not written with: Telemelya (PyPI).

Telemelya is a FastAPI mock of the Bot API by other authors, started by tests/telemelya_server.py in
its own process on 127.0.0.1. The application is built by `build_application`, as `python -m bot run`
builds it. Where Telemelya differs from Telegram, the test adapts how it *drives* the bot, never the
bot:
- it delivers updates only to a webhook, and without the X-Telegram-Bot-Api-Secret-Token header, so
  the bot's webhook is started without a secret (`run` always sets one);
- it has no setMyCommands (404): the bot must log that and keep working;
- every chat it makes is private, so group flows are covered by tests/test_telegram.py only.
"""

import asyncio
import logging
import os
import subprocess
import sys
from contextlib import asynccontextmanager
from pathlib import Path
from uuid import uuid4

import httpx
import pytest

from bot.app import ALLOWED_UPDATES, build_application
from bot.config import Config
from bot.standin.lifecycle import started
from knowledge.answers import Answerer
from knowledge.store import open_store
from tests.conftest import fixed_clock
from tests.harness import TOKEN, free_port

USER = 5101
LAUNCHER = Path(__file__).with_name("telemelya_server.py")


@pytest.fixture(scope="module")
def telemelya(tmp_path_factory):
    """Telemelya's base URL; the server runs for the whole module."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS", "MINIO", "MOCK_SERVER"))}
    process = subprocess.Popen([sys.executable, str(LAUNCHER), str(port)], stdout=subprocess.PIPE,
                               cwd=tmp_path_factory.mktemp("telemelya"), env=env, text=True)
    try:
        assert process.stdout.readline().strip() == "ready", "Telemelya did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


class Session:
    """One Telemelya test session: what a user sends, and every Bot API call the bot made for it."""

    def __init__(self, base: str):
        self.client = httpx.AsyncClient(base_url=f"{base}/api/v1/test", timeout=10, headers={
            "Authorization": "Bearer local", "X-Test-Session": uuid4().hex})
        self.params = {"bot_token": TOKEN}

    async def send(self, **update) -> dict:
        response = await self.client.post("/send_update", params=self.params, json={"chat_id": USER, **update})
        response.raise_for_status()
        delivery = response.json()["delivery"]
        assert delivery.get("status_code") == 200, delivery  # the bot's webhook took the update
        return response.json()["update"]

    async def inline_query(self, query: str) -> None:
        response = await self.client.post("/send_inline_query", params=self.params,
                                          json={"query": query, "from_user": {"id": USER, "first_name": "U"}})
        response.raise_for_status()

    async def calls(self, method: str, count: int = 1, timeout: float = 60) -> list[dict]:
        """The bot's first `count` calls of `method`, waiting for them to arrive."""
        for _ in range(int(timeout / 0.05)):
            responses = (await self.client.get("/responses")).json()["responses"]
            found = [r for r in responses if r["method"] == method]
            if len(found) >= count:
                return found[:count]
            await asyncio.sleep(0.05)
        raise AssertionError(f"no {method} within {timeout} s: {responses}")


@asynccontextmanager
async def bot_on(base: str):
    """The application from build_application, taking updates on a webhook Telemelya posts to."""
    answerer = Answerer(open_store(":memory:"), clock=fixed_clock(2026, 7, 2, 12))
    app = build_application(Config(base_url=f"{base}/bot"), answerer, TOKEN)
    port = free_port()
    webhook = dict(listen="127.0.0.1", port=port, url_path="telegram", webhook_url=f"http://127.0.0.1:{port}/telegram",
                   allowed_updates=ALLOWED_UPDATES)
    async with started(app, webhook=webhook):  # setMyCommands: Telemelya answers 404; the bot carries on
        session = Session(base)
        try:
            yield session
        finally:
            await session.client.aclose()


def on_telemelya(coroutine_function):
    """Run an async test body against a bot on Telemelya; pytest-asyncio is not needed."""

    def test(telemelya, caplog):
        async def body():
            async with bot_on(telemelya) as session:
                await asyncio.wait_for(coroutine_function(session), timeout=180)

        with caplog.at_level(logging.WARNING):
            asyncio.run(body())
        assert "命令菜单未能设置" in caplog.text  # the 404 was seen, logged, and survived

    test.__name__ = coroutine_function.__name__
    return test


@on_telemelya
async def test_a_private_question_gets_the_figure(session):
    await session.send(text="研发投入目标")
    [reply] = await session.calls("sendMessage")
    assert reply["chat_id"] == USER and "超4.25%" in reply["text"]
    assert reply["raw"]["parse_mode"] == "HTML"


@on_telemelya
async def test_start_explains_the_bot_in_chinese(session):
    await session.send(command="/start")
    [reply] = await session.calls("sendMessage")
    assert "/targets" in reply["text"] and "研发投入" in reply["text"]


@on_telemelya
async def test_a_question_without_a_figure_says_so(session):
    await session.send(text="苏州房价多少")
    [reply] = await session.calls("sendMessage")
    assert "没有找到" in reply["text"] and "/targets" in reply["text"]


@on_telemelya
async def test_a_clarify_button_press_gives_the_chosen_answer(session):
    await session.send(text="智能工厂目标")
    [clarify] = await session.calls("sendMessage")
    buttons = [row[0] for row in clarify["reply_markup"]["inline_keyboard"]]
    chosen = next(b for b in buttons if "卓越" in b["text"])
    await session.send(callback_data=chosen["callback_data"], callback_message_id=clarify["message_id"])
    [edit] = await session.calls("editMessageText")
    assert edit["message_id"] == clarify["message_id"]
    assert "新增卓越级智能工厂" in edit["text"] and "目标：5个" in edit["text"]
    assert await session.calls("answerCallbackQuery")


@on_telemelya
async def test_an_inline_query_gets_articles(session):
    await session.inline_query("研发投入")
    [answer] = await session.calls("answerInlineQuery")
    [article] = answer["results"]
    assert article["type"] == "article"
    assert "超4.25%" in article["input_message_content"]["message_text"]


@on_telemelya
async def test_html_in_a_question_is_escaped(session):
    await session.send(text="<b>研发投入</b>目标 <script>x</script>")
    await session.send(text="/ask <i>&amp;")
    for reply in await session.calls("sendMessage", count=2):
        assert "<script>" not in reply["text"] and "<i>" not in reply["text"] and "<b>研发" not in reply["text"]
