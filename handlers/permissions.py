"""Who may change a chat's settings: its admins and the bot's owners, never an unknown sender."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ContextTypes


async def may_manage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Chat admins and bot owners; never anonymous admins or channels, whose sender cannot be known."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message.sender_chat is not None:
        return False
    if user.id in context.application.bot_data.get("owner_ids", frozenset()):
        return True
    if update.effective_chat.type == ChatType.PRIVATE:
        return True
    member = await context.bot.get_chat_member(update.effective_chat.id, user.id)
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
