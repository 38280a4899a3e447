"""Information commands: /start, /help, /targets, /sources, /progress, and the per-chat /mode."""

from __future__ import annotations

import html
import re

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

import handlers
from handlers.messages import split_message
from handlers.permissions import is_bot_admin, may_manage
from handlers.questions import answerer_of
from knowledge.render import render_progress, render_sources, render_targets

HELP = """<b>苏州新型工业化目标助手</b>
直接问我指标，回复数字、来源和进度。例如：
· 苏州研发投入目标
· 高企新增多少家
· 工业投资进度怎么样了
· 2024年规上工业总产值

私聊：直接发问题。群聊：/ask 问题，或 @我，或回复我的消息。
/targets 全部当年目标　/progress 进度概览　/sources 数据来源　/summary 进度摘要（带图）
/trend 指标 走势图　/report 进度通报（Word 文档）
/subscribe [HH:MM] 订阅每日摘要　/subscription 查看订阅　/pause /resume /unsubscribe
/subscribe monthly 5 09:00 或 weekly 1 09:00 定期通报　/alerts on|off 目标进度提醒（群管理员）
/mode mention|all 群管理员设置：只回应 @ 和命令，或也回答有把握的普通消息"""

# What each answering mode of a group means, in the reply that sets it and in its usage.
MODES = {"mention": "只回应命令、@ 和回复", "all": "命令、@ 和回复之外，也回答有把握的普通消息"}
MODE_USAGE = f"用法：/mode mention（{MODES['mention']}，默认）或 /mode all（也回答有把握的普通消息）"


async def _send_long(update: Update, text: str) -> None:
    for piece in split_message(text):
        await update.effective_message.reply_text(piece, parse_mode=ParseMode.HTML)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start and /help: what the bot does, with examples; to bot admins (owners and the admins they
    added) also the commands only they may use."""
    user, message = update.effective_user, update.effective_message
    admin = user is not None and message.sender_chat is None and is_bot_admin(context, user.id)
    await message.reply_text(HELP + admin_help() if admin else HELP, parse_mode=ParseMode.HTML)


def admin_help() -> str:
    """The admins' section of /help: each command of handlers.ADMIN_COMMANDS that HELP does not
    already explain, with its description (the one list the command menu shows too)."""
    public = {name for name, _ in handlers.PUBLIC_COMMANDS}
    lines = [_help_line(name, description) for name, description in handlers.ADMIN_COMMANDS
             if name not in public and not re.search(rf"/{name}\b", HELP)]
    return "\n\n<b>管理员命令</b>（仅管理员可用）\n" + "\n".join(lines)


def _help_line(name: str, description: str) -> str:
    """"/set 指标 数值 … 录入实际数" from ("set", "录入实际数：/set 指标 数值 …"): the usage first, once."""
    label, _, usage = description.partition(f"：/{name}")
    return html.escape(f"/{name}{usage}　{label}" if usage else f"/{name} {description}")


async def targets(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/targets: every target of the current plan year by category, split below 4,096 characters."""
    await _send_long(update, render_targets(answerer_of(context).targets_overview(), html=True))


async def progress(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/progress: counts by status and every target that has an actual."""
    await _send_long(update, render_progress(answerer_of(context).targets_overview(), html=True))


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources: where the figures come from."""
    await _send_long(update, render_sources(answerer_of(context).store.source_list(), html=True))


async def mode(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/mode mention|all — chat admins choose whether free text in the group is answered."""
    store = answerer_of(context).store
    chat_id = update.effective_chat.id
    args = [a.lower() for a in context.args or []]
    if not args:
        current = store.chat_mode(chat_id)
        await update.effective_message.reply_text(f"当前模式：{current}（{MODES.get(current, '')}）\n{MODE_USAGE}")
        return
    if len(args) != 1 or args[0] not in MODES:
        await update.effective_message.reply_text(MODE_USAGE)
        return
    if not await may_manage(update, context):
        await update.effective_message.reply_text("只有本群管理员可以设置模式。")
        return
    await answerer_of(context).write_when_free(store.set_chat_mode, chat_id, args[0], update.effective_user.id)
    await update.effective_message.reply_text(f"已设置为 {args[0]} 模式：{MODES[args[0]]}。")
