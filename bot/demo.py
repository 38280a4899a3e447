"""`python -m bot demo`: the real bot against the local Bot API stand-in, typed into from the console.

Each line you type is sent as 张三 in the group 演示群 (a supergroup where 张三 is an admin), so group
rules apply: use /ask, @SzTargetsBot, or reply with `>` to the bot's last message. `私聊 问题` sends a
private message instead, `:2` presses button 2 of the last keyboard (buttons are numbered row by row,
left to right), and an empty line, Ctrl-D or Ctrl-C quits.
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from dataclasses import replace

from bot.app import build_application
from bot.config import Config
from bot.standin import BotApiStandIn
from bot.standin.lifecycle import started
from knowledge.answers import Answerer
from knowledge.quantities import parse_ascii_int

DEMO_TOKEN = "123456:DEMO-loopback-only-token"
GROUP, USER = -1001000, 1001
WAIT_SECONDS = 1.5
MAX_WAIT_SECONDS = 130.0

INTRO = """苏州新型工业化目标助手 · 本地演示（不连接 Telegram；在数据库的副本上进行，演示中的修改和订阅退出后不保留）
你是“张三”，在群“演示群”里。试试：
  /ask 苏州研发投入目标     @SzTargetsBot 高企新增多少家     > 那瞪羚呢（回复机器人上一条）
  智能工厂目标（群里不@不回应）   私聊 智能工厂目标   :1（点上一条消息的第1个按钮，按钮按行从左到右编号）
  /targets   /progress   /sources   /mode all   /help
空行、Ctrl-D 或 Ctrl-C 退出。"""


def _buttons(message: dict) -> list[dict]:
    """Every inline button of a message, row by row and left to right: what [N] shows and :N presses."""
    keyboard = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return [button for row in keyboard for button in row]


def _show(message: dict) -> None:
    print("机器人> " + message.get("text", message.get("caption", "")).replace("\n", "\n        "))
    keyboard = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    number = 0
    for row in keyboard:  # a row's buttons on one line, as Telegram shows them (确认 beside 取消)
        labels = []
        for button in row:
            number += 1
            labels.append(f"[{number}] {button['text']}")
        print("        " + "   ".join(labels))


async def _await_new(stand: BotApiStandIn, app, chat_id: int, before: list[dict]) -> None:
    """Print messages the bot sent or edited in `chat_id` since `before`; say so when it stayed silent.

    A reply can be queued behind the group's limit (20 messages a minute): while the bot is still
    handling this chat's message, the demo keeps waiting (up to the send retry's two minutes) instead
    of calling the reply lost and printing it under the next question."""
    loop = asyncio.get_running_loop()
    seen = {m["message_id"]: m.get("text") for m in before}
    started = loop.time()
    deadline = started + WAIT_SECONDS
    shown = queued_said = False

    def handling() -> bool:
        return app.update_processor.busy(chat_id) and loop.time() < started + MAX_WAIT_SECONDS

    while loop.time() < deadline or handling():
        await asyncio.sleep(0.05)
        if not (shown or queued_said) and loop.time() >= started + WAIT_SECONDS and handling():
            print("（回复排队中，请稍候…）", flush=True)
            queued_said = True
        for message in stand.sent_messages(chat_id):
            if seen.get(message["message_id"], object()) != message.get("text"):
                seen[message["message_id"]] = message.get("text")
                _show(message)
                shown = True
                deadline = loop.time() + 0.3
    if not shown:
        print("（机器人没有回应）")


async def demo(config: Config, answerer: Answerer) -> int:
    stand = BotApiStandIn(token=DEMO_TOKEN, bot_username="SzTargetsBot")
    await stand.start()
    stand.set_chat_admins(GROUP, [USER])
    app = build_application(replace(config, base_url=stand.base_url), answerer, DEMO_TOKEN)
    try:
        async with started(app):
            print(INTRO, flush=True)
            return await _converse(stand, app)
    finally:
        await stand.stop()


def console_lines() -> asyncio.Queue:
    """Lines typed on the console ("" at end of input), read by a daemon thread. Not the loop's default
    executor: asyncio.run waits for that at exit, and a thread blocked in readline would hold Ctrl-C
    until the next line is typed."""
    loop, lines = asyncio.get_running_loop(), asyncio.Queue()

    def read() -> None:
        while True:
            line = sys.stdin.readline()
            loop.call_soon_threadsafe(lines.put_nowait, line)
            if not line:
                return

    threading.Thread(target=read, name="console", daemon=True).start()
    return lines


async def _converse(stand: BotApiStandIn, app) -> int:
    """Read lines from the console and play them to the bot until an empty line or end of input."""
    last_keyboard: tuple[int, dict] | None = None
    lines = console_lines()
    while True:
        line = (await lines.get()).strip()
        if not line:
            return 0
        chat_id = GROUP
        if line.startswith(":") and parse_ascii_int(line[1:]) is not None:
            if last_keyboard is None:
                print("（上一条消息没有按钮）")
                continue
            chat_id, message = last_keyboard
            buttons = _buttons(message)
            index = parse_ascii_int(line[1:]) - 1
            if not 0 <= index < len(buttons):
                print(f"（只有 {len(buttons)} 个按钮）")
                continue
            if "callback_data" not in buttons[index]:
                print(f"（按钮 {index + 1} 是链接：{buttons[index].get('url', '')}）")
                continue
            before = stand.sent_messages(chat_id)
            stand.send_callback_query(chat_id, message["message_id"], buttons[index]["callback_data"], user_id=USER)
        else:
            reply_to = None
            if line.startswith("私聊"):
                chat_id, line = USER, line[2:].strip()
            elif line.startswith(">"):
                line = line[1:].strip()
                sent = stand.sent_messages(GROUP)
                reply_to = sent[-1]["message_id"] if sent else None
            before = stand.sent_messages(chat_id)
            stand.send_user_message(
                chat_id, line, user_id=USER, chat_type="private" if chat_id == USER else "supergroup",
                chat_title=None if chat_id == USER else "演示群", reply_to_message_id=reply_to,
            )
        await _await_new(stand, app, chat_id, before)
        with_buttons = [m for m in stand.sent_messages(chat_id) if (m.get("reply_markup") or {}).get("inline_keyboard")]
        if with_buttons:
            last_keyboard = (chat_id, with_buttons[-1])
        print(flush=True)


def run_demo(config: Config, answerer: Answerer) -> int:
    # in the chat's own stream and marked, so a warning (a refused write) shows where it happened
    logging.basicConfig(level=logging.WARNING, stream=sys.stdout, format="        （日志）%(levelname)s %(name)s：%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        return asyncio.run(demo(config, answerer))
    except KeyboardInterrupt:  # Ctrl-C: the bot and the stand-in were stopped on the way out
        print("\n已退出演示。", flush=True)
        return 0
