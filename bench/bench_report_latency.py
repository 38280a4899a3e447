"""Does building a report or a chart hold up answers? Question latency idle, and while /report and /trend
are being built; prints only (no asserts; nothing leaves 127.0.0.1; about two minutes).

The bot runs as `python -m bot run` in its own process, long-polling the local Bot API stand-in that
runs here (so the stand-in and this client never share the bot's event loop or its GIL). Questions
come one at a time, each from a new user in a private chat (the per-user throttle is not what is
measured); latency is time.perf_counter() before the question is injected → the stand-in has accepted
the bot's sendMessage.

    idle             the question alone (rounds spaced as the busy ones are)
    while /report    a group sends /report and, as soon as the bot has fetched it, the question follows —
                     so it arrives while the document is being laid out
    while /trend     the same with /trend 工业投资 (a matplotlib chart)
    drawn on loop    /report again, in a bot whose handlers.reports draws on the event loop instead of in
                     a worker thread: what the bench would show if drawing blocked answering

Each round uses another group, so Telegram's per-group limit (20 a minute) plays no part. The figures
in the knowledge base here are MADE UP (a report with data to lay out) and shown nowhere else.
"""

from __future__ import annotations

import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.standin import BotApiStandIn
from knowledge.store import open_store

ROOT = Path(__file__).resolve().parents[1]
TOKEN, ROUNDS, QUESTION = "123456:BENCH-token-abcdefghijklmnop", 30, "工业投资进度怎么样了"
PRIVATE, GROUP = 5001, -100900  # private chats 5001, 5002, …, groups -100900, -100901, …: one per question
perf = time.perf_counter
MADE_UP = [("industrial_investment", value, "亿元", f"2026年1-{month}月")
           for month, value in [(2, 300), (3, 480), (6, 1000), (9, 1540), (10, 1750)]] + [
    ("new_high_tech_enterprises", 420, "家", "2026年1-10月"), ("rd_intensity", 4.1, "%", "2025年")]
BOT = [sys.executable, "-m", "bot", "run"]
ON_LOOP_BOT = [sys.executable, "-c", """
import sys
import handlers.reports as reports

async def on_the_loop(function, *args):
    return function(*args)

reports.asyncio = type("OnTheLoop", (), {"to_thread": staticmethod(on_the_loop)})
from bot.cli import main
sys.exit(main(["run"]))
"""]


class TimedStandIn(BotApiStandIn):
    """Stamps when the bot fetched a group message and when each private reply was accepted."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fetched = asyncio.Event()
        self.answered: list[float] = []
        self.uploads: list[float] = []

    async def api_getUpdates(self, p, files):
        batch = await super().api_getUpdates(p, files)
        if any(u.get("message", {}).get("chat", {}).get("id", 0) < 0 for u in batch):
            self.fetched.set()
        return batch

    async def api_sendMessage(self, p, files):
        msg = await super().api_sendMessage(p, files)
        if msg["chat"]["id"] >= PRIVATE:
            self.answered.append(perf())
        return msg

    async def api_sendDocument(self, p, files):
        msg = await super().api_sendDocument(p, files)
        self.uploads.append(perf())
        return msg

    async def api_sendPhoto(self, p, files):
        msg = await super().api_sendPhoto(p, files)
        self.uploads.append(perf())
        return msg


async def ask(stand: TimedStandIn, user: int, timeout: float = 10.0) -> float:
    """One question in `user`'s private chat; ms until the stand-in accepted the answer."""
    count = len(stand.answered)
    started = perf()
    stand.send_user_message(user, QUESTION, user_id=user)
    while len(stand.answered) == count:
        if perf() - started > timeout:
            raise TimeoutError(f"no answer to user {user} in {timeout} s")
        await asyncio.sleep(0.0005)
    return (stand.answered[-1] - started) * 1000


async def measure(db_path: Path, busy: str | None, command: list[str] = BOT) -> tuple[list[float], int]:
    """Latencies (ms) of ROUNDS questions; with `busy` each follows that group command. Also how many
    questions were answered before the document or chart they overlapped was uploaded."""
    stand = TimedStandIn(token=TOKEN, bot_username="SzTargetsBot", bot_id=123456)
    await stand.start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": stand.base_url,
           "BOT_DB_PATH": str(db_path), "PYTHONPATH": str(ROOT)}
    process = await asyncio.create_subprocess_exec(*command, env=env, cwd=db_path.parent,
                                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    latencies, first = [], 0
    try:
        await ask(stand, PRIVATE, timeout=60)  # the bot is up; its first answer builds its caches
        for number in range(ROUNDS):
            if busy:
                uploads = len(stand.uploads)
                stand.fetched.clear()
                stand.send_user_message(GROUP - number, busy, user_id=7000 + number, chat_type="supergroup")
                await asyncio.wait_for(stand.fetched.wait(), 20)
            latencies.append(await ask(stand, PRIVATE + 1 + number))
            if not busy:
                await asyncio.sleep(0.5)  # about as long as a busy round lasts
                continue
            first += len(stand.uploads) == uploads
            deadline = perf() + 20
            while len(stand.uploads) == uploads:
                if perf() > deadline:
                    raise TimeoutError(f"no upload for {busy!r} in round {number}")
                await asyncio.sleep(0.002)
            # the bot paces its sends (one per 1/29 s): let the upload's slot pass, or the next answer
            # would wait for it and the bench would measure the pacing, not the drawing
            await asyncio.sleep(0.1)
    finally:
        process.terminate()
        await process.wait()
        await stand.stop()
    return latencies, first


def line(name: str, latencies: list[float], idle: float | None, first: int | None) -> str:
    median = statistics.median(latencies)
    p90 = sorted(latencies)[int(len(latencies) * 0.9) - 1]
    ratio = f"{median / idle:6.2f}× idle" if idle else "    baseline"
    before = f"   answered before the upload: {first}/{len(latencies)}" if first is not None else ""
    return f"{name:<16} median {median:7.1f} ms   p90 {p90:7.1f} ms   {ratio}{before}"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "kb.db"
        store = open_store(db_path)
        with store.transaction():
            source = store.ensure_source("基准测试（虚构数据）")
        for indicator, value, unit, period in MADE_UP:
            store.record_observation({"indicator_id": indicator, "city": "苏州", "period": period,
                                      "year": int(period[:4]), "value": value, "unit": unit, "qualifier": "",
                                      "text": "", "status": "actual", "source_id": source, "note": "",
                                      "quote": ""}, recorded_by="bench")
        store.db.close()
        print(f"bench_report_latency · python {platform.python_version()} · {os.cpu_count()} CPUs · "
              f"{ROUNDS} questions each · bot in its own process")
        idle, _ = asyncio.run(measure(db_path, None))
        idle_median = statistics.median(idle)
        print(line("idle", idle, None, None))
        for name, command, bot in (("while /report", "/report", BOT), ("while /trend", "/trend 工业投资", BOT),
                                   ("drawn on loop", "/report", ON_LOOP_BOT)):
            latencies, first = asyncio.run(measure(db_path, command, bot))
            print(line(name, latencies, idle_median, first))


if __name__ == "__main__":
    main()
