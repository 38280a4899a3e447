"""Broadcast benchmark: 1,000 daily summaries due at once, the real application against the stand-in.

Run as `python bench/bench_broadcast.py [--timeout S] [--skip-variants]` (prints only, no asserts, nothing
leaves 127.0.0.1). 900 private chats (positive ids) and 100 groups (negative ids) are subscribed directly
with `Store.subscribe(…, "09:00", "Asia/Shanghai", due_from=today)` in a temp SQLite file, after three
observations are recorded so that every summary is one photo with caption. The stand-in enforces
Telegram's documented flood limits (`enforce_limits(30, 20)`: 30 sends in any 1-s window, 20 per group
in any 60-s window, else 429 + retry_after). The application is `build_application(Config(base_url=…,
summary_check_seconds=1.0))` on a clock set to 09:00 Asia/Shanghai (as tests/test_subscriptions.py), started
with polling like the tests; its repeating job delivers the summaries. Wall time runs from
`app.start()` (the job's first check is 0.5 s later) to the moment the stand-in accepted the last
chat's summary (a subclass timestamps accepted sends with time.perf_counter).
Rendering is measured first, in-process, so the reader can tell whether the flood limits or drawing
the chart bound the run. Rows B-D are what-if variants assembled here only (bot/ and handlers/ are
unchanged): concurrent delivery with the real `deliver()`, and AIORateLimiter settings.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import os
import platform
import statistics
import tempfile
import time
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import matplotlib
import telegram
from telegram.ext import AIORateLimiter

import bot.app
import bot.jobs
import handlers.summaries
from bot.app import build_application
from bot.config import Config
from bot.standin import BotApiStandIn
from bot.standin.lifecycle import started
from handlers.services import services_of
from knowledge.answers import Answerer
from knowledge.charts import render_chart
from knowledge.schedule import is_due
from knowledge.store import open_store
from handlers.summaries import summary_messages
from knowledge.summaries import build_summary

N_PRIVATE, N_GROUPS = 900, 100
PER_SECOND, PER_GROUP_PER_MINUTE = 30, 20
CHECK_SECONDS, RENDER_CALLS, DEFAULT_TIMEOUT = 1.0, 20, 180.0
TOKEN = "123456:BENCH-token-abcdefghijklmnop"
SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = (2026, 7, 2)  # the observations below are for 2026, so "today" is a fixed 2026 date (as the tests)
PRIVATE_IDS = [20_001 + k for k in range(N_PRIVATE)]
GROUP_IDS = [-1_000_000_000_001 - k for k in range(N_GROUPS)]  # supergroup-like negative ids
OBSERVATIONS = (("industrial_investment", 1000, "亿元", "2026年1-6月"),
                ("new_high_tech_enterprises", 300, "家", "2026年1-6月"),
                ("rd_intensity", 4.1, "%", "2026年"))
perf = time.perf_counter


class Clock:
    """A settable Asia/Shanghai wall clock (as tests/test_subscriptions.py)."""

    def __init__(self, *args):
        self.moment = datetime(*args, tzinfo=SHANGHAI)

    def __call__(self):
        return self.moment


class TimedStandIn(BotApiStandIn):
    """The stand-in, plus a perf_counter stamp for every send it accepted (429s raise before this)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.accepted: dict[int, list[float]] = defaultdict(list)  # chat_id -> perf_counter per message

    async def api_sendPhoto(self, p, files):
        msg = await super().api_sendPhoto(p, files)
        self.accepted[msg["chat"]["id"]].append(perf())
        return msg

    async def api_sendMessage(self, p, files):
        msg = await super().api_sendMessage(p, files)
        self.accepted[msg["chat"]["id"]].append(perf())
        return msg


class LogCounter(logging.Handler):
    """Counts log records by (level, logger, message template) instead of printing them."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.counts: Counter = Counter()

    def emit(self, record):
        self.counts[(record.levelname, record.name, str(record.msg)[:60])] += 1


def record(store, indicator_id, value, unit, period):
    """As tests/test_answers.py's `record`: an actual 2026 figure for 苏州."""
    store.record_observation(
        {"indicator_id": indicator_id, "city": "苏州", "period": period, "year": 2026, "value": value,
         "unit": unit, "qualifier": "", "text": "", "status": "actual", "source_id": "plan2026",
         "note": "", "quote": ""},
        recorded_by="bench",
    )


def make_store(path: Path) -> tuple[Answerer, float]:
    """Observations, then 1,000 subscriptions due today at 09:00; (answerer, seconds to subscribe)."""
    store = open_store(path)
    for indicator_id, value, unit, period in OBSERVATIONS:
        record(store, indicator_id, value, unit, period)
    answerer = Answerer(store, clock=Clock(*TODAY, 9, 0))
    today = answerer.now("Asia/Shanghai").date().isoformat()
    start = perf()
    for chat_id in PRIVATE_IDS + GROUP_IDS:
        store.subscribe(chat_id, "09:00", "Asia/Shanghai", today, user_id=7,
                        chat_title="" if chat_id > 0 else f"群{-chat_id % 1000}")
    return answerer, perf() - start


def floor_seconds(per_chat: int) -> tuple[float, float, float]:
    """(overall floor, per-group floor, floor) in seconds for `per_chat` messages to each chat.

    Overall: every send counts against 30 per 1-s window, so M = per_chat × 1,000 messages need at least
    M / 30 s (strictly, the n-th send (0-based) can land no earlier than floor(n/30) s after the first,
    i.e. (M-1)//30 s = 33 s for M = 1,000; M/30 = 33.3 s is the steady-rate form, used here).
    Per group: g = per_chat messages per group and 20 per 60-s window; the first 20 go at once and each
    further batch of 20 waits a whole minute, so (ceil(g/20) - 1) minutes; 0 when g <= 20. (A plain
    ceil(g/20) minutes would count the first window as if it had to elapse; it need not.) Groups are sent in
    parallel and their messages are already inside M, so the floor is the max of the two constraints.
    """
    messages = per_chat * (N_PRIVATE + N_GROUPS)
    overall = messages / PER_SECOND
    per_group = (math.ceil(per_chat / PER_GROUP_PER_MINUTE) - 1) * 60.0
    return overall, per_group, max(overall, per_group)


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def rendering(answerer: Answerer) -> tuple[float, float, int]:
    """Time render_chart(build_summary(answerer)): cold first call, then RENDER_CALLS warm ones."""
    print(f"\n1. CHART RENDERING in-process (knowledge.charts.render_chart, matplotlib {matplotlib.__version__})")
    summary = build_summary(answerer)
    caption, texts = summary_messages(summary)
    t0 = perf()
    png = render_chart(summary)
    cold = perf() - t0
    build, draw = [], []
    for _ in range(RENDER_CALLS):
        t0 = perf()
        summary = build_summary(answerer)
        t1 = perf()
        render_chart(summary)
        build.append(t1 - t0)
        draw.append(perf() - t1)
    per_chat = (1 if png is not None else 0) + len(texts)
    kind = "photo with caption" if caption is not None else ("photo + text" if png else "text only")
    print(f"  summary: {kind}, caption {len(caption or '')} chars, {len(texts)} extra texts → {per_chat} "
          f"message(s) per chat expected; PNG {len(png or b'') / 1024:.0f} KiB")
    print(f"  first render_chart (font registration, imports)  {cold * 1e3:8.0f} ms")
    print(f"  render_chart, {RENDER_CALLS} warm calls{'':<20}median {statistics.median(draw) * 1e3:6.0f} ms"
          f"  max {max(draw) * 1e3:6.0f} ms")
    print(f"  build_summary, {RENDER_CALLS} calls{'':<24}median {statistics.median(build) * 1e3:6.1f} ms")
    n = N_PRIVATE + N_GROUPS
    overall, _, floor = floor_seconds(per_chat)
    drawn_each = n * (statistics.median(draw) + statistics.median(build))
    print(f"  → drawing one chart per chat would take ≥ {drawn_each:5.0f} s of CPU for {n:,} chats, "
          f"vs the flood-limit floor {floor:.1f} s: {'RENDERING' if drawn_each > floor else 'the FLOOR'} "
          f"would bound the run; once per round it costs {statistics.median(draw):.2f} s")
    return statistics.median(draw), statistics.median(build), per_chat


def with_limiter(**kwargs):
    """A stand-in for bot.app.AIORateLimiter so build_application builds with other limiter settings."""
    return lambda max_retries=0: AIORateLimiter(max_retries=max_retries, **kwargs)


def concurrent_deliver_due(limit: int):
    """deliver_due with up to `limit` real `deliver()` calls in flight instead of one after another."""
    async def deliver_due(context) -> None:
        app = context.application
        lock = services_of(app).delivery_lock
        if lock.locked():
            return
        async with lock:
            answerer = services_of(app).answerer
            due = [s for s in answerer.store.active_subscriptions() if is_due(s, answerer)]
            gate = asyncio.Semaphore(limit)

            async def one(subscription):
                async with gate:
                    await handlers.summaries.deliver(app, subscription)

            await asyncio.gather(*(one(s) for s in due))
    return deliver_due


async def loop_lag(samples: list[float], period: float = 0.01) -> None:
    """How late a 10-ms sleep wakes up: the event loop's stalls (a user's message waits as long)."""
    while True:
        t0 = perf()
        await asyncio.sleep(period)
        samples.append(perf() - t0 - period)


async def broadcast(answerer: Answerer, timeout: float, *, limiter=None, deliver_due=None) -> dict:
    """Start the real application on the stand-in and wait until every chat has its summary."""
    stand = TimedStandIn(token=TOKEN, bot_username="SzTargetsBot", bot_id=123456)
    await stand.start()
    stand.enforce_limits(PER_SECOND, PER_GROUP_PER_MINUTE)
    renders: list[float] = []
    real_render = handlers.summaries.render_chart

    def timed_render(*args, **kwargs):
        t0 = perf()
        try:
            return real_render(*args, **kwargs)
        finally:
            renders.append(perf() - t0)

    saved = (bot.app.AIORateLimiter, bot.jobs.deliver_due)
    handlers.summaries.render_chart = timed_render
    bot.app.AIORateLimiter = limiter or saved[0]
    bot.jobs.deliver_due = deliver_due or saved[1]
    try:
        app = build_application(Config(base_url=stand.base_url, summary_check_seconds=CHECK_SECONDS),
                                answerer, TOKEN)
    finally:
        bot.app.AIORateLimiter, bot.jobs.deliver_due = saved
    chats = set(PRIVATE_IDS + GROUP_IDS)
    lags: list[float] = []
    timed_out = False
    start = perf()  # the round starts with app.start (the summary job); getMe before it takes a few ms
    try:
        async with started(app, menus=False):
            ticker = asyncio.create_task(loop_lag(lags))
            try:
                deadline = start + timeout
                while True:
                    if len(chats & stand.accepted.keys()) == len(chats):
                        if sum(d.ok for d in answerer.store.deliveries()) >= len(chats):
                            break
                    if perf() > deadline:
                        timed_out = True
                        break
                    await asyncio.sleep(0.1)
                stopped = perf()
            finally:
                ticker.cancel()
                if timed_out:  # stop the round still sending, else app.stop() waits for it
                    for future in list(getattr(app.job_queue._executor, "_pending_futures", ())):
                        future.cancel()
    finally:
        handlers.summaries.render_chart = real_render
    deliveries = answerer.store.deliveries()
    sent = stand.sent_messages()
    await stand.stop()
    delivered = {d.chat_id for d in deliveries if d.ok}
    done_at = [max(stamps) for chat, stamps in stand.accepted.items() if chat in chats]
    sends = sorted(t for chat, stamps in stand.accepted.items() if chat in chats for t in stamps)
    photo_calls = [r for r in stand.requests if r["method"].lower() == "sendphoto"]
    return {
        "total": (max(done_at) if not timed_out and done_at else stopped) - start,
        "first": (sends[0] - start) if sends else math.nan,
        "window": (sends[-1] - sends[0]) if sends else math.nan,
        "timed_out": timed_out, "sends": sends, "start": start,
        "lost": len(chats - delivered), "failed": [d for d in deliveries if not d.ok],
        "refusals": stand.limit_refusals,
        "per_chat": Counter(Counter(m["chat"]["id"] for m in sent if m["chat"]["id"] in chats).values()),
        "photos_with_caption": sum(1 for m in sent if "photo" in m and m.get("caption")),
        "uploads": sum(1 for r in photo_calls if r["status"] == 200 and isinstance(r["params"].get("photo"), dict)),
        "by_file_id": sum(1 for r in photo_calls if r["status"] == 200 and isinstance(r["params"].get("photo"), str)),
        "status": Counter((r["method"], r["status"]) for r in stand.requests
                          if r["method"].lower().startswith("send")),
        "renders": renders, "lags": lags,
    }


def report(label: str, res: dict, per_chat: int, render_s: float) -> None:
    _, _, floor = floor_seconds(per_chat)
    n = N_PRIVATE + N_GROUPS
    sent = len(res["sends"])
    state = f"TIMED OUT after {res['total']:.0f} s" if res["timed_out"] else f"total {res['total']:6.1f} s"
    print(f"  {label}")
    ratio = ("> " if res["timed_out"] else "") + f"{res['total'] / floor:.2f}×"
    lost = "not delivered by the timeout" if res["timed_out"] else "summaries lost"
    print(f"    {state}   floor {floor:.1f} s   total/floor {ratio}  [goal ≤ 1.2×]")
    print(f"    {lost} {res['lost']} [goal 0]   429s answered {res['refusals']}   failed deliveries "
          f"{len(res['failed'])}" + (f" ({Counter(d.error.split(':')[0] for d in res['failed'])})"
                                     if res["failed"] else ""))
    print(f"    first send at {res['first']:.2f} s, first→last send {res['window']:.1f} s = "
          f"{(sent - 1) / res['window'] if sent > 1 else math.nan:.1f} sends/s (limit {PER_SECOND})")
    if sent > PER_SECOND:
        burst = min(res["sends"][i + PER_SECOND - 1] - res["sends"][i] for i in range(sent - PER_SECOND + 1))
        print(f"    fastest {PER_SECOND} consecutive sends: {burst * 1e3:.0f} ms (a 1-s window holds {PER_SECOND}); "
              f"slowest gap {max(b - a for a, b in zip(res['sends'], res['sends'][1:])):.2f} s")
    if res["timed_out"] and sent:
        rate = sent / (res["sends"][-1] - res["sends"][0] or 1)
        print(f"    {sent:,} of {n * per_chat:,} messages accepted; at that rate all would take "
              f"≈ {n * per_chat / rate + res['first']:.0f} s")
    dist = ", ".join(f"{k} msg: {v} chats" for k, v in sorted(res["per_chat"].items()))
    print(f"    messages per chat: {dist or 'none'}; photos with caption {res['photos_with_caption']}; "
          f"chart uploads {res['uploads']}, re-sent by file_id {res['by_file_id']}")
    renders = res["renders"]
    print(f"    render_chart during the run: {len(renders)} call(s), {sum(renders):.2f} s "
          f"({100 * sum(renders) / res['total']:.1f}% of the run; a per-chat render would be ≈ "
          f"{n * render_s:.0f} s)")
    lags = res["lags"] or [0.0]
    print(f"    event-loop stalls (10-ms ticker): p99 {pct(lags, 0.99) * 1e3:.0f} ms, max {max(lags) * 1e3:.0f} ms")
    buckets = Counter(int((t - res["start"]) // 5) for t in res["sends"])
    if buckets:
        print("    accepted sends per 5 s: " + " ".join(str(buckets.get(b, 0)) for b in range(max(buckets) + 1)))
    print("    send* answers: " + ", ".join(f"{m} {s}: {c}" for (m, s), c in sorted(res["status"].items())))


def log_summary(counter: LogCounter) -> None:
    notable = [(k, v) for k, v in counter.counts.items() if k[0] != "INFO" or "Rate limit" in k[2]]
    if notable:
        for (level, name, msg), count in sorted(notable, key=lambda kv: -kv[1])[:6]:
            print(f"    log {level} {name}: {msg!r} ×{count}")
    counter.counts.clear()


def run(label: str, tmp: Path, timeout: float, per_chat: int, render_s: float, counter: LogCounter,
        **variant) -> dict:
    answerer, subscribe_s = make_store(tmp / f"{label[0]}.db")
    due = sum(is_due(s, answerer) for s in answerer.store.active_subscriptions())
    print(f"\n  ({len(answerer.store.active_subscriptions()):,} subscriptions, {due:,} due at 09:00, "
          f"subscribed in {subscribe_s:.1f} s)")
    res = asyncio.run(broadcast(answerer, timeout, **variant))
    report(label, res, per_chat, render_s)
    log_summary(counter)
    return res


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per run (180)")
    parser.add_argument("--skip-variants", action="store_true", help="only the real application (row A)")
    args = parser.parse_args()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print("Broadcast benchmark —", platform.platform(), f"| {os.cpu_count()} CPUs | load {load} |",
          platform.python_implementation(), platform.python_version(),
          f"| python-telegram-bot {telegram.__version__}")
    print(f"{N_PRIVATE} private chats + {N_GROUPS} groups subscribed for 09:00 Asia/Shanghai, clock at "
          f"{datetime(*TODAY, 9, 0):%Y-%m-%d %H:%M}; stand-in enforce_limits({PER_SECOND}, {PER_GROUP_PER_MINUTE}); "
          f"summary check every {CHECK_SECONDS:.0f} s; timeout {args.timeout:.0f} s per run.")
    counter = LogCounter()
    logging.getLogger().addHandler(counter)
    logging.getLogger().setLevel(logging.INFO)
    logging.getLogger("httpx").setLevel(logging.WARNING)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        answerer, _ = make_store(tmp / "render.db")
        render_s, build_s, per_chat = rendering(answerer)
        overall, per_group, floor = floor_seconds(per_chat)
        messages = per_chat * (N_PRIVATE + N_GROUPS)
        print(f"\n   floor: {messages:,} messages / {PER_SECOND} per s = {overall:.1f} s; per group "
              f"{per_chat} message(s), (ceil({per_chat}/{PER_GROUP_PER_MINUTE}) - 1) min = {per_group:.0f} s "
              f"→ floor = max = {floor:.1f} s; goal total ≤ {1.2 * floor:.1f} s")

        print("\n2. BROADCAST with the real application (build_application: AIORateLimiter(max_retries=3), "
              "deliver_due: a private chat, then 20 deliveries in flight)")
        run("A. real application", tmp, args.timeout, per_chat, render_s, counter)
        if args.skip_variants:
            return
        print("\n3. WHAT-IF variants, assembled here (the repository's code is unchanged)")
        run("B. concurrent deliver(): 30 in flight, same AIORateLimiter", tmp, args.timeout, per_chat, render_s,
            counter, deliver_due=concurrent_deliver_due(30))
        run("C. sequential, AIORateLimiter(overall 1 per 1/29 s: no burst)", tmp, args.timeout, per_chat,
            render_s, counter, limiter=with_limiter(overall_max_rate=1, overall_time_period=1 / 29))
        run("D. concurrent (30) + AIORateLimiter(1 per 1/29 s)", tmp, args.timeout, per_chat, render_s,
            counter, deliver_due=concurrent_deliver_due(30),
            limiter=with_limiter(overall_max_rate=1, overall_time_period=1 / 29))


if __name__ == "__main__":
    main()
