"""The one error handler, and the one way to tell the admins' chat: never the token, never a flood."""

from __future__ import annotations

import html
import logging
import time

from telegram import Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, ContextTypes

from knowledge.redaction import redact

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
    chat_id = app.bot_data.get("admin_chat_id")
    if chat_id is None:
        return
    text = redact(text, app.bot.token)
    sent: dict = app.bot_data.setdefault("admin_alerts", {})
    now, key = time.monotonic(), key if key is not None else text
    if now - sent.get(key, float("-inf")) < ALERT_REPEAT_SECONDS:
        return
    for old in [k for k, at in sent.items() if now - at >= ALERT_REPEAT_SECONDS]:
        del sent[old]
    sent[key] = now
    try:
        await app.bot.send_message(chat_id, html.escape(text)[:4000])
    except TelegramError as error:
        logger.warning("无法通知管理员群：%s", error_text(error, app.bot.token))


async def report_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception (the log formatter removes the token) and notify the admins' chat."""
    error = context.error
    if is_not_modified(error):
        return
    logger.error("处理更新时出错", exc_info=error)
    where = ""
    if isinstance(update, Update) and update.effective_chat:
        where = f"（会话 {update.effective_chat.id}）"
    detail = error_text(error, context.bot.token)
    await tell_admins(context.application, f"机器人出错{where}：{detail}", key=("error", detail))
