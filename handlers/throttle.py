"""Per-sender throttle: one person flooding the bot is told once to slow down, then ignored until the
window passes — without holding up anyone else's answers (nothing waits, excess is dropped).

It covers everything a member can ask of the bot: every command (a gate in handler group -1, before any
command handler; the bot's own admins pass), every button press, and questions (private messages, /ask,
addressed group messages, inline queries). Group chatter the bot does not answer is not counted.
"""

from __future__ import annotations

import functools
import time
from collections import deque

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from handlers.permissions import is_bot_admin
from handlers.services import services_of

SLOW_DOWN = "您提问太快了，请稍等十秒再问。"

# Senders that stand for many people: every anonymous admin of every group posts as GroupAnonymousBot,
# channels post as Channel_Bot (and automatic forwards as Telegram, 777000). They are throttled per chat.
SHARED_SENDER_IDS = frozenset({1087968824, 136817688, 777000})


class Throttle:
    """At most `limit` requests per sender in any `window` seconds; idle senders are forgotten."""

    def __init__(self, limit: int = 8, window: float = 10.0, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self.recent: dict[object, deque[float]] = {}
        self.warned: dict[object, float] = {}
        self._next_sweep = clock() + window

    def __len__(self) -> int:
        """How many senders are remembered (bounded by those active within the last window or two)."""
        return len(self.recent.keys() | self.warned.keys())

    def check(self, sender: object) -> str:
        """'ok' to answer, 'warn' to say slow down (once per window), 'drop' to stay silent."""
        now = self.clock()
        if now >= self._next_sweep:
            self._sweep(now)
        times = self.recent.setdefault(sender, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            return "ok"
        if now - self.warned.get(sender, float("-inf")) >= self.window:
            self.warned[sender] = now
            return "warn"
        return "drop"

    def _sweep(self, now: float) -> None:
        """Forget senders with nothing within the window: one pass per window, so amortised O(1)."""
        self.recent = {s: t for s, t in self.recent.items() if t and now - t[-1] < self.window}
        self.warned = {s: at for s, at in self.warned.items() if now - at < self.window}
        self._next_sweep = now + self.window


def sender_key(update: Update) -> object:
    """Whom a request counts against: the user; for anonymous admins and channels, the chat they post
    as (and the chat they post in), since their user id is shared by everyone posting that way."""
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    sender_chat = message.sender_chat if message is not None else None
    if sender_chat is not None or (user is not None and user.id in SHARED_SENDER_IDS):
        return ("chat", sender_chat.id if sender_chat else None, chat.id if chat else None)
    return ("user", user.id) if user is not None else None


async def allowed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Count this request against its sender; False (after one polite warning) when over the limit."""
    throttle = services_of(context).throttle
    key = sender_key(update)
    verdict = throttle.check(key) if key is not None else "ok"
    if verdict == "warn":
        if update.callback_query is not None:
            await update.callback_query.answer(SLOW_DOWN)
        elif update.inline_query is None and update.effective_message is not None:
            await update.effective_message.reply_text(SLOW_DOWN)
    return verdict == "ok"


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Handler group -1 for every command and button press: over the limit, no handler runs. The bot's
    own admins (BOT_ADMIN_IDS and those they added), writing as themselves, are not throttled."""
    user, message = update.effective_user, update.effective_message
    if user is not None and (message is None or message.sender_chat is None) and is_bot_admin(context, user.id):
        return
    if not await allowed(update, context):
        raise ApplicationHandlerStop


def throttled(handler):
    """Wrap a handler whose every update is a question (private chats, inline queries)."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if await allowed(update, context):
            await handler(update, context)

    return wrapper
