"""The one error handler: log without the token, tell the admins' chat if one is set."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.ext import ContextTypes

logger = logging.getLogger(__name__)


async def report_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception (the log filter removes the token) and notify the admins' chat."""
    logger.error("处理更新时出错", exc_info=context.error)
    admin_chat = context.application.bot_data.get("admin_chat_id")
    if admin_chat is None:
        return
    where = ""
    if isinstance(update, Update) and update.effective_chat:
        where = f"（会话 {update.effective_chat.id}）"
    text = f"机器人出错{where}：{type(context.error).__name__}: {context.error}"
    token = context.bot.token
    await context.bot.send_message(admin_chat, html.escape(text.replace(token, "***"))[:4000])
