"""The unanswered log stays bounded: one row per normalised question with a count, questions cut to
200 characters, at most 10,000 distinct rows (the least asked, then the oldest, dropped first)."""

import sqlite_utils

import knowledge.store.settings as settings_module
from knowledge.store import MAX_QUESTION_CHARS, MAX_UNANSWERED_ROWS, migrations, open_store


def test_the_same_question_from_ten_thousand_ids_is_one_row(store):
    for user in range(10_000):
        store.log_unanswered("@SzTargetsBot 苏州房价多少", "苏州房价", chat_id=-1, user_id=user)
    assert store.db["unanswered"].count == 1
    [row] = store.unanswered()
    assert row["times"] == 10_000 and row["question"] == "@SzTargetsBot 苏州房价多少"


def test_long_questions_are_cut(store):
    store.log_unanswered("房" * 4_000, "房" * 4_000)
    [row] = store.db["unanswered"].rows
    assert len(row["question"]) == MAX_QUESTION_CHARS == 200 and len(row["normalized"]) == 200


def test_the_log_is_capped_dropping_the_least_asked_and_oldest_first(store, monkeypatch):
    monkeypatch.setattr(settings_module, "MAX_UNANSWERED_ROWS", 100)
    store.log_unanswered("常问", "常问")
    store.log_unanswered("常问", "常问")
    for number in range(150):
        store.log_unanswered(f"问题{number}", f"问题{number}")
    kept = {r["normalized"] for r in store.db["unanswered"].rows}
    assert len(kept) == 100 and "常问" in kept
    assert "问题0" not in kept and "问题149" in kept
    assert MAX_UNANSWERED_ROWS == 10_000


def test_an_old_log_is_aggregated_by_the_migration(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m005b_unanswered_counts")
    db["unanswered"].insert_all(
        [{"at": f"2026-07-0{day}T00:00:00", "chat_id": -1, "user_id": day, "question": "苏州房价？",
          "normalized": "苏州房价"} for day in (1, 2, 3)]
        + [{"at": "2026-07-04T00:00:00", "chat_id": -1, "user_id": 9, "question": "x" * 500, "normalized": ""}])
    db.conn.commit()
    db.close()
    store = open_store(path)
    rows = {r["question"][:4]: r for r in store.unanswered()}
    assert rows["苏州房价"]["times"] == 3 and rows["苏州房价"]["last"] == "2026-07-03T00:00:00"
    assert len(rows["xxxx"]["question"]) == 200
    store.log_unanswered("苏州房价呢", "苏州房价")
    assert [r["times"] for r in store.unanswered()][0] == 4
