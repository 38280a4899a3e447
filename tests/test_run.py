"""`python -m bot run` as a real process, long-polling the stand-in run as another process.

Nothing is stubbed: the command reads its configuration from the environment as in production,
builds the application, sets the menus, polls, answers, and stops on SIGINT or SIGTERM.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from tests.harness import free_port

TOKEN = "424242:RUN-test-token-abcdefghijklmn"
USER = 7001


def control(port: int, operation: str, **arguments):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/control/{operation}", method="POST",
                                     data=json.dumps(arguments).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["result"]


def wait_for(condition, timeout=90.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture
def standin_port():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "bot.standin", "--port", str(port), "--token", TOKEN],
                               stdout=subprocess.PIPE, text=True)
    try:
        assert "Bot API stand-in" in process.stdout.readline()
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_run_answers_and_stops_cleanly(standin_port, tmp_path, stop_signal):
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "BOT_DB_PATH": str(tmp_path / "kb.db"),
           "TELEGRAM_BASE_URL": f"http://127.0.0.1:{standin_port}/bot", "BOT_TZ": "Asia/Shanghai"}
    bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(lambda: len(control(standin_port, "commands")) > 0)  # post_init has set the menus
        control(standin_port, "send_user_message", chat_id=USER, text="苏州研发投入目标", user_id=USER)
        [reply] = wait_for(lambda: control(standin_port, "sent", chat_id=USER))
        assert "超4.25%" in reply["text"]
        bot.send_signal(stop_signal)
        output, _ = bot.communicate(timeout=30)
    finally:
        if bot.poll() is None:
            bot.kill()
    assert bot.returncode == 0, output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output


def bot_env(tmp_path, port, **extra):
    return {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "BOT_DB_PATH": str(tmp_path / "kb.db"),
            "TELEGRAM_BASE_URL": f"http://127.0.0.1:{port}/bot", "BOT_TZ": "Asia/Shanghai", **extra}


class Output:
    """The lines a process prints, read as they come by a thread, so a test can wait for one without
    blocking on a process that never prints it."""

    def __init__(self, process):
        self.lines: list[str] = []
        self.reader = threading.Thread(target=lambda: self.lines.extend(iter(process.stdout.readline, "")),
                                       daemon=True)
        self.reader.start()

    def line_with(self, text):
        return wait_for(lambda: next((line for line in list(self.lines) if text in line), None))

    def all(self):
        self.reader.join(timeout=10)
        return "".join(self.lines)


def assert_quiet(output):
    """No traceback, no leaked aiohttp session or task, never the token."""
    for noise in ("Traceback", "Unclosed", "Task was destroyed", "never awaited", TOKEN.split(":")[1]):
        assert noise not in output, output


def start_up_line(tmp_path, port, **env) -> tuple[str, str]:
    """Start `bot run`, stop it with SIGINT once it logs its start-up line: (that line, all it printed)."""
    bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=bot_env(tmp_path, port, **env), cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = Output(bot)
    try:
        line = output.line_with("已启动")
        bot.send_signal(signal.SIGINT)
        bot.wait(timeout=30)
    finally:
        if bot.poll() is None:
            bot.kill()
    return line, output.all()


def test_the_start_up_line_names_bot_mode_database_and_targets(standin_port, tmp_path):
    line, output = start_up_line(tmp_path, standin_port)
    assert "@SzTargetsBot" in line and "长轮询" in line and str(tmp_path / "kb.db") in line, line
    assert "27 项目标" in line and "未设置 BOT_ADMIN_IDS" in line, line  # none in bot_env
    assert_quiet(output)


def test_the_start_up_line_counts_the_owners(standin_port, tmp_path):
    line, _ = start_up_line(tmp_path, standin_port, BOT_ADMIN_IDS="11,22")
    assert "所有者 2 位、另加管理员 0 位" in line and "未设置" not in line, line


def test_a_server_refusing_set_my_commands_does_not_hold_the_bot(standin_port, tmp_path):
    control(standin_port, "fail_next", method="setMyCommands", status=500, count=1000)
    bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=bot_env(tmp_path, standin_port), cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        control(standin_port, "send_user_message", chat_id=USER, text="苏州研发投入目标", user_id=USER)
        [reply] = wait_for(lambda: control(standin_port, "sent", chat_id=USER))
        assert "超4.25%" in reply["text"]
        menus = [r for r in control(standin_port, "requests") if r["method"] == "setMyCommands"]
        assert menus and all(r["status"] == 500 for r in menus)  # answered while the menus still fail
        bot.send_signal(signal.SIGINT)
        output, _ = bot.communicate(timeout=30)
    finally:
        if bot.poll() is None:
            bot.kill()
    assert bot.returncode == 0, output
    assert_quiet(output)


def test_without_telegram_the_bot_says_so_in_one_line_and_exits(tmp_path):
    closed = free_port()
    result = subprocess.run([sys.executable, "-m", "bot", "run"], env=bot_env(tmp_path, closed), cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    [failure] = [line for line in result.stderr.splitlines() if "启动失败" in line]
    assert "无法连接 Telegram" in failure and "TELEGRAM_BASE_URL" in failure
    retries = [line for line in result.stderr.splitlines() if "getMe 失败" in line]
    [new] = [line for line in result.stderr.splitlines() if line.startswith("新建数据库：")]  # a fresh kb.db
    assert retries and len(result.stderr.splitlines()) == len(retries) + 2, result.stderr  # one line each
    assert_quiet(result.stdout + result.stderr)


def test_ctrl_c_while_telegram_is_unreachable_exits_cleanly(tmp_path):
    closed = free_port()
    bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=bot_env(tmp_path, closed), cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = Output(bot)
    try:
        output.line_with("getMe 失败")  # the first failed attempt: the bot is now waiting to retry
        bot.send_signal(signal.SIGINT)
        bot.wait(timeout=30)
    finally:
        if bot.poll() is None:
            bot.kill()
    assert bot.returncode == 0, output.all()
    assert_quiet(output.all())


def test_a_token_telegram_refuses_is_one_line_without_the_token(standin_port, tmp_path):
    other = "424242:REVOKED-token-abcdefghijklmn"  # well-formed, but not the stand-in's
    result = subprocess.run([sys.executable, "-m", "bot", "run"],
                            env=bot_env(tmp_path, standin_port, TELEGRAM_BOT_TOKEN=other), cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr  # a setting to fix: the unit's RestartPreventExitStatus=2
    assert [line for line in result.stderr.splitlines() if "启动失败" in line] == [
        "启动失败：Telegram 拒绝了 TELEGRAM_BOT_TOKEN（令牌无效或已被撤销）：请向 @BotFather 核对后重新设置。"]
    assert "REVOKED" not in result.stdout + result.stderr
    assert_quiet(result.stdout + result.stderr)
