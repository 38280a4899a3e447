"""Per-user question throttle: one person flooding the bot is told once to slow down, then ignored
until the window passes — without holding up anyone else's answers (nothing waits, excess is dropped)."""

from __future__ import annotations

import functools
import time
from collections import defaultdict, deque

from telegram import Update
from telegram.ext import ContextTypes

SLOW_DOWN = "您提问太快了，请稍等十秒再问。"


class Throttle:
    """At most `limit` questions per user in any `window` seconds."""

    def __init__(self, limit: int = 8, window: float = 10.0, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self.recent: dict[int, deque[float]] = defaultdict(deque)
        self.warned: dict[int, float] = {}

    def check(self, user_id: int) -> str:
        """'ok' to answer, 'warn' to say slow down (once per window), 'drop' to stay silent."""
        now = self.clock()
        times = self.recent[user_id]
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            return "ok"
        if now - self.warned.get(user_id, float("-inf")) >= self.window:
            self.warned[user_id] = now
            return "warn"
        return "drop"


async def allowed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Count this question against its sender; False (after one polite warning) when over the limit."""
    user = update.effective_user
    throttle: Throttle = context.application.bot_data.setdefault("throttle", Throttle())
    verdict = throttle.check(user.id) if user else "ok"
    if verdict == "warn" and update.effective_message is not None:
        await update.effective_message.reply_text(SLOW_DOWN)
    return verdict == "ok"


def throttled(handler):
    """Wrap a handler whose every update is a question (private chats, /ask, inline queries)."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if await allowed(update, context):
            await handler(update, context)

    return wrapper
