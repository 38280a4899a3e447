"""Telegram handlers: read the Update, call knowledge, render, reply. No SQL here.

`register(app)` adds every handler, in the order they are tried: commands first, then clarify
buttons and inline queries, then free text (private chats before groups).
"""

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from handlers import admin, info, questions, reports, subscriptions
from handlers.errors import report_error
from handlers.throttle import throttled

# Edited messages are not re-answered: a question is answered once, when it is sent.
NEW_TEXT = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND

HANDLERS = [
    CommandHandler(["start", "help"], info.start),
    CommandHandler("ask", throttled(questions.ask)),
    CommandHandler("targets", info.targets),
    CommandHandler("progress", info.progress),
    CommandHandler("sources", info.sources),
    CommandHandler("mode", info.mode),
    CommandHandler("subscribe", subscriptions.subscribe),
    CommandHandler("unsubscribe", subscriptions.unsubscribe),
    CommandHandler("subscription", subscriptions.subscription),
    CommandHandler("pause", subscriptions.pause),
    CommandHandler("resume", subscriptions.resume),
    CommandHandler("summary", subscriptions.summary_now),
    # block=False: a chart or a document takes a few hundred ms; other updates go on meanwhile
    CommandHandler("trend", throttled(reports.trend), block=False),
    CommandHandler("report", throttled(reports.report), block=False),
    MessageHandler(filters.StatusUpdate.MIGRATE, subscriptions.chat_migrated),
    CommandHandler("set", admin.set_figure),
    CommandHandler("target", admin.set_target),
    CommandHandler("alias", admin.add_alias),
    CommandHandler("undo", admin.undo_change),
    CommandHandler("history", admin.history),
    CommandHandler("unanswered", admin.unanswered),
    CommandHandler("admins", admin.admins),
    CommandHandler("import", admin.import_command),
    CommandHandler("export", admin.export_command),
    CallbackQueryHandler(admin.confirm, pattern=rf"^{admin.CONFIRM_PREFIX}\|"),
    MessageHandler(filters.Document.ALL, admin.import_document),
    CallbackQueryHandler(questions.pick_candidate, pattern=rf"^{questions.PICK_PREFIX}\|"),
    InlineQueryHandler(throttled(questions.inline_question)),
    MessageHandler(NEW_TEXT & filters.ChatType.PRIVATE, throttled(questions.private_question)),
    MessageHandler(NEW_TEXT & filters.ChatType.GROUPS, questions.addressed_question),
]

# (command, description) for setMyCommands; admin ones only in the administrators' scope.
PUBLIC_COMMANDS = [
    ("ask", "查询指标：/ask 苏州研发投入目标"),
    ("targets", "全部2026年目标"),
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
    ("subscribe", "订阅每日摘要：/subscribe 09:00"),
    ("unsubscribe", "退订每日摘要"),
    ("pause", "暂停每日摘要"),
    ("resume", "恢复每日摘要"),
    ("set", "录入实际数：/set 指标 数值 [期间] [来源]"),
    ("target", "修改目标：/target 指标 数值 [年份]"),
    ("alias", "添加别名：/alias 别名 指标"),
    ("history", "修改记录：/history 指标"),
    ("undo", "撤销修改：/undo [编号]"),
    ("unanswered", "未能回答的问题"),
    ("import", "导入 CSV/XLSX"),
    ("export", "导出全部数据为 XLSX"),
    ("admins", "管理员名单（所有者）"),
]


def register(app: Application) -> None:
    for handler in HANDLERS:
        app.add_handler(handler)
    app.add_error_handler(report_error)
