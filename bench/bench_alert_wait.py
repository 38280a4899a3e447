"""A member's wait for an answer while an alert goes out to 1,000 chats: the real application on the stand-in.

Run as `python bench/bench_alert_wait.py` (prints only, no asserts, nothing leaves 127.0.0.1). 900 private
chats and 100 groups turn alerts on (`Store.subscribe(…, kind="alerts")` in a temp SQLite file); the
stand-in enforces Telegram's flood limits (`enforce_limits(30, 20)`), so the round takes ≥ 33 s. A member
in a private chat asks "/ask 工业投资" again and again (each question 1 s after the previous one's answer);
the wait is from the question's update being queued at the stand-in to the stand-in accepting the answer.

Each row is its own application and database, measured in the same process:
- the baseline: the same questions, no round going on (measured in each row before its round);
- "before": the round as it was sent up to issue 20 — every chat's alert gathered at once (the removed
  `asyncio.gather` over all subscriptions, assembled here with the real `deliver()`);
- "after": the round as it is sent now, `handlers.alerts.start_delivery` (in the background, 20 in flight).
The alert's text is made up for the benchmark. The figure to read is the wait during the round divided by
the baseline wait of the same row.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

import telegram
from telegram.constants import ParseMode

import handlers.alerts
from bot.app import build_application
from bot.config import Config
from bot.standin import BotApiStandIn
from bot.standin.lifecycle import started
from handlers.services import services_of
from handlers.summaries import deliver
from knowledge.answers import Answerer
from knowledge.models import ALERTS
from knowledge.store import open_store

N_PRIVATE, N_GROUPS, PER_SECOND, PER_GROUP_PER_MINUTE = 900, 100, 30, 20
CHATS = [20_001 + k for k in range(N_PRIVATE)] + [-1_000_000_000_001 - k for k in range(N_GROUPS)]
# a private chat: a group's answers would fill its own 20-a-minute window after 20 questions
MEMBER_CHAT = MEMBER = 5001
QUESTION, BASELINE_QUESTIONS, PAUSE = "/ask 工业投资", 5, 1.0
TOKEN = "123456:BENCH-token-abcdefghijklmnop"
ALERT = "目标进度提醒\n🟡 工业投资总额：2026年1-10月 1800亿元，暂无数据 → 滞后（基准测试用的虚构数字）"
perf = time.perf_counter


class TimedStandIn(BotApiStandIn):
    """The stand-in, plus a perf_counter stamp for every message it accepted, by chat."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.accepted: dict[int, list[float]] = {}

    async def api_sendMessage(self, p, files):
        msg = await super().api_sendMessage(p, files)
        self.accepted.setdefault(msg["chat"]["id"], []).append(perf())
        return msg


async def round_before(app) -> None:
    """The alert round up to issue 20: every subscription's delivery gathered at once."""
    store = services_of(app).answerer.store

    async def one(subscription):
        pending = store.alerts_after(subscription.last_alert_id)

        async def send(chat_id: int) -> None:
            for alert_id, text in pending:
                await app.bot.send_message(chat_id, html.escape(text, quote=False), parse_mode=ParseMode.HTML)
                store.mark_alert_delivered(chat_id, subscription.thread_id, alert_id)

        await deliver(app, subscription, send)

    await asyncio.gather(*(one(s) for s in store.active_subscriptions(ALERTS)))


async def round_after(app) -> None:
    await handlers.alerts.start_delivery(app)


async def ask(stand: TimedStandIn) -> float:
    """Seconds from the member's question to the stand-in accepting its answer."""
    before = len(stand.accepted.get(MEMBER_CHAT, []))
    asked = perf()
    stand.send_user_message(MEMBER_CHAT, QUESTION, user_id=MEMBER, chat_type="private")
    while len(stand.accepted.get(MEMBER_CHAT, [])) <= before:
        await asyncio.sleep(0.005)
    return stand.accepted[MEMBER_CHAT][before] - asked


def alerted(stand: TimedStandIn) -> int:
    return sum(1 for chat_id in CHATS if chat_id in stand.accepted)


async def measure(db: Path, send_round) -> dict:
    store = open_store(db)
    for chat_id in CHATS:
        store.subscribe(chat_id, "", "Asia/Shanghai", "", kind=ALERTS)
    answerer = Answerer(store)
    stand = TimedStandIn(token=TOKEN, bot_username="SzTargetsBot", bot_id=123456)
    await stand.start()
    stand.enforce_limits(PER_SECOND, PER_GROUP_PER_MINUTE)
    app = build_application(Config(base_url=stand.base_url, summary_check_seconds=3600.0), answerer, TOKEN)
    try:
        async with started(app, menus=False):
            await asyncio.sleep(2.0)  # the jobs' first checks (nothing pending yet) are over
            await ask(stand)  # the first answer loads what answering needs: not part of the baseline
            baseline = [await ask(stand) for _ in range(BASELINE_QUESTIONS)]
            await asyncio.sleep(1.0)  # the per-second window of those answers is over
            store.add_alert(ALERT)
            start = perf()
            sending = asyncio.create_task(send_round(app))
            while alerted(stand) < 100:  # the round is in full swing
                await asyncio.sleep(0.01)
            during = []
            while alerted(stand) < len(CHATS):
                during.append(await ask(stand))
                await asyncio.sleep(PAUSE)
            round_seconds = max(max(stand.accepted[c]) for c in CHATS) - start
            await sending
    finally:
        await stand.stop()
    return {"baseline": baseline, "during": during, "round": round_seconds,
            "delivered": sum(d.ok for d in store.deliveries(kind=ALERTS))}


def show(label: str, res: dict) -> float:
    base = statistics.median(res["baseline"])
    first, worst = res["during"][0], max(res["during"])
    print(f"  {label}")
    print(f"    baseline (no round): median {base * 1e3:.0f} ms over {len(res['baseline'])} questions")
    print(f"    during the round: {len(res['during'])} question(s) answered; the first (asked once 100 chats had "
          f"their alert) waited {first:.2f} s = {first / base:.0f}× baseline; the longest {worst:.2f} s = "
          f"{worst / base:.0f}×; median {statistics.median(res['during']):.2f} s")
    print(f"    round: {res['delivered']:,} of {len(CHATS):,} chats alerted in {res['round']:.1f} s "
          f"(floor {len(CHATS) / PER_SECOND:.1f} s)")
    return worst / base


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print("Alert-round wait benchmark —", platform.platform(), f"| {os.cpu_count()} CPUs | load {load} |",
          platform.python_implementation(), platform.python_version(), f"| python-telegram-bot {telegram.__version__}")
    print(f"{N_PRIVATE} private chats + {N_GROUPS} groups with alerts on; stand-in enforce_limits({PER_SECOND}, "
          f"{PER_GROUP_PER_MINUTE}); a member in a private chat asks {QUESTION!r}, again {PAUSE:.0f} s after each answer.")
    with tempfile.TemporaryDirectory() as tmp:
        before = show("before: every alert gathered at once (the round up to issue 20)",
                      asyncio.run(measure(Path(tmp) / "before.db", round_before)))
        after = show("after: start_delivery (background, 20 in flight)",
                     asyncio.run(measure(Path(tmp) / "after.db", round_after)))
    print(f"  the member's longest wait during a round, against its own baseline: before {before:.0f}×, "
          f"after {after:.0f}×")


if __name__ == "__main__":
    main()
