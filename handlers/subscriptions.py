"""Daily summary subscriptions: /subscribe [HH:MM], /unsubscribe, /subscription, /pause, /resume, /summary.

In a forum supergroup each topic is its own audience: a subscription made in a topic belongs to that
topic (and its summaries go there), and /summary answers in the topic it was asked from.
"""

from __future__ import annotations

import logging
import re
from datetime import tzinfo

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from handlers.errors import tell_admins
from handlers.permissions import may_manage
from handlers.questions import answerer_of
from handlers.services import services_of
from handlers.summaries import send_summary
from knowledge.models import ALERTS, DAILY, MONTHLY, SUBSCRIPTION_KINDS, WEEKLY, Subscription
from knowledge.redaction import redact
from knowledge.schedule import first_due_date, schedule_text
from knowledge.wording import local_minute

logger = logging.getLogger(__name__)

DEFAULT_TIME = "09:00"
def subscribe_usage(context: ContextTypes.DEFAULT_TYPE) -> str:
    """The usage, with the bot's own time zone (BOT_TZ), in which the time is read."""
    return f"用法：/subscribe [HH:MM]，例如 /subscribe 08:30（按 {answerer_of(context).tz.key} 时区，默认 09:00）"
SUMMARY_FAILED = "摘要暂时无法生成，已通知管理员；可先用 /progress 查看进度。"
_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:：]([0-5][0-9])$")


def topic_of(update: Update) -> int:
    """The forum topic (message_thread_id) the update's message was sent in; 0 outside forum topics.

    Only topic messages count: in an ordinary group message_thread_id names a thread of replies, not a
    place one can post to, and in a forum's General topic it is absent.
    """
    message = update.effective_message
    return message.message_thread_id if message is not None and message.is_topic_message else 0


async def _refuse(update: Update) -> None:
    await update.effective_message.reply_text("只有本群管理员可以管理订阅。")


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe [HH:MM] — a daily summary at that time (default 09:00, the bot's time zone)."""
    args = context.args or []
    if len(args) > 1:
        await update.effective_message.reply_text(subscribe_usage(context))
        return
    at_time = DEFAULT_TIME
    if args:
        match = _TIME.match(args[0].strip())
        if not match:
            await update.effective_message.reply_text(f"时间格式不对：请用 24 小时制 HH:MM。\n{subscribe_usage(context)}")
            return
        at_time = f"{int(match.group(1)):02d}:{match.group(2)}"
    if not await may_manage(update, context):
        await _refuse(update)
        return
    answerer = answerer_of(context)
    tz = answerer.tz.key
    chat = update.effective_chat
    await answerer.write_when_free(answerer.store.subscribe, chat.id, at_time, tz,
                                   first_due_date(answerer, at_time, tz), update.effective_user.id,
                                   chat.title or chat.full_name or "", thread_id=topic_of(update))
    await update.effective_message.reply_text(
        f"已订阅：每天 {at_time}（{tz}）推送目标进度摘要。/pause 暂停，/unsubscribe 退订，/summary 立即查看。"
    )


async def _change_subscription(update: Update, context: ContextTypes.DEFAULT_TYPE, action: str, done: str,
                               **fields) -> None:
    """Shared by /unsubscribe, /pause and /resume: admins only, and only an active subscription."""
    if not await may_manage(update, context):
        await _refuse(update)
        return
    answerer = answerer_of(context)
    current = answerer.store.subscription(update.effective_chat.id, thread_id=topic_of(update))
    if current is None or not current.active:
        await update.effective_message.reply_text("本会话没有订阅每日摘要，管理员可发送 /subscribe [HH:MM] 订阅。")
        return
    await answerer.write_when_free(answerer.store.update_subscription, current.chat_id, action,
                                   update.effective_user.id, thread_id=current.thread_id, kind=current.kind, **fields)
    await update.effective_message.reply_text(done)


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe — stop the daily summary."""
    await _change_subscription(update, context, "unsubscribe", "已退订每日摘要。", active=0)


async def pause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/pause — keep the subscription but send nothing until /resume."""
    await _change_subscription(update, context, "pause", "已暂停每日摘要，/resume 恢复。", paused=1)


async def resume(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/resume — send the daily summary again."""
    await _change_subscription(update, context, "resume", "已恢复每日摘要。", paused=0)


NOTHING_SUBSCRIBED = ("本会话没有任何订阅。管理员可发送：\n/subscribe [HH:MM] 订阅每日摘要\n"
                      "/subscribe weekly 星期 [HH:MM] 或 /subscribe monthly 日期 [HH:MM] 订阅进度通报（Word 文档）\n"
                      "/alerts on 开启目标进度提醒")
KIND_NAMES = {DAILY: "每日摘要", WEEKLY: "每周进度通报（Word 文档）", MONTHLY: "每月进度通报（Word 文档）",
              ALERTS: "目标进度提醒"}


async def subscription(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscription — everything this chat (or topic) receives: the daily summary, the weekly and monthly
    通报 and the alerts, each with its schedule, paused or not, and its last delivery."""
    store = answerer_of(context).store
    chat_id, thread_id = update.effective_chat.id, topic_of(update)
    found = [s for kind in SUBSCRIPTION_KINDS
             if (s := store.subscription(chat_id, thread_id=thread_id, kind=kind)) is not None and s.active]
    if not found:
        await update.effective_message.reply_text(NOTHING_SUBSCRIBED, parse_mode=None)
        return
    tz = answerer_of(context).tz
    blocks = ["\n".join(_status_lines(store, current, context.bot.token, tz)) for current in found]
    await update.effective_message.reply_text("\n\n".join(["本会话的订阅：", *blocks]), parse_mode=None)


def _status_lines(store, current: Subscription, token: str, tz: tzinfo) -> list[str]:
    """One subscription's lines: what and when, its state, its last delivery (its time in `tz`, BOT_TZ)."""
    if current.kind == ALERTS:
        when = "录入或导入数据后，指标进入或离开滞后、严重滞后，或已完成时推送"
    elif current.kind == DAILY:
        when = f"每天 {current.at_time}（{current.tz}）"
    else:
        when = f"{schedule_text(current.kind, current.day, current.at_time)}（{current.tz}）"
    deliveries = store.deliveries(current.chat_id, thread_id=current.thread_id, kind=current.kind)
    last = deliveries[-1] if deliveries else None
    if last is None:
        sent = "尚未推送"
    else:
        sent = f"{local_minute(last.at, tz)}（{tz.key}）" + ("成功" if last.ok else f"失败：{redact(last.error, token)}")
    return [f"{KIND_NAMES[current.kind]}：{when}", "状态：" + ("已暂停" if current.paused else "正常"),
            f"上次推送：{sent}"]


async def summary_now(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/summary — the summary now, to anyone, in this chat (and topic)."""
    charts = services_of(context).chart_cache
    try:
        await send_summary(context.bot, answerer_of(context), update.effective_chat.id, charts=charts,
                           thread_id=topic_of(update))
    except TelegramError:
        raise  # the sending failed: nothing else could get through either (the error handler reports it)
    except Exception:  # noqa: BLE001 — the summary could not be built: say so rather than stay silent
        logger.exception("无法生成摘要（会话 %s）", update.effective_chat.id)
        await update.effective_message.reply_text(SUMMARY_FAILED)
        await tell_admins(context.application, "摘要无法生成，请查看日志。", key="summary_build")


async def chat_migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: what the bot keeps for it follows it (follow_migration)."""
    message = update.effective_message
    if message.migrate_to_chat_id:
        await follow_migration(context.application, message.chat_id, message.migrate_to_chat_id)


async def follow_migration(app: Application, old_chat_id: int, new_chat_id: int) -> None:
    """What the bot keeps for a group moves to its supergroup id: its subscriptions, settings (/mode) and
    report log (Store.move_chat, which merges with what the new id already has), and what it holds in
    memory (follow-up questions, a /release being pasted, an awaited /import file; the new id's own
    entries are kept). Called for the migration message and for a send that met ChatMigrated after it
    (bot.sending), when a late update from the old id wrote under that id again."""
    services_of(app).migrated_chats[old_chat_id] = new_chat_id
    answerer = services_of(app).answerer
    await answerer.write_when_free(answerer.store.move_chat, old_chat_id, new_chat_id)
    if old_chat_id not in app.chat_data:
        return
    if app.chat_data.get(new_chat_id):
        kept = app.chat_data[new_chat_id]
        for key, value in app.chat_data[old_chat_id].items():
            kept.setdefault(key, value)
        app.drop_chat_data(old_chat_id)
    else:
        app.migrate_chat_data(old_chat_id=old_chat_id, new_chat_id=new_chat_id)
