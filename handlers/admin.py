"""Admins change figures from the chat: /set /target /alias /undo, then 确认; /history /unanswered
/admins; /import a CSV or XLSX and /export the whole knowledge base.

Every write is refused (one line, and logged) unless it comes from a bot admin as a fresh message:
not edited, not forwarded, not sent as an anonymous group admin or a channel. A write happens only
after the same admin presses 确认 under what the bot understood (取消 drops it), while that admin is
still an admin, within `confirm_minutes` (BOT_CONFIRM_MINUTES, default 10) of the preview, and in the
same run of the bot: previews live in memory, so a 确认 from before a restart is refused, never
half-applied. Read-only admin commands (/export /unanswered /history) are refused for everyone else.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from handlers.callbacks import answer_callback
from handlers.permissions import is_bot_admin, owner_refusal, read_refusal, write_refusal
from handlers.questions import answerer_of
from knowledge.edits import (
    THRESHOLDS_USAGE,
    PlannedEdit,
    PlannedSetting,
    PlannedUndo,
    apply_edit,
    apply_setting,
    apply_undo,
    describe_change,
    plan_alias,
    plan_monthly_plan,
    plan_observation,
    plan_target,
    plan_thresholds,
    plan_undo,
    resolve_indicator,
)
from knowledge.errors import KnowledgeError
from knowledge.quantities import parse_ascii_int
from knowledge.render import render_reply, split_message
from knowledge.tables import (
    MAX_FILE_BYTES,
    ImportFileError,
    apply_import,
    export_rows,
    import_snapshot,
    plan_import,
    read_tables,
    workbook_bytes,
)

logger = logging.getLogger(__name__)

CONFIRM_PREFIX = "edit"
ADMINS_USAGE = "用法：/admins list | /admins add 用户ID [称呼] | /admins remove 用户ID"


@dataclass(frozen=True)
class PendingConfirm:
    """A preview waiting for 确认: what to apply, who may confirm it, and until when (the answerer's clock)."""

    payload: object  # PlannedEdit | PlannedUndo | ImportPlan; None once expired
    owner: int
    expires_at: datetime


def _pending(context: ContextTypes.DEFAULT_TYPE) -> dict[str, PendingConfirm]:
    return context.application.bot_data.setdefault("pending_edits", {})


def _run_id(context: ContextTypes.DEFAULT_TYPE) -> str:
    """New with every start of the bot, and part of every 确认's callback data: a press on a preview
    made before a restart is told apart from a double press."""
    return context.application.bot_data.setdefault("confirm_run_id", secrets.token_hex(3))


def _who(update: Update) -> str:
    user = update.effective_user
    return f"{user.full_name}（{user.id}）" if user else "未知"


async def _refuse_if_not_writer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    reason = write_refusal(update, context)
    if reason is None:
        return False
    await _refuse_write(update, reason)
    return True


async def _refuse_write(update: Update, reason: str) -> None:
    """A refused write: the reason to the sender, and one log line saying who tried what."""
    user = update.effective_user
    command = (update.effective_message.text or "").split(maxsplit=1)[0][:40] if update.effective_message else ""
    logger.warning("拒绝写操作 %s：用户 %s，会话 %s，原因：%s", command, user.id if user else None,
                   update.effective_chat.id if update.effective_chat else None, reason)
    await update.effective_message.reply_text(reason)


async def _refuse_if_not_reader(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    reason = read_refusal(update, context)
    if reason is not None:
        await update.effective_message.reply_text(reason)
    return reason is not None


def _confirm_keyboard(token: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[
        InlineKeyboardButton("确认", callback_data=f"{CONFIRM_PREFIX}|ok|{token}"),
        InlineKeyboardButton("取消", callback_data=f"{CONFIRM_PREFIX}|no|{token}"),
    ]])


async def _ask_to_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE, payload, text: str,
                          question: str = "确认写入吗？") -> None:
    minutes = context.application.bot_data["confirm_minutes"]
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
    pending[token] = PendingConfirm(payload, update.effective_user.id, now + timedelta(minutes=minutes))
    await update.effective_message.reply_text(
        f"{text}\n\n{question}（{minutes}分钟内有效）", reply_markup=_confirm_keyboard(token), parse_mode=None
    )


async def _plan_and_confirm(update: Update, context: ContextTypes.DEFAULT_TYPE, planner) -> None:
    if await _refuse_if_not_writer(update, context):
        return
    try:
        plan = planner(answerer_of(context), list(context.args or []))
    except KnowledgeError as error:
        await update.effective_message.reply_text(str(error), parse_mode=None)
        return
    await _ask_to_confirm(update, context, plan, "我的理解：\n" + "\n".join(plan.lines))


async def set_figure(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/set 指标 数值 [期间] [来源] — record an actual, after 确认."""
    await _plan_and_confirm(update, context, lambda a, w: plan_observation(a, w, _who(update)))


async def set_target(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/target 指标 数值 [年份] — change a target, after 确认."""
    await _plan_and_confirm(update, context, lambda a, w: plan_target(a, w, _who(update)))


async def add_alias(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/alias 别名 指标 — teach the matcher a synonym, after 确认."""
    await _plan_and_confirm(update, context, plan_alias)


def _is_confirm_message(query) -> bool:
    """Whether the pressed message carries this very button (callback data can be forged)."""
    markup = query.message.reply_markup if query.message else None
    return markup is not None and any(b.callback_data == query.data for row in markup.inline_keyboard for b in row)


async def _close(query, text: str) -> None:
    """Answer the press and replace the preview (and its buttons) with `text`."""
    await answer_callback(query)
    await query.edit_message_text(text, parse_mode=None)


async def confirm(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """确认 / 取消 under a preview: only the admin who asked, while still an admin, before it expires."""
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
        return
    if query.from_user.id != entry.owner:
        await answer_callback(query, "只有发起修改的管理员可以确认。", show_alert=True)
        return
    answerer = answerer_of(context)
    del pending[token]
    if answerer.now() >= entry.expires_at:
        minutes = context.application.bot_data["confirm_minutes"]
        await _close(query, f"此确认已超过{minutes}分钟，已失效，没有修改任何数据。请重新发送命令。")
        return
    if parts[1] != "ok":
        await _close(query, "已取消，没有修改任何数据。")
        return
    if not is_bot_admin(context, entry.owner):
        logger.warning("拒绝确认：用户 %s 在预览之后已不是管理员", entry.owner)
        await _close(query, "你已不是管理员，此修改没有保存。")
        return
    await answer_callback(query)
    chat_id = query.message.chat.id if query.message else None
    payload = entry.payload
    try:
        if isinstance(payload, PlannedEdit):
            change_id = apply_edit(answerer.store, payload, entry.owner, chat_id)
            done = f"已保存（修改编号 #{change_id}，/undo {change_id} 可撤销）。"
        elif isinstance(payload, PlannedUndo):
            undo_ids = apply_undo(answerer.store, payload, entry.owner, chat_id)
            done = _undone_text(payload, undo_ids)
        elif isinstance(payload, PlannedSetting):
            apply_setting(answerer.store, payload, entry.owner, chat_id)
            done = "已修改。\n" + "\n".join(payload.lines)
        else:
            written = apply_import(answerer.store, payload, entry.owner, chat_id)
            done = f"已导入 {written} 行（/undo 可撤销整次导入）。"
    except KnowledgeError as error:
        await query.edit_message_text(str(error), parse_mode=None)
        return
    answerer.reload()
    if isinstance(payload, PlannedEdit) and payload.action not in ("add_alias", "set_duty"):
        reply = answerer.answer_for(payload.indicator_id, payload.key["city"])
        done += "\n\n" + render_reply(reply)
    await query.edit_message_text(split_message(done, html=False)[0], parse_mode=None)


def _undone_text(plan: PlannedUndo, undo_ids: list[int]) -> str:
    what = f"这次导入的 {len(undo_ids)} 行修改" if plan.import_batch is not None else f"第 {plan.change_ids[0]} 号修改"
    numbers = f"#{undo_ids[0]}" if len(undo_ids) == 1 else f"#{undo_ids[0]}–#{undo_ids[-1]}"
    return f"已撤销{what}（撤销记录 {numbers}）：\n" + "\n".join(plan.lines)


async def undo_change(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/undo [编号] — show what would be reversed (the latest change, or a whole import), then 确认."""
    if await _refuse_if_not_writer(update, context):
        return
    args = context.args or []
    number = parse_ascii_int(args[0].lstrip("#")) if len(args) == 1 else None
    if len(args) > 1 or (args and (number is None or number <= 0)):
        await update.effective_message.reply_text("用法：/undo [修改编号]，编号见 /history")
        return
    try:
        plan = plan_undo(answerer_of(context).store, number)
    except KnowledgeError as error:
        await update.effective_message.reply_text(str(error), parse_mode=None)
        return
    await _ask_to_confirm(update, context, plan, split_message(plan.preview(), 3500)[0], "确认撤销吗？")


async def history(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/history 指标 — the latest changes of one indicator, with their numbers (admins only)."""
    if await _refuse_if_not_reader(update, context):
        return
    text = " ".join(context.args or []).strip()
    if not text:
        await update.effective_message.reply_text("用法：/history 指标，例如 /history 工业投资总额")
        return
    answerer = answerer_of(context)
    try:
        indicator = resolve_indicator(answerer, text)
    except KnowledgeError as error:
        await update.effective_message.reply_text(str(error), parse_mode=None)
        return
    changes = answerer.store.changes_for(indicator.id)
    if not changes:
        await update.effective_message.reply_text(f"“{indicator.name}”还没有修改记录。", parse_mode=None)
        return
    lines = [f"“{indicator.name}”的修改记录（最新在前）："] + [describe_change(c) for c in changes]
    for piece in split_message("\n".join(lines)):
        await update.effective_message.reply_text(piece, parse_mode=None)


async def unanswered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unanswered — questions the bot declined, most asked first, so admins can add aliases."""
    if await _refuse_if_not_reader(update, context):
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
    owners = context.application.bot_data.get("owner_ids", frozenset())
    user = update.effective_user
    if refusal := owner_refusal(update, context, "管理管理员"):
        await _refuse_write(update, refusal)
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
    if args[0] == "add":
        done = store.add_admin(target, " ".join(args[2:])[:40], user.id)
        text = f"已添加管理员 {target}。" if done else f"{target} 已是管理员。"
    else:
        done = store.remove_admin(target, user.id)
        text = f"已移除管理员 {target}。" if done else f"{target} 不是管理员。"
    await update.effective_message.reply_text(text, parse_mode=None)


async def thresholds(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/thresholds [X Y [比重带 比重严重带]] — show, or (owners, BOT_ADMIN_IDS) set, the status thresholds."""
    answerer = answerer_of(context)
    current = answerer.thresholds
    args = context.args or []
    shown = (f"当前阈值：落后序时进度 {current.lag_points:g} 个百分点以内为基本同步，{current.lag_points:g}–"
             f"{current.severe_points:g} 为滞后，{current.severe_points:g} 以上为严重滞后；超前 {current.lag_points:g} "
             f"个百分点以上为超前。比重类指标：差 {current.ratio_band:g} 个百分点以内为基本同步，"
             f"{current.ratio_severe_band:g} 以上为严重滞后。")
    if not args:
        await update.effective_message.reply_text(shown + "\n" + THRESHOLDS_USAGE, parse_mode=None)
        return
    if refusal := owner_refusal(update, context, "修改进度阈值"):
        await _refuse_write(update, refusal)
        return
    try:
        plan = plan_thresholds(answerer, args)
    except KnowledgeError as error:
        await update.effective_message.reply_text(str(error), parse_mode=None)
        return
    await _ask_to_confirm(update, context, plan, "我的理解：\n" + "\n".join(plan.lines))


async def monthly_plan(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/plan 指标 0,0,…,100 — an indicator's cumulative monthly plan, the basis of its 序时进度 (admins),
    after 确认."""
    await _plan_and_confirm(update, context, plan_monthly_plan)


async def import_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/import — then send the CSV (UTF-8 or GBK) or XLSX; or send the file with /import as caption."""
    if await _refuse_if_not_writer(update, context):
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
    if await _refuse_if_not_writer(update, context):
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
    snapshot = import_snapshot(answerer.store, answerer.today())  # reads the database: on the loop's thread
    try:
        plan = await asyncio.to_thread(lambda: plan_import(None, read_tables(name, content), snapshot=snapshot))
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
    await _ask_to_confirm(update, context, plan, "导入预览：\n" + split_message(summary, 3500)[0])


async def export_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/export — the whole knowledge base as one XLSX that /import reads back unchanged."""
    if await _refuse_if_not_reader(update, context):
        return
    # building the workbook takes seconds on a large base: off the event loop, so questions are answered meanwhile
    workbook = await asyncio.to_thread(workbook_bytes, export_rows(answerer_of(context).store))
    await update.effective_message.reply_document(
        workbook, filename=f"suzhou_targets_{date.today():%Y%m%d}.xlsx",
        caption="目标、实际数据、来源和别名（可修改后用 /import 导入）",
    )
