"""Memory at rest: the resident set of `python -m bot run`, beside a bare python-telegram-bot Application.

Run as `python bench/bench_idle_rss.py` (prints only, no asserts; nothing leaves 127.0.0.1). The
stand-in runs as its own process; each bot runs as its own process with the token and base URL in its
environment, long-polls the stand-in, answers one private message, and is then left idle for two
seconds before its VmRSS is read from /proc. The baseline, measured in the same run, is the smallest
bot python-telegram-bot makes: `Application.builder().token(…).base_url(…).build()` with one handler
that echoes, polling the same stand-in. Goal (issue 14): `bot run` ≤ 110 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "424242:RSS-bench-token-abcdefghijklmn"
USER = 7001
GOAL_MB = 110

BARE_BOT = textwrap.dedent("""
    import os
    from telegram.ext import Application, MessageHandler, filters

    async def echo(update, context):
        await update.message.reply_text(update.message.text)

    app = (Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"])
           .base_url(os.environ["TELEGRAM_BASE_URL"]).build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling()
""")


def control(port: int, operation: str, **arguments):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/control/{operation}", method="POST",
                                     data=json.dumps(arguments).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)["result"]


def wait_for(condition, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    raise TimeoutError("no reply from the bot")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def measure(command: list[str], port: int, user: int, workdir: Path) -> float:
    """Start the bot, have it answer one private message, let it idle 2 s; its RSS in MB."""
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": f"http://127.0.0.1:{port}/bot",
           "BOT_DB_PATH": str(workdir / "kb.db"), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, env=env, cwd=workdir, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        control(port, "send_user_message", chat_id=user, text="苏州研发投入目标", user_id=user)
        wait_for(lambda: control(port, "sent", chat_id=user))
        time.sleep(2.0)
        return rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    port = free_port()
    standin = subprocess.Popen([sys.executable, "-m", "bot.standin", "--port", str(port), "--token", TOKEN],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert "Bot API stand-in" in standin.stdout.readline()
        with tempfile.TemporaryDirectory() as folder:
            workdir = Path(folder)
            (workdir / "bare_bot.py").write_text(BARE_BOT)
            bare = measure([sys.executable, str(workdir / "bare_bot.py")], port, USER, workdir)
            ours = measure([sys.executable, "-m", "bot", "run"], port, USER + 1, workdir)
    finally:
        standin.terminate()
        standin.wait(timeout=10)
    print(f"idle RSS after one answer (python {sys.version.split()[0]}, {os.cpu_count()} cores)")
    print(f"  bare python-telegram-bot Application  {bare:6.1f} MB   (baseline)")
    print(f"  python -m bot run                     {ours:6.1f} MB   {ours / bare:.2f}× the baseline, "
          f"goal ≤ {GOAL_MB} MB {'✔' if ours <= GOAL_MB else '✘'}")


if __name__ == "__main__":
    main()
