"""End-to-end latency of the real PTB Application against the local Bot API stand-in; prints only.

Run as `python bench/bench_pipeline.py` (no asserts; nothing leaves 127.0.0.1; ~8 minutes). The
stand-in and `build_application(Config(base_url=…))` start as in tests/test_telegram.py (one asyncio
loop, polling with poll_interval=0, timeout=1). 2,000 questions (tests/questions.tsv column 1, DECLINE
rows included) come round-robin from 50 users, each in its own private chat (user_id = chat_id), so
every question gets exactly one reply; the n-th reply in a chat belongs to its n-th question. Latency:
time.perf_counter() just before `send_user_message` → the stand-in has accepted the bot's sendMessage
(stamped by the subclass below; the stand-in's own "at" is time.time()). Pace: steady 25/s, under the
bot's smooth_rate_limiter (one message per 1/29 s), with the bot's AiohttpRequest and, as the baseline
in the same process, PTB's default HTTPXRequest; then bursts (all 2,000 at once), with builder variants.
"""

from __future__ import annotations

import asyncio
import math
import os
import platform
import statistics
import time
from collections import Counter, defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

from telegram.constants import ParseMode
from telegram.ext import Application, Defaults

import handlers
from bot.aiohttp_request import AiohttpRequest
from bot.app import build_application, smooth_rate_limiter
from bot.config import Config
from bot.jobs import start_summary_job
from bot.standin import BotApiStandIn
from bot.standin.lifecycle import started
from handlers.services import BotServices, services_of
from handlers.summaries import ChartCache
from handlers.throttle import Throttle
from knowledge.answers import Answerer
from knowledge.render import render_reply
from knowledge.store import open_store

N_QUESTIONS, N_USERS, PACE, TIMEOUT = 2_000, 50, 25.0, 120.0  # PACE: questions/s; TIMEOUT: s after the last
FIRST_USER, TOKEN, BOT = 10_001, "123456:BENCH-token-abcdefghijklmnop", "SzTargetsBot"
QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "questions.tsv"
BUILTIN = "研发投入目标 瞪羚 小巨人 算力要到多少 工业投资进度怎么样了 苏州房价 大家辛苦了 智能工厂目标".split()
perf = time.perf_counter


class TimedStandIn(BotApiStandIn):
    """Adds perf_counter stamps: when getUpdates hands a message out, when a sendMessage arrives/is accepted."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.handed_out: dict[tuple[int, int], float] = {}  # (chat_id, message_id) -> perf_counter
        self.replies: dict[int, list[tuple[float, float]]] = defaultdict(list)  # chat -> [(arrived, accepted)]

    async def api_getUpdates(self, p, files):
        batch, now = await super().api_getUpdates(p, files), perf()
        for msg in (u["message"] for u in batch if "message" in u):
            self.handed_out.setdefault((msg["chat"]["id"], msg["message_id"]), now)
        return batch

    async def api_sendMessage(self, p, files):
        arrived = perf()
        msg = await super().api_sendMessage(p, files)
        self.replies[msg["chat"]["id"]].append((arrived, perf()))
        return msg


class CountingThrottle(Throttle):
    """The bot's per-user throttle (8 questions in 10 s), counting its verdicts."""

    def __init__(self):
        super().__init__()
        self.verdicts: Counter = Counter()

    def check(self, user_id: int) -> str:
        verdict = super().check(user_id)
        self.verdicts[verdict] += 1
        return verdict


class TimedAnswerer(Answerer):
    calls: list[tuple[float, float]] = []  # (start, end) of every answer() call, in call order

    def answer(self, text, **options):  # options: a follow-up's context, as the handler passes it
        start, reply = perf(), super().answer(text, **options)
        self.calls.append((start, perf()))
        return reply


def variant(stand, answerer, *, concurrent: bool | int = False, limiter: bool = True,
            httpx: bool = False) -> Application:
    """build_application's builder with one option changed (comparison rows only; bot/app.py is untouched).

    httpx=True keeps PTB's default HTTPXRequest instead of bot/aiohttp_request.py's AiohttpRequest.
    """
    builder = (Application.builder().token(TOKEN).concurrent_updates(concurrent).base_url(stand.base_url)
               .base_file_url(stand.base_file_url)
               .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=ZoneInfo("Asia/Shanghai"))))
    if not httpx:
        builder = (builder.request(AiohttpRequest(connection_pool_size=256))
                   .get_updates_request(AiohttpRequest(connection_pool_size=1)))
    app = (builder.rate_limiter(smooth_rate_limiter()) if limiter else builder).build()
    app.bot_data = BotServices(answerer=answerer, owner_ids=frozenset(), admin_chat_id=None,
                               confirm_minutes=Config.confirm_minutes,
                               chart_cache=ChartCache(), throttle=Throttle())
    handlers.register(app)
    start_summary_job(app)  # as build_application does
    return app


def pct(samples: list[float], q: float) -> float:
    return sorted(samples)[max(0, math.ceil(q * len(samples)) - 1)]


async def run_bot(questions, answerer, make_app, pace: float | None) -> dict:
    stand = TimedStandIn(token=TOKEN, bot_username=BOT, bot_id=123456)
    await stand.start()
    app = make_app(stand)
    throttle = services_of(app).throttle = CountingThrottle()
    answerer.calls, injected = [], []  # injected: (chat, message_id, perf_counter), in order
    try:
        async with started(app):
            await asyncio.sleep(0.2)  # let the first long poll settle
            start = perf()
            for k, question in enumerate(questions):
                if pace:
                    await asyncio.sleep(max(0.0, start + k / pace - perf()))
                chat, at = FIRST_USER + k % N_USERS, perf()
                injected.append((chat, stand.send_user_message(chat, question, user_id=chat)["message_id"], at))
            deadline = perf() + TIMEOUT
            while (sum(map(len, stand.replies.values())) + throttle.verdicts["drop"] < len(questions)
                   and perf() < deadline):
                await asyncio.sleep(0.05)
    finally:
        await stand.stop()
    seen, rows = defaultdict(int), []
    for chat, message_id, at in injected:  # the n-th question in a chat ↔ the n-th reply there
        n, seen[chat] = seen[chat], seen[chat] + 1
        if n < len(stand.replies[chat]):
            rows.append((chat, message_id, at, *stand.replies[chat][n]))
    total = max((r[4] for r in rows), default=perf()) - start
    # A question the throttle drops gets no reply by design; one it warns about gets the warning.
    warned, dropped = throttle.verdicts["warn"], throttle.verdicts["drop"]
    return {"lat": [(r[4] - r[2]) * 1e3 for r in rows], "lost": len(questions) - len(rows) - dropped,
            "warned": warned, "dropped": dropped, "total": total,
            "rate": len(rows) / total, "rows": rows, "handed": stand.handed_out, "calls": list(answerer.calls)}


def show(label: str, res: dict) -> None:
    lat = res["lat"] or [math.nan]
    print(f"  {label:<48} total {res['total']:5.1f} s {res['rate']:6.1f} answered/s  latency median "
          f"{statistics.median(lat):8.2f} ms  p99 {pct(lat, 0.99):8.2f} ms  lost {res['lost']} [goal 0]"
          + (f"  throttled: {res['warned']} warned, {res['dropped']} dropped" if res["warned"] else ""))


def breakdown(res: dict) -> None:
    """Sequential processing, so the k-th answer() call belongs to the k-th question injected."""
    if len(res["rows"]) != len(res["calls"]):
        return print(f"  (no breakdown: {len(res['rows'])} replies, {len(res['calls'])} answer() calls)")
    names = ("inject → getUpdates hands it out", "→ handler calls answer()", "answer() itself",
             "→ sendMessage reaches the stand-in", "stand-in handles sendMessage")
    stages = [[] for _ in names]
    for (chat, mid, at, arrived, accepted), (a0, a1) in zip(res["rows"], res["calls"]):
        handed = res["handed"][(chat, mid)]
        for stage, s in zip(stages, (handed - at, a0 - handed, a1 - a0, arrived - a1, accepted - arrived)):
            stage.append(s * 1e3)
    for name, ms in zip(names, stages):
        print(f"    {name:<38} median {statistics.median(ms):7.3f} ms  p99 {pct(ms, 0.99):7.3f} ms")


def main() -> None:
    print("Pipeline benchmark —", platform.platform(), f"| {os.cpu_count()} CPUs |",
          platform.python_implementation(), platform.python_version())
    if QUESTIONS.exists():
        lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
        base, where = [ln.split("\t")[0] for ln in lines if ln.strip() and not ln.startswith("#")], QUESTIONS
    else:
        base, where = BUILTIN, "built-in list"
    questions = (base * math.ceil(N_QUESTIONS / len(base)))[:N_QUESTIONS]
    print(f"questions: {len(base)} from {where} (DECLINE rows included), cycled to {len(questions)}; "
          f"{N_USERS} users, one private chat each, round-robin")
    answerer = TimedAnswerer(open_store(":memory:"))

    print("\n1. In-process: render_reply(Answerer.answer(q), html=True), @mention stripped as the handler does")
    texts = [q.replace(f"@{BOT}", " ").strip() for q in questions]
    for text in texts[:200]:  # warm-up
        render_reply(answerer.answer(text), html=True)
    local = []
    for text in texts:
        t0 = perf()
        render_reply(answerer.answer(text), html=True)
        local.append((perf() - t0) * 1e3)
    print(f"  {'answer + render':<44} n={len(local)}  median {statistics.median(local):7.3f} ms  "
          f"p99 {pct(local, 0.99):7.3f} ms")

    print(f"\n2. Bot end to end, steady pace {PACE:.0f} questions/s (one every {1e3 / PACE:.0f} ms)")
    real = lambda stand: build_application(Config(base_url=stand.base_url), answerer, TOKEN)  # noqa: E731
    steady = asyncio.run(run_bot(questions, answerer, real, PACE))
    show("A. build_application (AiohttpRequest)", steady)
    breakdown(steady)
    bot_med, local_med = statistics.median(steady["lat"] or [math.nan]), statistics.median(local)
    print(f"  bot median / in-process median = {bot_med / local_med:.1f}×;  bot adds "
          f"{bot_med - local_med:.2f} ms median over the in-process answer  [goal: < 5 ms]")
    baseline = asyncio.run(run_bot(questions, answerer, lambda s: variant(s, answerer, httpx=True), PACE))
    show("A0. same with PTB's default HTTPXRequest", baseline)
    breakdown(baseline)
    httpx_med = statistics.median(baseline["lat"] or [math.nan])
    print(f"  median latency AiohttpRequest / HTTPXRequest = {bot_med / httpx_med:.2f}×;  with HTTPXRequest "
          f"the bot adds {httpx_med - local_med:.2f} ms")

    print(f"\n3. Bursts: all {len(questions):,} queued at once (throughput; latency here is mostly queueing)")
    for label, make in (("B. build_application (limiter, sequential)", real),
                        ("C. concurrent_updates(True)", lambda s: variant(s, answerer, concurrent=True)),
                        ("D. no rate limiter, sequential", lambda s: variant(s, answerer, limiter=False)),
                        ("E. no rate limiter, concurrent_updates(True)",
                         lambda s: variant(s, answerer, concurrent=True, limiter=False))):
        show(label, asyncio.run(run_bot(questions, answerer, make, None)))
    print("  The per-user throttle (8 questions in 10 s) warns once and drops the rest when a burst is handled\n"
          "  faster than that: 40 questions per user at once exceed it. A throttle warning counts as a reply.\n"
          "  C and E may reorder replies within a chat; in-order matching then misattributes some latency.")


if __name__ == "__main__":
    main()
