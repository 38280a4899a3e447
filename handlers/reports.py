"""/trend 指标 (a chart of the figures against the target path), /report (the 进度通报 as .docx, now), and
reports on a schedule: `/subscribe monthly DAY [HH:MM]`, `/subscribe weekly WEEKDAY [HH:MM]`.

A scheduled report goes to the chat and forum topic where it was subscribed, on the daily summaries'
delivery log; its "与上次通报相比" compares with that subscription's previous report.

Drawing a chart or laying out a document takes a few hundred milliseconds of CPU: it runs in a worker
thread, so questions from other chats are answered meanwhile. The data are read on the event loop,
where the store's connection lives.
"""

from __future__ import annotations

import asyncio
import html
import re

from telegram import InputFile, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from handlers.arguments import refusal
from handlers.messages import CAPTION_LIMIT
from handlers.permissions import may_manage
from handlers.questions import answerer_of
from handlers.services import services_of
from handlers.subscriptions import topic_of
from handlers.summaries import deliver, deliver_each, delivery_round
from knowledge.answers import Answerer
from knowledge.edits import resolve_indicator
from knowledge.errors import KnowledgeError, quoted
from knowledge.models import MONTHLY, WEEKLY, Subscription
from knowledge.reports import build_report, render_docx
from knowledge.schedule import first_report_date, report_due, schedule_text
from knowledge.standings import dump_standings, load_standings
from knowledge.trends import build_trend, render_trend_chart, trend_caption

TREND_USAGE = "用法：/trend 指标，例如 /trend 工业投资"
REPORT_KIND = "report"  # the report log's key for /report (scheduled reports keep their own)
REPORT_USAGE = ("用法：/subscribe monthly 日期 [HH:MM]，例如 /subscribe monthly 5 09:00（每月5日；29-31 在较短的月份"
                "按当月最后一天）\n或 /subscribe weekly 星期 [HH:MM]，例如 /subscribe weekly 1 09:00（每周一；1-7 或 周一…周日）")
DEFAULT_REPORT_TIME = "09:00"
WEEKDAYS = {name: number for number, names in enumerate(
    (("1", "mon", "monday", "周一", "星期一"), ("2", "tue", "tuesday", "周二", "星期二"),
     ("3", "wed", "wednesday", "周三", "星期三"), ("4", "thu", "thursday", "周四", "星期四"),
     ("5", "fri", "friday", "周五", "星期五"), ("6", "sat", "saturday", "周六", "星期六"),
     ("7", "sun", "sunday", "周日", "星期日", "周天", "星期天")), 1) for name in names}
_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:：]([0-5][0-9])$")


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
        await message.reply_text(refusal(error), parse_mode=None)
        return
    data = build_trend(answerer, indicator)
    if data.missing:
        await message.reply_text(data.missing, parse_mode=None)
        return
    png = await asyncio.to_thread(render_trend_chart, data)
    await message.reply_photo(png, caption=html.escape(trend_caption(data, CAPTION_LIMIT), quote=False), parse_mode=ParseMode.HTML)


async def report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/report — the 进度通报 as a Word document in this chat (and topic); "与上次通报相比" compares with
    the previous /report sent here."""
    await send_report(context.bot, answerer_of(context), update.effective_chat.id, topic_of(update),
                      reply_to=update.effective_message)


async def send_report(bot, answerer: Answerer, chat_id: int, thread_id: int = 0, kind: str = REPORT_KIND,
                      reply_to=None) -> None:
    """Build the report (data on the loop, the document in a worker thread), send it to the chat and
    topic, and remember its standings for the next report under the same key."""
    store = answerer.store
    previous = store.last_report(chat_id, thread_id, kind=kind)
    data = build_report(answerer, load_standings(previous[1]) if previous else None)
    content = await asyncio.to_thread(render_docx, data)
    caption = f"{data.title}（{data.day:%Y-%m-%d}，{data.as_of_text}，滞后{len(data.lagging)}项）"
    document = InputFile(content, filename=data.filename)
    if reply_to is not None:
        sent = await reply_to.reply_document(document, caption=caption, parse_mode=None)
    else:
        topic = {"message_thread_id": thread_id} if thread_id else {}
        sent = await bot.send_document(chat_id, document, caption=caption, parse_mode=None, **topic)
    # recorded where it arrived: a migrated group's report went on to its supergroup (bot.sending)
    await answerer.write_when_free(store.record_report, sent.chat_id, dump_standings(data.standings), thread_id,
                                   kind=kind)


def parse_schedule(words: list[str]) -> tuple[str, int, str]:
    """["monthly", "31", "09:00"] → ("monthly", 31, "09:00"); ["weekly", "周一"] → ("weekly", 1, "09:00").
    ValueError with the Chinese reason for anything else."""
    if len(words) not in (2, 3) or words[0].lower() not in (MONTHLY, WEEKLY):
        raise ValueError(REPORT_USAGE)
    kind, day_text = words[0].lower(), words[1].strip().lower()
    if kind == MONTHLY:
        if not day_text.isascii() or not day_text.isdigit() or not 1 <= int(day_text) <= 31:
            raise ValueError(f"日期应为 1 到 31 的整数，收到“{quoted(words[1])}”。\n{REPORT_USAGE}")
        day = int(day_text)
    elif day_text in WEEKDAYS:
        day = WEEKDAYS[day_text]
    else:
        raise ValueError(f"星期应为 1-7 或 周一…周日，收到“{quoted(words[1])}”。\n{REPORT_USAGE}")
    at_time = DEFAULT_REPORT_TIME
    if len(words) == 3:
        match = _TIME.match(words[2].strip())
        if not match:
            raise ValueError(f"时间格式不对：请用 24 小时制 HH:MM。\n{REPORT_USAGE}")
        at_time = f"{int(match.group(1)):02d}:{match.group(2)}"
    return kind, day, at_time


async def subscribe_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe monthly DAY [HH:MM] and /subscribe weekly WEEKDAY [HH:MM] — the 通报 on a schedule."""
    message = update.effective_message
    try:
        kind, day, at_time = parse_schedule(context.args or [])
    except ValueError as error:
        await message.reply_text(str(error), parse_mode=None)
        return
    if not await may_manage(update, context):
        await message.reply_text("只有本群管理员可以管理订阅。")
        return
    answerer = answerer_of(context)
    tz, chat = answerer.tz.key, update.effective_chat
    await answerer.write_when_free(answerer.store.subscribe, chat.id, at_time, tz,
                                   first_report_date(answerer, kind, day, at_time, tz), update.effective_user.id,
                                   chat.title or chat.full_name or "", thread_id=topic_of(update), kind=kind, day=day)
    await message.reply_text(f"已订阅进度通报（Word 文档）：{schedule_text(kind, day, at_time)}（{tz}）。"
                             f"每日摘要不受影响。/unsubscribe {kind} 退订，/report 立即查看。", parse_mode=None)


async def report_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The repeating job: every monthly or weekly report that is due, each chat on its own."""
    app = context.application
    answerer = services_of(app).answerer

    def scheduled() -> list[Subscription]:
        return [s for kind in (MONTHLY, WEEKLY) for s in answerer.store.active_subscriptions(kind)]

    await delivery_round(app, services_of(app).report_lock, scheduled, lambda s: report_due(s, answerer),
                         lambda due: deliver_each(due, lambda subscription: _deliver_report(app, subscription)))


async def _deliver_report(app, subscription: Subscription) -> None:
    answerer = services_of(app).answerer

    async def send(chat_id: int) -> None:
        await send_report(app.bot, answerer, chat_id, subscription.thread_id, subscription.kind)

    await deliver(app, subscription, send)


async def unsubscribe_report(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe monthly|weekly — stop that report here (the daily summary stays)."""
    message = update.effective_message
    kind = (context.args or [""])[0].lower()
    if not await may_manage(update, context):
        await message.reply_text("只有本群管理员可以管理订阅。")
        return
    answerer = answerer_of(context)
    current = answerer.store.subscription(update.effective_chat.id, thread_id=topic_of(update), kind=kind)
    if current is None or not current.active:
        await message.reply_text(f"本会话没有订阅{'每月' if kind == MONTHLY else '每周'}通报。")
        return
    await answerer.write_when_free(answerer.store.update_subscription, current.chat_id, "unsubscribe",
                                   update.effective_user.id, thread_id=current.thread_id, kind=kind, active=0)
    await message.reply_text(f"已退订{'每月' if kind == MONTHLY else '每周'}通报。")
