"""The local demo (`python -m bot demo`): run as a real subprocess (through a pipe, or a terminal for
pastes), or through its functions against the stand-in on 127.0.0.1."""

import asyncio
import os
import subprocess
import sys
import threading

import pytest

import bot.demo
from bot.demo_console import PASTE_END, PASTE_START, Lines, Pastes, clean_text
from knowledge.answers import Answerer
from knowledge.store import open_store
from tests.conftest import fixed_clock
from tests.harness import application, standin

RELEASE = os.path.join(os.path.dirname(__file__), "releases", "made_up_2026_08.txt")  # MADE-UP figures


@pytest.fixture
def demo(tmp_path):
    """Run the demo with ``stdin`` (str or bytes) on a fresh database; returns (exit code, stdout), stderr
    being free of tracebacks."""
    def demo(stdin, env=None):
        full_env = {**os.environ, "BOT_DB_PATH": str(tmp_path / "kb.db"), **(env or {})}
        full_env.pop("TELEGRAM_BOT_TOKEN", None)
        data = stdin.encode() if isinstance(stdin, str) else stdin
        result = subprocess.run([sys.executable, "-m", "bot", "demo"], input=data, capture_output=True,
                                env=full_env, cwd=tmp_path, timeout=120)
        assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
        return result.returncode, result.stdout.decode("utf-8", "replace")
    return demo


def test_an_empty_line_does_nothing_and_only_q_or_the_end_of_input_quits(demo):
    code, out = demo("\n   \n/ask 高企新增多少家\nq\n/ask 瞪羚企业目标\n")
    assert code == 0 and "Traceback" not in out
    assert "新增高新技术企业" in out and "500家" in out  # asked after two empty lines
    assert "瞪羚" not in out.split("已退出演示")[0].split("新增高新技术企业")[1]  # nothing after q was sent
    assert out.rstrip().endswith("已退出演示。")


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_a_line_cut_inside_a_character_does_not_wedge_the_demo(demo, locale):
    """A terminal keeps 4095 bytes of a line, which can end inside a character. Under LC_ALL=C Python
    read that as a lone surrogate, the stand-in stored it and every getUpdates after it was a 500."""
    cut = "研发投入".encode()[:-1]
    code, out = demo(b"/ask " + cut + b"\n/ask \xff\xfe\n" + "/ask 高企新增多少家\n".encode(),
                     env={"LC_ALL": locale, "LANG": locale})
    assert code == 0 and "Traceback" not in out
    assert "新增高新技术企业" in out and "500家" in out, out
    assert "没有发送" not in out


def test_a_file_is_sent_as_a_document_with_its_caption(demo, tmp_path):
    (tmp_path / "有空格 的通报.txt").write_text(open(RELEASE, encoding="utf-8").read(), encoding="utf-8")
    code, out = demo("文件 有空格 的通报.txt /release\n文件 没有这个文件.xlsx\n文件\n文件 .\n",
                     env={"BOT_ADMIN_IDS": "1001"})
    assert code == 0 and "Traceback" not in out
    assert "规上工业总产值 2026年1-8月：32560.8亿元" in out, out
    assert "（找不到文件：没有这个文件.xlsx）" in out
    assert "（用法：文件 路径 [说明]" in out and "（. 是文件夹，不是文件）" in out


def test_an_inline_query_shows_its_results_numbered_and_sends_the_one_picked(demo):
    code, out = demo("内联 研发投入\n:1\n:5\n内联 智能工厂\n:2\n")
    assert code == 0 and "Traceback" not in out
    assert "  [1] 全社会研发投入占GDP比重 — 目标：超4.25%" in out
    assert "张三（通过 @SzTargetsBot）> 全社会研发投入占GDP比重 · 苏州 2026年目标" in out
    assert "（只有 1 条结果）" in out
    assert "[2] 新增卓越级智能工厂" in out and "张三（通过 @SzTargetsBot）> 新增卓越级智能工厂" in out
    assert "（机器人没有回应）" not in out


def test_lines_between_bracketed_paste_markers_are_one_message_from_a_pipe(demo):
    release = open(RELEASE, encoding="utf-8").read()
    code, out = demo(f"{PASTE_START}/release\n{release}{PASTE_END}\n", env={"BOT_ADMIN_IDS": "1001"})
    assert code == 0 and "已收到第1段" in out, out
    assert "（机器人没有回应）" not in out


def test_a_release_pasted_into_a_terminal_is_one_message(tmp_path):
    """Through a real terminal (a pty): the pasted lines arrive together; the demo says it holds them
    and sends them as one message at the next Enter. Before, every line went alone, and the bot saw a
    bare /release followed by lines it never heard."""
    import pty
    import termios

    env = {**os.environ, "BOT_DB_PATH": str(tmp_path / "kb.db"), "BOT_ADMIN_IDS": "1001"}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    master, slave = pty.openpty()
    attributes = termios.tcgetattr(slave)
    attributes[3] &= ~termios.ECHO  # nobody reads the echo
    termios.tcsetattr(slave, termios.TCSANOW, attributes)
    process = subprocess.Popen([sys.executable, "-m", "bot", "demo"], stdin=slave, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    os.close(slave)
    watchdog = threading.Timer(120, process.kill)
    watchdog.start()
    output = []

    def read_until(part):
        for raw in process.stdout:
            output.append(raw.decode("utf-8", "replace"))
            if part in output[-1]:
                return
        raise AssertionError(f"the demo ended before {part!r}: {''.join(output)}")

    try:
        read_until("退出")  # the introduction: the console is being read
        paste = ("/release\n" + open(RELEASE, encoding="utf-8").read()).encode()
        while paste:
            paste = paste[os.write(master, paste):]
        read_until("（粘贴了 ")
        os.write(master, b"\n")  # the Enter that sends the paste
        read_until("已收到第1段")
        os.write(master, b"q\n")
        read_until("已退出演示")
        assert process.wait(timeout=60) == 0
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
        os.close(master)
    text = "".join(output)
    assert "（机器人没有回应）" not in text and "Traceback" not in text


def test_a_reply_that_comes_while_the_demo_waits_for_input_is_printed(capsys):
    """A reply the bot sends after the demo stopped waiting for it (a slow chart, a background round)
    used to be lost: the next message's wait began after it. Everything sent is printed when it comes."""
    async def body():
        answerer = Answerer(open_store(":memory:"), clock=fixed_clock(2026, 7, 2, 12))
        async with standin() as stand, application(stand, answerer) as app:
            session, typed, screen = bot.demo.Demo(stand, app), asyncio.Queue(), Screen(capsys)
            talk = asyncio.create_task(bot.demo.converse(session, typed))
            typed.put_nowait("/ask 高企新增多少家")
            await screen.shows("500家")
            await app.bot.send_message(bot.demo.GROUP, "迟到的回复")  # the demo is waiting for input
            await app.bot.send_message(bot.demo.USER, "私聊里迟到的回复")
            await screen.shows("机器人> 迟到的回复")
            await screen.shows("机器人（私聊）> 私聊里迟到的回复")
            typed.put_nowait(None)
            assert await talk == 0

    asyncio.run(asyncio.wait_for(body(), 60))


class Screen:
    """What the demo printed so far, read from capsys."""

    def __init__(self, capsys):
        self.capsys, self.text = capsys, ""

    async def shows(self, part):
        """Until ``part`` is printed (the printer runs in the loop: yield to it, generously bounded)."""
        for _ in range(3000):
            self.text += self.capsys.readouterr().out
            if part in self.text:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"{part!r} was not printed: {self.text}")


def test_lines_are_cut_at_any_line_break_and_markers_may_arrive_in_pieces():
    lines = Lines()
    assert lines.feed("甲\r\n乙\r") == ["甲"]  # the \r may be the first half of \r\n
    assert lines.feed("\n丙\n\x1b[20") == ["乙", "丙"]
    assert lines.feed("0~一\n二\r三\x1b") == []
    assert lines.feed("[201~尾\n") == ["一\n二\n三尾"]
    assert lines.feed("没有换行", final=True) == ["没有换行"]


def test_a_paste_waits_for_the_enter_after_it():
    pastes = Pastes()
    assert pastes.arrived(["打字的一行"]) == ["打字的一行"]
    assert pastes.arrived(["/release", "第一段", ""]) == [] and pastes.waiting == 3
    assert pastes.arrived([""]) == ["/release\n第一段\n\n"]  # an Enter on an empty line sends it
    assert pastes.arrived(["第一行", "第二行"]) == []
    assert pastes.arrived(["没粘完的最后一行"]) == ["第一行\n第二行\n没粘完的最后一行"]
    assert pastes.arrived(["还没回车", "就结束了"]) == [] and pastes.end() == ["还没回车\n就结束了"]


def test_clean_text_replaces_lone_surrogates_only():
    assert clean_text("研发\udce5\udc8f投入😀") == "研发\ufffd\ufffd投入😀"
