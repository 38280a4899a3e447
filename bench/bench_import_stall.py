"""How long does a 30,000-row import hold the event loop? The longest stall while it is previewed,
applied (确认), while /undo previews it (a dry run of the whole undo) and while the undo is applied
(确认), while all the time a member asks a question the bot declines (logged for /unanswered) and a
daily summary is delivered (and recorded) to a private chat, one of each every 0.3 s: the event loop's
small writes during the big ones. Prints only (no asserts; nothing leaves 127.0.0.1; about two minutes).

The real Application polls the local Bot API stand-in in this process, on a fresh database file. A
ticker coroutine sleeps 1 ms at a time and records the longest gap between its wake-ups beyond that
sleep: the longest time anything held the loop. Also shown: the longest full (generation 2) collection
of Python's cyclic garbage collector in the step, which holds every thread, whichever triggered it.

Three columns of figures, in one run: the bot idle (the baseline: what the machine's load alone costs),
the bot as it is (the work in worker threads, knowledge.store.in_worker_thread, and the loop's small
writes deferred until it is done, KnowledgeBase.write_when_free), the same with the small writes made at
once on the loop (how it was before write_when_free: they wait on SQLite's busy timeout there), and the
same bot with the big work run on the event loop instead (how it was before; its import preview is then all on the loop, where before only the
snapshot the preview is checked against was read there). The figures imported are MADE UP
(one 瞪羚企业 count for each of 30,000 cities named 城市N).

    .venv/bin/python bench/bench_import_stall.py [--rows N]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import knowledge.store.workers as workers  # noqa: E402
from bot.app import tune_garbage_collection  # noqa: E402
from handlers.summaries import deliver  # noqa: E402
from knowledge.answers import Answerer  # noqa: E402
from knowledge.knowledge_base import KnowledgeBase  # noqa: E402
from knowledge.store import open_store  # noqa: E402
from tests.conftest import fixed_clock  # noqa: E402
from tests.group_chat import button  # noqa: E402
from tests.harness import application, standin  # noqa: E402

GROUP, OWNER, MEMBER, READER = -100700, 42, 9001, 9002
HEADER = "indicator_id,city,period,year,value,unit,qualifier,text,status,source_id,note,quote"
TICK = 0.001
perf = time.perf_counter


class Ticker:
    """The longest gap (s) between wake-ups of a coroutine that sleeps TICK at a time, and the longest full
    garbage collection (s), since `reset()`."""

    def __init__(self):
        self.longest = self.longest_collection = 0.0
        self._task: asyncio.Task | None = None
        self._collecting: float | None = None

    async def _run(self) -> None:
        while True:
            started = perf()
            await asyncio.sleep(TICK)
            self.longest = max(self.longest, perf() - started - TICK)

    def _on_collection(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._collecting = perf()
        elif self._collecting is not None:
            self.longest_collection = max(self.longest_collection, perf() - self._collecting)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())
        gc.callbacks.append(self._on_collection)

    def reset(self) -> None:
        self.longest = self.longest_collection = 0.0

    def figures(self, started: float) -> tuple[float, float, float]:
        """(longest stall, longest full collection, wall time since `started`), in seconds."""
        return self.longest, self.longest_collection, perf() - started

    async def stop(self) -> None:
        self._task.cancel()
        gc.callbacks.remove(self._on_collection)


class OnTheLoop:
    """Stands in for asyncio in knowledge.store.workers: `to_thread` runs the work at once, on the loop."""

    @staticmethod
    async def to_thread(function, *args):
        return function(*args)


async def not_deferred(self, write, *args, **kwargs):
    """Stands in for KnowledgeBase.write_when_free: the write at once, on the loop (as before it)."""
    return write(*args, **kwargs)


async def small_writes(app, stand, answerer: Answerer) -> None:
    """Until cancelled, every 0.3 s: a question the bot declines (and logs), and a daily summary
    delivered to a private chat (and recorded)."""
    daily = answerer.store.subscribe(READER, "09:00", "Asia/Shanghai", "2026-07-02", OWNER)
    while True:
        stand.send_user_message(MEMBER, "明天会下雨吗", user_id=MEMBER)
        await deliver(app, daily)
        await asyncio.sleep(0.3)


def made_up_csv(rows: int) -> bytes:
    lines = [HEADER] + [f"gazelle_firms,城市{n},2026年5月,2026,{n % 900},家,,,actual,plan2026,,"
                        for n in range(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


async def until(stand, message_id: int, marker: str, timeout: float = 300) -> dict:
    """The group message `message_id` once its text holds `marker`."""
    deadline = perf() + timeout
    while perf() < deadline:
        current = next(m for m in stand.sent_messages(GROUP) if m["message_id"] == message_id)
        if marker in current["text"]:
            return current
        await asyncio.sleep(0.01)
    raise TimeoutError(f"no “{marker}” in message {message_id}")


async def next_message(stand, before: int, marker: str, timeout: float = 300) -> dict:
    """The first group message after the first `before` whose text holds `marker`."""
    deadline = perf() + timeout
    while perf() < deadline:
        for message in stand.sent_messages(GROUP)[before:]:
            if marker in (message.get("text") or ""):
                return message
        await asyncio.sleep(0.01)
    raise TimeoutError(f"no message with “{marker}”")


async def press_and_wait(stand, message: dict, marker: str, ticker: Ticker) -> tuple[float, float, float]:
    """Press 确认 under `message`; Ticker.figures until its text holds `marker`."""
    ticker.reset()
    started = perf()
    stand.send_callback_query(GROUP, message["message_id"], button(message, "确认")["callback_data"], user_id=OWNER)
    await until(stand, message["message_id"], marker)
    return ticker.figures(started)


async def measure(rows: int, folder: Path, on_loop: bool, deferred: bool) -> dict[str, tuple[float, float, float]]:
    """{step: Ticker.figures} for one import and its undo; `on_loop`: the work on the event loop;
    `deferred`: the loop's small writes wait for it (write_when_free), else they are made at once."""
    workers.asyncio = OnTheLoop if on_loop else asyncio
    write_when_free = KnowledgeBase.write_when_free
    if not deferred:
        KnowledgeBase.write_when_free = not_deferred
    answerer = Answerer(open_store(folder / "kb.db"), clock=fixed_clock(2026, 7, 2, 12))
    figures = {}
    async with standin(admins={GROUP: [OWNER]}) as stand, \
            application(stand, answerer, admin_ids=frozenset({OWNER})) as app:
        tune_garbage_collection()  # as `python -m bot run` does
        ticker = Ticker()
        ticker.start()
        started = perf()
        await asyncio.sleep(2)
        figures["idle"] = ticker.figures(started)
        probes = asyncio.create_task(small_writes(app, stand, answerer))

        ticker.reset()
        started, before = perf(), len(stand.sent_messages(GROUP))
        stand.send_document(GROUP, "big.csv", made_up_csv(rows), caption="/import", user_id=OWNER,
                            chat_type="supergroup")
        preview = await next_message(stand, before, "导入预览")
        figures["import preview"] = ticker.figures(started)

        figures["import apply (确认)"] = await press_and_wait(stand, preview, "已导入", ticker)

        ticker.reset()
        started, before = perf(), len(stand.sent_messages(GROUP))
        stand.send_user_message(GROUP, "/undo", user_id=OWNER, chat_type="supergroup")
        undo_preview = await next_message(stand, before, "确认撤销")
        figures["undo preview (dry run)"] = ticker.figures(started)

        figures["undo apply (确认)"] = await press_and_wait(stand, undo_preview, "已撤销", ticker)
        probes.cancel()
        await ticker.stop()
    workers.asyncio = asyncio
    KnowledgeBase.write_when_free = write_when_free
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    rows = parser.parse_args().rows
    runs = {}
    for name, on_loop, deferred in (("worker threads (now)", False, True),
                                    ("small writes not deferred", False, False),
                                    ("on the loop (before)", True, True)):
        with tempfile.TemporaryDirectory() as folder:
            runs[name] = asyncio.run(measure(rows, Path(folder), on_loop, deferred))
    print(f"{rows} made-up rows; Python {platform.python_version()} on {platform.machine()}; "
          "longest event-loop stall (longest full garbage collection), wall time")
    print(f"{'step':<26}" + "".join(f"{name:>32}" for name in runs))
    for step in runs["worker threads (now)"]:
        cells = [f"{stall * 1000:.0f} ms ({collection * 1000:.0f} ms), {wall:.1f} s"
                 for stall, collection, wall in (figures[step] for figures in runs.values())]
        print(f"{step:<26}" + "".join(f"{cell:>32}" for cell in cells))


if __name__ == "__main__":
    main()
