"""Questions in chats: /ask, private messages, replies to the bot, mentions, clarify buttons, inline mode.

Private chats: every text is a question. Groups: /ask (which always replies), replies to the bot
(addressed to it: a question it cannot answer gets the reason; only 谢谢/好的 gets nothing), @mentions
(which reply when they can answer or clarify, and are silent otherwise), and — when an admin set
/mode all and privacy mode lets the bot see them — confident free-text answers only. A greeting
addressed to the bot gets one line pointing to /help.

Follow-ups: a reply to one of the bot's answers ("那上海呢", "进度呢") inherits the indicator, city and
year it does not name from that answer; in a private chat the previous answer serves for
FOLLOW_UP_SECONDS. The contexts live in chat_data (memory only: a restart forgets them).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import replace
from uuid import uuid4

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.ext import ContextTypes

from handlers.callbacks import answer_callback
from handlers.messages import split_message
from handlers.services import services_of
from handlers.throttle import allowed
from knowledge.answers import ACKNOWLEDGED, GREETING, Answerer, Context, Decision, Reply
from knowledge.quantities import parse_ascii_int
from knowledge.render import headline, render_reply

logger = logging.getLogger(__name__)

PICK_PREFIX = "pick"
FOLLOW_UP_SECONDS = 300
MAX_REMEMBERED_ANSWERS = 200
USAGE = "用法：/ask 问题，例如 /ask 苏州研发投入目标"


def answerer_of(context: ContextTypes.DEFAULT_TYPE) -> Answerer:
    return services_of(context).answerer


def clarify_keyboard(reply: Reply) -> InlineKeyboardMarkup:
    """One button per candidate; callback data 'pick|<indicator id>|<city>|<year>' stays under 64 bytes."""
    rows = []
    for candidate, answer in reply.candidates:
        city = answer.city if answer else ""
        year = answer.year if answer and answer.year and answer.target is None else ""
        data = f"{PICK_PREFIX}|{candidate.indicator.id}|{city}|{year}"
        label = candidate.indicator.name
        if answer is not None:
            label = f"{label}（{headline(answer)}）"
        rows.append([InlineKeyboardButton(label[:60], callback_data=data[:64])])
    return InlineKeyboardMarkup(rows)


async def send_reply(update: Update, reply: Reply) -> list:
    """Send a reply as HTML, split below 4,096 characters; clarify replies carry the buttons.

    Returns the messages sent."""
    pieces = split_message(render_reply(reply, html=True))
    markup = clarify_keyboard(reply) if reply.decision == Decision.CLARIFY else None
    sent = []
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        sent.append(await update.effective_message.reply_text(
            piece, parse_mode=ParseMode.HTML, reply_markup=markup if last else None,
            do_quote=update.effective_chat.type != ChatType.PRIVATE,
        ))
    return sent


def _follow_up_context(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Context | None:
    """What the question follows up: the bot's answer it replies to, or (private) the previous one."""
    if context.chat_data is None:
        return None
    replied = update.effective_message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == context.bot.id:
        return context.chat_data.get("answer_contexts", {}).get(replied.message_id)
    if update.effective_chat.type == ChatType.PRIVATE:
        last = context.chat_data.get("last_answer")
        if last is not None and time.monotonic() - last[1] <= FOLLOW_UP_SECONDS:
            return replace(last[0], replied=False)
    return None


def _remember(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply, sent: list) -> None:
    if context.chat_data is None or reply.context is None:
        return
    remembered = context.chat_data.setdefault("answer_contexts", {})
    for message in sent:
        if message is not None:
            remembered[message.message_id] = reply.context
    while len(remembered) > MAX_REMEMBERED_ANSWERS:
        remembered.pop(next(iter(remembered)))
    if update.effective_chat.type == ChatType.PRIVATE:
        context.chat_data["last_answer"] = (reply.context, time.monotonic())


def _question_of(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    text = update.effective_message.text or ""
    username = context.bot.username
    if username:
        text = text.replace(f"@{username}", " ")
    return text.strip()


def _log_unanswered(context: ContextTypes.DEFAULT_TYPE, update: Update, question: str, reply: Reply) -> None:
    """In the background: while an import is written the log waits for it, and this chat's next
    message must not."""
    if reply.decision == Decision.DECLINE and question and reply.reason not in (GREETING, ACKNOWLEDGED):
        user = update.effective_user
        answerer = answerer_of(context)
        context.application.create_task(answerer.write_when_free(
            answerer.store.log_unanswered, question, reply.question.normalized, update.effective_chat.id,
            user.id if user else None), name="log-unanswered")


def quiet_after_mention(reply: Reply) -> bool:
    """An @mention may name the bot in passing: only a greeting among declines is answered."""
    return reply.reason != GREETING


def quiet_after_reply(reply: Reply) -> bool:
    """A reply to the bot is spoken to it: every decline says why, except 谢谢/好的 (nothing asked)."""
    return reply.reason == ACKNOWLEDGED


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, *,
                          quiet: Callable[[Reply], bool] | None = None) -> None:
    """Answer, clarify or decline; a declined question is logged for /unanswered after the reply.

    `quiet` (in a group) picks the declines that get no reply (quiet_after_mention, quiet_after_reply)."""
    follows = _follow_up_context(update, context)
    answerer = answerer_of(context)
    reply = answerer.answer(question) if follows is None else answerer.answer(question, context=follows)
    try:
        if not (quiet is not None and reply.decision == Decision.DECLINE and quiet(reply)):
            _remember(update, context, reply, await send_reply(update, reply))
    finally:  # after the reply: the user should not wait for this write
        _log_unanswered(context, update, question, reply)


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask 问题 — always replies, with usage help when the question is missing."""
    question = " ".join(context.args or []).strip()
    if not question:
        await update.effective_message.reply_text(USAGE)
        return
    await answer_question(update, context, question)


async def private_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question; a decline says why."""
    await answer_question(update, context, _question_of(update, context))


async def addressed_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group message that replies to the bot (answered, or declined with the reason) or mentions it
    (answered or clarified, else silence)."""
    message = update.effective_message
    replied = message.reply_to_message
    to_bot = replied is not None and replied.from_user is not None and replied.from_user.id == context.bot.id
    mentions = context.bot.username and f"@{context.bot.username}".lower() in (message.text or "").lower()
    if not (to_bot or mentions):
        await group_chatter(update, context)
        return
    if not await allowed(update, context):
        return
    quiet = quiet_after_reply if to_bot else quiet_after_mention
    await answer_question(update, context, _question_of(update, context), quiet=quiet)


async def group_chatter(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Free text in a group: answered only in mode 'all' and only when the answer is confident."""
    answerer = answerer_of(context)
    if answerer.store.chat_mode(update.effective_chat.id) != "all":
        return
    reply = answerer.answer(_question_of(update, context))
    if reply.decision == Decision.ANSWER and await allowed(update, context):
        await send_reply(update, reply)


async def pick_candidate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A clarify button: edit the question into the chosen answer (even when the query has expired)."""
    query = update.callback_query
    parts = (query.data or "").split("|")
    if len(parts) != 4 or parts[0] != PICK_PREFIX:
        await answer_callback(query, "按钮已失效，请重新提问。")
        return
    _, indicator_id, city, year = parts
    reply = answerer_of(context).answer_for(indicator_id, city, parse_ascii_int(year))
    await answer_callback(query)
    text = split_message(render_reply(reply, html=True))[0]
    edited = await query.edit_message_text(text, parse_mode=ParseMode.HTML)
    _remember(update, context, reply, [edited if hasattr(edited, "message_id") else query.message])


async def inline_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """@BotName 研发投入 in any chat: answers (or the clarify candidates) as articles."""
    query = update.inline_query
    answerer = answerer_of(context)
    reply = answerer.answer(query.query or "")
    if reply.decision == Decision.CLARIFY:
        replies = [(c.indicator.name, answerer.answer_for(c.indicator.id, a.city)) for c, a in reply.candidates if a]
    elif reply.decision == Decision.ANSWER:
        # a list or a comparison has no single indicator to title it: its first line does
        title = reply.answers[0].indicator.name if reply.answers else render_reply(reply).split("\n")[0]
        replies = [(title, reply)]
    else:
        replies = []
    results = [
        InlineQueryResultArticle(
            id=uuid4().hex,
            title=title,
            description=render_reply(r).split("\n")[1] if "\n" in render_reply(r) else "",
            input_message_content=InputTextMessageContent(
                split_message(render_reply(r, html=True))[0], parse_mode=ParseMode.HTML
            ),
        )
        for title, r in replies
    ]
    await query.answer(results, cache_time=60)
