"""Delivering daily summaries: the repeating job's callback, every due chat on its own.

AIORateLimiter keeps the sends within Telegram's limits and waits out 429s; a 403 (removed or
blocked) deactivates the subscription, a deleted forum topic every subscription of that topic; a group
that became a supergroup is followed to its new id (its subscriptions merged with any found there).
Every attempt is recorded (error texts without the token), each chat's failure is its own (the next
chat is still served), and the admins' chat hears about a failure once, not at every check.
"""

from __future__ import annotations

import asyncio
import logging
import time

from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from handlers.errors import error_text, tell_admins
from handlers.messages import CAPTION_LIMIT, split_message
from handlers.services import sent_to, services_of
from knowledge.answers import Answerer
from knowledge.charts import chart_key, render_chart
from knowledge.models import SUBSCRIPTION_KINDS, Subscription
from knowledge.schedule import is_due, local_date
from knowledge.summaries import Summary, build_summary, render_summary

logger = logging.getLogger(__name__)
KIND_WORDS = {"daily": "摘要", "alerts": "提醒", "monthly": "通报", "weekly": "通报"}


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


def summary_messages(summary: Summary, html: bool = True) -> tuple[str | None, list[str]]:
    """(caption for the chart or None, the text messages that follow), each within Telegram's limits."""
    text = render_summary(summary, html=html)
    if summary.with_data and len(text) <= CAPTION_LIMIT:
        return text, []
    return None, split_message(text)


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
    elif caption:  # figures, but none that can be drawn (every target 0): the caption as text
        texts = [caption, *texts]
    for text in texts:
        await bot.send_message(chat_id, text, parse_mode=ParseMode.HTML, **topic)


async def deliver(app: Application, subscription: Subscription, send=None) -> bool:
    """Deliver one subscription's summary and record the outcome; True when it arrived.

    `send(chat_id)`: what to deliver instead of the summary (alerts, a report), on the same log with the
    same handling of 403 and migrated chats.

    Never raises (but for cancellation): whatever goes wrong — a Telegram error, a network error, a
    figure the summary cannot draw — is this chat's failed delivery, recorded with the redacted error
    text, logged, and told once to the admins' chat; the other chats' deliveries go on.
    """
    answerer = services_of(app).answerer
    store = answerer.store
    chat_id, key = subscription.chat_id, {"thread_id": subscription.thread_id, "kind": subscription.kind}
    token = app.bot.token
    charts = services_of(app).chart_cache
    if send is None:
        async def send(chat_id: int) -> None:
            await send_summary(app.bot, answerer, chat_id, subscription.last_sent_at, charts, subscription.thread_id)
    try:
        sent_on = local_date(answerer, subscription.tz)
        try:
            await send(chat_id)
        finally:
            chat_id = sent_to(app, chat_id)  # a migrated group's delivery went on to its supergroup
    except Forbidden as error:
        reason = error_text(error, token)
        await answerer.write_when_free(store.record_delivery, chat_id, False, reason, **key)
        await answerer.write_when_free(_turn_off, store, {chat_id, subscription.chat_id}, subscription.thread_id,
                                       (subscription.kind,))
        logger.warning("会话 %s 拒绝接收（%s），已停用订阅", chat_id, reason)
        await tell_admins(app, f"订阅已停用：会话 {chat_id} 拒绝接收（{reason}）")
        return False
    except Exception as error:  # noqa: BLE001 — one chat's failure, whatever it is, must not stop the others
        if isinstance(error, BadRequest) and subscription.thread_id and is_thread_gone(error):
            await _topic_gone(app, chat_id, subscription, error_text(error, token))
        else:
            await _failed(app, subscription, error, chat_id)
        return False
    await answerer.write_when_free(store.record_delivery, chat_id, True, sent_on=sent_on,
                                   subscribed_in=subscription.chat_id, **key)
    _retry_at(app).pop(_retry_key(subscription), None)
    return True


def is_thread_gone(error: BadRequest) -> bool:
    """Telegram's answer for a forum topic that was deleted (or never existed)."""
    return "message thread not found" in error.message.lower()


async def _topic_gone(app: Application, chat_id: int, subscription: Subscription, reason: str) -> None:
    """A deleted forum topic is as gone as a chat that removed the bot: every subscription made in it
    (summary, reports, alerts) is turned off, not retried for ever, and the admins' chat hears it once."""
    answerer = services_of(app).answerer
    await answerer.write_when_free(answerer.store.record_delivery, chat_id, False, reason,
                                   thread_id=subscription.thread_id, kind=subscription.kind)
    await answerer.write_when_free(_turn_off, answerer.store, {chat_id, subscription.chat_id}, subscription.thread_id,
                                   SUBSCRIPTION_KINDS)
    logger.warning("会话 %s 的话题 %s 已不存在，已停用该话题的订阅", chat_id, subscription.thread_id)
    await tell_admins(app, f"订阅已停用：会话 {chat_id} 的话题 {subscription.thread_id} 已删除（{reason}），"
                           "该话题的每日摘要、通报和提醒都已停用", key=("topic_gone", chat_id, subscription.thread_id))


def _turn_off(store, chat_ids: set[int], thread_id: int, kinds) -> None:
    """Deactivate the active subscriptions of `kinds` in that topic under each of `chat_ids` (the id the
    subscription was read under and the one a migration led to: whichever the row now lives under)."""
    for chat_id in chat_ids:
        for kind in kinds:
            current = store.subscription(chat_id, thread_id=thread_id, kind=kind)
            if current is not None and current.active:
                store.update_subscription(chat_id, "deactivate", None, thread_id=thread_id, kind=kind, active=0)


# After a failed delivery a chat is tried again after 1, 2, 4 … minutes (at most an hour), not at
# every 30-second check: a lasting failure would otherwise add a deliveries row every 30 s.
FIRST_RETRY_SECONDS, LAST_RETRY_SECONDS = 60.0, 3600.0


def _retry_key(subscription: Subscription) -> tuple[int, int, str]:
    return subscription.chat_id, subscription.thread_id, subscription.kind


async def _failed(app: Application, subscription: Subscription, error: Exception,
                  chat_id: int | None = None) -> None:
    """Record, log and report one subscription's failed delivery, and hold its next try back;
    `chat_id` is where it was sent, when a migration moved it from the subscription's."""
    chat_id = subscription.chat_id if chat_id is None else chat_id
    reason = error_text(error, app.bot.token)
    word = KIND_WORDS.get(subscription.kind, "摘要")
    if isinstance(error, TelegramError):
        logger.warning("向会话 %s 发送%s失败：%s", chat_id, word, reason)
    else:
        logger.error("会话 %s 的%s无法生成", chat_id, word, exc_info=error)
    answerer = services_of(app).answerer
    await answerer.write_when_free(answerer.store.record_delivery, chat_id, False, reason,
                                   thread_id=subscription.thread_id, kind=subscription.kind)
    _back_off(app, _retry_key(subscription))
    await tell_admins(app, f"{word}发送失败：会话 {chat_id}（{reason}）", key=("delivery", chat_id, reason))


def _retry_at(app: Application) -> dict[tuple[int, int, str], tuple[float, float]]:
    """(chat_id, thread_id, kind) → (monotonic time before which it is not retried, the pause that led there)."""
    return services_of(app).delivery_retry_at


def _back_off(app: Application, key: tuple[int, int, str]) -> None:
    retry = _retry_at(app)
    _, pause = retry.get(key, (0.0, FIRST_RETRY_SECONDS / 2))
    pause = min(pause * 2, LAST_RETRY_SECONDS)
    retry[key] = (time.monotonic() + pause, pause)


# Deliveries in flight at once: the rate limiter paces them (29 a second overall, 20 a minute per
# group), so more would only wait there; fewer would let one group's full window hold everyone.
CONCURRENT_DELIVERIES = 20


async def delivery_round(app: Application, lock: asyncio.Lock, scheduled, due, send_all) -> None:
    """One round of a repeating delivery job. Skipped while the previous round still sends (it will pick
    these up). Otherwise the subscriptions `scheduled()` returns whose back-off is over and for which
    `due(subscription)` is true go to `await send_all(due_ones)`; a row that cannot be judged is that
    chat's failure alone (recorded, backed off, the admins told once)."""
    if lock.locked():
        return
    async with lock:
        retry, now = _retry_at(app), time.monotonic()
        found = []
        for subscription in scheduled():
            if retry.get(_retry_key(subscription), (0.0, 0.0))[0] > now:
                continue
            try:
                if due(subscription):
                    found.append(subscription)
            except Exception as error:  # noqa: BLE001 — a row that cannot be read fails only its own chat
                await _failed(app, subscription, error)
        await send_all(found)


async def deliver_each(subscriptions: list[Subscription], deliver_one) -> None:
    """`await deliver_one(subscription)` for all of them, at most CONCURRENT_DELIVERIES at once."""
    slots = asyncio.Semaphore(CONCURRENT_DELIVERIES)

    async def in_slot(subscription: Subscription) -> None:
        async with slots:
            await deliver_one(subscription)

    await asyncio.gather(*(in_slot(s) for s in subscriptions))


async def deliver_due(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The repeating job: every daily summary that is due, each chat on its own."""
    app = context.application
    answerer = services_of(app).answerer
    await delivery_round(app, services_of(app).delivery_lock, answerer.store.active_subscriptions,
                         lambda subscription: is_due(subscription, answerer), lambda due: _send_summaries(app, due))


async def _send_summaries(app: Application, due: list[Subscription]) -> None:
    """A failure is that chat's alone, and a group whose send window is full (say after 20 /summary)
    delays only its own summary. A private chat's is sent first and alone so that the chart is uploaded
    once; the others re-send its file_id (no group window can hold that first one up)."""
    first = next((s for s in due if s.chat_id > 0), None)
    if first is not None:
        await deliver(app, first)
        due.remove(first)
    await deliver_each(due, lambda subscription: deliver(app, subscription))
