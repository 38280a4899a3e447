"""Command line: `python -m bot ask|targets|chat|summary|run|demo|import|export|backup`.

    python -m bot ask "苏州研发投入目标"          the reply as text
    python -m bot ask "苏州研发投入目标" --json   the structured result
    python -m bot ask < questions.txt            one JSON object per input line
    python -m bot targets                        every target, grouped by category
    python -m bot chat                           a console loop over the same answerer
    python -m bot summary [--chart out.png]      the daily progress summary, and its chart
    python -m bot run                            the Telegram bot (TELEGRAM_BOT_TOKEN)
    python -m bot demo                           the real bot against the local stand-in, in the console
    python -m bot import FILE.xlsx|FILE.csv [--yes]  check every row, show the plan, then import all or nothing
    python -m bot export FILE.xlsx               targets, observations, sources and aliases as one workbook
    python -m bot backup [FILE]                  an online copy of the live database (safe while the bot writes)
    python -m bot report --docx out.docx         the 进度通报 as a Word document
    python -m bot trend 指标 [--chart out.png]     an indicator's figures against its target path
    python -m bot release FILE [--json] [--yes]  read a statistics release (.txt/.docx), preview, then apply
    python -m bot                                run with a token, demo without
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.arguments import ChineseArgumentParser
from bot.backup import backup_database
from bot.config import Config, ConfigError, check_token, load_config
from bot.output_files import OutputPathError, check_output_path, os_reason, write_output
from knowledge.answers import Answerer
from knowledge.render import render_reply, render_targets, reply_dict
from knowledge.store import Store, StoreFileError, database_file_error, open_store


def thresholds_of(config: Config):
    """The configured progress thresholds (ConfigError when they do not make sense)."""
    from knowledge.progress import Thresholds

    if not config.progress_thresholds:
        return Thresholds()
    try:
        return Thresholds(*config.progress_thresholds).check()
    except ValueError as error:
        raise ConfigError(f"BOT_PROGRESS_THRESHOLDS：{error}") from error


def clock_of(config: Config):
    """None (the real clock), or a clock fixed at 09:00 of BOT_TODAY in BOT_TZ."""
    if config.today is None:
        return None
    fixed = datetime.combine(config.today, datetime.min.time().replace(hour=9), ZoneInfo(config.tz))
    return lambda: fixed


def open_database(config: Config) -> Store:
    """open_store on BOT_DB_PATH, saying on stderr when it made a new database (and folders): a typo in
    the path must be seen, not become a second, empty database."""
    store = open_store(config.db_path)
    if store.created:
        folders = f"（并新建了目录 {store.created_folders}）" if store.created_folders else ""
        print(f"新建数据库：{store.path}{folders}，已载入种子数据。若路径写错了，请改正 BOT_DB_PATH 并删除此文件。",
              file=sys.stderr, flush=True)
    return store


def build_answerer(config: Config) -> Answerer:
    try:
        ZoneInfo(config.tz)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(f"BOT_TZ 不是有效的时区：{config.tz!r}") from error
    return Answerer(open_database(config), tz=config.tz, clock=clock_of(config),
                    thresholds=thresholds_of(config))


def _print_json(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def failed(what: str, error: Exception, db_path: str | Path | None = None) -> int:
    """Exit status 1 (or the error's own `exit_status`: 2 for an output path that is the database), after
    one line on stderr: “what：reason”. For an sqlite3 error the reason says what is wrong with the
    database file at `db_path` and what to do (knowledge.store.database_file_error); any other error is
    an operator's mistake whose message is already one Chinese line."""
    reason = database_file_error(db_path, error) if isinstance(error, sqlite3.Error) else error
    print(f"{what}：{reason}", file=sys.stderr)
    return getattr(error, "exit_status", 1)


def confirmed(question: str, yes_words: set[str]) -> bool:
    """Print `question` (a "[y/N]" prompt) and read one line of stdin: True for one of `yes_words`. The
    end of input is a no; Ctrl-C is not caught, so that it ends every command alike (main: 已取消, 130)."""
    print(question, end="", flush=True)
    return sys.stdin.readline().strip().lower() in yes_words


def cmd_ask(answerer: Answerer, args: argparse.Namespace) -> int:
    if args.question is None:
        for line in sys.stdin:
            _print_json(reply_dict(answerer.answer(line.rstrip("\r\n"))))
        return 0
    reply = answerer.answer(args.question)
    if args.json:
        _print_json(reply_dict(reply))
    else:
        print(render_reply(reply))
    return 0


def cmd_targets(answerer: Answerer, args: argparse.Namespace) -> int:
    print(render_targets(answerer.targets_overview()))
    return 0


def cmd_summary(answerer: Answerer, args: argparse.Namespace) -> int:
    from knowledge.charts import render_chart
    from knowledge.summaries import build_summary, render_summary

    if args.chart:  # before the work: a path that cannot be written is said first, alone
        try:
            check_output_path(args.chart, CHART_SUFFIXES, database=answerer.store.path)
        except OutputPathError as error:
            return failed("图表写入失败", error)
    summary = build_summary(answerer)
    print(render_summary(summary))
    if args.chart:
        chart = render_chart(summary)
        if chart is None:
            print(f"\n（暂无{summary.year}年实际数据，没有图表可写。）")
            return 0
        try:
            path = write_output(args.chart, chart, CHART_SUFFIXES, database=answerer.store.path)
        except OutputPathError as error:
            return failed("图表写入失败", error)
        print(f"\n图表已写入 {path}")
    return 0


CHART_SUFFIXES = (".png",)  # the chart is a PNG: another name would hide what the file is


def cmd_report(answerer: Answerer, args: argparse.Namespace) -> int:
    """The 进度通报 as .docx; "与上次通报相比" compares with the previous report written here."""
    from knowledge.reports import CONSOLE_CHAT, build_report, render_docx
    from knowledge.standings import dump_standings, load_standings

    try:
        check_output_path(args.docx, (".docx",), database=answerer.store.path)
    except OutputPathError as error:
        return failed("通报未写入", error)
    store = answerer.store
    previous = store.last_report(CONSOLE_CHAT, kind="console")
    report = build_report(answerer, load_standings(previous[1]) if previous else None)
    try:
        path = write_output(args.docx, render_docx(report), (".docx",), database=store.path)
    except OutputPathError as error:
        return failed("通报未写入", error)
    store.record_report(CONSOLE_CHAT, dump_standings(report.standings), kind="console")
    print(f"通报已写入 {path}（{len(report.rows)}项目标，滞后{len(report.lagging)}项，{report.as_of_text}）")
    return 0


def cmd_trend(answerer: Answerer, args: argparse.Namespace) -> int:
    """The trend's figures as text, and its chart; a sentence saying what is missing when there is none."""
    from knowledge.edits import resolve_indicator
    from knowledge.errors import KnowledgeError
    from handlers.messages import CAPTION_LIMIT
    from knowledge.trends import build_trend, render_trend_chart, trend_caption

    if args.chart:
        try:
            check_output_path(args.chart, CHART_SUFFIXES, database=answerer.store.path)
        except OutputPathError as error:
            return failed("图表写入失败", error)
    try:
        indicator = resolve_indicator(answerer, args.indicator)
    except KnowledgeError as error:
        print(str(error), file=sys.stderr)
        return 1
    trend = build_trend(answerer, indicator)
    print(trend_caption(trend, CAPTION_LIMIT))
    if args.chart and not trend.missing:
        try:
            path = write_output(args.chart, render_trend_chart(trend), CHART_SUFFIXES, database=answerer.store.path)
        except OutputPathError as error:
            return failed("图表写入失败", error)
        print(f"\n图表已写入 {path}")
    elif args.chart:
        print("\n（数据不足，没有写图表。）")
    return 0


def cmd_chat(answerer: Answerer, args: argparse.Namespace) -> int:
    print("苏州新型工业化目标助手（控制台）。输入问题，例如“苏州研发投入目标”；输入 q 或按 Ctrl-D 退出。")
    while True:
        try:
            line = input("问> ")
        except EOFError:  # Ctrl-D quits; Ctrl-C is main's (已取消, 130) as in every command
            print()
            return 0
        if line.strip().lower() in {"q", "quit", "exit", "退出"}:
            return 0
        print(render_reply(answerer.answer(line)))
        print()


def cmd_run(config: Config, args: argparse.Namespace) -> int:
    """The bot until stopped. Exit status 2 for what an operator must fix before starting again can help
    (systemd's unit does not restart on 2): a setting, a token Telegram refuses, a webhook address the
    machine lacks, a database it cannot use; 1 for what may pass (Telegram unreachable, the database
    busy), 0 after a stop signal."""
    from bot.app import SettingRefused, StartupError, run

    try:  # the token first: no database is created for a bot that cannot start
        token = check_token(config.token)
        answerer = build_answerer(config)
        run(config, answerer, token)
    except ConfigError as error:
        print(f"配置错误：{error}", file=sys.stderr)
        return 2
    except SettingRefused as error:
        failed("启动失败", error)
        return 2
    except StartupError as error:
        return failed("启动失败", error)
    except (StoreFileError, sqlite3.DatabaseError) as error:
        if isinstance(error, sqlite3.DatabaseError):
            error = database_file_error(config.db_path, error)
        failed("数据库错误", error)
        return 1 if error.problem == "busy" else 2
    return 0


def cmd_demo(config: Config, args: argparse.Namespace) -> int:
    """The local demo on a copy of the database, made at start and deleted at the end: it shows the
    figures entered so far, and what is done in it (subscriptions of the demo group, edits, questions
    in the unanswered log) never reaches the bot that runs on the database later."""
    import tempfile
    from dataclasses import replace

    from bot.demo import run_demo

    try:  # the settings are checked, and the database created, seeded and migrated, before it is copied
        build_answerer(config).store.db.conn.close()
    except ConfigError as error:
        print(f"配置错误：{error}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="szbot-demo-") as folder:
        copy = replace(config, db_path=backup_database(config.db_path, Path(folder) / "demo.db"))
        return run_demo(copy, build_answerer(copy))


def cmd_default(config: Config, args: argparse.Namespace) -> int:
    """No command: the Telegram bot when a token is set, else the local demo."""
    if config.token:
        return cmd_run(config, args)
    return cmd_demo(config, args)


def cmd_import(config: Config, args: argparse.Namespace) -> int:
    from knowledge.tables import MAX_FILE_BYTES, ImportFileError, apply_import, plan_import, read_tables

    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportFileError("文件太大，上限为 5 MB。")
        content = path.read_bytes()
    except OSError as error:
        print(f"导入失败：无法读取 {path}（{error.strerror or error}）", file=sys.stderr)
        return 1
    try:
        tables = read_tables(path.name, content)
        store = open_database(config)
        clock = clock_of(config)
        today = clock().date() if clock else datetime.now(ZoneInfo(config.tz)).date()
        plan = plan_import(store, tables, today=today)
    except ImportFileError as error:
        return failed("导入失败", error)
    print(plan.summary(full=args.all), flush=True)
    if plan.rejected:
        print(f"有 {len(plan.rejected)} 行未通过检查，未导入任何数据。", file=sys.stderr)
        return 1
    if not plan.writes:
        print("没有需要导入的更改。")
        return 0
    if not args.yes and not confirmed("确认导入？[y/N] ", {"y", "yes", "是"}):
        print("已取消，未导入任何数据。")
        return 1
    print("正在导入…", flush=True)
    started = time.perf_counter()
    try:
        written = apply_import(store, plan)
    except ImportFileError as error:
        return failed("导入失败", error)
    except sqlite3.DatabaseError as error:  # the bot held the write lock beyond the busy timeout, a damaged page
        return failed("导入失败（未写入任何数据）", error, config.db_path)
    print(f"已导入 {written} 行（用时 {time.perf_counter() - started:.2f} 秒）。", flush=True)
    return 0


def cmd_export(config: Config, args: argparse.Namespace) -> int:
    from knowledge.tables import export_workbook

    try:
        check_output_path(args.file, (".xlsx",), database=config.db_path)  # before the database is opened
        path = write_output(args.file, export_workbook(open_database(config)), (".xlsx",), database=config.db_path)
    except OutputPathError as error:
        return failed("导出失败", error)
    print(f"已导出到 {path}")
    return 0


def cmd_backup(config: Config, args: argparse.Namespace) -> int:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    name = f"{config.db_path.stem}-{stamp}.db"
    if args.file is None:
        destination = config.db_path.parent / "backups" / name
    else:
        destination = Path(args.file)
        if destination.is_dir():
            destination = destination / name
    try:
        path = backup_database(config.db_path, destination)
    except (OutputPathError, ValueError) as error:
        return failed("备份失败", error)
    except OSError as error:
        reason = error if error.errno is None else f"无法写入 {destination}（{os_reason(error)}）"
        print(f"备份失败：{reason}", file=sys.stderr)
        return 1
    except sqlite3.Error as error:
        return failed("备份失败", error, config.db_path)
    print(path)
    return 0


def cmd_release(answerer: Answerer, args: argparse.Namespace) -> int:
    """Read a release file; print the figures (--json: one object per figure, then the unplaced) or
    the preview; apply all of it in one transaction after y (or --yes)."""
    from knowledge.edits import EditError
    from knowledge.releases import MAX_RELEASE_CHARS, ReleaseError, apply_release, preview_release, read_release_file

    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_RELEASE_CHARS * 4:
            raise ReleaseError("文件太大。")
        text = read_release_file(path.name, path.read_bytes())
        plan = preview_release(answerer.store, text, answerer.today(), "控制台（通报）")
    except OSError as error:
        print(f"读取失败：无法读取 {path}（{error.strerror or error}）", file=sys.stderr)
        return 1
    except ReleaseError as error:
        return failed("读取失败", error)
    if args.json:
        for figure in plan.reading.figures:
            _print_json(figure.as_dict())
        _print_json({"unplaced": [u.as_dict() for u in plan.reading.unplaced], "year_note": plan.reading.year_note})
    else:
        print(plan.summary(), flush=True)
    if not plan.writes:
        if not args.json:
            print("没有需要写入的更改。")
        return 0
    if not args.yes:
        if args.json:
            return 0
        if not confirmed(f"确认写入 {len(plan.writes)} 个数据？[y/N] ", {"y", "yes", "是", "确认"}):
            print("已取消，未写入任何数据。")
            return 1
    try:
        written = apply_release(answerer.store, plan)
    except (EditError, sqlite3.DatabaseError) as error:
        return failed("写入失败（未写入任何数据）", error, answerer.store.path)
    print(f"已写入 {written} 个数据。", file=sys.stderr if args.json else sys.stdout)
    return 0


def import_columns() -> str:
    """`import -h`'s list of tables and columns, from the importer's own definitions."""
    from knowledge.tables import SHEETS

    lines = [".xlsx：每张表一个工作表，工作表名即表名；.csv：一个文件一张表，按表头认出是哪张表。", "表和列（* 为必需）："]
    for sheet in SHEETS.values():
        columns = [f"{c}*" if c in sheet.required else c for c in sheet.columns]
        lines.append(f"  {sheet.name}：{', '.join(columns)}")
    lines.append("最省事的做法：先 python -m bot export 现有.xlsx，照它的格式填写后再导入。")
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    root = ChineseArgumentParser(prog="python -m bot", description="苏州新型工业化目标助手")
    commands = root.add_subparsers(dest="command")
    ask = commands.add_parser("ask", help="回答一个问题（不带问题时逐行读取标准输入，输出 JSON 行）")
    ask.add_argument("question", nargs="?")
    ask.add_argument("--json", action="store_true", help="输出结构化结果")
    ask.set_defaults(handler=cmd_ask)
    commands.add_parser("targets", help="按类别列出全部目标").set_defaults(handler=cmd_targets)
    commands.add_parser("chat", help="控制台问答").set_defaults(handler=cmd_chat)
    summary = commands.add_parser("summary", help="在控制台打印进度摘要")
    summary.add_argument("--chart", metavar="OUT.png", help="把图表写入 PNG 文件")
    summary.set_defaults(handler=cmd_summary)
    report = commands.add_parser("report", help="把进度通报写成 Word 文档（.docx）")
    report.add_argument("--docx", metavar="OUT.docx", required=True, help="写入的文件")
    report.set_defaults(handler=cmd_report)
    trend = commands.add_parser("trend", help="一个指标的累计走势（或历年数据）与目标路径")
    trend.add_argument("indicator", metavar="指标")
    trend.add_argument("--chart", metavar="OUT.png", help="把图表写入 PNG 文件")
    trend.set_defaults(handler=cmd_trend)
    commands.add_parser("run", help="运行 Telegram 机器人（需要 TELEGRAM_BOT_TOKEN）").set_defaults(
        handler=cmd_run, needs_answerer=False)
    commands.add_parser("demo", help="本地演示：真实机器人对接本地 Bot API 替身，在控制台里扮演群成员").set_defaults(
        handler=cmd_demo, needs_answerer=False)
    load = commands.add_parser("import", help="从 Excel（.xlsx）或 CSV 导入目标、数据、来源、别名、责任单位（全部成功才写入）",
                               epilog=import_columns, formatter_class=argparse.RawDescriptionHelpFormatter)
    load.add_argument("file", metavar="FILE")
    load.add_argument("--yes", action="store_true", help="没有被拒绝的行时不再询问，直接导入")
    load.add_argument("--all", action="store_true", help="列出全部修改、被拒绝的行和期间读法（默认各列前20条）")
    load.set_defaults(handler=cmd_import, needs_answerer=False)
    export = commands.add_parser("export", help="把目标、数据、来源、别名、责任单位导出为一个 Excel 文件")
    export.add_argument("file", metavar="FILE.xlsx")
    export.set_defaults(handler=cmd_export, needs_answerer=False)
    backup = commands.add_parser("backup", help="在线备份数据库（机器人运行时也可安全执行），打印备份路径")
    backup.add_argument("file", metavar="FILE", nargs="?", help="默认写到数据库旁的 backups/ 目录")
    backup.set_defaults(handler=cmd_backup, needs_answerer=False)
    release = commands.add_parser("release", help="读取统计部门的月度通报（.txt/.docx），预览读出的数据，确认后一次写入")
    release.add_argument("file", metavar="FILE")
    release.add_argument("--json", action="store_true", help="每个数据输出一行 JSON，最后一行是未能对应的句子")
    release.add_argument("--yes", action="store_true", help="不再询问，直接写入")
    release.set_defaults(handler=cmd_release)
    return root


# The exit status of a command stopped with Ctrl-C, as shells report a process ended by SIGINT.
INTERRUPTED = 130


def main(argv: list[str] | None = None) -> int:
    """Run one command; an unusable database is one line on stderr (exit 1; 2 from `run`, see cmd_run) —
    whether it shows when opening or on a damaged page met later by any read or write — a reader that stops
    reading (`python -m bot targets | head`) ends the output quietly instead of with a traceback, and Ctrl-C
    is “已取消” (exit 130): a write it interrupts is rolled back whole (Store.transaction)."""
    try:
        code = _run_command(argv)
        sys.stdout.flush()  # a closed pipe shows here rather than at exit, where it cannot be caught
        return code
    except KeyboardInterrupt:
        print("\n已取消", file=sys.stderr, flush=True)
        return INTERRUPTED
    except (StoreFileError, sqlite3.DatabaseError) as error:
        return failed("数据库错误", error, _configured_db_path())
    except BrokenPipeError:
        # Python's documented recipe: point stdout at devnull so the interpreter's final flush is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:  # stdout on a full disk or a device that refuses writes (`> /dev/full`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(f"无法输出结果：{os_reason(error)}", file=sys.stderr)
        return 1


def _configured_db_path() -> Path | None:
    try:
        return load_config().db_path
    except ConfigError:
        return None


def _run_command(argv: list[str] | None) -> int:
    args = parser().parse_args(argv)
    handler = getattr(args, "handler", cmd_default)
    if handler is cmd_default or not getattr(args, "needs_answerer", True):  # they open the store themselves
        try:
            config = load_config()
        except ConfigError as error:
            print(f"配置错误：{error}", file=sys.stderr)
            return 2
        return handler(config, args)
    try:
        answerer = build_answerer(load_config())
    except ConfigError as error:
        print(f"配置错误：{error}", file=sys.stderr)
        return 2
    return handler(answerer, args)
