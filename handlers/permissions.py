"""Who may do what: change a chat's settings (its admins and the bot's owners), change data or read
admin-only data (bot admins), never an unknown sender."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import ContextTypes
from handlers.services import services_of


async def may_manage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Chat admins and bot admins; never anonymous admins or channels, whose sender cannot be known."""
    user = update.effective_user
    message = update.effective_message
    if user is None or message.sender_chat is not None:
        return False
    if is_bot_admin(context, user.id):
        return True
    if update.effective_chat.type == ChatType.PRIVATE:
        return True
    member = await context.bot.get_chat_member(update.effective_chat.id, user.id)
    return member.status in (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


def is_bot_admin(context: ContextTypes.DEFAULT_TYPE, user_id: int) -> bool:
    """Owners (BOT_ADMIN_IDS) and the admins they added."""
    if user_id in services_of(context).owner_ids:
        return True
    return services_of(context).answerer.store.is_admin(user_id)


@dataclass(frozen=True)
class Refusals:
    """What to say to a message that may not do something, by why: it was edited, forwarded (None: allowed),
    sent as an anonymous admin or a channel, or its sender is not a bot admin."""

    edited: str
    forwarded: str | None
    anonymous: str
    not_admin: str


WRITE_REFUSALS = Refusals(edited="编辑过的消息不能修改数据，请重新发送命令。", forwarded="转发的消息不能修改数据，请直接发送命令。",
                          anonymous="匿名管理员或频道身份不能修改数据，请以个人身份发送。", not_admin="只有管理员可以修改数据。")
# Read-only admin commands (/export, /unanswered, /history): a forwarded command is read as its sender's.
READ_REFUSALS = Refusals(edited="编辑过的消息不会再次执行，请重新发送命令。", forwarded=None,
                         anonymous="匿名管理员或频道身份无法核实，请以个人身份发送此命令。", not_admin="只有管理员可以使用此命令。")


def admin_refusal(update: Update, context: ContextTypes.DEFAULT_TYPE, refusals: Refusals) -> str | None:
    """Why this message may not do what only a bot admin's own fresh message may (one of `refusals`),
    or None when it may."""
    message = update.effective_message
    if update.edited_message is not None:
        return refusals.edited
    if refusals.forwarded is not None and message.forward_origin is not None:
        return refusals.forwarded
    if message.sender_chat is not None:
        return refusals.anonymous
    user = update.effective_user
    if user is None or user.is_bot or not is_bot_admin(context, user.id):
        return refusals.not_admin
    return None


def write_refusal(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """Why this message may not change data, or None when it may."""
    return admin_refusal(update, context, WRITE_REFUSALS)


def read_refusal(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """Why this message may not use a read-only admin command (/export, /unanswered, /history), or None."""
    return admin_refusal(update, context, READ_REFUSALS)


def owner_refusal(update: Update, context: ContextTypes.DEFAULT_TYPE, what: str) -> str | None:
    """Why this message may not do `what` (e.g. "管理管理员"), which only the owners (BOT_ADMIN_IDS)
    may do; None when it may. The write checks (edited, forwarded, anonymous) apply first."""
    refusal = write_refusal(update, context)
    user = update.effective_user
    owner = user is not None and user.id in services_of(context).owner_ids
    if refusal in (None, WRITE_REFUSALS.not_admin) and not owner:  # a member is told who may, not "admins"
        refusal = f"只有机器人所有者（BOT_ADMIN_IDS）可以{what}。"
    return refusal
