"""The application under test: built as `python -m bot run` builds it, pointed at the stand-in."""

import socket
from contextlib import asynccontextmanager

from bot.app import build_application, webhook_options
from bot.config import Config
from bot.standin import BotApiStandIn
from bot.standin.lifecycle import started

TOKEN = "123456:TEST-token-abcdefghijklmnop"


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (until something binds it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@asynccontextmanager
async def standin(**admins):
    """The local Bot API stand-in; `admins={chat_id: [user ids]}` sets chat administrators."""
    stand = BotApiStandIn(token=TOKEN, bot_username="SzTargetsBot", bot_id=123456)
    await stand.start()
    for chat_id, user_ids in admins.get("admins", {}).items():
        stand.set_chat_admins(chat_id, user_ids)
    try:
        yield stand
    finally:
        await stand.stop()


@asynccontextmanager
async def application(stand, answerer, **settings):
    """The real Application, polling the stand-in (or behind its webhook when webhook_url is set)."""
    config = Config(base_url=stand.base_url, **settings)
    app = build_application(config, answerer, TOKEN)
    webhook = None
    if config.webhook_url:
        webhook = dict(listen="127.0.0.1", port=config.webhook_port, **webhook_options(config))
    async with started(app, webhook=webhook):
        yield app
