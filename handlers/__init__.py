"""Telegram handlers: read the Update, call knowledge, render, reply. No SQL here.

`register(app)` adds the throttle's gates (group -1: every command and button press counts against its
sender first), then every handler, in the order they are tried: commands first, then clarify buttons
and inline queries, then free text (private chats before groups).
"""

from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from handlers import admin, alerts, confirm, duties, edits, info, questions, release, reports, subscriptions
from handlers.errors import report_error
from handlers.throttle import gate, throttled

# Edited messages are not re-answered: a question or command is answered once, when it is sent.
# CommandHandler also takes edited messages unless told otherwise, hence NEW on every command but the
# admins' writes, which answer an edit with the reason it cannot change data (handlers.permissions).
NEW = filters.UpdateType.MESSAGE
NEW_TEXT = NEW & filters.TEXT & ~filters.COMMAND
REPORT_KINDS = filters.Regex(r"^/\w+(@\w+)?\s+(?i:monthly|weekly)\b")

# Group -1: every command and every button press passes the per-sender throttle before any handler.
GATES = [
    MessageHandler(filters.COMMAND, gate),
    CallbackQueryHandler(gate),
]

HANDLERS = [
    CommandHandler(["start", "help"], info.start, filters=NEW),
    CommandHandler("ask", questions.ask, filters=NEW),
    CommandHandler("targets", info.targets, filters=NEW),
    CommandHandler("progress", info.progress, filters=NEW),
    CommandHandler("sources", info.sources, filters=NEW),
    CommandHandler("mode", info.mode, filters=NEW),
    # the report kinds first: "/subscribe monthly 5 09:00" is not a daily summary at "monthly"
    CommandHandler("subscribe", reports.subscribe_report, filters=NEW & REPORT_KINDS),
    CommandHandler("unsubscribe", reports.unsubscribe_report, filters=NEW & REPORT_KINDS),
    CommandHandler("subscribe", subscriptions.subscribe, filters=NEW),
    CommandHandler("unsubscribe", subscriptions.unsubscribe, filters=NEW),
    CommandHandler("alerts", alerts.alerts_command, filters=NEW),
    CommandHandler("subscription", subscriptions.subscription, filters=NEW),
    CommandHandler("pause", subscriptions.pause, filters=NEW),
    CommandHandler("resume", subscriptions.resume, filters=NEW),
    CommandHandler("summary", subscriptions.summary_now, filters=NEW),
    # block=False: a chart or a document takes a few hundred ms; other updates go on meanwhile
    CommandHandler("trend", reports.trend, filters=NEW, block=False),
    CommandHandler("report", reports.report, filters=NEW, block=False),
    MessageHandler(filters.StatusUpdate.MIGRATE, subscriptions.chat_migrated),
    CommandHandler("set", edits.set_figure),
    CommandHandler("target", edits.set_target),
    CommandHandler("alias", edits.add_alias),
    CommandHandler("undo", edits.undo_change),
    CommandHandler("history", admin.history),
    CommandHandler("unanswered", admin.unanswered),
    CommandHandler("admins", admin.admins),
    CommandHandler("thresholds", alerts.after_write(edits.thresholds)),
    CommandHandler("plan", alerts.after_write(edits.monthly_plan)),
    CommandHandler("import", admin.import_command),
    CommandHandler("export", admin.export_command),
    CommandHandler("units", duties.units),
    CommandHandler("due", duties.due),
    # before the other document, button and text handlers: while an admin pastes a release, their
    # messages in that chat are the release, not questions. A factory: each Application gets its own
    # conversation state.
    release.conversation,
    # a release's 确认 writes figures: check alerts after it
    CallbackQueryHandler(alerts.after_write(release.confirm), pattern=rf"^{release.PREFIX}\|(ok|no)\|"),
    CallbackQueryHandler(release.not_yours, pattern=rf"^{release.PREFIX}\|"),
    # writes happen on 确认 (figures, targets, undo, imports) and in /thresholds and /plan: check alerts after
    CallbackQueryHandler(alerts.after_write(confirm.confirm), pattern=rf"^{confirm.CONFIRM_PREFIX}\|"),
    MessageHandler(filters.Document.ALL, admin.import_document),
    CallbackQueryHandler(questions.pick_candidate, pattern=rf"^{questions.PICK_PREFIX}\|"),
    InlineQueryHandler(throttled(questions.inline_question)),
    MessageHandler(NEW_TEXT & filters.ChatType.PRIVATE, throttled(questions.private_question)),
    MessageHandler(NEW_TEXT & filters.ChatType.GROUPS, questions.addressed_question),
]

# (command, description) for setMyCommands; admin ones only in the administrators' scope.
PUBLIC_COMMANDS = [
    ("ask", "查询指标：/ask 苏州研发投入目标"),
    ("targets", "全部当年目标"),
    ("progress", "目标进度概览"),
    ("sources", "数据来源"),
    ("summary", "立即查看进度摘要"),
    ("trend", "指标走势图：/trend 工业投资"),
    ("report", "进度通报（Word 文档）"),
    ("subscription", "本会话的每日摘要订阅"),
    ("help", "使用说明"),
]
ADMIN_COMMANDS = PUBLIC_COMMANDS + [
    ("mode", "设置本群回应方式：mention 或 all"),
    ("subscribe", "订阅每日摘要 /subscribe 09:00，或通报 /subscribe monthly 5 09:00"),
    ("alerts", "目标进度提醒：/alerts on 或 off"),
    ("unsubscribe", "退订每日摘要（/unsubscribe monthly 退订通报）"),
    ("pause", "暂停每日摘要"),
    ("resume", "恢复每日摘要"),
    ("set", "录入实际数：/set 指标 数值 [期间] [同比] [来源]"),
    ("target", "修改目标：/target 指标 数值 [年份]"),
    ("alias", "添加别名：/alias 别名 指标"),
    ("history", "修改记录：/history 指标"),
    ("undo", "撤销修改：/undo [编号]"),
    ("unanswered", "未能回答的问题"),
    ("import", "导入 CSV/XLSX"),
    ("export", "导出全部数据为 XLSX"),
    ("release", "粘贴或发送统计通报，预览后一次写入"),
    ("units", "责任单位和报送周期：/units 指标 单位 月度 25"),
    ("due", "过了出数日仍未录入的数据"),
    ("cancel", "取消正在进行的通报录入"),
    ("admins", "管理员名单（所有者）"),
    ("thresholds", "进度阈值：/thresholds 5 15（所有者）"),
    ("plan", "月度计划：/plan 指标 0,0,…,100"),
]


def register(app: Application) -> None:
    for handler in GATES:
        app.add_handler(handler, group=-1)
    for handler in HANDLERS:
        app.add_handler(handler if isinstance(handler, BaseHandler) else handler())
    app.add_error_handler(report_error)
