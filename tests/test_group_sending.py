"""Sending to a group at Telegram's rate — 20 messages in any minute — without drawing a 429, and a
demo that waits for a reply queued behind that limit instead of calling it lost.

Minutes are shortened for the tests: the stand-in's clock runs 6 times faster (its 60-s window is
10 s), and the bot's group window is set to the same 10 s: far longer than the bot takes to send a
burst of 20 (0.7 s at 29 a second), even on a busy machine.
"""

import asyncio
import time
from collections import Counter

import bot.demo
from bot.app import SlidingWindowLimiter
from knowledge.answers import Answerer
from knowledge.store import open_store
from tests.conftest import fixed_clock
from tests.harness import application, standin

GROUP = -100700
SPEED = 6.0  # stand-in seconds per real second
WINDOW = 60.0 / SPEED


def test_sliding_window_allows_a_full_burst_then_one_as_each_leaves():
    async def body():
        now = [0.0]
        limiter = SlidingWindowLimiter(3, 60.0, clock=lambda: now[0])
        started = []

        async def send(number):
            async with limiter:
                started.append((number, now[0]))

        tasks = [asyncio.create_task(send(n)) for n in range(5)]
        await asyncio.sleep(0.01)
        assert [n for n, _ in started] == [0, 1, 2]  # the burst: the whole window's worth at once
        now[0] = 59.0
        await asyncio.sleep(0.1)
        assert len(started) == 3
        now[0] = 60.0  # the first three leave the window together
        await asyncio.gather(*tasks)
        assert [n for n, _ in started] == [0, 1, 2, 3, 4] and started[3][1] == 60.0

    asyncio.run(asyncio.wait_for(body(), 180))


def test_a_group_gets_twenty_messages_a_minute_and_no_429():
    async def body():
        answerer = Answerer(open_store(":memory:"), clock=fixed_clock(2026, 7, 2, 12))
        async with standin() as stand, application(stand, answerer) as app:
            start = time.monotonic()
            stand.clock = lambda: (time.monotonic() - start) * SPEED
            stand.enforce_limits(per_second=None, per_group_per_minute=20)
            app.bot.rate_limiter._group_time_period = WINDOW  # PTB's AIORateLimiter setting, read per new group
            accepted = []
            original = stand.api_sendMessage

            async def timed(p, files):
                accepted.append(stand.clock())
                return await original(p, files)

            stand.api_sendMessage = timed
            stand._methods["sendmessage"] = ("sendMessage", timed)
            await asyncio.gather(*(app.bot.send_message(GROUP, f"第{n}条") for n in range(45)))
            assert stand.limit_refusals == 0
            per_minute = Counter(int((t - accepted[0]) // 60) for t in accepted)
            assert per_minute[0] == 20 and per_minute[1] == 20 and per_minute[2] == 5

    asyncio.run(asyncio.wait_for(body(), 240))


def test_the_demo_waits_for_a_reply_queued_behind_the_group_limit(monkeypatch, capsys):
    async def body():
        answerer = Answerer(open_store(":memory:"), clock=fixed_clock(2026, 7, 2, 12))
        async with standin() as stand, application(stand, answerer) as app:
            app.bot.rate_limiter._group_time_period = WINDOW
            for user in range(20):  # twenty members' questions fill the group's window
                stand.send_user_message(bot.demo.GROUP, "/ask 瞪羚", user_id=5000 + user, chat_type="supergroup")
            await stand.wait_for_sent(bot.demo.GROUP, count=20)
            session = bot.demo.Demo(stand, app)
            session.printer.catch_up()
            capsys.readouterr()
            monkeypatch.setattr(bot.demo, "WAIT_SECONDS", 0.3)
            await session.play("/ask 高企目标")

    asyncio.run(asyncio.wait_for(body(), 120))
    printed = capsys.readouterr().out
    assert "新增高新技术企业" in printed and "机器人没有回应" not in printed
    assert "回复排队中" in printed


def test_a_group_with_a_full_window_delays_only_its_own_daily_summary(tmp_path):
    from tests.test_subscriptions import Clock, wait_until

    async def body():
        busy, quiet = -100902, -100901  # the busy group comes first in the job's order (by chat id)
        clock = Clock(2026, 7, 2, 8, 0)
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=clock)
        for chat in (busy, quiet):
            answerer.store.subscribe(chat, "09:00", "Asia/Shanghai", "2026-07-02")
        async with standin() as stand, application(stand, answerer, summary_check_seconds=0.1) as app:
            app.bot.rate_limiter._group_time_period = 10.0  # a shortened minute
            await asyncio.gather(*(app.bot.send_message(busy, f"第{n}条") for n in range(20)))
            clock.set(2026, 7, 2, 9, 0)
            await wait_until(lambda: answerer.store.deliveries(quiet))
            assert answerer.store.deliveries(busy) == []  # still waiting for its window
            await wait_until(lambda: answerer.store.deliveries(busy))
            assert [d.ok for d in answerer.store.deliveries()] == [True, True]

    asyncio.run(asyncio.wait_for(body(), 180))
