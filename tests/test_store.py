import csv
import sqlite3
from pathlib import Path

import pytest

from knowledge.quantities import format_quantity
from knowledge.store import PRIMARY_KEYS, SEED_TABLES, SEEDS_DIR, TABLE_KEYS, open_store, read_seed
from tests.conftest import ARTICLE

OLD_DUMP = Path(__file__).with_name("data") / "release_before_m007.sql"


def test_every_seed_quote_occurs_in_the_article():
    article = ARTICLE.read_text(encoding="utf-8")
    checked = 0
    for table in ("sources", "targets", "observations"):
        for row in read_seed(table):
            assert row["quote"], f"{table} row without its sentence: {row}"
            assert row["quote"] in article, f"{table}: quote not in the article: {row['quote']}"
            checked += 1
    assert checked >= 45


def test_every_figure_row_cites_a_known_source():
    sources = {row["id"] for row in read_seed("sources")}
    for table in ("targets", "observations"):
        for row in read_seed(table):
            assert row["source_id"] in sources


def test_target_text_is_its_value_in_its_qualifier():
    # the stored wording must be what the value and qualifier say, so an edit of either stays coherent
    for row in read_seed("targets"):
        assert format_quantity(row["value"], row["unit"], row["qualifier"]) == row["text"]


def test_numbers_in_seed_figures_appear_in_their_quote():
    for table in ("targets", "observations"):
        for row in read_seed(table):
            if row["value"] is None:
                continue
            number = format_quantity(row["value"], "")
            assert number in row["quote"], (table, row)


def test_no_2026_actuals_are_seeded():
    assert all(row["year"] != 2026 for row in read_seed("observations"))


def test_every_target_has_a_seeded_indicator_and_every_seed_table_exists():
    indicators = {row["id"] for row in read_seed("indicators")}
    for table in SEED_TABLES:
        assert (SEEDS_DIR / f"{table}.csv").exists()
    for row in read_seed("targets") + read_seed("observations") + read_seed("aliases"):
        assert row["indicator_id"] in indicators


def test_opening_twice_is_idempotent(tmp_path):
    path = tmp_path / "kb.db"
    first = open_store(path)
    counts = {t: first.db[t].count for t in SEED_TABLES}
    second = open_store(path)
    assert {t: second.db[t].count for t in SEED_TABLES} == counts
    assert counts["targets"] == 27


def test_reseeding_never_overwrites_an_admins_figure(tmp_path):
    path = tmp_path / "kb.db"
    store = open_store(path)
    store.db["targets"].update(("rd_intensity", "苏州", 2026), {"value": 4.3, "text": "超4.3%"})
    store.set_meta("seeds_digest", "changed")  # as if the seed files had been edited
    reopened = open_store(path)
    assert reopened.db["targets"].get(("rd_intensity", "苏州", 2026))["value"] == 4.3


def test_wal_mode_on_a_file(tmp_path):
    store = open_store(tmp_path / "kb.db")
    assert store.db.journal_mode == "wal"


def test_record_observation_writes_its_audit_row_in_the_same_transaction(store):
    change_id = store.record_observation(
        {"indicator_id": "industrial_investment", "city": "苏州", "period": "2026年1-10月", "year": 2026,
         "value": 1980, "unit": "亿元", "qualifier": "", "text": "1980亿元", "status": "actual",
         "source_id": "plan2026", "note": "", "quote": ""},
        recorded_by="test",
    )
    change = store.db["changes"].get(change_id)
    assert change["action"] == "set_observation" and change["before"] is None
    assert store.observations("industrial_investment")[0].value == 1980


def test_seed_files_are_utf8_csv_with_headers():
    for table in SEED_TABLES:
        with (SEEDS_DIR / f"{table}.csv").open(encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert header and all(header)


def test_a_write_whose_audit_row_fails_is_rolled_back(store):
    store.db.execute(
        "create trigger no_audit before insert on changes begin select raise(abort, 'audit refused'); end")
    import sqlite3

    import pytest

    with pytest.raises(sqlite3.IntegrityError):
        store.record_observation(
            {"indicator_id": "gazelle_firms", "city": "苏州", "period": "2026年6月", "year": 2026, "value": 500,
             "unit": "家", "qualifier": "", "text": "500家", "status": "actual", "source_id": "plan2026",
             "note": "", "quote": ""}, recorded_by="test")
    assert store.observations("gazelle_firms") == []


@pytest.mark.parametrize("made_by", ["this release", "the release before m007"])
def test_every_tables_key_is_stated_once_and_is_the_key_the_migrations_made(tmp_path, made_by):
    path = tmp_path / "kb.db"
    if made_by != "this release":
        conn = sqlite3.connect(path)
        conn.executescript(OLD_DUMP.read_text(encoding="utf-8"))
        conn.close()
    db = open_store(path).db
    keys = {table: tuple(db[table].pks) for table in db.table_names() if table != "_sqlite_migrations"}
    assert keys == PRIMARY_KEYS
    assert all(TABLE_KEYS[table] == PRIMARY_KEYS[table] for table in TABLE_KEYS)


def test_figures_recorded_since_are_the_entered_ones_after_that_time_oldest_first(store, answerer):
    def enter(period, recorded_at, recorded_by):
        store.record_observation(
            {"indicator_id": "gazelle_firms", "city": "苏州", "period": period, "year": 2026, "value": 500,
             "unit": "家", "qualifier": "", "text": "500家", "status": "actual", "source_id": "plan2026",
             "note": "", "quote": "", "recorded_at": recorded_at}, recorded_by=recorded_by)

    enter("2026年5月", "2026-06-03T08:00:00+00:00", "import")
    enter("2026年3月", "2026-06-01T08:00:00+00:00", "admin")  # exactly `since`: not after it
    enter("2026年4月", "2026-06-02T08:00:00+00:00", None)  # no recorder stated: still entered, not seeded
    enter("2026年6月", "2026-06-02T08:00:00+00:00", "admin")  # same time as the row before: kept in entry order
    enter("2026年7月", "2026-06-04T08:00:00+00:00", "seed")
    since = "2026-06-01T08:00:00+00:00"
    answerer.reload()
    recorded = answerer.recorded_since(since)
    assert [o.period for o in recorded] == ["2026年4月", "2026年6月", "2026年5月"]
    assert all(o.recorded_by != "seed" for o in answerer.recorded_since(""))
    assert len(answerer.recorded_since("")) == 4
