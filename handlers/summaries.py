"""Delivering daily summaries: the repeating job's callback, one chat after another.

AIORateLimiter keeps the sends within Telegram's limits and waits out 429s; a 403 (removed or
blocked) deactivates the subscription; a group that became a supergroup is followed to its new id.
Every attempt is recorded, and the admins' chat hears about failures when one is set.
"""

from __future__ import annotations

import asyncio
import html
import logging

from telegram.constants import ParseMode
from telegram.error import ChatMigrated, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from knowledge.answers import Answerer
from knowledge.charts import chart_key, render_chart
from knowledge.schedule import is_due, local_date
from knowledge.store import Subscription
from knowledge.summaries import build_summary, summary_messages

logger = logging.getLogger(__name__)


class ChartCache:
    """One chart per state of the figures: drawn once, uploaded once, then sent by its file_id."""

    def __init__(self):
        self.key: tuple | None = None
        self.photo: bytes | str | None = None

    async def photo_for(self, summary) -> bytes | str | None:
        key = chart_key(summary) if summary.with_data else None
        if key != self.key:
            # drawing takes ~0.2 s: off the event loop, so other chats are answered meanwhile
            photo = await asyncio.to_thread(render_chart, summary) if key is not None else None
            self.key, self.photo = key, photo
        return self.photo

    def remember_upload(self, summary, message) -> None:
        if message is not None and message.photo and self.key == chart_key(summary):
            self.photo = message.photo[-1].file_id


async def send_summary(bot, answerer: Answerer, chat_id: int, since: str = "",
                       charts: ChartCache | None = None, thread_id: int = 0) -> None:
    """The chart with the summary as caption when it fits, else the chart then the text; text only
    when no target has data yet. `thread_id`: the forum topic to post in (0: none, or General)."""
    topic = {"message_thread_id": thread_id} if thread_id else {}
    summary = build_summary(answerer, since)
    caption, texts = summary_messages(summary)
    charts = charts or ChartCache()
    photo = await charts.photo_for(summary)
    if photo is not None:
        message = await bot.send_photo(chat_id, photo=photo, caption=caption, parse_mode=ParseMode.HTML, **topic)
        charts.remember_upload(summary, message)
    for text in texts:
        await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, **topic)


async def deliver(app: Application, subscription: Subscription) -> bool:
    """Deliver one subscription's summary and record the outcome; True when it arrived."""
    answerer: Answerer = app.bot_data["answerer"]
    store = answerer.store
    chat_id, key = subscription.chat_id, {"thread_id": subscription.thread_id, "kind": subscription.kind}
    sent_on = local_date(answerer, subscription.tz)
    charts = app.bot_data.setdefault("chart_cache", ChartCache())
    try:
        try:
            await send_summary(app.bot, answerer, chat_id, subscription.last_sent_at, charts, subscription.thread_id)
        except ChatMigrated as migrated:
            store.move_subscription(chat_id, migrated.new_chat_id)
            chat_id = migrated.new_chat_id
            await send_summary(app.bot, answerer, chat_id, subscription.last_sent_at, charts, subscription.thread_id)
    except Forbidden as error:
        store.record_delivery(chat_id, False, f"Forbidden: {error.message}", **key)
        store.update_subscription(chat_id, "deactivate", None, active=0, **key)
        logger.warning("会话 %s 拒绝接收（%s），已停用订阅", chat_id, error.message)
        await tell_admins(app, f"订阅已停用：会话 {chat_id} 拒绝接收（{error.message}）")
        return False
    except TelegramError as error:
        store.record_delivery(chat_id, False, f"{type(error).__name__}: {error.message}", **key)
        logger.warning("向会话 %s 发送摘要失败：%s", chat_id, error.message)
        await tell_admins(app, f"摘要发送失败：会话 {chat_id}（{type(error).__name__}: {error.message}）")
        return False
    store.record_delivery(chat_id, True, sent_on=sent_on, **key)
    return True


async def deliver_due(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The repeating job: every due subscription, one after another."""
    app = context.application
    lock: asyncio.Lock = app.bot_data.setdefault("delivery_lock", asyncio.Lock())
    if lock.locked():
        return  # the previous round is still sending; it will pick these up
    async with lock:
        answerer: Answerer = app.bot_data["answerer"]
        for subscription in answerer.store.active_subscriptions():
            if is_due(subscription, answerer):
                await deliver(app, subscription)


async def tell_admins(app: Application, text: str) -> None:
    chat_id = app.bot_data.get("admin_chat_id")
    if chat_id is None:
        return
    try:
        await app.bot.send_message(chat_id, html.escape(text))
    except TelegramError as error:
        logger.warning("无法通知管理员群：%s", error.message)
