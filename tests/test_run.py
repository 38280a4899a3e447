"""`python -m bot run` as a real process, long-polling the stand-in run as another process.

Nothing is stubbed: the command reads its configuration from the environment as in production,
builds the application, sets the menus, polls, answers, and stops on SIGINT or SIGTERM.
"""

import json
import os
import signal
import subprocess
import sys
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
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)["result"]


def wait_for(condition, timeout=30.0):
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
