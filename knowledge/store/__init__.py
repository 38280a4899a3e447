"""The SQLite knowledge base: schema migrations, seeding from seeds/*.csv, reads and audited writes of
the records defined in `knowledge.models`.

Opened with `open_store(path)`; the schema is migrated and the seeds are loaded on every open, which
is idempotent: seed rows are inserted only where their key is absent, so an admin's edit of a seeded
figure is never overwritten by a restart.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
import sys
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from knowledge.errors import SeedError
from knowledge.models import ALERTS, DAILY, Delivery, Indicator, Observation, Source, Subscription, Target
from knowledge.periods import PeriodError, parse_label, parse_period
from knowledge.redaction import redact

if "pandas" not in sys.modules:
    # sqlite-utils imports pandas (≈0.6 s) only to recognise DataFrame values, which this module
    # never hands it; keeping it out makes `python -m bot ask` start in well under a second.
    sys.modules["pandas"] = None  # type: ignore[assignment]
    try:
        import sqlite_utils
        from sqlite_utils.migrations import Migrations
    finally:
        del sys.modules["pandas"]
else:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
SEED_TABLES = ("sources", "indicators", "aliases", "targets", "observations")

migrations = Migrations("suzhou_targets")

# The unanswered log keeps at most this many distinct questions, each cut to this many characters
# (10,000 ids each asking something new must not grow the file without bound).
MAX_UNANSWERED_ROWS = 10_000
MAX_QUESTION_CHARS = 200


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


CHAT_MODES = ("mention", "all")
TABLE_KEYS = {
    "observations": ("indicator_id", "city", "period"),
    "targets": ("indicator_id", "city", "year"),
    "aliases": ("indicator_id", "alias"),
    "sources": ("id",),
    "indicator_duties": ("indicator_id",),
}


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def read_seed(table: str, seeds_dir: Path = SEEDS_DIR) -> list[dict]:
    """Rows of seeds/<table>.csv with empty cells as None and numbers as numbers."""
    path = seeds_dir / f"{table}.csv"
    if not path.exists():
        raise SeedError(f"缺少种子文件：{path}")
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            clean = {}
            for key, cell in row.items():
                if key in ("value", "yoy_growth"):
                    clean[key] = float(cell) if cell not in ("", None) else None
                elif key in ("year", "higher_is_better"):
                    clean[key] = int(cell) if cell not in ("", None) else None
                else:
                    clean[key] = cell if cell is not None else ""
            rows.append(clean)
    return rows


def seeds_digest(seeds_dir: Path = SEEDS_DIR) -> str:
    digest = hashlib.sha256()
    for table in SEED_TABLES:
        digest.update((seeds_dir / f"{table}.csv").read_bytes())
    return digest.hexdigest()


class Store:
    """The knowledge base on one SQLite file (or ':memory:'), reached through sqlite-utils."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._sources: dict[str, Source] | None = None
        self.path: Path | None = None  # the database file (None in memory), for one-line error messages
        self.created = False  # open_store made a new file (and `created_folders` the folders above it)
        self.created_folders: Path | None = None

    @contextmanager
    def transaction(self):
        """One write transaction, taken with BEGIN IMMEDIATE so that concurrent writers (the bot, a
        console import) queue on the busy timeout instead of failing when a read turns into a write;
        nested uses become savepoints."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self.db.execute("begin immediate")
        try:
            yield
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.execute("rollback")
            raise
        self.db.execute("commit")

    # -- reads -------------------------------------------------------------------------------
    def sources(self) -> dict[str, Source]:
        if self._sources is None:
            self._sources = {
                r["id"]: Source(r["id"], r["title"], r["publisher"] or "")
                for r in self.db["sources"].rows
            }
        return self._sources

    def indicators(self) -> list[Indicator]:
        return [
            Indicator(r["id"], r["name"], r["category"], r["unit"] or "", r["kind"],
                      bool(r["higher_is_better"]),
                      tuple(json.loads(r["monthly_plan"])) if r.get("monthly_plan") else None)
            for r in self.db["indicators"].rows_where(order_by="rowid")
        ]

    def aliases(self) -> list[tuple[str, str]]:
        return [(r["indicator_id"], r["alias"]) for r in self.db["aliases"].rows_where(order_by="rowid")]

    def targets(self, indicator_id: str | None = None) -> list[Target]:
        where, args = ("indicator_id = ?", [indicator_id]) if indicator_id else (None, None)
        sources = self.sources()
        return [
            Target(r["indicator_id"], r["city"], r["year"], r["value"], r["unit"] or "",
                   r["qualifier"] or "", r["text"] or "", sources.get(r["source_id"], _unknown(r["source_id"])))
            for r in self.db["targets"].rows_where(where, args, order_by="rowid")
        ]

    def observations(self, indicator_id: str | None = None) -> list[Observation]:
        where, args = ("indicator_id = ?", [indicator_id]) if indicator_id else (None, None)
        sources = self.sources()
        return [
            Observation(r["indicator_id"], r["city"], r["period"] or "", r["year"], r["value"],
                        r["unit"] or "", r["qualifier"] or "", r["text"] or "", r["status"] or "actual",
                        r["note"] or "", sources.get(r["source_id"], _unknown(r["source_id"])),
                        r["recorded_at"] or "", r["recorded_by"] or "", r.get("first_month"),
                        r.get("last_month"), r.get("period_kind") or None, r.get("yoy_growth"))
            for r in self.db["observations"].rows_where(where, args, order_by="rowid")
        ]

    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits to the database."""
        return self.db.execute("pragma data_version").fetchone()[0]

    def char_folds(self) -> dict[str, str]:
        return {r["char"]: r["fold"] for r in self.db["char_folds"].rows}

    def meta(self, key: str) -> str | None:
        row = self.db.execute("select value from meta where key = ?", [key]).fetchone()
        return row[0] if row else None

    def thresholds_override(self) -> dict:
        """The progress thresholds the owners set with /thresholds ({} when none): X/Y in points."""
        raw = self.meta("progress_thresholds")
        return json.loads(raw) if raw else {}

    # -- writes ------------------------------------------------------------------------------
    def set_thresholds(self, values: dict, user_id: int | None = None, chat_id: int | None = None) -> None:
        """Store the owners' thresholds with an audit row (the meta row and the change commit together)."""
        with self.transaction():
            before = self.thresholds_override() or None
            self.set_meta("progress_thresholds", json.dumps(values, ensure_ascii=False))
            self.record_change("set_thresholds", {"key": "progress_thresholds"}, before, values, user_id, chat_id)

    def set_monthly_plan(self, indicator_id: str, plan: list[float] | None, user_id: int | None = None,
                         chat_id: int | None = None) -> None:
        """An indicator's monthly plan: 12 cumulative shares of its yearly target (0-1), None to clear."""
        with self.transaction():
            before = self.db.execute("select monthly_plan from indicators where id = ?", [indicator_id]).fetchone()
            after = json.dumps(plan) if plan else None
            self.db.execute("update indicators set monthly_plan = ? where id = ?", [after, indicator_id])
            self.record_change("set_monthly_plan", {"indicator_id": indicator_id, "table": "indicators"},
                               {"monthly_plan": before[0] if before else None}, {"monthly_plan": after},
                               user_id, chat_id)

    def set_meta(self, key: str, value: str) -> None:
        self.db["meta"].upsert({"key": key, "value": value}, pk="key")

    def replace_char_folds(self, folds: dict[str, str], digest: str) -> None:
        with self.transaction():
            self.db.execute("delete from char_folds")
            self.db["char_folds"].insert_all(
                ({"char": c, "fold": f} for c, f in folds.items()), pk="char", batch_size=2000
            )
            self.set_meta("folds_digest", digest)

    def log_unanswered(self, question: str, normalized: str, chat_id: int | None = None,
                       user_id: int | None = None) -> None:
        """Count a declined question under its normalised form (both cut to MAX_QUESTION_CHARS); the
        latest wording, chat and asker are kept. Beyond MAX_UNANSWERED_ROWS distinct questions the
        least asked, then the oldest, are dropped."""
        question = question[:MAX_QUESTION_CHARS]
        key = normalized[:MAX_QUESTION_CHARS] or question
        now = utc_now()
        with self.transaction():
            self.db.execute(
                "insert into unanswered (normalized, question, times, first_at, last_at, chat_id, user_id) "
                "values (?, ?, 1, ?, ?, ?, ?) on conflict (normalized) do update set times = times + 1, "
                "question = excluded.question, last_at = excluded.last_at, chat_id = excluded.chat_id, "
                "user_id = excluded.user_id", [key, question, now, now, chat_id, user_id])
            excess = self.db.execute("select count(*) from unanswered").fetchone()[0] - MAX_UNANSWERED_ROWS
            if excess > 0:
                self.db.execute(
                    "delete from unanswered where normalized in (select normalized from unanswered "
                    "order by times, last_at limit ?)", [excess])

    def record_change(self, action: str, entity: dict, before: dict | None, after: dict | None,
                      user_id: int | None = None, chat_id: int | None = None) -> int:
        """Append an audit row; call inside the same `transaction()` as the write it describes."""
        return self.db["changes"].insert(
            {"at": utc_now(), "user_id": user_id, "chat_id": chat_id, "action": action,
             "entity": json.dumps(entity, ensure_ascii=False),
             "before": json.dumps(before, ensure_ascii=False) if before is not None else None,
             "after": json.dumps(after, ensure_ascii=False) if after is not None else None,
             "undone_by": None},
        ).last_pk

    def record_observation(self, row: dict, recorded_by: str, user_id: int | None = None,
                           chat_id: int | None = None) -> int:
        """Insert or replace an observation and its audit row in one transaction; returns the change id."""
        key = {k: row[k] for k in ("indicator_id", "city", "period")}
        with self.transaction():
            before = self._get("observations", key)
            return self.write_audited("set_observation", "observations", key, before,
                                      {**row, "recorded_by": recorded_by}, user_id, chat_id)

    def write_audited(self, action: str, table: str, key: dict, before: dict | None, after: dict | None,
                      user_id: int | None = None, chat_id: int | None = None, entity: dict | None = None,
                      at: str | None = None) -> int:
        """THE write path for figures, targets and aliases: the row and its `changes` row, one shape.

        Call inside `transaction()`. `after` None deletes the row. An observation gets its structured
        period columns from its label and `recorded_at`; the audit row's entity is the key plus the table
        (plus `entity`, e.g. the change an undo reverses). Returns the change id.
        """
        return self.write_audited_many(action, [(table, key, before, after)], user_id, chat_id, entity, at)[0]

    def write_audited_many(self, action: str, writes: list[tuple],
                           user_id: int | None = None, chat_id: int | None = None, entity: dict | None = None,
                           at: str | None = None) -> list[int]:
        """`write_audited` for many rows (an import, an undo): same rows, same audit shape, in `writes` order.

        Each write is (table, key, before, after) or (table, key, before, after, entity of that row only).

        Rows are upserted with one executemany per table and column set, and the audit rows with one
        executemany, because sqlite-utils' upsert and one insert per row cost ~0.2 ms a row (4 s for an
        import of 20,000 rows). Returns the change ids in order.
        """
        now = at or utc_now()
        conn = self.db.conn
        audits, run, run_kind = [], [], None
        columns: dict[str, tuple[str, ...]] = {}
        for table, key, before, after, *own in writes:
            if after is not None:
                if table not in columns:
                    columns[table] = tuple(self.db[table].columns_dict)
                # A whole row, so that the audit's `after` is exactly what a later read returns.
                after = {c: None for c in columns[table]} | after
                if table == "observations":
                    after |= period_columns(after.get("period") or "")
                    after["recorded_at"] = after.get("recorded_at") or now
            kind = (table, after is None)
            if kind != run_kind:  # a run of upserts or deletes of one table, written at once, in order
                self._flush(run_kind, run)
                run, run_kind = [], kind
            run.append(key if after is None else after)
            audits.append((now, user_id, chat_id, action,
                           json.dumps({**key, "table": table, **(entity or {}), **(own[0] if own else {})},
                                      ensure_ascii=False),
                           json.dumps(before, ensure_ascii=False) if before is not None else None,
                           json.dumps(after, ensure_ascii=False) if after is not None else None))
        self._flush(run_kind, run)
        conn.executemany("insert into changes (at, user_id, chat_id, action, entity, before, after, undone_by) "
                         "values (?, ?, ?, ?, ?, ?, ?, null)", audits)
        last = conn.execute("select max(id) from changes").fetchone()[0]
        return list(range(last - len(audits) + 1, last + 1))

    def _flush(self, kind: tuple[str, bool] | None, rows: list[dict]) -> None:
        """Write a run of rows of one table: keys to delete (kind[1] True) or whole rows to upsert."""
        if kind is None or not rows:
            return
        table, deleting = kind
        if deleting:
            key = TABLE_KEYS[table]
            self.db.conn.executemany(f"delete from [{table}] where " + " and ".join(f"[{c}] = ?" for c in key),
                                     ([row[c] for c in key] for row in rows))
        else:
            self._upsert(table, rows)
        if table == "sources":
            self._sources = None

    def _upsert(self, table: str | None, rows: list[dict]) -> None:
        """INSERT … ON CONFLICT DO UPDATE for many rows at once, grouped by column set."""
        if not rows:
            return
        key = TABLE_KEYS[table]
        groups: dict[tuple[str, ...], list[dict]] = {}
        for row in rows:
            groups.setdefault(tuple(row), []).append(row)
        for columns, group in groups.items():
            names = ", ".join(f"[{c}]" for c in columns)
            marks = ", ".join("?" for _ in columns)
            updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c not in key)
            conflict = f"do update set {updates}" if updates else "do nothing"
            self.db.conn.executemany(
                f"insert into [{table}] ({names}) values ({marks}) "
                f"on conflict ({', '.join(f'[{k}]' for k in key)}) {conflict}",
                ([row[c] for c in columns] for row in group))

    def _get(self, table: str, key: dict) -> dict | None:
        where = " and ".join(f"[{k}] = ?" for k in key)
        rows = list(self.db[table].rows_where(where, list(key.values())))
        return rows[0] if rows else None

    def chat_mode(self, chat_id: int) -> str:
        """'mention' (answer commands, replies and mentions only) or 'all' (also confident free text)."""
        row = self.db.execute("select mode from chat_settings where chat_id = ?", [chat_id]).fetchone()
        return row[0] if row else "mention"

    def set_chat_mode(self, chat_id: int, mode: str, user_id: int | None = None) -> None:
        if mode not in CHAT_MODES:
            raise ValueError(mode)
        with self.transaction():
            before = {"mode": self.chat_mode(chat_id)}
            self.db["chat_settings"].upsert(
                {"chat_id": chat_id, "mode": mode, "updated_at": utc_now(), "updated_by": user_id}, pk="chat_id"
            )
            self.record_change("set_chat_mode", {"chat_id": chat_id}, before, {"mode": mode}, user_id, chat_id)

    # -- subscriptions -----------------------------------------------------------------------
    # A subscription is keyed by (chat_id, thread_id, kind): the chat, the forum topic it was made in
    # (0 for none or General) and what it delivers. Every method takes the key's last two parts as
    # keywords defaulting to a daily summary without a topic.
    def subscription(self, chat_id: int, *, thread_id: int = 0, kind: str = DAILY) -> Subscription | None:
        row = self._get("subscriptions", {"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind})
        return _subscription(row) if row else None

    def active_subscriptions(self, kind: str | None = DAILY) -> list[Subscription]:
        """Active subscriptions of `kind` (every kind when None), by chat then topic."""
        where, args = ("active = 1", []) if kind is None else ("active = 1 and kind = ?", [kind])
        return [_subscription(r) for r in self.db["subscriptions"].rows_where(
            where, args, order_by="chat_id, thread_id")]

    def subscribe(self, chat_id: int, at_time: str, tz: str, due_from: str, user_id: int | None = None,
                  chat_title: str = "", *, thread_id: int = 0, kind: str = DAILY, day: int = 0) -> Subscription:
        """Create or renew a subscription (active, not paused); its audit row commits with it. An alerts
        subscription starts after the latest alert: what was decided before it is not replayed."""
        key = {"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind}
        with self.transaction():
            before = self._get("subscriptions", key)
            row = {**key, "chat_title": chat_title, "at_time": at_time, "tz": tz, "active": 1,
                   "paused": 0, "due_from": due_from, "created_by": user_id, "created_at": utc_now(),
                   "last_sent_at": (before or {}).get("last_sent_at") or "",
                   "last_sent_on": (before or {}).get("last_sent_on") or "", "day": day,
                   "last_alert_id": self.last_alert_id() if kind == ALERTS else 0}
            self.db["subscriptions"].upsert(row, pk=("chat_id", "thread_id", "kind"))
            self.record_change("subscribe", key, before, row, user_id, chat_id)
        return self.subscription(chat_id, thread_id=thread_id, kind=kind)

    def update_subscription(self, chat_id: int, action: str, user_id: int | None = None, *,
                            thread_id: int = 0, kind: str = DAILY, **fields) -> bool:
        """Change fields of an existing subscription with its audit row; False when there is none."""
        key = {"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind}
        with self.transaction():
            before = self.subscription(chat_id, thread_id=thread_id, kind=kind)
            if before is None:
                return False
            self.db["subscriptions"].update(tuple(key.values()), fields)
            self.record_change(action, key, {k: getattr(before, k) for k in fields}, fields, user_id, chat_id)
        return True

    def move_subscription(self, old_chat_id: int, new_chat_id: int) -> bool:
        """A group became a supergroup: its subscriptions (every topic and kind) follow it to the new id."""
        with self.transaction():
            moving = self.db.execute("select count(*) from subscriptions where chat_id = ?", [old_chat_id]).fetchone()[0]
            taken = self.db.execute("select count(*) from subscriptions where chat_id = ?", [new_chat_id]).fetchone()[0]
            if not moving or taken:
                return False
            self.db.execute("update subscriptions set chat_id = ? where chat_id = ?", [new_chat_id, old_chat_id])
            self.db.execute("update chat_settings set chat_id = ? where chat_id = ?", [new_chat_id, old_chat_id])
            self.db.execute("update report_log set chat_id = ? where chat_id = ?", [new_chat_id, old_chat_id])
            self.record_change("migrate_chat", {"chat_id": old_chat_id}, {"chat_id": old_chat_id},
                               {"chat_id": new_chat_id}, None, new_chat_id)
        return True

    def record_delivery(self, chat_id: int, ok: bool, error: str = "", sent_on: str = "", *,
                        thread_id: int = 0, kind: str = DAILY) -> None:
        """Log a delivery attempt; a successful one also marks the subscription as sent for `sent_on`."""
        now = utc_now()
        with self.transaction():
            # callers pass redacted text; the pattern-based redaction here is the last line of defence
            self.db["deliveries"].insert({"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind, "at": now,
                                          "ok": int(ok), "error": redact(error)[:500]})
            if ok:
                self.db.execute("update subscriptions set last_sent_at = ?, last_sent_on = ? "
                                "where chat_id = ? and thread_id = ? and kind = ?",
                                [now, sent_on, chat_id, thread_id or 0, kind])

    def deliveries(self, chat_id: int | None = None, *, thread_id: int | None = None,
                   kind: str | None = None) -> list[Delivery]:
        """Delivery attempts, oldest first; filtered by chat, topic and kind where given."""
        conditions = [(c, v) for c, v in (("chat_id", chat_id), ("thread_id", thread_id), ("kind", kind))
                      if v is not None]
        where = " and ".join(f"[{c}] = ?" for c, _ in conditions) or None
        return [Delivery(r["chat_id"], r["at"], bool(r["ok"]), r["error"] or "", r["thread_id"] or 0,
                         r["kind"] or DAILY)
                for r in self.db["deliveries"].rows_where(where, [v for _, v in conditions] or None,
                                                          order_by="id")]

    def last_change_id(self) -> int:
        return self.db.execute("select coalesce(max(id), 0) from changes").fetchone()[0]

    def changes_since(self, change_id: int, actions: tuple[str, ...]) -> list[dict]:
        """Audit rows after `change_id` whose action is one of `actions`, undone or not, oldest first."""
        marks = ",".join("?" for _ in actions)
        return list(self.db.query(f"select * from changes where id > ? and action in ({marks}) order by id",
                                  [change_id, *actions]))

    def add_alert(self, text: str) -> int:
        """Keep an alert for delivery; call inside the transaction that decided it. Returns its id."""
        return self.db["alerts"].insert({"at": utc_now(), "text": text}).last_pk

    def alerts_after(self, alert_id: int) -> list[tuple[int, str]]:
        """(id, text) of the alerts after `alert_id`, oldest first."""
        return [(r[0], r[1]) for r in self.db.execute("select id, text from alerts where id > ? order by id",
                                                      [alert_id]).fetchall()]

    def mark_alert_delivered(self, chat_id: int, thread_id: int, alert_id: int) -> None:
        """An alerts subscription has received every alert up to `alert_id`."""
        with self.transaction():
            self.db.execute("update subscriptions set last_alert_id = ? where chat_id = ? and thread_id = ? "
                            "and kind = ?", [alert_id, chat_id, thread_id or 0, ALERTS])

    def last_alert_id(self) -> int:
        return self.db.execute("select coalesce(max(id), 0) from alerts").fetchone()[0]

    def last_report(self, chat_id: int, thread_id: int = 0, kind: str = "report") -> tuple[str, str] | None:
        """(sent_at UTC ISO, standings JSON) of the last report sent under this key, None before the first."""
        row = self._get("report_log", {"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind})
        return (row["sent_at"], row["standings"]) if row else None

    def record_report(self, chat_id: int, standings: str, thread_id: int = 0, kind: str = "report") -> None:
        """Remember the standings of a report that was delivered (or written, for the console: chat 0)."""
        with self.transaction():
            self.db["report_log"].upsert({"chat_id": chat_id, "thread_id": thread_id or 0, "kind": kind,
                                          "sent_at": utc_now(), "standings": standings},
                                         pk=("chat_id", "thread_id", "kind"))

    def observations_recorded_since(self, since: str) -> list[Observation]:
        """Figures entered (not seeded) after `since` (UTC ISO), oldest first."""
        return sorted((o for o in self.observations() if o.recorded_by != "seed" and o.recorded_at > since),
                      key=lambda o: o.recorded_at)

    # -- admins and audited edits -------------------------------------------------------------
    def admin_ids(self) -> set[int]:
        return {r["user_id"] for r in self.db["admins"].rows}

    def admins(self) -> list[dict]:
        return list(self.db["admins"].rows_where(order_by="added_at"))

    def add_admin(self, user_id: int, name: str, added_by: int) -> bool:
        with self.transaction():
            if user_id in self.admin_ids():
                return False
            row = {"user_id": user_id, "name": name, "added_by": added_by, "added_at": utc_now()}
            self.db["admins"].insert(row)
            self.record_change("add_admin", {"user_id": user_id}, None, row, added_by, None)
        return True

    def remove_admin(self, user_id: int, removed_by: int) -> bool:
        with self.transaction():
            before = self._get("admins", {"user_id": user_id})
            if before is None:
                return False
            self.db["admins"].delete(user_id)
            self.record_change("remove_admin", {"user_id": user_id}, before, None, removed_by, None)
        return True

    def get_row(self, table: str, key: dict) -> dict | None:
        return self._get(table, key)

    def write_row(self, table: str, key: dict, row: dict | None) -> None:
        """Upsert `row` under `key`, or delete the row when `row` is None; call inside a transaction."""
        if row is None:
            self.db[table].delete([key[k] for k in TABLE_KEYS[table]])
        else:
            self.db[table].upsert(row, pk=TABLE_KEYS[table])
        if table == "sources":
            self._sources = None

    def ensure_source(self, title: str, publisher: str = "") -> str:
        """The id of the source with this title, created if new; call inside a transaction."""
        source_id = "user:" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:12]
        self.db["sources"].insert({"id": source_id, "title": title, "publisher": publisher, "published": "",
                                   "quote": ""}, pk="id", ignore=True)
        self._sources = None
        return source_id

    def change(self, change_id: int) -> dict | None:
        return self._get("changes", {"id": change_id})

    def import_changes(self, change: dict) -> list[dict]:
        """Every change row written by the import that wrote `change`, oldest first: those sharing its
        entity's "batch" (the id of the import's first row), or, for imports recorded before batches,
        those sharing its time, user and chat."""
        batch = json.loads(change["entity"]).get("batch")
        if batch is not None:
            return list(self.db.query(
                "select * from changes where action = 'import' and json_extract(entity, '$.batch') = ? "
                "order by id", [batch]))
        return list(self.db.query(
            "select * from changes where action = 'import' and at = ? and user_id is ? and chat_id is ? "
            "and json_extract(entity, '$.batch') is null order by id",
            [change["at"], change["user_id"], change["chat_id"]]))

    def undoable_changes(self, actions: tuple[str, ...], limit: int) -> list[dict]:
        """The latest changes of these kinds not yet undone, newest first."""
        marks = ",".join("?" for _ in actions)
        return list(self.db.query(
            f"select * from changes where undone_by is null and action in ({marks}) order by id desc limit ?",
            [*actions, limit]))

    def changes_after(self, change_id: int, actions: tuple[str, ...], limit: int) -> list[dict]:
        """Changes of these kinds newer than `change_id`, not undone, newest first."""
        marks = ",".join("?" for _ in actions)
        return list(self.db.query(
            f"select * from changes where id > ? and undone_by is null and action in ({marks}) "
            "order by id desc limit ?", [change_id, *actions, limit]))

    def changes_by_id(self, change_ids: list[int] | tuple[int, ...]) -> dict[int, dict]:
        """{id: change row} for the ids that exist, in one query."""
        return {row["id"]: row for row in self.db.query(
            "select * from changes where id in (select value from json_each(?))", [json.dumps(list(change_ids))])}

    def rows_by_key(self, table: str) -> dict[tuple, dict]:
        """A whole table keyed by its TABLE_KEYS, for checking many rows at once."""
        key = TABLE_KEYS[table]
        return {tuple(row[k] for k in key): row for row in self.db.query(f"select * from [{table}]")}

    def mark_all_undone(self, pairs: list[tuple[int, int]]) -> None:
        """Mark changes undone: (undo change id, change id) pairs, in the undo's transaction."""
        self.db.conn.executemany("update changes set undone_by = ? where id = ?", pairs)

    def references_to_source(self, source_id: str) -> int:
        """How many targets and observations cite this source."""
        return sum(self.db.execute(f"select count(*) from {table} where source_id = ?", [source_id]).fetchone()[0]
                   for table in ("targets", "observations"))

    def mark_undone(self, change_id: int, undo_id: int) -> None:
        self.db["changes"].update(change_id, {"undone_by": undo_id})

    def changes_for(self, indicator_id: str, limit: int = 20) -> list[dict]:
        return list(self.db.query(
            "select * from changes where json_extract(entity, '$.indicator_id') = ? order by id desc limit ?",
            [indicator_id, limit]))

    def unanswered(self, limit: int = 20) -> list[dict]:
        return list(self.db.query(
            "select question, times, last_at as last from unanswered order by times desc, last_at desc limit ?",
            [limit]))

    def source_list(self) -> list[Source]:
        return list(self.sources().values())

    # -- seeding -----------------------------------------------------------------------------
    def load_seeds(self, seeds_dir: Path = SEEDS_DIR) -> bool:
        """Insert seed rows whose keys are absent; skipped when the seed files have not changed."""
        digest = seeds_digest(seeds_dir)
        if self.meta("seeds_digest") == digest:
            return False
        pks = {"sources": "id", "indicators": "id", "aliases": ("indicator_id", "alias"),
               "targets": ("indicator_id", "city", "year"),
               "observations": ("indicator_id", "city", "period")}
        with self.transaction():
            for table in SEED_TABLES:
                rows = read_seed(table, seeds_dir)
                if table == "observations":
                    for row in rows:
                        row["recorded_at"], row["recorded_by"] = "", "seed"
                        row.update(period_columns(row["period"]))
                if table == "aliases":
                    for row in rows:
                        row["added_by"] = "seed"
                self.db[table].insert_all(rows, pk=pks[table], ignore=True)
            self.set_meta("seeds_digest", digest)
        self._sources = None
        return True


def restated_status(before: dict | None, after: dict) -> str:
    """A new figure for a period that already had an actual one is a restatement: status "revised".

    A preliminary or estimated figure followed by the actual one is not a restatement; an explicit
    preliminary/estimate status is kept.
    """
    status = after.get("status") or "actual"
    if (before is not None and status == "actual" and (before.get("status") or "actual") in ("actual", "revised")
            and before.get("value") is not None and after.get("value") is not None
            and float(before["value"]) != float(after["value"])):
        return "revised"
    return status


def period_columns(label: str) -> dict:
    """year, first_month, last_month and period_kind for a stored period label (no year and None for
    free text: its year column stays as given)."""
    period = parse_label(label)
    if period is None and label[:4].isdigit():
        # Another writing of a dated period (2026年1—6月) from a low-level caller: structured all the same.
        try:
            period = parse_period(label, int(label[:4]))
        except PeriodError:
            period = None
    if period is None:
        return {"first_month": None, "last_month": None, "period_kind": None}
    columns = period.to_columns()
    return {k: columns[k] for k in ("year", "first_month", "last_month", "period_kind")}


def _subscription(row: dict) -> Subscription:
    return Subscription(row["chat_id"], row["chat_title"] or "", row["at_time"], row["tz"], bool(row["active"]),
                        bool(row["paused"]), row["due_from"] or "", row["last_sent_at"] or "",
                        row["last_sent_on"] or "", row["thread_id"] or 0, row["kind"] or DAILY,
                        row.get("day") or 0, row.get("last_alert_id") or 0)


def _unknown(source_id: str | None) -> Source:
    return Source(source_id or "", source_id or "来源不详", "")


class StoreFileError(Exception):
    """The database file cannot be used: its folder cannot be created, it is a folder, it is not an
    SQLite database (or it is damaged), or it cannot be opened or written. The message is one line for
    an operator: the file, what is wrong and what to do."""


RESTORE_HINT = ("请停下机器人，用 `python -m bot backup` 做的备份恢复（步骤见 docs/deploy.md 第 4 节），"
                "或把该文件移走后重新启动（会新建数据库并载入种子数据）")


def database_problem(error: BaseException) -> str | None:
    """What an sqlite3 error says about the database file: "damaged" (a broken page, not a database),
    "busy" (another writer held it past the busy timeout), "access" (cannot be opened or written:
    permissions, a full disk, a read-only file system, an I/O error), "other" for any other
    sqlite3.DatabaseError (a missing table, a constraint: a fault of the code, not of the file), and
    None for anything that is not an sqlite3.DatabaseError."""
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    reason = str(error).lower()
    if any(word in reason for word in ("malformed", "not a database", "corrupt")):
        return "damaged"
    if "locked" in reason or "busy" in reason:
        return "busy"
    if any(word in reason for word in ("readonly", "read-only", "unable to open", "disk i/o", "disk is full",
                                       "permission", "no such file")):
        return "access"
    return "other"


def database_file_error(path: str | Path | None, error: sqlite3.Error) -> StoreFileError:
    """The one-line StoreFileError for an sqlite3 error met anywhere on the database at `path` — when
    opening, migrating, reading or writing (see `database_problem` for the kinds)."""
    where = f"数据库 {Path(path).resolve()}" if path not in (None, ":memory:") else "数据库"
    reason = str(error).splitlines()[0] if str(error) else type(error).__name__
    problem = database_problem(error)
    if problem == "damaged":
        return StoreFileError(f"{where} 已损坏或不是可用的 SQLite 数据库（{reason}）：若 BOT_DB_PATH 没有写错，{RESTORE_HINT}。")
    if problem == "busy":
        return StoreFileError(f"{where} 正被另一个程序占用（{reason}）：请稍后重试。")
    if problem == "access":
        return StoreFileError(f"{where} 无法打开或写入（{reason}）：请检查该文件及其目录的权限和剩余空间，"
                              "或把 BOT_DB_PATH 指向别处。")
    return StoreFileError(f"{where} 读写出错（{reason}）：请把这一行告诉维护者。")


def open_store(path: str | Path = ":memory:", seeds_dir: Path = SEEDS_DIR) -> Store:
    """Open (creating if needed) the knowledge base, migrate it and load the seeds.

    The store's `created` says whether the file was new, and `created_folders` the highest folder made
    for it (a typo in BOT_DB_PATH makes a new database rather than failing: the caller says so).
    Raises StoreFileError when the file at `path` cannot serve as the database (see its docstring).
    """
    if str(path) == ":memory:":
        return _prepare(sqlite_utils.Database(memory=True), seeds_dir)
    path = Path(path)
    where = f"数据库 {path.resolve()}"
    if path.is_dir():
        raise StoreFileError(f"{where} 是一个目录，不是文件：请把 BOT_DB_PATH 设为文件路径，例如 {path / 'suzhou_targets.db'}。")
    blocking = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise StoreFileError(f"{where} 无法创建：{blocking.resolve()} 是一个文件而不是目录，"
                             "请把 BOT_DB_PATH 指向一个目录里的文件，或移走这个文件。")
    missing = [p for p in path.parents if not p.exists()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreFileError(f"{where} 无法创建：目录 {path.parent.resolve()} 建不起来（{error.strerror or error}），"
                             "请把 BOT_DB_PATH 指向一个可写目录里的文件。") from None
    created = not path.exists() or path.stat().st_size == 0
    db = None
    try:
        db = sqlite_utils.Database(path)
        db.enable_wal()
        store = _prepare(db, seeds_dir)
    except sqlite3.DatabaseError as error:  # includes OperationalError
        if db is not None:
            db.close()
        raise database_file_error(path, error) from None
    store.path = path.resolve()
    store.created = created
    store.created_folders = missing[-1].resolve() if missing else None
    return store


def _prepare(db: sqlite_utils.Database, seeds_dir: Path) -> Store:
    db.execute("pragma foreign_keys = on")
    # deleted and rewritten text (a scrubbed error text) is overwritten in the file, not left in free space
    db.execute("pragma secure_delete = on")
    db.execute("pragma busy_timeout = 10000")
    migrations.apply(db)
    store = Store(db)
    store.load_seeds(seeds_dir)
    return store
