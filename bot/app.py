"""Builds the python-telegram-bot Application: HTML defaults, rate limiter, handlers, command menus."""

from __future__ import annotations

import asyncio
import errno
import functools
import gc
import logging
import secrets
import sys
import time
import traceback
import warnings
from collections import Counter, deque
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeAllChatAdministrators, BotCommandScopeDefault, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, Application, BaseUpdateProcessor, Defaults

import handlers
from bot.aiohttp_request import AiohttpRequest
from bot.config import Config
from bot.jobs import start_due_reminder_job, start_summary_job
from bot.sending import SafeSending
from bot.webhook import bound_webhook_server
from handlers.services import BotServices, services_of
from handlers.subscriptions import follow_migration
from handlers.summaries import ChartCache
from handlers.throttle import Throttle
from knowledge.answers import Answerer
from knowledge.latin import load_place_readers
from knowledge.redaction import redact

logger = logging.getLogger(__name__)


class RedactToken(logging.Filter):
    """Replaces the token in a record's message and arguments (for handlers that read them raw)."""

    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message, self.token)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class DropStartupTraceback(logging.Filter):
    """PTB logs a failed start-up (no network, a refused token) with a traceback whose exception text
    can carry the token; `run` reports the failure in one line of its own instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("telegram.ext") and "Bootstrap" in record.getMessage())


class RedactingFormatter(logging.Formatter):
    """Formats with `inner`, then redacts the whole line: the message, the formatted traceback (an
    exception's text and its chained causes quote the URL with the token) and any stack info."""

    def __init__(self, token: str, inner: logging.Formatter | None = None):
        super().__init__()
        self.token = token
        self.inner = inner or logging.Formatter(LOG_FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        text = redact(self.inner.format(record), self.token)
        if record.exc_text:  # cached by the inner formatter; other handlers would reuse it as it was
            record.exc_text = redact(record.exc_text, self.token)
        return text


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(token: str, stream=None) -> logging.Handler | None:
    """INFO to stderr (or `stream`), with every root handler's output redacted; returns the handler
    added, if any (one is added when the root logger has none, or when a `stream` is given)."""
    root = logging.getLogger()
    added = None
    if stream is not None or not root.handlers:
        added = logging.StreamHandler(stream)
        added.setFormatter(logging.Formatter(LOG_FORMAT))
        root.addHandler(added)
        root.setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # two INFO lines every time the summary job wakes (every 30 s) would bury everything else
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # a line for every malformed or oversized request to the webhook: anyone could fill the log
    logging.getLogger("tornado.general").setLevel(logging.WARNING)
    for handler in root.handlers:
        if not isinstance(handler.formatter, RedactingFormatter):
            handler.setFormatter(RedactingFormatter(token, handler.formatter))
            handler.addFilter(RedactToken(token))
            handler.addFilter(DropStartupTraceback())
    # an exception that escapes everything (a start-up failure) is printed by sys.excepthook, not by
    # logging: its chained causes quote the Bot API URL too
    sys.excepthook = functools.partial(_print_redacted, token)
    return added


def _print_redacted(token: str, kind, error, trace) -> None:
    sys.stderr.write(redact("".join(traceback.format_exception(kind, error, trace)), token))


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


def startup_line(app: Application, config: Config, answerer: Answerer) -> str:
    """What an operator needs to see at start: which bot, how updates arrive, which database, how many
    targets, who may write (the owners of BOT_ADMIN_IDS and the admins added with /admins); never the
    token (nor the webhook's secret path)."""
    added = answerer.store.admin_ids() - config.admin_ids
    if config.admin_ids:
        writers = f"所有者 {len(config.admin_ids)} 位、另加管理员 {len(added)} 位"
    else:  # a missing or misspelt BOT_ADMIN_IDS would otherwise show only when an admin is refused
        writers = f"未设置 BOT_ADMIN_IDS：没有所有者，另加管理员 {len(added)} 位"
    if config.webhook_url:
        where = urlsplit(config.webhook_url)
        listen = f"[{config.webhook_listen}]" if ":" in config.webhook_listen else config.webhook_listen
        mode = f"webhook（{where.scheme}://{where.hostname}，本机监听 {listen}:{config.webhook_port}）"
    else:
        mode = "长轮询（getUpdates）"
    return (f"已启动：@{app.bot.username}，{mode}，数据库 {Path(config.db_path).resolve()}，"
            f"已载入 {len(answerer.targets_overview())} 项目标，{writers}")


def lifecycle_hooks(config: Config, answerer: Answerer):
    """post_init, post_stop and post_shutdown for the Application.

    At start the bot logs its start-up line and sets the command menus in the background: the menus are
    optional, and a server answering setMyCommands with 500 would otherwise hold the bot in the retrying
    limiter for minutes before it polls. At the end the menus task is cancelled and both HTTP clients
    are closed even when start-up failed half-way (PTB's shutdown skips a bot that never finished
    initializing, which left "Unclosed client session" behind).
    """

    async def post_init(app: Application) -> None:
        await asyncio.to_thread(load_place_readers)  # China's places and their pinyin, off the event loop
        logger.info("%s", startup_line(app, config, answerer))
        services_of(app).menus_task = asyncio.create_task(set_command_menus(app), name="command-menus")

    async def post_stop(app: Application) -> None:
        services = services_of(app)
        task, services.menus_task = services.menus_task, None
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def post_shutdown(app: Application) -> None:
        await post_stop(app)
        for client in services_of(app).http_clients:
            await client.shutdown()
        # A stop signal during start-up leaves PTB's initialize task pending in a loop about to close.
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    return post_init, post_stop, post_shutdown


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

    # getMe is the start-up check (PTB's initialize): without Telegram the bot should say so and exit
    # (a service manager restarts it) rather than sit in silent retries for two minutes.
    startup_give_up_after = 10.0

    def __init__(self, *args, give_up_after: float = 120.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.give_up_after = give_up_after

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        loop = asyncio.get_running_loop()
        budget = self.startup_give_up_after if endpoint == "getMe" else self.give_up_after
        deadline, pause = loop.time() + budget, 1.0
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

    def _get_group_limiter(self, group_id):
        """Every group gets a SlidingWindowLimiter of `group_max_rate` per `group_time_period` instead of
        aiolimiter's leaky bucket (AIORateLimiter looks its group limiters up here; PTB 22's hook)."""
        limiters = self._group_limiters
        if len(limiters) > 512:  # forget groups that have not sent for a whole window
            for key in [k for k, limiter in limiters.items() if k != group_id and limiter.idle()]:
                del limiters[key]
        if group_id not in limiters:
            limiters[group_id] = SlidingWindowLimiter(int(self._group_max_rate), self._group_time_period)
        return limiters[group_id]


class SlidingWindowLimiter:
    """At most `max_rate` calls in any `period` seconds, as Telegram counts "20 messages a minute in a
    group": a full burst of `max_rate` at once, then each next call once the oldest leaves the window.

    aiolimiter's leaky bucket with capacity 20 and 20/min refill lets 39 through in the first minute (a
    429 from Telegram); capacity 10 never trips the limit but sends only 10 a minute. A call counts from
    when it returns (Telegram counted it before answering, so the window can never be shorter on its
    side), and calls in flight count too. Waiters go in order (FIFO) — one group's queue only.
    """

    def __init__(self, max_rate: int, period: float, clock=time.monotonic):
        self.max_rate, self.period, self.clock = max_rate, period, clock
        self._done: deque[float] = deque()
        self._in_flight = 0
        self._turn = asyncio.Lock()

    def _expire(self, now: float) -> None:
        while self._done and self._done[0] <= now - self.period:
            self._done.popleft()

    def idle(self) -> bool:
        """Nothing in flight, nobody waiting and nothing sent within the window."""
        self._expire(self.clock())
        return not (self._done or self._in_flight or self._turn.locked())

    def has_capacity(self, amount: float = 1) -> bool:  # the name AIORateLimiter's clean-up calls
        return self.idle()

    async def __aenter__(self) -> None:
        async with self._turn:
            while True:
                now = self.clock()
                self._expire(now)
                if len(self._done) + self._in_flight < self.max_rate:
                    break
                # the oldest completed call leaves the window then, else one in flight ends; looked at
                # again at least twice a second, so a clock or period changed meanwhile is followed
                await asyncio.sleep(min(self._done[0] + self.period - now, 0.5) if self._done else 0.05)
            self._in_flight += 1

    async def __aexit__(self, *exc) -> None:
        self._in_flight -= 1
        self._done.append(self.clock())


class SafeRateLimiter(SafeSending, RetryingRateLimiter):
    """RetryingRateLimiter behind bot.sending.SafeSending: a text over Telegram's limit is split, a send to
    a group that became a supergroup goes to the new id; each resulting call is retried on its own."""


def smooth_rate_limiter() -> AIORateLimiter:
    """Telegram's limits — 30 messages a second, 20 a minute per group — used fully, without 429s.

    aiolimiter's bucket holds `max_rate` messages, so the defaults (30 per second) can let up to 60
    through in one second; every 429 then pauses all sending. One message per 1/29 s overall never
    trips the limit (bench/bench_broadcast.py: 1.09× the floor with no 429 against 1.59× with 33);
    groups get a SlidingWindowLimiter of 20 per 60 s (before: bursts of 10 refilled at 10 a minute).
    """
    return SafeRateLimiter(overall_max_rate=1, overall_time_period=1 / 29, group_max_rate=20,
                           group_time_period=60, max_retries=3)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates of different chats are handled concurrently; those of one chat one after another, in
    the order they came.

    PTB handles updates one at a time by default, so a handler waiting for its group's send limit
    (20 messages a minute) held every other chat's answer; with plain `concurrent_updates` one chat's
    answers could overtake each other. The chat's turn is taken before the global concurrency slot,
    so a flooding chat waits in its own queue and never fills the slots other chats need.
    """

    def __init__(self, max_concurrent_updates: int = 256):
        super().__init__(max_concurrent_updates)
        self._turns: dict[object, asyncio.Lock] = {}
        self._waiting: Counter = Counter()
        # called with each update once its handlers are done (the demo waits on it), even when they failed
        self.on_handled: Callable[[object], None] | None = None

    @staticmethod
    def chat_key(update: object) -> object:
        """The chat an update belongs to; inline queries (no chat) by their sender."""
        if isinstance(update, Update):
            if update.effective_chat is not None:
                return ("chat", update.effective_chat.id)
            if update.effective_user is not None:
                return ("user", update.effective_user.id)
        return ("other", None)

    def busy(self, chat_id: int) -> bool:
        """Is an update of this chat being handled or waiting its turn (e.g. a reply queued behind the
        group's send limit)?"""
        return self._waiting[("chat", chat_id)] > 0

    def idle(self) -> bool:
        """No update is being handled or waiting."""
        return not self._waiting

    async def process_update(self, update: object, coroutine) -> None:
        key = self.chat_key(update)
        self._waiting[key] += 1
        turn = self._turns.setdefault(key, asyncio.Lock())
        try:
            async with turn:
                await super().process_update(update, coroutine)
        finally:
            self._waiting[key] -= 1
            if self._waiting[key] <= 0:
                del self._waiting[key]
                self._turns.pop(key, None)
            if self.on_handled is not None:
                self.on_handled(update)

    async def do_process_update(self, update: object, coroutine) -> None:
        await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def build_application(config: Config, answerer: Answerer, token: str) -> Application:
    from zoneinfo import ZoneInfo

    requests = (AiohttpRequest(connection_pool_size=256), AiohttpRequest(connection_pool_size=1))
    post_init, post_stop, post_shutdown = lifecycle_hooks(config, answerer)
    builder = (
        Application.builder()
        .token(token)
        # allow_sending_without_reply: a reply whose question was deleted meanwhile (command cleaners,
        # a reply queued behind the group limit or a retry) is sent without the quote instead of lost;
        # PTB applies it to every ReplyParameters, so every quoting send is covered.
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=ZoneInfo(config.tz), allow_sending_without_reply=True))
        .rate_limiter(smooth_rate_limiter())
        .concurrent_updates(PerChatUpdateProcessor())
        .request(requests[0])
        .get_updates_request(requests[1])
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
    )
    if config.base_url:
        base = config.base_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(base.rsplit("/bot", 1)[0] + "/file/bot")
    app = builder.build()
    app.bot_data = BotServices(answerer=answerer, owner_ids=config.admin_ids, admin_chat_id=config.admin_chat_id,
                               confirm_minutes=config.confirm_minutes, chart_cache=ChartCache(),
                               throttle=Throttle(), http_clients=requests)
    app.bot.rate_limiter.on_chat_migrated = functools.partial(follow_migration, app)
    handlers.register(app)
    start_summary_job(app, config.summary_check_seconds)
    start_due_reminder_job(app, config.summary_check_seconds)
    return app


ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query"]


def webhook_options(config: Config) -> dict:
    """Where Telegram posts updates and the secret it must send; a random secret when none is set.
    The webhook's server, once started, is bounded (bot.webhook.bound_webhook_server)."""
    bound_webhook_server()
    path = urlsplit(config.webhook_url or "").path.strip("/")
    return {
        "url_path": path,
        "webhook_url": config.webhook_url,
        "secret_token": config.webhook_secret or secrets.token_urlsafe(32),
        "allowed_updates": ALLOWED_UPDATES,
    }


class StartupError(Exception):
    """The bot could not start: Telegram unreachable or the token refused. The message is one line for
    the operator: what is wrong and what to do (never the token)."""


class SettingRefused(StartupError):
    """A setting must be changed before starting again can help (`run` exits 2, which the systemd unit
    does not restart on)."""


class TokenRefused(SettingRefused):
    """Telegram refused the token."""


def listen_error(config: Config, error: OSError) -> StartupError:
    """The one line for a webhook that cannot bind WEBHOOK_LISTEN:PORT (EADDRNOTAVAIL, EACCES or
    EADDRINUSE): SettingRefused for an address this machine does not have or a port it may not use,
    StartupError (worth retrying) for a port still held by another process."""
    where = f"{config.webhook_listen}:{config.webhook_port}"
    reason = error.strerror or str(error)
    if error.errno == errno.EADDRINUSE:
        return StartupError(f"webhook 无法在 {where} 监听（端口已被占用：{reason}）：请停下占用该端口的程序或换一个 PORT。")
    return SettingRefused(f"webhook 无法在 {where} 监听（{reason}）：请把 WEBHOOK_LISTEN 设为本机的地址"
                          "（如 127.0.0.1 或 0.0.0.0），PORT 设为可用的端口。")


# Allocations between young collections (Python's default: 700). A full collection holds every thread,
# the event loop's too, for as long as it scans (the knowledge: 30,000 figures after a large import,
# ≈40–100 ms on a busy machine); it comes after so many young ones, and an import, its /undo preview
# and its undo each allocate enough to set off one or two with the default. With 10,000 none came in
# bench/bench_import_stall.py; a young collection of up to 10,000 objects takes about a millisecond.
YOUNG_COLLECTION_THRESHOLD = 10_000


def tune_garbage_collection() -> None:
    """For `run` only (it changes the whole process): what start-up made (modules, the Application, the
    knowledge) lives as long as the process, so it is taken out of the cyclic garbage collector's full
    collections; and these come less often (YOUNG_COLLECTION_THRESHOLD)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *gc.get_threshold()[1:])


def run(config: Config, answerer: Answerer, token: str) -> None:
    """Long polling, or a webhook (with its secret token) when WEBHOOK_URL is set, until SIGINT/SIGTERM.

    Raises StartupError when Telegram cannot be reached at start (getMe is retried for
    RetryingRateLimiter.startup_give_up_after seconds, one log line per failure) or the webhook's port
    is taken, SettingRefused when Telegram refuses the token or the webhook cannot listen on its address.
    """
    configure_logging(token)
    app = build_application(config, answerer, token)
    tune_garbage_collection()
    try:
        if config.webhook_url:
            try:
                app.run_webhook(listen=config.webhook_listen, port=config.webhook_port, **webhook_options(config))
            except OSError as error:
                if error.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
                    raise
                raise listen_error(config, error) from None
        else:
            app.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        raise TokenRefused("Telegram 拒绝了 TELEGRAM_BOT_TOKEN（令牌无效或已被撤销）：请向 @BotFather 核对后重新设置。") from None
    except NetworkError as error:  # includes TimedOut
        reason = f"{type(error).__name__}: {error.message}".replace(token, "<token>")
        raise StartupError(f"无法连接 Telegram Bot API（{reason}）："
                           "请检查网络、代理（HTTPS_PROXY）或 TELEGRAM_BASE_URL，然后重新启动。") from None
