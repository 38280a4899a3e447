"""/trend 指标 (a chart of the figures against the target path) and /report (the 进度通报 as .docx, now).

Drawing a chart or laying out a document takes a few hundred milliseconds of CPU: it runs in a worker
thread, so questions from other chats are answered meanwhile. The data are read on the event loop,
where the store's connection lives.
"""

from __future__ import annotations

import asyncio
import html

from telegram import InputFile, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.questions import answerer_of
from knowledge.edits import resolve_indicator
from knowledge.errors import KnowledgeError
from knowledge.reports import build_report, render_docx
from knowledge.standings import dump_standings, load_standings
from knowledge.trends import build_trend, render_trend_chart, trend_caption

TREND_USAGE = "用法：/trend 指标，例如 /trend 工业投资"
REPORT_KIND = "report"  # the report log's key for /report (scheduled reports keep their own)


def topic_of(update: Update) -> int:
    """The forum topic a command came from (its message_thread_id), 0 outside topics."""
    message = update.effective_message
    return message.message_thread_id or 0 if message is not None and message.is_topic_message else 0


async def trend(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/trend 指标 — the chart as a photo with its figures as caption, or what is missing to draw it."""
    message = update.effective_message
    wanted = " ".join(context.args or []).strip()
    if not wanted:
        await message.reply_text(TREND_USAGE)
        return
    answerer = answerer_of(context)
    try:
        indicator = resolve_indicator(answerer, wanted[:100])
    except KnowledgeError as error:
        await message.reply_text(str(error), parse_mode=None)
        return
    data = build_trend(answerer, indicator)
    if data.missing:
        await message.reply_text(data.missing, parse_mode=None)
        return
    png = await asyncio.to_thread(render_trend_chart, data)
    await message.reply_photo(png, caption=html.escape(trend_caption(data), quote=False), parse_mode=ParseMode.HTML)


async def report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/report — the 进度通报 as a Word document in this chat (and topic); "与上次通报相比" compares with
    the previous /report sent here."""
    chat, thread_id = update.effective_chat, topic_of(update)
    store = answerer_of(context).store
    previous = store.last_report(chat.id, thread_id, kind=REPORT_KIND)
    data = build_report(answerer_of(context), load_standings(previous[1]) if previous else None)
    content = await asyncio.to_thread(render_docx, data)
    caption = f"{data.title}（{data.day:%Y-%m-%d}，{data.as_of_text}，滞后{len(data.lagging)}项）"
    await update.effective_message.reply_document(InputFile(content, filename=data.filename), caption=caption,
                                                  parse_mode=None)
    store.record_report(chat.id, dump_standings(data.standings), thread_id, kind=REPORT_KIND)
