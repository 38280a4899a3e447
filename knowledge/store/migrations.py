"""The schema's history: the sqlite-utils migrations m001…m012, applied in the order they are registered.

sqlite-utils records each applied migration by its function name, so a name, once released, never
changes and a migration's body stays as released (an install applies only those it has not yet run).
Table keys stated here are the ones `knowledge.store.schema.PRIMARY_KEYS` names; a test holds the two together.
"""

from __future__ import annotations

import json

import sqlite_utils
from sqlite_utils.migrations import Migrations

from knowledge.periods import PeriodError, parse_period
from knowledge.redaction import redact
from knowledge.store.base import utc_now
from knowledge.store.seeds import SEEDS_DIR, read_seed
from knowledge.store.settings import MAX_QUESTION_CHARS

migrations = Migrations("suzhou_targets")


@migrations()
def m001_knowledge(db: sqlite_utils.Database) -> None:
    db["sources"].create(
        {"id": str, "title": str, "publisher": str, "published": str, "quote": str}, pk="id"
    )
    db["indicators"].create(
        {"id": str, "name": str, "category": str, "unit": str, "kind": str, "higher_is_better": int},
        pk="id",
    )
    db["aliases"].create(
        {"indicator_id": str, "alias": str, "added_by": str},
        pk=("indicator_id", "alias"),
        foreign_keys=[("indicator_id", "indicators", "id")],
    )
    db["targets"].create(
        {"indicator_id": str, "city": str, "year": int, "value": float, "unit": str,
         "qualifier": str, "text": str, "source_id": str, "quote": str},
        pk=("indicator_id", "city", "year"),
        foreign_keys=[("indicator_id", "indicators", "id"), ("source_id", "sources", "id")],
    )
    db["observations"].create(
        {"indicator_id": str, "city": str, "period": str, "year": int, "value": float, "unit": str,
         "qualifier": str, "text": str, "status": str, "source_id": str, "note": str, "quote": str,
         "recorded_at": str, "recorded_by": str},
        pk=("indicator_id", "city", "period"),
        foreign_keys=[("indicator_id", "indicators", "id"), ("source_id", "sources", "id")],
    )
    db["changes"].create(
        {"id": int, "at": str, "user_id": int, "chat_id": int, "action": str, "entity": str,
         "before": str, "after": str, "undone_by": int},
        pk="id",
    )
    db["unanswered"].create(
        {"id": int, "at": str, "chat_id": int, "user_id": int, "question": str, "normalized": str},
        pk="id",
    )
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["char_folds"].create({"char": str, "fold": str}, pk="char")


@migrations()
def m002_chat_settings(db: sqlite_utils.Database) -> None:
    db["chat_settings"].create({"chat_id": int, "mode": str, "updated_at": str, "updated_by": int}, pk="chat_id")


@migrations()
def m003_subscriptions(db: sqlite_utils.Database) -> None:
    db["subscriptions"].create(
        {"chat_id": int, "chat_title": str, "at_time": str, "tz": str, "active": int, "paused": int,
         "due_from": str, "last_sent_at": str, "last_sent_on": str, "created_by": int, "created_at": str},
        pk="chat_id",
    )
    db["deliveries"].create({"id": int, "chat_id": int, "at": str, "ok": int, "error": str}, pk="id")


@migrations()
def m004_admins(db: sqlite_utils.Database) -> None:
    db["admins"].create({"user_id": int, "name": str, "added_by": int, "added_at": str}, pk="user_id")


@migrations()
def m005_scrub_tokens(db: sqlite_utils.Database) -> None:
    """Error texts stored before redaction could hold the bot's token (a network error quotes the Bot
    API URL): rewrite them, so that no copy of the database or of a backup carries it any more."""
    for row_id, error in db.execute("select id, error from deliveries where error is not null").fetchall():
        cleaned = redact(error)
        if cleaned != error:
            db.execute("update deliveries set error = ? where id = ?", [cleaned, row_id])


@migrations()
def m005b_unanswered_counts(db: sqlite_utils.Database) -> None:
    """One row per normalised question with a count and the last time asked, instead of one per ask."""
    db["unanswered_counts"].create(
        {"normalized": str, "question": str, "times": int, "first_at": str, "last_at": str, "chat_id": int,
         "user_id": int},
        pk="normalized",
    )
    db.execute(
        "insert into unanswered_counts (normalized, question, times, first_at, last_at, chat_id, user_id) "
        "select key, substr(question, 1, ?), count(*), min(at), max(at), chat_id, user_id from "
        "(select coalesce(nullif(substr(normalized, 1, ?), ''), substr(question, 1, ?)) as key, * "
        " from unanswered order by id) group by key", [MAX_QUESTION_CHARS] * 3)
    db["unanswered"].drop()
    db.rename_table("unanswered_counts", "unanswered")
    db["unanswered"].create_index(["times", "last_at"])


@migrations()
def m007_periods(db: sqlite_utils.Database) -> None:
    """Structured periods, official 同比, monthly plans; free-text periods of earlier releases get one key.

    Every existing observation keeps its figure: its period is re-read (a period without a year takes
    the row's year, else the latest plan year) and re-keyed to the one normal form; when two rows turn
    out to be the same period ("1-10月" and "2026年1-10月"), the later-recorded one stays current and the
    other is kept in `changes` (action "restate"), so /history shows both. Periods that cannot be read
    stay as written, without structure. Seeded indicators take the kinds of seeds/indicators.csv.
    """
    for column, kind in (("first_month", int), ("last_month", int), ("period_kind", str),
                         ("yoy_growth", float)):
        if column not in db["observations"].columns_dict:
            db["observations"].add_column(column, kind)
    if "monthly_plan" not in db["indicators"].columns_dict:
        db["indicators"].add_column("monthly_plan", str)
    if (SEEDS_DIR / "indicators.csv").exists():
        for row in read_seed("indicators"):
            db.execute("update indicators set kind = ? where id = ? and kind != ?", [row["kind"], row["id"], row["kind"]])
    kinds = {r["id"]: r["kind"] for r in db["indicators"].rows}
    latest_plan = db.execute("select max(year) from targets").fetchone()[0]
    rows = list(db.query("select rowid, * from observations order by rowid"))
    for row in rows:
        if not row["period"]:
            continue
        default_year = row["year"] or latest_plan
        try:
            period = parse_period(row["period"], default_year or 0, kinds.get(row["indicator_id"]) == "cumulative")
        except PeriodError:
            continue
        columns = period.to_columns()
        key = [row["indicator_id"], row["city"]]
        clash = db.execute("select rowid, * from observations where indicator_id = ? and city = ? and period = ? "
                           "and rowid != ?", key + [period.label, row["rowid"]]).fetchone()
        if clash is not None:
            names = [d[0] for d in db.execute("select rowid, * from observations limit 0").description]
            other = dict(zip(names, clash))
            keep, drop = (row, other) if (row["recorded_at"] or "") >= (other["recorded_at"] or "") else (other, row)
            db.execute("delete from observations where rowid = ?", [drop["rowid"]])
            before = {k: v for k, v in drop.items() if k != "rowid"}
            after = {k: v for k, v in keep.items() if k != "rowid"} | columns
            db["changes"].insert({"at": utc_now(), "user_id": None, "chat_id": None, "action": "restate",
                                  "entity": json.dumps({"indicator_id": row["indicator_id"], "city": row["city"],
                                                        "period": period.label, "table": "observations"},
                                                       ensure_ascii=False),
                                  "before": json.dumps(before, ensure_ascii=False),
                                  "after": json.dumps(after, ensure_ascii=False), "undone_by": None})
            if drop is row:
                row = keep
        assignments = ", ".join(f"[{c}] = ?" for c in columns)
        db.execute(f"update observations set {assignments} where rowid = ?", [*columns.values(), row["rowid"]])


# Sources cited as people cite them (issue 12): the article has no title, publisher or date, so it is
# "公开报道（评论文章）"; the statistics office's figures it relays are "苏州统计局（转引自公开报道）".
RENAMED_SOURCES = {
    "article": ("种子文章 000_01f0a1e0f9e951ab（苏州新型工业化评论）", "公开报道（评论文章）"),
    "szstats": ("苏州统计局（据种子文章转引）", "苏州统计局（转引自公开报道）"),
}


@migrations()
def m008_source_titles(db: sqlite_utils.Database) -> None:
    """Rename the seeded sources' titles where an install still has the old ones (an admin's title stays)."""
    for source_id, (old, new) in RENAMED_SOURCES.items():
        db.execute("update sources set title = ? where id = ? and title = ?", [new, source_id, old])


@migrations()
def m009_subscription_topics(db: sqlite_utils.Database) -> None:
    """Subscriptions keyed by (chat_id, thread_id, kind) instead of chat_id alone.

    thread_id is the forum topic's message_thread_id, 0 for a chat without topics or a forum's General
    topic, so two topics of one group each keep their own subscription. kind is "daily" for every row
    so far; alerts and weekly or monthly reports add their own kinds under the same key. Existing rows
    keep their values with thread_id 0, kind "daily"; deliveries record the same key.
    """
    for table in ("subscriptions", "deliveries"):
        db[table].add_column("thread_id", int, not_null_default=0)
        db[table].add_column("kind", str, not_null_default="daily")
    db["subscriptions"].transform(pk=("chat_id", "thread_id", "kind"))


@migrations()
def m010_release_growth(db: sqlite_utils.Database) -> None:
    """An official 同比 (yoy_growth, percent as published) and a change in 百分点 (change_points) on
    observations, as statistics releases state them; only what is absent is added (m007 adds yoy_growth)."""
    for column in ("yoy_growth", "change_points"):
        if column not in db["observations"].columns_dict:
            db["observations"].add_column(column, float)


@migrations()
def m010_indicator_duties(db: sqlite_utils.Database) -> None:
    """Who reports an indicator (责任单位) and when its figure is due (knowledge.duties)."""
    db["indicator_duties"].create(
        {"indicator_id": str, "unit": str, "cycle": str, "due_day": int, "updated_by": str},
        pk="indicator_id", foreign_keys=[("indicator_id", "indicators", "id")], if_not_exists=True,
    )


@migrations()
def m011_report_log(db: sqlite_utils.Database) -> None:
    """What each report subscription (and the console) last sent: the standings that the next report's
    "与上次通报相比" compares with. Keyed like subscriptions; the console is chat 0."""
    db["report_log"].create(
        {"chat_id": int, "thread_id": int, "kind": str, "sent_at": str, "standings": str},
        pk=("chat_id", "thread_id", "kind"),
    )


@migrations()
def m011_alerts(db: sqlite_utils.Database) -> None:
    """Alerts waiting for (or given to) the chats that asked for them, one row per grouped message."""
    db["alerts"].create({"id": int, "at": str, "text": str}, pk="id")


@migrations()
def m011_subscription_schedule(db: sqlite_utils.Database) -> None:
    """Two columns for the kinds beside daily summaries: `day` (a monthly report's day of the month 1-31,
    a weekly one's weekday 1-7 = Monday-Sunday; 0 for the others) and `last_alert_id` (the last alert an
    alerts subscription received). Existing rows get 0 for both and keep their meaning."""
    db["subscriptions"].add_column("day", int, not_null_default=0)
    db["subscriptions"].add_column("last_alert_id", int, not_null_default=0)


@migrations()
def m012_change_who(db: sqlite_utils.Database) -> None:
    """Who made each change as the chat names them ("王科长（42）", handlers.confirm.who), recorded with every
    audited write so that /history names the sender of a /target, /alias, import or /undo as it names the
    sender of a /set; None for changes made before, and from the console."""
    if "who" not in db["changes"].columns_dict:
        db["changes"].add_column("who", str)
