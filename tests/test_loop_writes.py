"""While a big write holds the database in a worker thread (an import of 30,000 rows, its undo), the
small writes the event loop makes (a declined question logged, a delivery recorded, a command's
setting) wait for it without holding the loop (KnowledgeBase.write_when_free): before, each waited on
SQLite's busy timeout on the loop — every chat stalled for seconds, and past the timeout the write
was lost ("database is locked"). Here the worker's transaction is held open by an event."""

import ast
import asyncio
import threading
from pathlib import Path

import pytest

from handlers.summaries import deliver
from knowledge.answers import Answerer
from knowledge.store import open_store
from tests.conftest import fixed_clock
from tests.harness import application, standin

GROUP, OWNER, MEMBER = -100530, 42, 9001
ROOT = Path(__file__).resolve().parent.parent


class HeldTransaction:
    """A write in a worker thread whose transaction stays open until `release()` (`entered` once it holds
    the file). It gives up after HOLD_SECONDS, so that a loop that waits on the lock ends the test."""

    HOLD_SECONDS = 30

    def __init__(self):
        self.entered, self._release = threading.Event(), threading.Event()

    def write(self, store) -> str:
        with store.transaction():
            store.set_meta("held", "1")
            self.entered.set()
            self._release.wait(self.HOLD_SECONDS)
        return "written"

    def release(self) -> None:
        self._release.set()


async def until(check, what: str):
    """Wait (polling, generously bounded) until `check()` is true."""
    for _ in range(600):
        if check():
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(what)


@pytest.mark.parametrize("held_by", ["write_in_worker_thread", "dry_run_in_worker_thread"])
def test_small_writes_wait_for_a_worker_write_without_holding_the_event_loop(tmp_path, held_by):
    answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 11, 26, 10))
    store = answerer.store
    # first due tomorrow: the application's own summary job must not deliver it too (the test delivers it)
    daily = store.subscribe(GROUP, "09:00", "Asia/Shanghai", "2026-11-27", OWNER)
    held = HeldTransaction()

    async def body():
        async with standin(admins={GROUP: [OWNER]}) as stand, \
                application(stand, answerer, admin_ids=frozenset({OWNER})) as app:
            # an import or undo written (write_in_worker_thread), the /undo preview's dry run of one
            writing = asyncio.create_task(getattr(answerer, held_by)(held.write))
            assert await asyncio.to_thread(held.entered.wait, 60), "the worker write never began"

            # a declined question: its reply comes at once, its log once the worker write is over
            stand.send_user_message(MEMBER, "明天会下雨吗", user_id=MEMBER)
            await stand.wait_for_sent(MEMBER, timeout=60)
            # a daily summary round: the summary is sent meanwhile, its delivery recorded after
            delivering = asyncio.create_task(deliver(app, daily))
            await stand.wait_for_sent(GROUP, timeout=60)
            # a command that writes a setting waits; another chat is answered meanwhile
            stand.send_user_message(GROUP, "/mode all", user_id=OWNER, chat_type="supergroup")
            stand.send_user_message(OWNER, "高企新增多少家目标", user_id=OWNER)
            await stand.wait_for_sent(OWNER, timeout=60)
            assert not writing.done() and not delivering.done()
            assert store.unanswered() == [] and store.deliveries(GROUP) == [] and store.chat_mode(GROUP) == "mention"

            held.release()
            assert await writing == "written"
            assert await delivering is True
            await until(lambda: [u["question"] for u in store.unanswered()] == ["明天会下雨吗"], "never logged")
            await until(lambda: store.chat_mode(GROUP) == "all", "/mode all never written")
            assert [d.ok for d in store.deliveries(GROUP)] == [True]
            await until(lambda: any("all" in m["text"] for m in stand.sent_messages(GROUP)[1:]), "no reply to /mode")

    try:
        asyncio.run(asyncio.wait_for(body(), 120))
    finally:
        held.release()


# The Store's writes; the event loop makes them only through write_when_free (or in a function it runs).
STORE_WRITES = {"set_meta", "set_thresholds", "set_chat_mode", "add_admin", "remove_admin", "replace_char_folds",
                "log_unanswered", "subscribe", "update_subscription", "move_chat", "record_delivery", "add_alert",
                "mark_alert_delivered", "record_report", "write_audited", "write_audited_many", "ensure_source",
                "record_observation", "transaction"}
RUN_THROUGH_WRITE_WHEN_FREE = {"_turn_off"}


def test_the_event_loop_writes_only_through_write_when_free():
    found = []
    for path in sorted((ROOT / "handlers").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                    or function.name in RUN_THROUGH_WRITE_WHEN_FREE:
                continue
            for call in ast.walk(function):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                        and call.func.attr in STORE_WRITES:
                    found.append(f"{path.name}:{call.lineno} {call.func.attr}")
    assert found == []


# What handlers may run with the plain knowledge.store.in_worker_thread: reading only (a write, or a dry
# run, goes through the Answerer's write_in_worker_thread or dry_run_in_worker_thread, which small writes wait for).
READ_IN_WORKER_THREAD = {"plan_import", "preview_release"}


def test_handlers_run_only_reads_with_the_plain_in_worker_thread():
    found = []
    for path in sorted((ROOT / "handlers").glob("*.py")):
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "in_worker_thread":
                called = {node.func.id for node in ast.walk(call.args[1]) if isinstance(node, ast.Call)
                          and isinstance(node.func, ast.Name)} if isinstance(call.args[1], ast.Lambda) \
                    else {getattr(call.args[1], "id", "?")}
                found += [f"{path.name}:{call.lineno} {name}" for name in called - READ_IN_WORKER_THREAD - {"read_tables"}]
    assert found == []
