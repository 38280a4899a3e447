"""Upgrading a database made by the release before m007 (tests/data/release_before_m007.sql, dumped from a
database that release built: a /set of 2026年1-10月, an import of "1-10月" without a year, a free-text period).
Figures in it are MADE UP."""

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from knowledge.answers import Answerer
from knowledge.render import render_reply
from knowledge.store import open_store

DUMP = Path(__file__).with_name("data") / "release_before_m007.sql"


@pytest.fixture
def upgraded(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(DUMP.read_text(encoding="utf-8"))
    conn.close()
    return open_store(path)


def rows(store, indicator_id):
    return list(store.db["observations"].rows_where("indicator_id = ?", [indicator_id], order_by="period"))


def test_the_dump_is_of_the_old_schema():
    text = DUMP.read_text(encoding="utf-8")
    assert "m007" not in text and "first_month" not in text and "'1-10月'" in text


def test_periods_get_one_key_and_structure(upgraded):
    [investment] = rows(upgraded, "industrial_investment")
    assert (investment["period"], investment["year"], investment["first_month"], investment["last_month"],
            investment["period_kind"]) == ("2026年1-10月", 2026, 1, 10, "cumulative")
    [high_tech] = rows(upgraded, "new_high_tech_enterprises")
    assert (high_tech["period"], high_tech["value"]) == ("2026年1-10月", 420)
    [talent] = rows(upgraded, "talent_total")
    assert (talent["period"], talent["period_kind"]) == ("2025年", "year")


def test_two_writings_of_one_period_keep_the_later_figure_and_history_keeps_both(upgraded):
    [investment] = rows(upgraded, "industrial_investment")
    assert investment["value"] == 1980  # the import came after the /set of 1900
    restated = [c for c in upgraded.changes_for("industrial_investment") if c["action"] == "restate"]
    assert len(restated) == 1
    assert (json.loads(restated[0]["before"])["value"], json.loads(restated[0]["after"])["value"]) == (1900, 1980)


def test_a_free_text_period_stays_as_written_without_structure(upgraded):
    [power] = rows(upgraded, "computing_power")
    assert (power["period"], power["value"], power["first_month"]) == ("十月底吧", 30000, None)


def test_seeded_kinds_follow_the_article(upgraded):
    kinds = {i.id: i.kind for i in upgraded.indicators()}
    assert kinds["gazelle_firms"] == "level" and kinds["unicorn_incubation_firms"] == "level"
    assert kinds["rd_intensity"] == "ratio"


def test_the_upgraded_database_answers_by_the_data_period(upgraded):
    answerer = Answerer(upgraded, clock=lambda: datetime(2026, 11, 29, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    text = render_reply(answerer.answer("工业投资进度"))
    assert "完成率：79.2%" in text and "序时进度：83.3%" in text and "基本同步 🟢" in text


def test_migrating_twice_changes_nothing(upgraded, tmp_path):
    before = list(upgraded.db["observations"].rows)
    changes = upgraded.db["changes"].count
    again = open_store(tmp_path / "old.db")
    assert list(again.db["observations"].rows) == before and again.db["changes"].count == changes


def test_a_change_made_before_the_upgrade_can_still_be_undone(upgraded):
    from knowledge.undo import undo

    change = next(c for c in upgraded.changes_for("talent_total") if c["action"] == "import")
    assert "first_month" not in json.loads(change["after"])  # written by the old release
    undo(upgraded, change["id"], 42, None)
    assert rows(upgraded, "talent_total") == []
