"""Responsible units and due dates: /units shows (anyone) and sets (admins, after 确认) who reports an
indicator and when; /due lists figures older than their cycle allows; the admins' chat is reminded
the day after a due date, once (a repeating job, bot/jobs.py)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from handlers.arguments import UNITS_USAGE
from handlers.confirm import plan_and_confirm
from handlers.messages import split_message
from handlers.questions import answerer_of
from handlers.services import services_of
from knowledge.duties import mark_reminded, overdue, reminder_due, render_duties, render_overdue
from knowledge.store import utc_now

logger = logging.getLogger(__name__)


async def units(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/units — the list; /units 指标 责任单位 [月度|季度|年度] [日] — set one, after 确认."""
    if not context.args:
        text = render_duties(answerer_of(context).store) or f"还没有设置责任单位。\n{UNITS_USAGE}"
        for piece in split_message(text):
            await update.effective_message.reply_text(piece, parse_mode=None)
        return
    await plan_and_confirm(update, context, "units")


async def due(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/due — indicators whose latest figure is older than their reporting cycle allows, by unit."""
    answerer = answerer_of(context)
    late = overdue(answerer.store, answerer.today())
    text = render_overdue(late) if late else "所有设置了报送周期的指标都已录入最新数据。"
    for piece in split_message(text):
        await update.effective_message.reply_text(piece, parse_mode=None)


async def remind_overdue(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: the day after a due date, tell the admins' chat what is still missing — once per due date."""
    chat_id = services_of(context).admin_chat_id
    if chat_id is None:
        return
    answerer = answerer_of(context)
    found = reminder_due(answerer.store, answerer.today())
    if found is None:
        return
    text, due_dates = found
    try:
        for piece in split_message(text):
            await context.bot.send_message(chat_id, piece, parse_mode=None)
    except TelegramError as error:
        logger.warning("无法发送出数提醒：%s", error.message)
        return
    await answerer.write_when_free(mark_reminded, answerer.store, due_dates, utc_now())
