"""Alerts in chats: /alerts on|off (chat admins), the check after every write, and their delivery.

After a handler that writes figures, targets, thresholds or monthly plans (`after_write`), and at every
round of the repeating job (for imports made from the console, and after a restart), the standings are
compared with the previous check's (knowledge.alerts); an alert decided there is kept in the database
and delivered in the background (the handler answers at once), at most 20 chats in flight, to every chat
(and forum topic) that turned alerts on, on the same delivery log and round as the daily summaries: a 403 deactivates the subscription, a migrated group is followed, a failure is retried
later without losing the alert (each subscription remembers the last alert it received).
"""

from __future__ import annotations

import asyncio
import functools
import html

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes

from handlers.permissions import may_manage
from handlers.questions import answerer_of
from handlers.services import sent_to, services_of
from handlers.subscriptions import topic_of
from handlers.summaries import deliver, deliver_each, delivery_round
from knowledge.alerts import check_alerts
from knowledge.models import ALERTS, Subscription

ALERTS_USAGE = ("用法：/alerts on（本群接收目标进度提醒：指标进入或离开滞后、严重滞后，或已完成时）"
                "或 /alerts off（停止）")


async def alerts_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/alerts on|off — this chat (or forum topic) gets, or stops getting, the alerts; chat admins only."""
    message = update.effective_message
    words = [w.lower() for w in context.args or []]
    store = answerer_of(context).store
    chat, thread_id = update.effective_chat, topic_of(update)
    current = store.subscription(chat.id, thread_id=thread_id, kind=ALERTS)
    if words not in (["on"], ["off"]):
        state = "已开启" if current is not None and current.active else "未开启"
        await message.reply_text(f"本会话的目标进度提醒：{state}。\n{ALERTS_USAGE}")
        return
    if not await may_manage(update, context):
        await message.reply_text("只有本群管理员可以开关提醒。")
        return
    if words == ["on"]:
        await answerer_of(context).write_when_free(store.subscribe, chat.id, "", answerer_of(context).tz.key, "",
                                                   update.effective_user.id, chat.title or chat.full_name or "",
                                                   thread_id=thread_id, kind=ALERTS)
        await message.reply_text("已开启目标进度提醒：录入或导入数据后，指标进入或离开滞后、严重滞后，或已完成时，"
                                 "这里会收到一条汇总消息。/alerts off 关闭。")
    elif current is None or not current.active:
        await message.reply_text("本会话没有开启目标进度提醒。")
    else:
        await answerer_of(context).write_when_free(store.update_subscription, chat.id, "alerts_off",
                                                   update.effective_user.id, thread_id=thread_id, kind=ALERTS, active=0)
        await message.reply_text("已关闭目标进度提醒。")


def after_write(handler):
    """Wrap a handler that may write figures, targets, thresholds or plans: check before it (so that its
    write is compared with the state just before), and once it is done check again (a threshold or plan
    change is recorded silently) and start delivering any alert that was decided — in the background:
    a round to a thousand chats takes half a minute at Telegram's 30 a second, and neither this chat's
    next message nor anyone's question may wait for it."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE):
        # first the state before the write (just after start-up there may be none yet to compare with)
        check_alerts(answerer_of(context))
        result = await handler(update, context)  # a conversation's next state, for /release
        check_and_start_delivery(context.application)
        return result

    return wrapper


def check_and_start_delivery(app: Application) -> None:
    """Compare the standings with the previous check's (one transaction), then deliver what is pending
    in the background (start_delivery)."""
    check_alerts(services_of(app).answerer)
    start_delivery(app)


async def alert_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The repeating job: writes from the console, and alerts pending from before a restart."""
    check_and_start_delivery(context.application)


def start_delivery(app: Application) -> asyncio.Task:
    """Deliver the pending alerts in a background task (returned); while one runs, it makes one more
    round when its round is over, so that an alert decided meanwhile is not left for the next check."""
    services = services_of(app)
    services.alerts_wanted = True
    if services.alert_task is None or services.alert_task.done():
        services.alert_task = app.create_task(_delivery_rounds(app), name="alert-delivery")
    return services.alert_task


async def _delivery_rounds(app: Application) -> None:
    services = services_of(app)
    while services.alerts_wanted:
        services.alerts_wanted = False
        await deliver_alerts(app)


async def deliver_alerts(app: Application) -> None:
    """Every alerts subscription gets the alerts after the last one it received, each chat on its own,
    at most CONCURRENT_DELIVERIES at once (as the daily summaries: the rate limiter serves its waiters
    in turn, so a member's answer waits behind those few, not behind every chat's alert)."""
    store = services_of(app).answerer.store
    newest = store.last_alert_id()
    await delivery_round(app, services_of(app).alert_lock, lambda: store.active_subscriptions(ALERTS),
                         lambda subscription: subscription.last_alert_id < newest,
                         lambda due: deliver_each(due, lambda subscription: _deliver_pending(app, subscription)))


async def _deliver_pending(app: Application, subscription: Subscription) -> None:
    answerer = services_of(app).answerer
    store = answerer.store
    pending = store.alerts_after(subscription.last_alert_id)
    topic = {"message_thread_id": subscription.thread_id} if subscription.thread_id else {}

    async def send(chat_id: int) -> None:
        for alert_id, text in pending:
            await app.bot.send_message(chat_id, html.escape(text, quote=False), parse_mode=ParseMode.HTML, **topic)
            await answerer.write_when_free(store.mark_alert_delivered, sent_to(app, chat_id), subscription.thread_id,
                                           alert_id, subscribed_in=subscription.chat_id)

    await deliver(app, subscription, send)
