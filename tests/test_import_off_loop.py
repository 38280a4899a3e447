"""A 30,000-row import is applied, its undo dry-run for the /undo preview and the undo applied in worker
threads on connections of their own: another chat's question is answered while each of those writes is
under way (held open here by an event), and each write is still all or nothing and audited."""

import asyncio
import threading

import pytest

from knowledge.answers import Answerer
from knowledge.edits import apply_edit, plan_alias
from knowledge.store import open_store
from knowledge.store.audit import AuditLog
from tests.conftest import fixed_clock
from tests.group_chat import button
from tests.harness import application, standin
from tests.test_import_limits import MADE_UP, observations_csv

GROUP, OWNER = -100520, 42
ROWS = 30_000


class HeldWrite:
    """Holds the next write of many rows (Store.write_audited_many) open until `release()`: `entered` is
    set when it begins, `done` when it has returned. It gives up holding after HOLD_SECONDS, so that a
    write made on the event loop (which then cannot be released) ends and the test fails instead of hanging."""

    HOLD_SECONDS = 20

    def __init__(self, monkeypatch):
        self.entered, self.done, self._release = threading.Event(), threading.Event(), threading.Event()
        original = AuditLog.write_audited_many

        def held(store, action, writes, *args, **kwargs):
            if len(writes) < ROWS:
                return original(store, action, writes, *args, **kwargs)
            self.entered.set()
            self._release.wait(self.HOLD_SECONDS)
            try:
                return original(store, action, writes, *args, **kwargs)
            finally:
                self.done.set()

        monkeypatch.setattr(AuditLog, "write_audited_many", held)

    def arm(self) -> None:
        for event in (self.entered, self.done, self._release):
            event.clear()

    def release(self) -> None:
        self._release.set()


async def answered_meanwhile(stand, held: HeldWrite, user: int) -> None:
    """Once the held write has begun, a question in `user`'s private chat is answered before it ends."""
    assert await asyncio.to_thread(held.entered.wait, 120), "the write never began"
    stand.send_user_message(user, "高企新增多少家", user_id=user)
    [reply] = await stand.wait_for_sent(user, timeout=60)
    assert "500家" in reply["text"]
    assert not held.done.is_set(), "the question was answered only after the write"
    held.release()


async def edited(stand, message_id: int, marker: str) -> dict:
    for _ in range(1200):
        current = next(m for m in stand.sent_messages(GROUP) if m["message_id"] == message_id)
        if marker in current["text"]:
            return current
        await asyncio.sleep(0.1)
    raise TimeoutError(f"no “{marker}”")


def press(stand, message: dict) -> None:
    stand.send_callback_query(GROUP, message["message_id"], button(message, "确认")["callback_data"], user_id=OWNER)


def test_questions_are_answered_while_a_large_import_and_its_undo_are_written(tmp_path, monkeypatch):
    held = HeldWrite(monkeypatch)

    async def body():
        answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 7, 2, 12))
        store = answerer.store
        async with standin(admins={GROUP: [OWNER]}) as stand, \
                application(stand, answerer, admin_ids=frozenset({OWNER})):
            stand.send_document(GROUP, "big.csv", observations_csv(ROWS), caption="/import", user_id=OWNER,
                                chat_type="supergroup")
            [preview] = await stand.wait_for_sent(GROUP, timeout=120)
            assert f"新增 {ROWS} 行" in preview["text"]

            held.arm()
            press(stand, preview)  # the import is written …
            await answered_meanwhile(stand, held, 1001)
            await edited(stand, preview["message_id"], f"已导入 {ROWS} 行")
            assert store.db["changes"].count_where("action = 'import'") == ROWS
            assert store.db["observations"].count_where("note = ?", [MADE_UP]) == ROWS
            assert len(answerer.cities_with_data("gazelle_firms")) > 100  # and read back

            held.arm()
            stand.send_user_message(GROUP, "/undo", user_id=OWNER, chat_type="supergroup")  # … its undo tried …
            await answered_meanwhile(stand, held, 1002)
            [_, undo_preview] = await stand.wait_for_sent(GROUP, count=2, timeout=120)
            assert f"尚未撤销的 {ROWS} 行" in undo_preview["text"]
            assert store.db["changes"].count_where("action = 'undo'") == 0  # the dry run left nothing

            held.arm()
            press(stand, undo_preview)  # … and written
            await answered_meanwhile(stand, held, 1003)
            await edited(stand, undo_preview["message_id"], f"已撤销这次导入的 {ROWS} 行修改")
            assert store.db["changes"].count_where("action = 'undo'") == ROWS
            assert store.db["observations"].count_where("note = ?", [MADE_UP]) == 0
            assert len(answerer.cities_with_data("gazelle_firms")) < 10

    asyncio.run(asyncio.wait_for(body(), 280))


def test_a_failed_write_in_its_worker_thread_leaves_nothing_and_the_knowledge_as_it_was(tmp_path, monkeypatch):
    answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 7, 2, 12))
    before = answerer.store.db["changes"].count

    def fails_after_writing(store):
        with store.transaction():
            store.db.execute("insert into meta (key, value) values ('half', 'written')")
            raise OSError("disk gone")

    with pytest.raises(OSError):
        asyncio.run(answerer.write_in_worker_thread(fails_after_writing))
    assert answerer.store.meta("half") is None and answerer.store.db["changes"].count == before
    assert not answerer.writing_in_worker_thread


def test_a_write_in_a_worker_thread_is_not_read_again_on_the_loop(tmp_path, monkeypatch):
    """A new alias changes the vocabulary, so the fold table is rebuilt: in the worker thread too, not by
    the next question on the loop (which with 30,000 figures in memory took 0.8 s)."""
    answerer = Answerer(open_store(tmp_path / "kb.db"), clock=fixed_clock(2026, 7, 2, 12))
    plan = plan_alias(answerer, "创新浓度", "全社会研发投入占GDP比重")
    asyncio.run(answerer.write_in_worker_thread(apply_edit, plan, 42, None))
    monkeypatch.setattr(answerer, "reload", lambda: pytest.fail("the knowledge was read again on the loop"))
    reply = answerer.answer("创新浓度目标")
    assert reply.answers[0].indicator.id == "rd_intensity"
