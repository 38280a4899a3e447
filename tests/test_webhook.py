"""`python -m bot run` in webhook mode as a real process, attacked on 127.0.0.1 by a client that does not
know the secret: a huge body, and hundreds of connections left idle or half-sent."""

import json
import resource
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.harness import free_port
from tests.test_run import USER, Output, assert_quiet, bot_env, control, standin_port, wait_for  # noqa: F401

SECRET = "s3cret-webhook"
# The bot's descriptor limit in these tests: 200 idle connections alone exhaust it unless the server
# caps its connections (the attack needed only that many on a small container's limit).
DESCRIPTOR_LIMIT = 200


def status_mb(pid: int, field: str) -> float:
    """A size from /proc/PID/status (VmRSS, VmHWM = the peak resident set), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no {field}")


def listening_address(port: int) -> str | None:
    """The local IPv4 address a socket listens on at `port`, from /proc/net/tcp; None while nothing does."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
            return socket.inet_ntoa(bytes.fromhex(address)[::-1])
    return None


def limit_descriptors():
    resource.setrlimit(resource.RLIMIT_NOFILE, (DESCRIPTOR_LIMIT, DESCRIPTOR_LIMIT))


@pytest.fixture
def webhook_bot(standin_port, tmp_path):
    """(the webhook's port, the bot process, its Output): `bot run` behind a webhook on 127.0.0.1."""
    port = free_port()
    env = bot_env(tmp_path, standin_port, WEBHOOK_URL="https://bot.example/telegram", WEBHOOK_SECRET=SECRET,
                  PORT=str(port), WEBHOOK_LISTEN="127.0.0.1")
    bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, preexec_fn=limit_descriptors)
    output = Output(bot)
    try:
        output.line_with("已启动")
        # the start-up line comes from post_init, before the webhook server binds its port
        wait_for(lambda: listening_address(port) or bot.poll() is not None)
        yield port, bot, output
        bot.send_signal(signal.SIGINT)
        bot.wait(timeout=30)
    finally:
        if bot.poll() is None:
            bot.kill()
    assert bot.returncode == 0, output.all()


def post_update(port: int, text: str, update_id: int) -> int:
    """A genuine update, with the secret, as Telegram posts it; the HTTP status."""
    update = {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1780000000, "text": text,
        "chat": {"id": USER, "type": "private", "first_name": "张三"},
        "from": {"id": USER, "is_bot": False, "first_name": "张三"}}}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/telegram", data=json.dumps(update).encode(),
                                     headers={"Content-Type": "application/json",
                                              "X-Telegram-Bot-Api-Secret-Token": SECRET})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.status


def test_the_webhook_listens_on_the_address_set(webhook_bot):
    port, _, output = webhook_bot
    assert listening_address(port) == "127.0.0.1"
    assert f"本机监听 127.0.0.1:{port}" in output.line_with("已启动")


def test_a_90_mb_body_without_the_secret_is_refused_before_it_is_read(webhook_bot):
    port, bot, _ = webhook_bot
    peak_before = status_mb(bot.pid, "VmHWM")
    size, chunk, sent = 90 * 1024 * 1024, b"x" * (1024 * 1024), 0
    with socket.create_connection(("127.0.0.1", port)) as attacker:
        attacker.sendall(b"POST /telegram HTTP/1.1\r\nHost: bot.example\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n" % size)
        try:
            while sent < size:
                attacker.sendall(chunk)
                sent += len(chunk)
        except OSError:  # the bot closed the connection: refused from the Content-Length alone
            pass
    assert sent < size
    assert status_mb(bot.pid, "VmHWM") - peak_before < 20  # the peak resident set did not grow by the body
    assert post_update(port, "苏州研发投入目标", 1) == 200  # and the bot still takes updates


def test_a_genuine_update_is_answered_while_200_connections_sit_idle(webhook_bot, standin_port):
    port, _, _ = webhook_bot
    idle = []
    try:
        for number in range(200):  # half never send a byte, half stop in the middle of the headers
            connection = socket.create_connection(("127.0.0.1", port))
            if number % 2:
                connection.sendall(b"POST /telegram HTTP/1.1\r\nHost: bot.example\r\n")
            idle.append(connection)
        assert post_update(port, "瞪羚", 2) == 200
        assert any("力争1000家" in reply["text"] for reply in wait_for(lambda: control(standin_port, "sent", chat_id=USER)))
    finally:
        for connection in idle:
            connection.close()


def test_an_address_the_machine_does_not_have_is_one_line_and_exit_2(standin_port, tmp_path):
    env = bot_env(tmp_path, standin_port, WEBHOOK_URL="https://bot.example/telegram", PORT=str(free_port()),
                  WEBHOOK_LISTEN="192.0.2.1")  # TEST-NET-1: never an address of this machine
    result = subprocess.run([sys.executable, "-m", "bot", "run"], env=env, cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2, result.stderr  # a setting to fix: the unit's RestartPreventExitStatus=2
    [line] = [line for line in result.stderr.splitlines() if "启动失败" in line]
    assert "webhook 无法在 192.0.2.1:" in line and "WEBHOOK_LISTEN" in line, line
    assert_quiet(result.stdout + result.stderr)
