"""`python -m bot demo`: the real bot against the local Bot API stand-in, typed into from the console.

Each message you type is sent as 张三 in the group 演示群 (a supergroup where 张三 is an admin), so group
rules apply: use /ask, @SzTargetsBot, or reply with `>` to the bot's last message. `私聊 问题` sends a
private message instead, `:2` presses button 2 of the last keyboard (buttons are numbered row by row,
left to right) or sends result 2 of the last inline query (`内联 研发投入`), and `文件 PATH [说明]` sends
a file. Everything the bot sends to the demo's chats is printed when it comes, a late reply too. Lines
pasted together are one message (bot/demo_console.py has the rule); `q`, Ctrl-D or Ctrl-C quits, an
empty line does nothing. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import sys
from dataclasses import replace
from pathlib import Path

from bot.app import build_application
from bot.config import Config
from bot.demo_console import clean_text, console_messages
from bot.standin import ApiError, BotApiStandIn
from bot.standin.lifecycle import started
from knowledge.answers import Answerer
from knowledge.quantities import parse_ascii_int

DEMO_TOKEN = "123456:DEMO-loopback-only-token"
GROUP, USER, NAME, TITLE = -1001000, 1001, "张三", "演示群"
WAIT_SECONDS = 1.5  # a reply not handled by then is said to be queued
MAX_WAIT_SECONDS = 130.0  # the send retry's two minutes: then the next message goes, and the reply still shows
TEXT_LIMIT, CAPTION_LIMIT, INLINE_LIMIT = 4096, 1024, 256  # what a Telegram client lets a user send
FILE_LIMIT = 20 * 1024 * 1024  # a bot cannot download a bigger file (getFile)

INTRO = """苏州新型工业化目标助手 · 本地演示（不连接 Telegram；在数据库的副本上进行，演示中的修改和订阅退出后不保留）
你是“张三”，在群“演示群”里。试试：
  /ask 苏州研发投入目标     @SzTargetsBot 高企新增多少家     > 那瞪羚呢（回复机器人上一条）
  智能工厂目标（群里不@不回应）   私聊 智能工厂目标   :1（点上一条消息的第1个按钮，按钮按行从左到右编号）
  内联 研发投入（内联查询：结果编号列出，:1 把第1条发到群里）   文件 ~/数据.xlsx /import（发送文件，可带说明）
  /targets   /progress   /sources   /mode all   /help
一次粘贴的多行是一条消息（粘贴后按回车发送）；机器人的回复晚到也会显示。
q、Ctrl-D 或 Ctrl-C 退出（空行不退出）。"""


def _buttons(message: dict) -> list[dict]:
    """Every inline button of a message, row by row and left to right: what [N] shows and :N presses."""
    keyboard = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return [button for row in keyboard for button in row]


def _show(message: dict, *, edited: bool) -> None:
    tags = [tag for tag, on in (("私聊", message["chat"]["type"] == "private"), ("修改", edited)) if on]
    attached = ("［文件：" + message["document"].get("file_name", "") + "］ " if "document" in message
                else "［图片］ " if "photo" in message else "")
    text = attached + message.get("text", message.get("caption", ""))
    print(f"机器人{'（' + '，'.join(tags) + '）' if tags else ''}> " + text.replace("\n", "\n        "))
    keyboard = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    number = 0
    for row in keyboard:  # a row's buttons on one line, as Telegram shows them (确认 beside 取消)
        labels = []
        for button in row:
            number += 1
            labels.append(f"[{number}] {button['text']}")
        print("        " + "   ".join(labels))
    sys.stdout.flush()


class Printer:
    """Prints every message the bot sends to the demo's chats, and every edit of one, when it comes —
    also long after the message that asked for it — and remembers the last numbered choices shown."""

    def __init__(self, stand: BotApiStandIn, chats: tuple[int, ...] = (GROUP, USER)):
        self.stand, self.chats = stand, chats
        self.shown = 0  # messages and edits printed so far
        # what :N picks: ("buttons", chat_id, message_id) or ("inline", chat_id, results)
        self.choices: tuple = ()
        self._seen: dict[tuple[int, int], dict] = {}

    def catch_up(self) -> None:
        """Print what the bot sent or edited since the last call."""
        for chat_id in self.chats:
            for message in self.stand.sent_messages(chat_id):
                key = (chat_id, message["message_id"])
                if self._seen.get(key) == message:
                    continue
                _show(message, edited=key in self._seen)
                self._seen[key] = message
                self.shown += 1
                if _buttons(message):
                    self.choices = ("buttons", chat_id, message["message_id"])

    async def run(self) -> None:
        """Catch up after every change of the stand-in, until cancelled."""
        async for _ in self.stand.changes():
            self.catch_up()


class Handled:
    """Futures that resolve when the bot is done with an update: its handlers returned, and the tasks
    they started meanwhile (a non-blocking /report or /trend, an import's preview) finished."""

    def __init__(self, app):
        self._app = app
        self._waiting: dict[int, asyncio.Future] = {}
        app.update_processor.on_handled = self._done

    def _background(self) -> set[asyncio.Task]:
        # PTB keeps the tasks of non-blocking handlers and of Application.create_task here, to await
        # them at stop; it has no public accessor (python-telegram-bot 22)
        return set(getattr(self._app, "_Application__create_task_tasks", ()))

    def _done(self, update: object) -> None:
        future = self._waiting.pop(getattr(update, "update_id", None), None)
        if future is not None and not future.done():
            future.set_result(self._background())

    async def wait(self, future: asyncio.Future) -> None:
        """Until the update of ``future`` (from ``of``) is handled and its background tasks are done."""
        tasks = await asyncio.shield(future)
        if tasks:
            await asyncio.wait(tasks)

    def of(self, update_id: int) -> asyncio.Future:
        """Call right after queueing the update, before the loop runs again."""
        return self._waiting.setdefault(update_id, asyncio.get_running_loop().create_future())


class Demo:
    """One console session: what a typed message means, played to the stand-in, and the bot's answer."""

    def __init__(self, stand: BotApiStandIn, app):
        self.stand, self.printer, self.handled = stand, Printer(stand), Handled(app)

    async def play(self, text: str) -> None:
        """Send one typed message (already stripped, not empty) and wait until the bot is done with it."""
        chat_id = GROUP
        if text.startswith("私聊"):
            chat_id, text = USER, text[2:].strip()
        if text.startswith(":") and parse_ascii_int(text[1:]) is not None:
            return await self._choose(parse_ascii_int(text[1:]))
        if text.startswith("内联"):
            return await self._inline(chat_id, text[2:].strip())
        if text.startswith("文件"):
            return await self._file(chat_id, text[2:].strip())
        reply_to = None
        if text.startswith(">") and chat_id == GROUP:
            text = text[1:].strip()
            sent = self.stand.sent_messages(GROUP)
            reply_to = sent[-1]["message_id"] if sent else None
        if len(text) > TEXT_LIMIT:
            print(f"（没有发送：一条消息最多 {TEXT_LIMIT} 字，这条有 {len(text)} 字；"
                  "长的通报请存成文件，用“文件 路径 /release”发送）")
            return
        await self._send(lambda: self.stand.send_user_message(
            chat_id, text, user_id=USER, first_name=NAME, chat_type=self._type(chat_id),
            chat_title=self._title(chat_id), reply_to_message_id=reply_to))

    @staticmethod
    def _type(chat_id: int) -> str:
        return "private" if chat_id == USER else "supergroup"

    @staticmethod
    def _title(chat_id: int) -> str | None:
        return None if chat_id == USER else TITLE

    async def _send(self, inject, *, answered_by_message: bool = True) -> dict | None:
        """Queue an update with ``inject()``, then wait until the bot is done with it; what it sends
        shows as it comes. Returns the update's payload, None when the stand-in refused it."""
        try:
            payload = inject()
        except (ValueError, ApiError) as err:  # the stand-in refuses what Telegram could not carry
            print(f"（没有发送，Bot API 替身拒收：{err}）")
            return None
        shown = self.printer.shown
        done = asyncio.ensure_future(self.handled.wait(self.handled.of(self.stand.last_update_id)))
        try:
            await asyncio.wait_for(asyncio.shield(done), WAIT_SECONDS)
        except TimeoutError:
            if self.printer.shown == shown:
                print("（回复排队中，请稍候…）", flush=True)
            try:
                await asyncio.wait_for(done, MAX_WAIT_SECONDS - WAIT_SECONDS)
            except TimeoutError:
                print("（机器人还没处理完；回复到了会显示在这里）", flush=True)
                return payload
        self.printer.catch_up()
        if self.printer.shown == shown and answered_by_message:
            print("（机器人没有回应）")
        return payload

    async def _choose(self, number: int) -> None:
        """:N — press button N of the last keyboard, or send result N of the last inline query."""
        if not self.printer.choices:
            print("（上一条消息没有按钮）")
            return
        if self.printer.choices[0] == "inline":
            _, chat_id, results = self.printer.choices
            if not 1 <= number <= len(results):
                print(f"（只有 {len(results)} 条结果）")
                return
            await self._post_result(chat_id, results[number - 1])
            return
        _, chat_id, message_id = self.printer.choices
        message = next((m for m in self.stand.sent_messages(chat_id) if m["message_id"] == message_id), {})
        buttons = _buttons(message)
        if not buttons:
            print("（上一条消息没有按钮）")
        elif not 1 <= number <= len(buttons):
            print(f"（只有 {len(buttons)} 个按钮）")
        elif "callback_data" not in buttons[number - 1]:
            print(f"（按钮 {number} 是链接：{buttons[number - 1].get('url', '')}）")
        else:
            shown = self.printer.shown
            pressed = await self._send(lambda: self.stand.send_callback_query(
                chat_id, message_id, buttons[number - 1]["callback_data"], user_id=USER), answered_by_message=False)
            toast = next((a.get("text") for a in self.stand.callback_answers
                          if pressed and a.get("callback_query_id") == pressed["id"]), None)
            if toast:  # what Telegram shows over the chat for a moment
                print(f"（弹出提示：{toast}）")
            elif pressed and self.printer.shown == shown:
                print("（机器人没有回应）")

    async def _inline(self, chat_id: int, query: str) -> None:
        """内联 QUERY — what typing "@SzTargetsBot QUERY" in a chat shows: the bot's results, numbered."""
        if len(query) > INLINE_LIMIT:
            print(f"（内联查询最多 {INLINE_LIMIT} 字）")
            return
        sent = await self._send(lambda: self.stand.send_inline_query(query, user_id=USER), answered_by_message=False)
        if sent is None:
            return
        answer = next((a for a in self.stand.inline_answers if a["inline_query_id"] == sent["id"]), None)
        if answer is None:
            print("（机器人没有回答这个内联查询）")
            return
        results = [r for r in answer["results"] if (r.get("input_message_content") or {}).get("message_text")]
        if not results:
            print("（内联查询没有结果）")
            return
        self.printer.choices = ("inline", chat_id, results)
        print("内联结果（:N 把第 N 条发到" + ("私聊" if chat_id == USER else "群里") + "）：")
        for number, result in enumerate(results, 1):
            print(f"  [{number}] {result.get('title', '')}" + (f" — {result['description']}"
                                                             if result.get("description") else ""))

    async def _post_result(self, chat_id: int, result: dict) -> None:
        """Post an inline result as 张三 via the bot; no reply is expected (the bot sees it, as Telegram
        delivers messages sent via a bot to it)."""
        await self._send(lambda: self._echo(self.stand.send_inline_result(
            chat_id, result, user_id=USER, chat_type=self._type(chat_id), chat_title=self._title(chat_id))),
            answered_by_message=False)

    @staticmethod
    def _echo(message: dict) -> dict:
        """Show what the user posted through the bot, as the chat shows it."""
        print(f"{NAME}（通过 @{message['via_bot']['username']}）> " + message["text"].replace("\n", "\n        "))
        return message

    async def _file(self, chat_id: int, rest: str) -> None:
        """文件 PATH [说明] — send a file as a document, its caption (e.g. /import) after the path."""
        try:
            path, caption = _path_and_caption(rest)
        except ValueError as err:
            print(f"（{err}）")
            return
        if len(caption) > CAPTION_LIMIT:
            print(f"（文件的说明最多 {CAPTION_LIMIT} 字）")
            return
        try:
            if path.stat().st_size > FILE_LIMIT:
                print(f"（没有发送：{path} 超过 20 MB，Telegram 的机器人收不到这么大的文件）")
                return
            content = await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            print(f"（找不到文件：{path}）")
            return
        except IsADirectoryError:
            print(f"（{path} 是文件夹，不是文件）")
            return
        except OSError as err:
            print(f"（读不了 {path}：{err.strerror or err}）")
            return
        await self._send(lambda: self.stand.send_document(
            chat_id, clean_text(path.name), content, caption=caption or None, user_id=USER, first_name=NAME,
            chat_type=self._type(chat_id), chat_title=self._title(chat_id)))


def _path_and_caption(rest: str) -> tuple[Path, str]:
    """The file and the caption of `文件 PATH [说明]`: a quoted path, or the longest run of leading words
    that names an existing file (so a path may hold spaces), else the first word. ValueError: no path."""
    if not rest:
        raise ValueError("用法：文件 路径 [说明]，如 文件 ~/数据.xlsx /import")
    if rest[0] in "'\"":
        try:
            words = shlex.split(rest)
        except ValueError:
            raise ValueError("路径的引号没有配对") from None
        return Path(words[0]).expanduser(), " ".join(words[1:])
    words = rest.split()
    for count in range(len(words), 0, -1):
        path = Path(" ".join(words[:count])).expanduser()
        if path.is_file():
            return path, " ".join(words[count:])
    return Path(words[0]).expanduser(), " ".join(words[1:])


async def demo(config: Config, answerer: Answerer) -> int:
    stand = BotApiStandIn(token=DEMO_TOKEN, bot_username="SzTargetsBot")
    await stand.start()
    stand.set_chat_admins(GROUP, [USER])
    app = build_application(replace(config, base_url=stand.base_url), answerer, DEMO_TOKEN)
    try:
        async with started(app):
            print(INTRO, flush=True)
            return await converse(Demo(stand, app), console_messages())
    finally:
        await stand.stop()


async def converse(session: Demo, messages: asyncio.Queue) -> int:
    """Play each message to the bot until `q` or the end of input (None); an empty one does nothing."""
    printer = asyncio.create_task(session.printer.run())
    try:
        while (text := await messages.get()) is not None:
            text = clean_text(text).strip()
            if text == "q":
                break
            if text:
                await session.play(text)
                print(flush=True)
    finally:
        printer.cancel()
    session.printer.catch_up()
    print("已退出演示。", flush=True)
    return 0


def run_demo(config: Config, answerer: Answerer) -> int:
    # in the chat's own stream and marked, so a warning (a refused write) shows where it happened
    logging.basicConfig(level=logging.WARNING, stream=sys.stdout, format="        （日志）%(levelname)s %(name)s：%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # Ctrl-C stops the bot and the stand-in on the way out of asyncio.run, then is bot.cli.main's:
    # 已取消, exit 130, as in every console command
    return asyncio.run(demo(config, answerer))
