"""The one error handler, and the one way to tell the admins' chat: never the token, never a flood."""

from __future__ import annotations

import html
import logging
import time

from telegram import Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, ContextTypes
from handlers.services import services_of

from knowledge.redaction import redact
from knowledge.store import database_file_error, database_problem

logger = logging.getLogger(__name__)

# The same alert is sent to the admins' chat at most once in this many seconds (a failure that
# repeats every 30 s — a broken summary, polling against a broken proxy — pages once, not all day).
ALERT_REPEAT_SECONDS = 3600.0


def error_text(error: BaseException, token: str | None = None) -> str:
    """'ErrorType: message' with the token removed; what may be stored, shown or sent."""
    return redact(f"{type(error).__name__}: {error}", token)


def is_not_modified(error: BaseException) -> bool:
    """Telegram refused an edit that would change nothing (a double tap, two members pressing the
    same button): the message already shows what was asked for, so there is nothing to report."""
    return isinstance(error, BadRequest) and "message is not modified" in error.message.lower()


async def tell_admins(app: Application, text: str, *, key: object = None) -> None:
    """Send `text` (redacted, escaped) to BOT_ADMIN_CHAT_ID when set; the same `key` (default: the
    text) at most once per ALERT_REPEAT_SECONDS. Never raises: an alert must not break its caller."""
    chat_id = services_of(app).admin_chat_id
    if chat_id is None:
        return
    text = redact(text, app.bot.token)
    sent = services_of(app).admin_alerts
    now, key = time.monotonic(), key if key is not None else text
    if now - sent.get(key, float("-inf")) < ALERT_REPEAT_SECONDS:
        return
    for old in [k for k, at in sent.items() if now - at >= ALERT_REPEAT_SECONDS]:
        del sent[old]
    sent[key] = now
    try:
        await app.bot.send_message(chat_id, html.escape(text[:4000]))  # cut before escaping: never inside "&amp;"
    except TelegramError as error:
        logger.warning("无法通知管理员群：%s", error_text(error, app.bot.token))


async def report_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception (the log formatter removes the token) and notify the admins' chat.

    A database problem (a damaged page, a full disk, a read-only file) is one line — the file, what is
    wrong, what to do — in the log and to the admins' chat (once an hour however often it recurs), and
    the member who asked is told the figures cannot be read just now; the bot keeps running."""
    error = context.error
    if is_not_modified(error):
        return
    where = ""
    if isinstance(update, Update) and update.effective_chat:
        where = f"（会话 {update.effective_chat.id}）"
    problem = database_problem(error)
    if problem not in (None, "other"):
        line = str(database_file_error(services_of(context).answerer.store.path, error))
        logger.error("数据库错误%s：%s", where, line)
        await tell_admins(context.application, f"数据库错误：{line}", key=("database", line))
        if isinstance(update, Update) and update.effective_message:
            try:
                await update.effective_message.reply_text("抱歉，数据暂时无法读取，已通知管理员。", parse_mode=None)
            except TelegramError:
                pass
        return
    logger.error("处理更新时出错", exc_info=error)
    detail = error_text(error, context.bot.token)
    await tell_admins(context.application, f"机器人出错{where}：{detail}", key=("error", detail))
