"""End-to-end latency benchmark: the real PTB Application against the local Bot API stand-in.

Run as `python bench/bench_pipeline.py` (prints only, no asserts, nothing leaves 127.0.0.1).
The stand-in and `build_application(Config(base_url=…))` are started as in tests/test_telegram.py
(polling, poll_interval=0, timeout=1), all in one asyncio loop. 2,000 questions (tests/questions.tsv
column 1, DECLINE rows included) come from 50 users, each in a private chat (user_id = chat_id),
round-robin, so every question must get exactly one reply; replies are matched to questions in order
per chat. Latency = time.perf_counter() just before `send_user_message` → the moment the stand-in
has accepted the bot's sendMessage (a subclass here timestamps it; bot/standin.py's own "at" is
time.time() at request arrival). Rows: A. steady pace (the latency figure), then bursts (all 2,000
queued at once: throughput), also with builder variants built here (bot/app.py is unchanged).
"""

from __future__ import annotations

import asyncio
import math
import os
import platform
import statistics
import time
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, Defaults

import handlers
from bot.app import build_application, set_command_menus
from bot.config import Config
from bot.standin import BotApiStandIn
from knowledge.answers import Answerer
from knowledge.render import render_reply
from knowledge.store import open_store

N_QUESTIONS, N_USERS, PACE, TIMEOUT = 2_000, 50, 25.0, 120.0  # PACE in questions/s; TIMEOUT after the last one
FIRST_USER, TOKEN, BOT = 10_001, "123456:BENCH-token-abcdefghijklmnop", "SzTargetsBot"
QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "questions.tsv"
BUILTIN = "研发投入目标 瞪羚 小巨人 算力要到多少 工业投资进度怎么样了 苏州房价 大家辛苦了 智能工厂目标".split()
perf = time.perf_counter


class TimedStandIn(BotApiStandIn):
    """The stand-in, plus perf_counter stamps: when getUpdates hands a message out, when sendMessage lands."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.handed_out: dict[tuple[int, int], float] = {}  # (chat_id, message_id) -> perf_counter
        self.replies: dict[int, list[tuple[float, float]]] = defaultdict(list)  # chat -> (arrived, accepted)

    async def api_getUpdates(self, p, files):
        batch, now = await super().api_getUpdates(p, files), perf()
        for update in batch:
            if msg := update.get("message"):
                self.handed_out.setdefault((msg["chat"]["id"], msg["message_id"]), now)
        return batch

    async def api_sendMessage(self, p, files):
        arrived = perf()
        msg = await super().api_sendMessage(p, files)
        self.replies[msg["chat"]["id"]].append((arrived, perf()))
        return msg


class TimedAnswerer(Answerer):
    """Records (start, end) of every answer() call, in call order."""

    calls: list[tuple[float, float]]

    def answer(self, text):
        start = perf()
        reply = super().answer(text)
        self.calls.append((start, perf()))
        return reply


def variant(stand, answerer, *, concurrent: bool | int = False, limiter: bool = True) -> Application:
    """build_application's builder with one option changed, for comparison rows only."""
    builder = (Application.builder().token(TOKEN).concurrent_updates(concurrent)
               .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=ZoneInfo("Asia/Shanghai")))
               .base_url(stand.base_url).base_file_url(stand.base_file_url))
    app = (builder.rate_limiter(AIORateLimiter(max_retries=3)) if limiter else builder).build()
    app.bot_data.update(answerer=answerer, owner_ids=frozenset(), admin_chat_id=None)
    handlers.register(app)
    return app


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


async def run_bot(questions, answerer, make_app, pace: float | None) -> dict:
    stand = TimedStandIn(token=TOKEN, bot_username=BOT, bot_id=123456)
    await stand.start()
    app = make_app(stand)
    await app.initialize()
    await set_command_menus(app)
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    answerer.calls, injected = [], []  # injected: (chat, message_id, perf_counter) in order
    try:
        await asyncio.sleep(0.2)  # let the first long poll settle
        start = perf()
        for k, question in enumerate(questions):
            if pace:
                await asyncio.sleep(max(0.0, start + k / pace - perf()))
            chat, at = FIRST_USER + k % N_USERS, perf()
            injected.append((chat, stand.send_user_message(chat, question, user_id=chat)["message_id"], at))
        deadline = perf() + TIMEOUT
        while sum(map(len, stand.replies.values())) < len(questions) and perf() < deadline:
            await asyncio.sleep(0.05)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await stand.stop()
    seen, rows = defaultdict(int), []
    for chat, message_id, at in injected:  # the n-th question in a chat ↔ the n-th reply there
        n, seen[chat] = seen[chat], seen[chat] + 1
        if n < len(stand.replies[chat]):
            rows.append((chat, message_id, at, *stand.replies[chat][n]))
    answered = [r[4] for r in rows]
    total = (max(answered) if answered else perf()) - start
    return {"lat": [(r[4] - r[2]) * 1e3 for r in rows], "lost": len(questions) - len(rows), "total": total,
            "rate": len(rows) / total, "rows": rows, "handed": stand.handed_out, "calls": list(answerer.calls)}


def show(label: str, res: dict) -> None:
    lat = res["lat"] or [float("nan")]
    print(f"  {label:<46} total {res['total']:6.1f} s  {res['rate']:6.1f} answered/s  latency median "
          f"{statistics.median(lat):8.2f} ms  p99 {pct(lat, 0.99):8.2f} ms  lost {res['lost']} [goal 0]")


def breakdown(res: dict) -> None:
    """Sequential processing: the k-th answer() call belongs to the k-th injected question."""
    rows, calls = res["rows"], res["calls"]
    if len(rows) != len(calls):
        print(f"  (breakdown skipped: {len(rows)} replies, {len(calls)} answer() calls)")
        return
    stages = {"inject → getUpdates hands it out": [], "→ handler calls answer()": [], "answer() itself": [],
              "→ sendMessage reaches stand-in": [], "stand-in handles sendMessage": []}
    for (chat, mid, at, arrived, accepted), (a0, a1) in zip(rows, calls):
        handed = res["handed"][(chat, mid)]
        for key, ms in zip(stages, (handed - at, a0 - handed, a1 - a0, arrived - a1, accepted - arrived)):
            stages[key].append(ms * 1e3)
    for key, ms in stages.items():
        print(f"    {key:<36} median {statistics.median(ms):7.3f} ms  p99 {pct(ms, 0.99):7.3f} ms")


def main() -> None:
    print("Pipeline benchmark —", platform.platform(), f"| {os.cpu_count()} CPUs |",
          platform.python_implementation(), platform.python_version())
    if QUESTIONS.exists():
        lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
        base = [ln.split("\t")[0] for ln in lines if ln.strip() and not ln.startswith("#")]
        print(f"questions: {len(base)} from {QUESTIONS} (DECLINE rows included), cycled to {N_QUESTIONS}")
    else:
        base = BUILTIN
        print(f"questions: {len(base)} built-in, cycled to {N_QUESTIONS}")
    questions = (base * math.ceil(N_QUESTIONS / len(base)))[:N_QUESTIONS]
    answerer = TimedAnswerer(open_store(":memory:"))
    print(f"{N_USERS} users, private chats, round-robin; bot = build_application(Config(base_url=stand-in)).")

    print("\n1. In-process: render_reply(Answerer.answer(q), html=True), @mention stripped as the handler does")
    texts = [q.replace(f"@{BOT}", " ").strip() for q in questions]
    answerer.calls = []
    for text in texts[:200]:
        render_reply(answerer.answer(text), html=True)
    local = []
    for text in texts:
        t0 = perf()
        render_reply(answerer.answer(text), html=True)
        local.append((perf() - t0) * 1e3)
    print(f"  {'answer + render':<46} n={len(local)}  median {statistics.median(local):7.3f} ms  "
          f"p99 {pct(local, 0.99):7.3f} ms")

    print(f"\n2. Bot end to end, steady pace {PACE:.0f} questions/s (one every {1e3 / PACE:.0f} ms)")
    real = lambda stand: build_application(Config(base_url=stand.base_url), answerer, TOKEN)  # noqa: E731
    steady = asyncio.run(run_bot(questions, answerer, real, PACE))
    show("A. real app, steady", steady)
    breakdown(steady)
    med_bot, med_local = statistics.median(steady["lat"] or [math.nan]), statistics.median(local)
    print(f"  bot median / in-process median = {med_bot / med_local:.1f}×;  bot adds "
          f"{med_bot - med_local:.2f} ms median over the in-process answer  [goal: < 5 ms]")

    print("\n3. Bursts: all 2,000 queued at once (throughput; latency here is mostly queueing)")
    rows = (("B. real app (AIORateLimiter, sequential)", real),
            ("C. concurrent_updates(True)", lambda s: variant(s, answerer, concurrent=True)),
            ("D. no rate limiter, sequential", lambda s: variant(s, answerer, limiter=False)),
            ("E. no rate limiter, concurrent_updates(True)",
             lambda s: variant(s, answerer, concurrent=True, limiter=False)))
    for label, make in rows:
        show(label, asyncio.run(run_bot(questions, answerer, make, None)))
    print("  C/E may reorder replies within a chat; the in-order matching then misattributes latency a little.")


if __name__ == "__main__":
    main()
