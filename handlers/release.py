"""/release: an admin pastes the statistics office's monthly release (or sends it as a .txt/.docx file
captioned /release); the bot shows what it read — figures (old → new), restatements, sentences it
could not place — and writes all of it in one transaction when the same admin presses 确认.

A release longer than one Telegram message arrives as several messages: they are collected, from the
same admin in the same chat and forum topic only, until the 完成 button (or the word 完成, or a file). The
collecting is a ConversationHandler keyed by (chat, user, topic), so another user's messages and buttons,
and the admin's own in another topic, are never taken for the release; the preview and its 确认 are sent
to the topic /release came from. The text is read in a worker thread (knowledge.store.in_worker_thread),
as an import's preview is, so that other chats are answered meanwhile. The preview is held like every
other write's (handlers.confirm.hold): its 确认 is checked the same way (same admin, still an admin,
within BOT_CONFIRM_MINUTES, same run of the bot).
"""

from __future__ import annotations

import asyncio
import logging
import warnings

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ChatType
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from handlers.callbacks import answer_callback
from handlers.confirm import confirm_keyboard, confirmed, hold, refuse_if_not_writer, who
from handlers.messages import split_message
from handlers.questions import answerer_of
from handlers.services import services_of
from handlers.subscriptions import topic_of
from knowledge.edits import EditError
from knowledge.errors import KnowledgeError
from knowledge.releases import (
    MAX_RELEASE_CHARS,
    PREVIEW_LISTED,
    ReleaseError,
    apply_release,
    preview_release,
    read_release_file,
)
from knowledge.store import in_worker_thread
from knowledge.tables import MAX_FILE_BYTES

logger = logging.getLogger(__name__)

PREFIX = "rel"
COLLECTING = 0
TIMEOUT_SECONDS = 15 * 60
DONE_WORDS = ("完成", "好了", "结束")
# With privacy mode on, a group's plain messages reach the bot only as replies to it.
GROUP_HINT = "\n在群里请“回复”本消息粘贴（否则机器人可能收不到），或私聊机器人使用 /release，或直接发送文件。"
RESTARTED = ("机器人在你粘贴通报之后重启过，已收到的通报文字没有保留，没有写入任何数据。"
             "请重新发送 /release，再粘贴一次全文（或直接发送文件）。")
USAGE = ("请粘贴统计部门的月度通报全文（可分多条消息发送），发完后点“完成”；"
         "也可以直接发送 .txt 或 .docx 文件（说明文字写 /release）。发送 /cancel 取消。")


def _done_keyboard(context: ContextTypes.DEFAULT_TYPE, user_id: int) -> InlineKeyboardMarkup:
    # 完成 names this run of the bot and the admin: a press after a restart (the text collected is gone) is
    # told apart from one after the preview or 取消, and from another member's
    done = f"{PREFIX}|done|{services_of(context).confirm_run_id}|{user_id}"
    return InlineKeyboardMarkup([[InlineKeyboardButton("完成", callback_data=done),
                                  InlineKeyboardButton("取消", callback_data=f"{PREFIX}|no")]])


def _collector(update: Update) -> tuple[int, int]:
    """Whose release is collected: the admin's, in this forum topic (0 outside topics)."""
    return update.effective_user.id, topic_of(update)


def _parts(context: ContextTypes.DEFAULT_TYPE, update: Update) -> list[str]:
    return context.chat_data.setdefault("release_parts", {}).setdefault(_collector(update), [])


def _forget(context: ContextTypes.DEFAULT_TYPE, update: Update) -> None:
    context.chat_data.get("release_parts", {}).pop(_collector(update), None)


def _in_topic(update: Update) -> dict:
    """The send options that keep a message in the forum topic of `update` (none outside topics)."""
    topic = topic_of(update)
    return {"message_thread_id": topic} if topic else {}


def _joined(parts: list[str]) -> str:
    """Telegram splits a long paste into messages and trims their edges: a part that does not end a
    sentence continues in the next one."""
    text = ""
    for part in parts:
        if text and not text.endswith(("。", "！", "？", "\n")) and len(text.rsplit("\n", 1)[-1]) > 40:
            text += part
        else:
            text += ("\n" if text else "") + part
    return text


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/release [通报全文] — start collecting a release from this admin."""
    if await refuse_if_not_writer(update, context):
        return ConversationHandler.END
    _forget(context, update)
    words = (update.effective_message.text or "").split(None, 1)
    text = words[1] if len(words) > 1 else ""
    if text.strip():
        _parts(context, update).append(text.strip())
    hint = "" if update.effective_chat.type == ChatType.PRIVATE else GROUP_HINT
    await update.effective_message.reply_text(
        (f"已收到第1段（{len(text.strip())}字）。" if text.strip() else "") + USAGE + hint,
        reply_markup=_done_keyboard(context, update.effective_user.id), parse_mode=None)
    return COLLECTING


async def collect(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """One more message of the release from the admin who sent /release."""
    message = update.effective_message
    if message.text.strip() in DONE_WORDS:
        return await _preview(update, context, _joined(_parts(context, update)))
    # Only the admin who sent /release, in the topic it was sent in, reaches here (the conversation is per
    # chat, user and topic); a forwarded copy of the office's post is welcome as content: the write itself
    # waits for that admin's 确认.
    parts = _parts(context, update)
    parts.append(message.text.strip())
    total = sum(len(p) for p in parts)
    if total > MAX_RELEASE_CHARS:
        _forget(context, update)
        await message.reply_text(f"通报超过{MAX_RELEASE_CHARS}字，已放弃，没有写入任何数据。请拆分后再发。")
        return ConversationHandler.END
    if update.effective_chat.type == ChatType.PRIVATE:
        # In groups Telegram allows 20 messages a minute: there the parts are taken silently and the
        # preview says how many arrived.
        await message.reply_text(f"已收到第{len(parts)}段（共{total}字）。还有内容请继续发送，发完后点“完成”。",
                                 reply_markup=_done_keyboard(context, update.effective_user.id), parse_mode=None)
    return COLLECTING


async def done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The 完成 button: read what was collected."""
    await update.callback_query.answer()
    return await _preview(update, context, _joined(_parts(context, update)))


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A .txt or .docx release, captioned /release or sent while collecting."""
    if await refuse_if_not_writer(update, context):
        return ConversationHandler.END
    message = update.effective_message
    file = message.document
    name = file.file_name or ""
    if file.file_size and file.file_size > MAX_FILE_BYTES:
        await message.reply_text("文件超过 5 MB，未处理。")
        return ConversationHandler.END
    if not name.lower().endswith((".txt", ".docx")):
        await message.reply_text("只能读取 .txt 或 .docx 格式的通报。")
        return ConversationHandler.END
    content = bytes(await (await file.get_file()).download_as_bytearray())
    try:
        text = await asyncio.to_thread(read_release_file, name, content)  # a .docx is unzipped and parsed
    except ReleaseError as error:
        await message.reply_text(str(error), parse_mode=None)
        return ConversationHandler.END
    parts = _parts(context, update)
    return await _preview(update, context, _joined(parts + [text]))


async def _preview(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> int:
    chat = update.effective_chat
    here = _in_topic(update)  # the preview and its 确认 stay in the forum topic /release was sent in
    answerer = answerer_of(context)
    try:  # read in a worker thread on a connection of its own, as an import's preview: the loop goes on meanwhile
        plan = await in_worker_thread(answerer.store, preview_release, text, answerer.today(),
                                      f"通报录入（{who(update)}）")
    except ReleaseError as error:
        _forget(context, update)
        await context.bot.send_message(chat.id, f"{error}\n{USAGE}", parse_mode=None, **here)
        return ConversationHandler.END
    parts = len(_parts(context, update))
    _forget(context, update)  # the collecting is over
    received = f"（共收到{parts}段、{len(text)}字）\n" if parts > 1 else ""
    pieces = split_message(received + plan.summary(PREVIEW_LISTED), 3500)
    if plan.longer_than(PREVIEW_LISTED):  # the full lists as a file, rather than a minute of messages
        full = InputFile(plan.full_text().encode("utf-8-sig"), filename="通报预览（完整清单）.txt")
        await context.bot.send_document(chat.id, full, caption="通报预览的完整清单", parse_mode=None, **here)
    for piece in pieces[:-1]:
        await context.bot.send_message(chat.id, piece, parse_mode=None, **here)
    if not plan.writes:
        await context.bot.send_message(chat.id, pieces[-1] + "\n\n没有需要写入的更改。", parse_mode=None, **here)
        return ConversationHandler.END
    # Held like every other preview (handlers.confirm): 确认 counts only from this admin, while still an
    # admin, within confirm_minutes, in this run of the bot.
    token = hold(context, plan, update.effective_user.id)
    minutes = services_of(context).confirm_minutes
    await context.bot.send_message(
        chat.id, pieces[-1] + f"\n\n确认写入这 {len(plan.writes)} 个数据吗？（{minutes}分钟内有效）",
        reply_markup=confirm_keyboard(token, PREFIX), parse_mode=None, **here)
    return ConversationHandler.END


async def confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """确认 / 取消 under a release preview ("rel|ok|token"): on 确认 that passes handlers.confirm's checks,
    the whole release in one transaction with the audit rows."""
    entry = await confirmed(update, context)
    if entry is None:
        return
    query, plan = update.callback_query, entry.payload
    answerer = answerer_of(context)
    try:  # in a worker thread, as every confirmed write: a long release must not hold the event loop
        written = await answerer.write_in_worker_thread(apply_release, plan, entry.owner, update.effective_chat.id)
    except (EditError, KnowledgeError) as error:
        await query.edit_message_text(f"没有写入任何数据：{error}", parse_mode=None)
        return
    logger.info("通报已写入：%s 个数据，用户 %s", written, entry.owner)
    await query.edit_message_text(
        f"已写入 {written} 个数据（{plan.reading.title or '统计通报'}）。/history 指标 可查看修改记录，/undo 可逐条撤销。",
        parse_mode=None)


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """取消 button or /cancel: drop what was collected."""
    _forget(context, update)
    if update.callback_query:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("已取消，没有写入任何数据。")
    else:
        await update.effective_message.reply_text("已取消，没有写入任何数据。")
    return ConversationHandler.END


async def not_yours(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A release button pressed by someone other than the admin who sent it (or after it expired); a
    完成 from before a restart says that the text collected then is gone."""
    query = update.callback_query
    _, _, run_id, owner = (query.data.split("|") + ["", "", "", ""])[:4]
    mine = owner in ("", str(query.from_user.id))  # a 完成 from before owners were named in it: the owner's
    if query.data.startswith(f"{PREFIX}|done") and mine and run_id != services_of(context).confirm_run_id:
        await answer_callback(query)
        await query.edit_message_text(RESTARTED, parse_mode=None)
        return
    await answer_callback(query, "只有发送通报的管理员可以操作，或这个按钮已失效。", show_alert=True)


class _TopicConversation(ConversationHandler):
    """A ConversationHandler keyed by chat, user and forum topic: /release collects only the messages of
    the topic it was sent in, and the admin's messages in another topic are questions as usual. (PTB keys
    conversations by chat and user only; _get_key is where it builds the key.)"""

    def _get_key(self, update: Update) -> tuple:
        return (*super()._get_key(update), topic_of(update))


def conversation() -> ConversationHandler:
    """A new /release conversation for one Application (handlers.register calls this factory)."""
    with warnings.catch_warnings():
        # per_message=False is wanted: the buttons belong to the (chat, admin) conversation, not to one message
        warnings.filterwarnings("ignore", category=PTBUserWarning, message=".*per_message.*")
        return _TopicConversation(
            entry_points=[
                CommandHandler("release", start),
                MessageHandler(filters.Document.ALL & filters.CaptionRegex(r"^\s*/release"), document),
            ],
            states={
                COLLECTING: [
                    MessageHandler(filters.Document.ALL, document),
                    CallbackQueryHandler(done, pattern=rf"^{PREFIX}\|done(\||$)"),
                    CallbackQueryHandler(cancel, pattern=rf"^{PREFIX}\|no$"),
                    MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, collect),
                ],
            },
            fallbacks=[CommandHandler("cancel", cancel), CommandHandler("release", start)],
            conversation_timeout=TIMEOUT_SECONDS,
            name="release",
        )
