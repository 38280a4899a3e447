"""Builds the python-telegram-bot Application: HTML defaults, rate limiter, handlers, command menus."""

from __future__ import annotations

import asyncio
import logging
import secrets
import warnings
from datetime import timedelta
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeAllChatAdministrators, BotCommandScopeDefault
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, Application, Defaults

import handlers
from bot.aiohttp_request import AiohttpRequest
from bot.config import Config
from bot.jobs import start_summary_job
from knowledge.answers import Answerer

logger = logging.getLogger(__name__)


class RedactToken(logging.Filter):
    """Replaces the token wherever it appears in a log record (every Bot API URL carries it)."""

    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "<token>"), None
        return True


def configure_logging(token: str) -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # two INFO lines every time the summary job wakes (every 30 s) would bury everything else
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    redact = RedactToken(token)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)


async def set_command_menus(app: Application) -> None:
    """The command menu for everyone, and the admin commands only in administrators' menus.

    A Bot API server that refuses setMyCommands (an older self-hosted server, a partial implementation
    such as tests/test_other_bot_api.py's) costs the menus, not the bot: it logs and carries on.
    """
    try:
        await app.bot.set_my_commands(
            [BotCommand(c, d) for c, d in handlers.PUBLIC_COMMANDS], scope=BotCommandScopeDefault()
        )
        await app.bot.set_my_commands(
            [BotCommand(c, d) for c, d in handlers.ADMIN_COMMANDS], scope=BotCommandScopeAllChatAdministrators()
        )
    except TelegramError as error:
        logger.warning("命令菜单未能设置（%s: %s），机器人照常运行", type(error).__name__, error)


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter that also outlasts network trouble, so that no answer or summary is lost to it.

    A call that fails with NetworkError (connection refused or dropped, 5xx) or TimedOut, or that is
    still refused with 429 after AIORateLimiter's own `max_retries`, is tried again after 1, 2, 4, 8,
    then every 10 s, for at most `give_up_after` seconds. BadRequest (a NetworkError subclass: the call
    itself is wrong) and every other TelegramError (Forbidden, ChatMigrated, ...) are raised at once.
    getUpdates never comes here (PTB's polling loop has its own retries). A call that timed out or whose
    connection broke after it was sent may have been delivered: retrying it can, rarely, duplicate it;
    Telegram has no idempotency key, and a duplicate beats a lost answer.
    """

    def __init__(self, *args, give_up_after: float = 120.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.give_up_after = give_up_after

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        loop = asyncio.get_running_loop()
        deadline, pause = loop.time() + self.give_up_after, 1.0
        while True:
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:
                raise
            except (NetworkError, RetryAfter) as error:  # NetworkError includes TimedOut
                wait = pause
                if isinstance(error, RetryAfter):
                    with warnings.catch_warnings():  # PTB 22 deprecates the int type of retry_after
                        warnings.simplefilter("ignore")
                        after = error.retry_after
                    wait = max(wait, after.total_seconds() if isinstance(after, timedelta) else float(after))
                if loop.time() + wait > deadline:
                    raise
                logger.warning("%s 失败（%s: %s），%.0f 秒后重试", endpoint, type(error).__name__, error, wait)
                await asyncio.sleep(wait)
                pause = min(pause * 2, 10.0)


def smooth_rate_limiter() -> AIORateLimiter:
    """Telegram's limits (30 messages a second, 20 a minute per group) without bursts.

    aiolimiter's bucket holds `max_rate` messages, so the defaults (30 per second) can let up to 60
    through in one second; every 429 then pauses all sending. One message per 1/29 s, and groups in
    bursts of at most 10 refilled at 10 a minute (≤ 20 in any minute), never trip the limits:
    bench/bench_broadcast.py measured 1.09× the floor with no 429 against 1.59× with 33.
    """
    return RetryingRateLimiter(overall_max_rate=1, overall_time_period=1 / 29, group_max_rate=10,
                               group_time_period=60, max_retries=3)


def build_application(config: Config, answerer: Answerer, token: str) -> Application:
    from zoneinfo import ZoneInfo

    builder = (
        Application.builder()
        .token(token)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=ZoneInfo(config.tz)))
        .rate_limiter(smooth_rate_limiter())
        .request(AiohttpRequest(connection_pool_size=256))
        .get_updates_request(AiohttpRequest(connection_pool_size=1))
        .post_init(set_command_menus)
    )
    if config.base_url:
        base = config.base_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(base.rsplit("/bot", 1)[0] + "/file/bot")
    app = builder.build()
    app.bot_data["answerer"] = answerer
    app.bot_data["owner_ids"] = config.admin_ids
    app.bot_data["admin_chat_id"] = config.admin_chat_id
    app.bot_data["confirm_minutes"] = config.confirm_minutes
    handlers.register(app)
    start_summary_job(app, config.summary_check_seconds)
    return app


ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query"]


def webhook_options(config: Config) -> dict:
    """Where Telegram posts updates and the secret it must send; a random secret when none is set."""
    path = urlsplit(config.webhook_url or "").path.strip("/")
    return {
        "url_path": path,
        "webhook_url": config.webhook_url,
        "secret_token": config.webhook_secret or secrets.token_urlsafe(32),
        "allowed_updates": ALLOWED_UPDATES,
    }


def run(config: Config, answerer: Answerer, token: str) -> None:
    """Long polling, or a webhook (with its secret token) when WEBHOOK_URL is set."""
    configure_logging(token)
    app = build_application(config, answerer, token)
    if config.webhook_url:
        app.run_webhook(listen="0.0.0.0", port=config.webhook_port, **webhook_options(config))
    else:
        app.run_polling(allowed_updates=ALLOWED_UPDATES)
