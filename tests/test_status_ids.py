"""Statuses are stored as identifiers; a database written by the previous release, which stored the
Chinese words (基本同步, 滞后 …), still compares correctly in reports and alerts.

Figures here are made up for the tests.
"""

import json

import pytest

from knowledge.alerts import STATE_KEY, check_alerts, status_basis
from knowledge.labels import STATUS_LABELS, status_from_text, status_label
from knowledge.progress import AHEAD, BEHIND, DONE, NO_DATA, NOT_DONE, NOT_RATED, ON_TRACK, SEVERELY_BEHIND
from knowledge.render import reply_dict
from knowledge.reports import CONSOLE_CHAT, build_report
from knowledge.standings import dump_standings, load_standings, standings
from tests.test_answers import record

# A report-log row exactly as the previous release wrote it (its dump_standings: the status as shown).
OLD_ROW = ('{"indicator_id": "industrial_investment", "name": "工业投资总额", "year": 2026, '
           '"target": "力争2500亿元", "figure": "1150亿元", "period": "2026年1-5月", "status": "基本同步"}')


def previous_release_json(current) -> str:
    """The standings as the previous release stored them: the same fields, the status as its Chinese word."""
    rows = [json.loads(OLD_ROW) if s.indicator_id == "industrial_investment"
            else {**vars(s), "status": STATUS_LABELS[s.status]} for s in current.values()]
    return json.dumps(rows, ensure_ascii=False)


@pytest.mark.parametrize("text,status", [
    ("严重滞后", SEVERELY_BEHIND), ("滞后", BEHIND), ("基本同步", ON_TRACK), ("超前", AHEAD), ("已完成", DONE),
    ("未完成", NOT_DONE), ("不评价", NOT_RATED), ("暂无数据", NO_DATA),
    ("severely_behind", SEVERELY_BEHIND), ("behind", BEHIND), ("done", DONE), ("no_data", NO_DATA),
])
def test_a_stored_status_reads_from_its_identifier_or_its_old_chinese_word(text, status):
    assert status_from_text(text) is status


@pytest.mark.parametrize("text", ["落后", "Behind", "", "🟡"])
def test_anything_else_is_no_status(text):
    with pytest.raises(ValueError):
        status_from_text(text)
    row = json.loads(OLD_ROW) | {"status": text}
    assert load_standings(json.dumps([row])) is None  # not a stored report: compared with nothing


def test_standings_are_stored_with_identifiers_not_the_words_shown(store, answerer):
    record(store, "industrial_investment", 1000, "亿元")  # 1-6月 40% against 50%: 滞后
    answerer.reload()
    stored = json.loads(dump_standings(standings(answerer.targets_overview())))
    statuses = {row["indicator_id"]: row["status"] for row in stored}
    assert statuses["industrial_investment"] == "behind" and statuses["new_high_tech_enterprises"] == "no_data"
    assert status_label(BEHIND) == "滞后"


def test_a_report_compares_with_a_report_log_row_of_the_previous_release(store, answerer):
    record(store, "industrial_investment", 1150, "亿元", period="2026年1-5月")  # 46%: 基本同步
    answerer.reload()
    store.record_report(CONSOLE_CHAT, previous_release_json(build_report(answerer).standings), kind="console")
    previous = load_standings(store.last_report(CONSOLE_CHAT, kind="console")[1])
    assert previous["industrial_investment"].status is ON_TRACK
    assert build_report(answerer, previous).changes == ()  # the same standings: nothing changed

    record(store, "industrial_investment", 1000, "亿元")  # 1-6月 40% against 50%: 滞后
    answerer.reload()
    assert build_report(answerer, previous).changes == (
        "工业投资总额：最新 2026年1-5月 1150亿元 → 2026年1-6月 1000亿元；状态 基本同步 → 滞后",)


def test_an_alert_compares_with_an_alert_state_of_the_previous_release(store, answerer):
    record(store, "industrial_investment", 1150, "亿元", period="2026年1-5月")  # 46%: 基本同步
    answerer.reload()
    old = previous_release_json(standings(answerer.targets_overview()))
    store.set_meta(STATE_KEY, json.dumps({"basis": status_basis(answerer), "change": store.last_change_id(),
                                          "standings": old}, ensure_ascii=False))
    assert check_alerts(answerer) is None  # the old words read as the same statuses: no move, no alert
    store.set_meta(STATE_KEY, json.dumps({"basis": status_basis(answerer), "change": store.last_change_id(),
                                          "standings": old}, ensure_ascii=False))
    record(store, "industrial_investment", 1000, "亿元")  # 滞后
    answerer.reload()
    assert check_alerts(answerer) is not None
    assert [text for _, text in store.alerts_after(0)] == [
        "目标进度提醒\n🟡 工业投资总额：2026年1-6月 1000亿元，基本同步 → 滞后"]


def test_json_gives_the_status_word_shown_and_its_identifier(store, answerer):
    record(store, "industrial_investment", 1000, "亿元")  # 滞后
    answerer.reload()
    progress = reply_dict(answerer.answer("工业投资进度"))["results"][0]["progress"]
    assert (progress["status"], progress["status_id"], progress["colour"]) == ("滞后", "behind", "🟡")
