"""Admins change what answers say, each after a preview and 确认 (handlers.confirm): /set a figure,
/target, /alias, /plan a monthly plan, /thresholds (owners), and /undo any of the first three or an
import. The commands' words are read by handlers.arguments, their values by knowledge.edits and
knowledge.progress_settings.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from handlers.arguments import THRESHOLDS_USAGE
from handlers.confirm import SET_BACK_BY, ask_to_confirm, plan_and_confirm, refuse_if_not_writer
from handlers.messages import split_message
from handlers.questions import answerer_of
from knowledge.errors import KnowledgeError
from knowledge.quantities import parse_ascii_int
from knowledge.undo import NothingToUndo, PassedOver, PlannedUndo, plan_undo

UNDO_USAGE = "用法：/undo [修改编号]，编号见 /history"


async def set_figure(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/set 指标 数值 期间 [同比] [状态] [来源] — record an actual, after 确认."""
    await plan_and_confirm(update, context, "set")


async def set_target(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/target 指标 数值 [年份] — change a target, after 确认."""
    await plan_and_confirm(update, context, "target")


async def add_alias(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/alias 别名 指标 — teach the matcher a synonym, after 确认."""
    await plan_and_confirm(update, context, "alias")


async def monthly_plan(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/plan 指标 0,0,…,100 — an indicator's cumulative monthly plan, the basis of its 序时进度 (admins),
    after 确认."""
    await plan_and_confirm(update, context, "plan")


async def thresholds(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/thresholds [X Y [比重带 比重严重带]] — show, or (owners, BOT_ADMIN_IDS) set, the status thresholds."""
    current = answerer_of(context).thresholds
    shown = (f"当前阈值：落后序时进度 {current.lag_points:g} 个百分点以内为基本同步，{current.lag_points:g}–"
             f"{current.severe_points:g} 为滞后，{current.severe_points:g} 以上为严重滞后；超前 {current.lag_points:g} "
             f"个百分点以上为超前。比重类指标：差 {current.ratio_band:g} 个百分点以内为基本同步，"
             f"{current.ratio_severe_band:g} 以上为严重滞后。")
    if not context.args:
        await update.effective_message.reply_text(shown + "\n" + THRESHOLDS_USAGE, parse_mode=None)
        return
    await plan_and_confirm(update, context, "thresholds", owners_only="修改进度阈值")


async def undo_change(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/undo [编号] — show what would be reversed (the latest change, or a whole import), then 确认."""
    if await refuse_if_not_writer(update, context):
        return
    args = context.args or []
    number = parse_ascii_int(args[0].lstrip("#")) if len(args) == 1 else None
    if len(args) > 1 or (args and (number is None or number <= 0)):
        await update.effective_message.reply_text(UNDO_USAGE)
        return
    try:
        # the dry run of an import's undo (30,000 rows) takes seconds: in a worker thread
        answerer = answerer_of(context)
        plan = await answerer.dry_run_in_worker_thread(plan_undo, number, answerer.tz)
    except NothingToUndo as nothing:
        text = "没有可以撤销的修改：\n" + "\n".join(passed_lines(nothing.passed)) if nothing.passed else str(nothing)
        await update.effective_message.reply_text(text, parse_mode=None)
        return
    except KnowledgeError as error:
        await update.effective_message.reply_text(str(error), parse_mode=None)
        return
    await ask_to_confirm(update, context, plan, split_message(undo_preview(plan), 3500)[0], "确认撤销吗？")


def passed_lines(passed: PassedOver) -> list[str]:
    """One line for each newer change plain /undo went past: those it never reverses, with the command
    that sets them back, then why others could not be reversed."""
    lines = [f"#{n.change_id} {n.at} {SET_BACK_BY[n.action]} 改了{n.what}：/undo 不撤销这类修改，"
             f"要改回请再发 {SET_BACK_BY[n.action]}" for n in passed.not_undone]
    if passed.more:
        lines.append("…另有更早的同类修改")
    return [*lines, *passed.blocked]


def undo_preview(plan: PlannedUndo) -> str:
    """What /undo shows before 确认: the newer changes it went past, then what it will reverse."""
    skipped = passed_lines(plan.passed)
    notes = ("较新的修改无法撤销，已跳过：", *skipped, "") if skipped else ()
    return "\n".join((*notes, plan.heading, *plan.lines))
