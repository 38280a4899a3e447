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
from knowledge.charts import render_chart
from knowledge.schedule import is_due, local_date
from knowledge.store import Subscription
from knowledge.summaries import build_summary, summary_messages

logger = logging.getLogger(__name__)


async def send_summary(bot, answerer: Answerer, chat_id: int, since: str = "") -> None:
    """The chart with the summary as caption when it fits, else the chart then the text; text only
    when no target has data yet."""
    summary = build_summary(answerer, since)
    caption, texts = summary_messages(summary)
    chart = render_chart(summary)
    if chart is not None:
        await bot.send_photo(chat_id, photo=chart, caption=caption, parse_mode=ParseMode.HTML)
    for text in texts:
        await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML)


async def deliver(app: Application, subscription: Subscription) -> bool:
    """Deliver one subscription's summary and record the outcome; True when it arrived."""
    answerer: Answerer = app.bot_data["answerer"]
    store = answerer.store
    chat_id = subscription.chat_id
    sent_on = local_date(answerer, subscription.tz)
    try:
        try:
            await send_summary(app.bot, answerer, chat_id, subscription.last_sent_at)
        except ChatMigrated as migrated:
            store.move_subscription(chat_id, migrated.new_chat_id)
            chat_id = migrated.new_chat_id
            await send_summary(app.bot, answerer, chat_id, subscription.last_sent_at)
    except Forbidden as error:
        store.record_delivery(chat_id, False, f"Forbidden: {error.message}")
        store.update_subscription(chat_id, "deactivate", None, active=0)
        logger.warning("会话 %s 拒绝接收（%s），已停用订阅", chat_id, error.message)
        await tell_admins(app, f"订阅已停用：会话 {chat_id} 拒绝接收（{error.message}）")
        return False
    except TelegramError as error:
        store.record_delivery(chat_id, False, f"{type(error).__name__}: {error.message}")
        logger.warning("向会话 %s 发送摘要失败：%s", chat_id, error.message)
        await tell_admins(app, f"摘要发送失败：会话 {chat_id}（{type(error).__name__}: {error.message}）")
        return False
    store.record_delivery(chat_id, True, sent_on=sent_on)
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
