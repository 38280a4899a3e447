"""Previews and 确认: every admin write is shown first as what the bot understood, and happens only
when the same admin presses 确认 (取消 drops it).

A write is refused (one line, and logged) unless it comes from a bot admin as a fresh message: not
edited, not forwarded, not sent as an anonymous group admin or a channel. 确认 counts only while that
admin is still an admin, within `confirm_minutes` (BOT_CONFIRM_MINUTES, default 10) of the preview, and
in the same run of the bot: previews live in memory, so a 确认 from before a restart is refused, never
half-applied.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from handlers.arguments import CommandRefused, plan_command
from handlers.callbacks import answer_callback
from handlers.messages import split_message
from handlers.permissions import is_bot_admin, owner_refusal, read_refusal, write_refusal
from handlers.questions import answerer_of
from handlers.services import services_of
from knowledge.edits import PlannedEdit, apply_edit
from knowledge.errors import KnowledgeError
from knowledge.progress_settings import PlannedSetting, apply_setting
from knowledge.render import render_reply
from knowledge.store import Store
from knowledge.tables import apply_import
from knowledge.undo import UNDOABLE, PlannedUndo, apply_undo

logger = logging.getLogger(__name__)

CONFIRM_PREFIX = "edit"
# The commands that set back the changes /undo does not reverse (knowledge.undo.NOT_UNDONE).
SET_BACK_BY = {"set_monthly_plan": "/plan", "set_thresholds": "/thresholds", "set_duty": "/units"}


@dataclass(frozen=True)
class PendingConfirm:
    """A preview waiting for 确认: what to apply, who may confirm it, and until when (the answerer's clock)."""

    payload: object  # PlannedEdit | PlannedUndo | ImportPlan; None once expired
    owner: int
    expires_at: datetime


def _pending(context: ContextTypes.DEFAULT_TYPE) -> dict[str, PendingConfirm]:
    return services_of(context).pending_edits


def _run_id(context: ContextTypes.DEFAULT_TYPE) -> str:
    """New with every start of the bot, and part of every 确认's callback data: a press on a preview
    made before a restart is told apart from a double press."""
    return services_of(context).confirm_run_id


def who(update: Update) -> str:
    """The sender as recorded with a change: "王科长（42）"."""
    user = update.effective_user
    return f"{user.full_name}（{user.id}）" if user else "未知"


async def refuse_if_not_writer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True, after refusing (handlers.permissions.write_refusal), when this message may not change data."""
    reason = write_refusal(update, context)
    if reason is None:
        return False
    await refuse_write(update, reason)
    return True


async def refuse_write(update: Update, reason: str) -> None:
    """A refused write: the reason to the sender, and one log line saying who tried what."""
    user = update.effective_user
    message = update.effective_message
    # a file's command is in its caption; a file without one (or an empty text) names no command
    words = (message.text or message.caption or "").split(maxsplit=1) if message else []
    command = words[0][:40] if words else ""
    logger.warning("拒绝写操作 %s：用户 %s，会话 %s，原因：%s", command, user.id if user else None,
                   update.effective_chat.id if update.effective_chat else None, reason)
    await update.effective_message.reply_text(reason)


async def refuse_if_not_reader(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """True, after refusing, when this message may not use a read-only admin command."""
    reason = read_refusal(update, context)
    if reason is not None:
        await update.effective_message.reply_text(reason)
    return reason is not None


def confirm_keyboard(token: str, prefix: str = CONFIRM_PREFIX) -> InlineKeyboardMarkup:
    """确认 and 取消 for the preview held under `token` (see hold); `prefix` routes the press to its handler."""
    return InlineKeyboardMarkup([[
        InlineKeyboardButton("确认", callback_data=f"{prefix}|ok|{token}"),
        InlineKeyboardButton("取消", callback_data=f"{prefix}|no|{token}"),
    ]])


async def ask_to_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE, payload, text: str,
                          question: str = "确认写入吗？") -> None:
    """Show `text` (what the bot understood) under 确认 and 取消; `payload` (a PlannedEdit, PlannedSetting,
    PlannedUndo or ImportPlan) is applied when its sender presses 确认 within confirm_minutes."""
    token = hold(context, payload, update.effective_user.id)
    await update.effective_message.reply_text(
        f"{text}\n\n{question}（{services_of(context).confirm_minutes}分钟内有效）",
        reply_markup=confirm_keyboard(token), parse_mode=None
    )


def hold(context: ContextTypes.DEFAULT_TYPE, payload, owner: int) -> str:
    """Keep `payload` (any plan) for `owner`'s 确认 until confirm_minutes from now; the token to put in
    the buttons' callback data (confirm_keyboard), which `confirmed` takes back."""
    minutes = services_of(context).confirm_minutes
    now = answerer_of(context).now()
    pending = _pending(context)
    # An expired preview drops its payload (an import plan can be large) but is kept a day, so that
    # a late press is still told it came too late.
    for token, entry in list(pending.items()):
        if entry.expires_at + timedelta(days=1) <= now:
            del pending[token]
        elif entry.expires_at <= now and entry.payload is not None:
            pending[token] = replace(entry, payload=None)
    token = f"{_run_id(context)}.{secrets.token_hex(6)}"
    pending[token] = PendingConfirm(payload, owner, now + timedelta(minutes=minutes))
    return token


async def plan_and_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str,
                           owners_only: str = "") -> None:
    """An edit command (a key of handlers.arguments.COMMANDS): refused unless the sender may write (only
    the owners, when `owners_only` names what it does), else its words read into what the bot
    understood, shown under 确认 and 取消; the reason (and the usage) when they cannot be."""
    reason = owner_refusal(update, context, owners_only) if owners_only else write_refusal(update, context)
    if reason is not None:
        await refuse_write(update, reason)
        return
    try:
        plan = plan_command(command, answerer_of(context), context.args or [], who(update))
    except CommandRefused as refusal:
        await update.effective_message.reply_text(str(refusal), parse_mode=None)
        return
    await ask_to_confirm(update, context, plan, "我的理解：\n" + "\n".join(plan.lines))


def _is_confirm_message(query) -> bool:
    """Whether the pressed message carries this very button (callback data can be forged)."""
    markup = query.message.reply_markup if query.message else None
    return markup is not None and any(b.callback_data == query.data for row in markup.inline_keyboard for b in row)


async def _close(query, text: str) -> None:
    """Answer the press and replace the preview (and its buttons) with `text`."""
    await answer_callback(query)
    await query.edit_message_text(text, parse_mode=None)


async def confirmed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> PendingConfirm | None:
    """A press of 确认 or 取消 ("PREFIX|ok|token", "PREFIX|no|token") under a held preview: the entry to
    apply (the press answered, the entry dropped) when it is 确认 by the admin who asked, while still an
    admin, before it expired, in this run of the bot; else None, after saying why (取消 included)."""
    query = update.callback_query
    parts = (query.data or "").split("|")
    token = parts[2] if len(parts) == 3 else ""
    pending = _pending(context)
    entry = pending.get(token)
    if entry is None:
        if token.partition(".")[0] != _run_id(context) and _is_confirm_message(query):
            await _close(query, "此确认已失效：机器人在预览之后重启过，预览未保存。没有修改任何数据，请重新发送命令。")
        else:
            await answer_callback(query, "此确认已失效（已处理或已取消），请重新发送命令。", show_alert=True)
        return None
    if query.from_user.id != entry.owner:
        await answer_callback(query, "只有发起修改的管理员可以确认。", show_alert=True)
        return None
    del pending[token]
    if answerer_of(context).now() >= entry.expires_at:
        minutes = services_of(context).confirm_minutes
        await _close(query, f"此确认已超过{minutes}分钟，已失效，没有修改任何数据。请重新发送命令。")
        return None
    if parts[1] != "ok":
        await _close(query, "已取消，没有修改任何数据。")
        return None
    if not is_bot_admin(context, entry.owner):
        logger.warning("拒绝确认：用户 %s 在预览之后已不是管理员", entry.owner)
        await _close(query, "你已不是管理员，此修改没有保存。")
        return None
    await answer_callback(query)
    return entry


async def confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """确认 / 取消 under a preview of /set, /target, /alias, /undo, /plan, /thresholds, /units or an import."""
    entry = await confirmed(update, context)
    if entry is None:
        return
    query = update.callback_query
    answerer = answerer_of(context)
    chat_id = query.message.chat.id if query.message else None
    payload = entry.payload
    try:
        # An import or its undo of 30,000 rows takes seconds: written, and read back, in a worker thread
        done = await answerer.write_in_worker_thread(_apply, payload, entry.owner, chat_id, who(update))
    except KnowledgeError as error:
        await query.edit_message_text(str(error), parse_mode=None)
        return
    if isinstance(payload, PlannedEdit) and payload.action not in ("add_alias", "set_duty"):
        reply = answerer.answer_for(payload.indicator_id, payload.key["city"])
        done += "\n\n" + render_reply(reply)
    await query.edit_message_text(split_message(done, html=False)[0], parse_mode=None)


def _apply(store: Store, payload, owner: int, chat_id: int | None, sender: str) -> str:
    """Write a confirmed payload (in a worker thread, on `store`, a connection of its own), every change
    recorded as made by `sender` ("王科长（42）"); what to say."""
    with store.acting_as(sender):
        return _apply_payload(store, payload, owner, chat_id)


def _apply_payload(store: Store, payload, owner: int, chat_id: int | None) -> str:
    if isinstance(payload, PlannedEdit):
        change_id = apply_edit(store, payload, owner, chat_id)
        if payload.action in UNDOABLE:
            return f"已保存（修改编号 #{change_id}，/undo {change_id} 可撤销）。"
        # promise no undo that /undo would refuse
        again = SET_BACK_BY.get(payload.action, "原命令")
        return f"已保存（修改编号 #{change_id}；/undo 不撤销这类修改，要改回请再发 {again}）。"
    if isinstance(payload, PlannedUndo):
        return _undone_text(payload, apply_undo(store, payload, owner, chat_id))
    if isinstance(payload, PlannedSetting):
        apply_setting(store, payload, owner, chat_id)
        return "已修改。\n" + "\n".join(payload.lines)
    written = apply_import(store, payload, owner, chat_id)
    return f"已导入 {written} 行（/undo 可撤销整次导入）。"


def _undone_text(plan: PlannedUndo, undo_ids: list[int]) -> str:
    what = f"这次导入的 {len(undo_ids)} 行修改" if plan.import_batch is not None else f"第 {plan.change_ids[0]} 号修改"
    numbers = f"#{undo_ids[0]}" if len(undo_ids) == 1 else f"#{undo_ids[0]}–#{undo_ids[-1]}"
    return f"已撤销{what}（撤销记录 {numbers}）：\n" + "\n".join(plan.lines)
