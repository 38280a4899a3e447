"""The webhook's memory after a 90 MB body sent without the secret (issue 20, item 10).

Run as `python bench/bench_webhook_memory.py [PROJECT]` (prints only, no asserts; nothing leaves
127.0.0.1). PROJECT (default: this checkout) is the code measured, e.g. an older commit extracted with
`git archive` to compare before and after. The stand-in runs as its own process; `python -m bot run`
runs as another in webhook mode on 127.0.0.1, answers one genuine update, and is left idle 2 s; then
its resident set (VmRSS) and peak resident set (VmHWM) are read from /proc — the baseline, in the same
run — a client without the secret sends a 90 MB body in 1 MB writes, until the bot closes the
connection or the body is sent, and both are read again. The figures are the growth and the ratio of
after to the baseline.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "424242:WEBHOOK-bench-token-abcdefghijk"
SECRET = "bench-secret"
USER = 7001
BODY_BYTES = 90 * 1024 * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field}")


def control(port: int, operation: str, **arguments):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/control/{operation}", method="POST",
                                     data=json.dumps(arguments).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)["result"]


def wait_for(condition, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if result := condition():
                return result
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError("the bot did not come up")


def genuine_update(port: int) -> int:
    update = {"update_id": 1, "message": {"message_id": 1, "date": 1780000000, "text": "苏州研发投入目标",
                                          "chat": {"id": USER, "type": "private", "first_name": "测试"},
                                          "from": {"id": USER, "is_bot": False, "first_name": "测试"}}}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/telegram", data=json.dumps(update).encode(),
                                     headers={"Content-Type": "application/json",
                                              "X-Telegram-Bot-Api-Secret-Token": SECRET})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status


def big_body(port: int) -> int:
    """Send BODY_BYTES without the secret; the bytes the bot took before it closed the connection."""
    chunk, sent = b"x" * (1024 * 1024), 0
    with socket.create_connection(("127.0.0.1", port)) as attacker:
        attacker.sendall(b"POST /telegram HTTP/1.1\r\nHost: bot.example\r\nContent-Type: application/json\r\n"
                         b"Content-Length: %d\r\n\r\n" % BODY_BYTES)
        try:
            while sent < BODY_BYTES:
                attacker.sendall(chunk)
                sent += len(chunk)
            attacker.settimeout(30)
            attacker.recv(100)  # the bot's answer (403 without the secret) once it has read it all
        except OSError:
            pass
    return sent


def main() -> None:
    project = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT
    standin_port, port = free_port(), free_port()
    standin = subprocess.Popen([sys.executable, "-m", "bot.standin", "--port", str(standin_port), "--token", TOKEN],
                               cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert "Bot API stand-in" in standin.stdout.readline()
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "BOT_DB_PATH": str(Path(folder) / "kb.db"),
                   "TELEGRAM_BASE_URL": f"http://127.0.0.1:{standin_port}/bot", "PYTHONPATH": str(project),
                   "WEBHOOK_URL": "https://bot.example/telegram", "WEBHOOK_SECRET": SECRET, "PORT": str(port),
                   "WEBHOOK_LISTEN": "127.0.0.1"}
            bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], env=env, cwd=folder,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                wait_for(lambda: genuine_update(port) == 200)
                wait_for(lambda: control(standin_port, "sent", chat_id=USER))
                time.sleep(2.0)
                rss, peak = status_mb(bot.pid, "VmRSS"), status_mb(bot.pid, "VmHWM")
                sent = big_body(port)
                time.sleep(1.0)
                rss_after, peak_after = status_mb(bot.pid, "VmRSS"), status_mb(bot.pid, "VmHWM")
            finally:
                bot.terminate()
                bot.wait(timeout=30)
    finally:
        standin.terminate()
        standin.wait(timeout=10)
    print(f"webhook memory, 90 MB body without the secret (code: {project}; python {sys.version.split()[0]})")
    print(f"  body sent before the bot closed the connection (socket buffers included)  {sent / 2**20:6.1f} MB of {BODY_BYTES / 2**20:.0f} MB")
    print(f"  resident set  {rss:6.1f} MB at rest (baseline) → {rss_after:6.1f} MB after: "
          f"+{rss_after - rss:.1f} MB, {rss_after / rss:.2f}× the baseline")
    print(f"  peak          {peak:6.1f} MB at rest (baseline) → {peak_after:6.1f} MB after: "
          f"+{peak_after - peak:.1f} MB, {peak_after / peak:.2f}× the baseline")


if __name__ == "__main__":
    main()
