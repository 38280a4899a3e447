"""Ctrl-C in the console (issue 20): at the [y/N] prompt of `import` and `release`, while `ask` reads
its questions, and at `chat`'s prompt, the operator sees 已取消 — never a traceback — the exit status is
130 (the shell's for SIGINT) whatever the command, and nothing is written. Real `python -m bot` processes get a real SIGINT once they have printed the prompt (or answered
a line): events, not sleeps. Figures here are made up."""

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from knowledge.store import open_store
from tests.test_release_chat import EXAMPLE

PROMPT_WAIT_SECONDS = 60  # a generous bound on a busy machine: the events below end the wait


def started(tmp_path, *args):
    """`python -m bot ARGS` on tmp_path/kb.db, with pipes for stdin, stdout and stderr."""
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "BOT_DB_PATH", "BOT_TODAY")}
    env.update(BOT_DB_PATH=str(tmp_path / "kb.db"), BOT_TODAY="2026-11-29", PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "bot", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=tmp_path)


def read_until(process, text: str) -> str:
    """What the process printed on stdout up to and including `text`; raises when it ends first."""
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    seen = b""
    deadline = time.monotonic() + PROMPT_WAIT_SECONDS
    while text.encode() not in seen:
        if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
            raise TimeoutError(f"no {text!r} on stdout; so far: {seen.decode(errors='replace')!r}")
        chunk = os.read(process.stdout.fileno(), 65536)
        if not chunk:
            raise EOFError(f"the process ended before {text!r}: {seen.decode(errors='replace')!r}, "
                           f"stderr {process.stderr.read().decode(errors='replace')!r}")
        seen += chunk
    return seen.decode()


def interrupted(process) -> tuple[int, str, str]:
    """SIGINT, as Ctrl-C sends it; then the exit status and the rest of stdout and stderr."""
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=PROMPT_WAIT_SECONDS)
    return process.returncode, out.decode(), err.decode()


def changes(tmp_path) -> int:
    store = open_store(tmp_path / "kb.db")
    try:
        return store.db["changes"].count
    finally:
        store.db.conn.close()


@pytest.mark.parametrize("command", ["import", "release"])
def test_ctrl_c_at_the_confirm_prompt_cancels_without_a_traceback_or_a_write(tmp_path, command):
    open_store(tmp_path / "kb.db").db.conn.close()
    if command == "import":
        (tmp_path / "figures.csv").write_text(
            "indicator_id,city,period,value,unit,source_id\n工业投资总额,苏州,1-10月,1980,亿元,article\n", encoding="utf-8")
        process = started(tmp_path, "import", "figures.csv")
    else:
        process = started(tmp_path, "release", str(EXAMPLE))
    read_until(process, "[y/N]")
    status, out, err = interrupted(process)
    assert status == 130  # before: import exited 1, release 130
    assert "已取消" in out + err and "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert changes(tmp_path) == 0


def test_ctrl_c_while_ask_reads_questions_is_cancelled_without_a_traceback(tmp_path):
    process = started(tmp_path, "ask")
    process.stdin.write("研发投入目标\n".encode())
    process.stdin.flush()
    answered = read_until(process, "\n")  # one JSON line per question: it now waits for the next one
    assert json.loads(answered.splitlines()[-1])["decision"]
    status, out, err = interrupted(process)
    assert status == 130
    assert "已取消" in err and "Traceback" not in err and "KeyboardInterrupt" not in err, err


def test_ctrl_c_at_the_chat_prompt_is_cancelled_like_every_command(tmp_path):
    """Before: `chat` exited 0 on Ctrl-C without a word."""
    process = started(tmp_path, "chat")
    read_until(process, "问> ")
    process.stdin.write("研发投入目标\n".encode())
    process.stdin.flush()
    assert "研发" in read_until(process, "\n问> ")  # answered: waiting for the next question
    status, out, err = interrupted(process)
    assert status == 130
    assert "已取消" in err and "Traceback" not in err and "KeyboardInterrupt" not in err, err
