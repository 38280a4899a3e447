"""Admins' other commands: /history of an indicator's changes, /unanswered questions, /admins (owners
manage who may change data), /import a CSV or XLSX and /export the whole knowledge base.

Read-only admin commands (/export /unanswered /history) are refused for everyone but bot admins; an
import is a write like /set: shown first, applied on 确认 (handlers.confirm).
"""

from __future__ import annotations

import asyncio
from datetime import date

from telegram import Update
from telegram.ext import ContextTypes

from handlers.arguments import refusal
from handlers.confirm import ask_to_confirm, refuse_if_not_reader, refuse_if_not_writer, refuse_write
from handlers.messages import split_message
from handlers.permissions import owner_refusal
from handlers.questions import answerer_of
from handlers.services import services_of
from knowledge.control_characters import name_refusal
from knowledge.edits import resolve_indicator
from knowledge.errors import KnowledgeError
from knowledge.quantities import parse_ascii_int
from knowledge.store import in_worker_thread
from knowledge.tables import (
    MAX_FILE_BYTES,
    ImportFileError,
    export_rows,
    plan_import,
    read_tables,
    workbook_bytes,
)
from knowledge.undo import describe_change

ADMINS_USAGE = "用法：/admins list | /admins add 用户ID [称呼] | /admins remove 用户ID"


async def history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/history 指标 — the latest changes of one indicator, with their numbers (admins only)."""
    if await refuse_if_not_reader(update, context):
        return
    text = " ".join(context.args or []).strip()
    if not text:
        await update.effective_message.reply_text("用法：/history 指标，例如 /history 工业投资总额")
        return
    answerer = answerer_of(context)
    try:
        indicator = resolve_indicator(answerer, text)
    except KnowledgeError as error:
        await update.effective_message.reply_text(refusal(error), parse_mode=None)
        return
    changes = answerer.store.changes_for(indicator.id)
    if not changes:
        await update.effective_message.reply_text(f"“{indicator.name}”还没有修改记录。", parse_mode=None)
        return
    people = answerer.store.people([c["user_id"] for c in changes])
    lines = [f"“{indicator.name}”的修改记录（最新在前，{answerer.tz.key} 时间）："]
    lines += [describe_change(c, tz=answerer.tz, people=people) for c in changes]
    for piece in split_message("\n".join(lines)):
        await update.effective_message.reply_text(piece, parse_mode=None)


async def unanswered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unanswered — questions the bot declined, most asked first, so admins can add aliases."""
    if await refuse_if_not_reader(update, context):
        return
    rows = answerer_of(context).store.unanswered()
    if not rows:
        await update.effective_message.reply_text("还没有未能回答的问题。")
        return
    lines = ["未能回答的问题（次数）：可用 /alias 别名 指标 教我："]
    lines += [f"· {r['question'][:60]}（{r['times']}次）" for r in rows]
    for piece in split_message("\n".join(lines)):
        await update.effective_message.reply_text(piece, parse_mode=None)


async def admins(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/admins list|add|remove — owners (BOT_ADMIN_IDS) manage who may change data."""
    owners = services_of(context).owner_ids
    user = update.effective_user
    if refusal := owner_refusal(update, context, "管理管理员"):
        await refuse_write(update, refusal)
        return
    store = answerer_of(context).store
    args = context.args or []
    if not args or args[0] == "list":
        lines = ["所有者：" + ("、".join(str(i) for i in sorted(owners)) or "无")]
        lines += [f"管理员：{a['user_id']} {a['name'] or ''}" for a in store.admins()] or ["管理员：无"]
        await update.effective_message.reply_text("\n".join(lines), parse_mode=None)
        return
    target = parse_ascii_int(args[1]) if len(args) >= 2 else None
    if args[0] not in ("add", "remove") or target is None or target <= 0:
        await update.effective_message.reply_text(ADMINS_USAGE)
        return
    name = " ".join(args[2:])[:40]
    if args[0] == "add" and name and (why := name_refusal(name, "管理员名字")):
        await update.effective_message.reply_text(why, parse_mode=None)
        return
    if args[0] == "add":
        done = await answerer_of(context).write_when_free(store.add_admin, target, name, user.id)
        text = f"已添加管理员 {target}。" if done else f"{target} 已是管理员。"
    else:
        done = await answerer_of(context).write_when_free(store.remove_admin, target, user.id)
        text = f"已移除管理员 {target}。" if done else f"{target} 不是管理员。"
    await update.effective_message.reply_text(text, parse_mode=None)


async def import_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/import — then send the CSV (UTF-8 or GBK) or XLSX; or send the file with /import as caption."""
    if await refuse_if_not_writer(update, context):
        return
    context.chat_data["awaiting_import_from"] = update.effective_user.id
    await update.effective_message.reply_text("请发送要导入的 CSV（UTF-8 或 GBK）或 XLSX 文件，不超过 5 MB。")


async def import_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document from the admin who asked for /import (or captioned /import): preview, then 确认."""
    message = update.effective_message
    user = update.effective_user
    captioned = (message.caption or "").strip().startswith("/import")
    if not captioned and (user is None or context.chat_data.get("awaiting_import_from") != user.id):
        return
    if await refuse_if_not_writer(update, context):
        return
    context.chat_data.pop("awaiting_import_from", None)
    document = message.document
    if document.file_size and document.file_size > MAX_FILE_BYTES:
        await message.reply_text("文件超过 5 MB，未处理。请拆分后再导入。")
        return
    name = document.file_name or ""
    if not name.lower().endswith((".csv", ".xlsx")):
        await message.reply_text("只能导入 .csv 或 .xlsx 文件。")
        return
    content = bytes(await (await document.get_file()).download_as_bytearray())
    # Parsing and checking up to 100,000 rows takes seconds: in a worker thread, and as a task of its
    # own, so that this chat's next messages (and every other chat's) are answered meanwhile.
    context.application.create_task(_preview_import(update, context, name, content), update=update)


async def _preview_import(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str, content: bytes) -> None:
    message = update.effective_message
    answerer = answerer_of(context)
    today = answerer.today()
    try:
        plan = await in_worker_thread(answerer.store, lambda store: plan_import(store, read_tables(name, content), today))
    except (ImportFileError, KnowledgeError) as error:
        await message.reply_text(str(error), parse_mode=None)
        return
    summary = plan.summary()
    if plan.rejected:
        for piece in split_message("有错误，未导入任何数据：\n" + summary):
            await message.reply_text(piece, parse_mode=None)
        return
    if not (plan.added or plan.changed):
        await message.reply_text("文件与现有数据完全一致，无需导入。\n" + summary, parse_mode=None)
        return
    # every listed row is shown (the added ones too, so each cell's reading can be checked): the
    # pieces before the last as plain messages, the last under 确认
    pieces = split_message("导入预览：\n" + summary, 3500, html=False)
    for piece in pieces[:-1]:
        await message.reply_text(piece, parse_mode=None)
    await ask_to_confirm(update, context, plan, pieces[-1])


async def export_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export — the whole knowledge base as one XLSX that /import reads back unchanged."""
    if await refuse_if_not_reader(update, context):
        return
    # building the workbook takes seconds on a large base: off the event loop, so questions are answered meanwhile
    workbook = await asyncio.to_thread(workbook_bytes, export_rows(answerer_of(context).store))
    await update.effective_message.reply_document(
        workbook, filename=f"suzhou_targets_{date.today():%Y%m%d}.xlsx",
        caption="目标、实际数据、来源和别名（可修改后用 /import 导入）",
    )

