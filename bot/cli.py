"""Command line: `python -m bot ask|targets|chat|summary|run|demo`.

    python -m bot ask "苏州研发投入目标"          the reply as text
    python -m bot ask "苏州研发投入目标" --json   the structured result
    python -m bot ask < questions.txt            one JSON object per input line
    python -m bot targets                        every target, grouped by category
    python -m bot chat                           a console loop over the same answerer
    python -m bot summary [--chart out.png]      the daily progress summary, and its chart
    python -m bot run                            the Telegram bot (TELEGRAM_BOT_TOKEN)
    python -m bot demo                           the real bot against the local stand-in, in the console
    python -m bot                                run with a token, demo without
"""

from __future__ import annotations

import argparse
import json
import sys
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.config import Config, ConfigError, check_token, load_config
from knowledge.answers import Answerer
from knowledge.render import render_reply, render_targets, reply_dict
from knowledge.store import open_store


def build_answerer(config: Config) -> Answerer:
    try:
        ZoneInfo(config.tz)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(f"BOT_TZ 不是有效的时区：{config.tz!r}") from error
    return Answerer(open_store(config.db_path), tz=config.tz)


def _print_json(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


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

    summary = build_summary(answerer)
    print(render_summary(summary))
    if args.chart:
        chart = render_chart(summary)
        if chart is None:
            print("\n（暂无2026年实际数据，没有图表可写。）")
        else:
            with open(args.chart, "wb") as handle:
                handle.write(chart)
            print(f"\n图表已写入 {args.chart}")
    return 0


def cmd_chat(answerer: Answerer, args: argparse.Namespace) -> int:
    print("苏州新型工业化目标助手（控制台）。输入问题，例如“苏州研发投入目标”；输入 q 或按 Ctrl-D 退出。")
    while True:
        try:
            line = input("问> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if line.strip().lower() in {"q", "quit", "exit", "退出"}:
            return 0
        print(render_reply(answerer.answer(line)))
        print()


def cmd_run(answerer: Answerer, args: argparse.Namespace) -> int:
    from bot.app import run

    config = load_config()
    try:
        token = check_token(config.token)
    except ConfigError as error:
        print(f"配置错误：{error}", file=sys.stderr)
        return 2
    run(config, answerer, token)
    return 0


def cmd_demo(answerer: Answerer, args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    return run_demo(load_config(), answerer)


def cmd_default(answerer: Answerer, args: argparse.Namespace) -> int:
    """No command: the Telegram bot when a token is set, else the local demo."""
    if load_config().token:
        return cmd_run(answerer, args)
    return cmd_demo(answerer, args)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m bot", description="苏州新型工业化目标助手")
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
    commands.add_parser("run", help="运行 Telegram 机器人（需要 TELEGRAM_BOT_TOKEN）").set_defaults(handler=cmd_run)
    commands.add_parser("demo", help="本地演示：真实机器人对接本地 Bot API 替身，在控制台里扮演群成员").set_defaults(
        handler=cmd_demo)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handler = getattr(args, "handler", cmd_default)
    try:
        answerer = build_answerer(load_config())
    except ConfigError as error:
        print(f"配置错误：{error}", file=sys.stderr)
        return 2
    return handler(answerer, args)
