"""The SQLite knowledge base: schema migrations, seeding from seeds/*.csv, reads and audited writes.

Opened with `open_store(path)`; the schema is migrated and the seeds are loaded on every open, which
is idempotent: seed rows are inserted only where their key is absent, so an admin's edit of a seeded
figure is never overwritten by a restart.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from knowledge.errors import SeedError

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


CHAT_MODES = ("mention", "all")
TABLE_KEYS = {
    "observations": ("indicator_id", "city", "period"),
    "targets": ("indicator_id", "city", "year"),
    "aliases": ("indicator_id", "alias"),
}


@dataclass(frozen=True)
class Subscription:
    chat_id: int
    chat_title: str
    at_time: str  # "HH:MM" in tz
    tz: str
    active: bool
    paused: bool
    due_from: str  # first local date (ISO) on which a summary is due
    last_sent_at: str  # UTC ISO time of the last delivery, "" if none
    last_sent_on: str  # local date (ISO) of the last delivery, "" if none


@dataclass(frozen=True)
class Delivery:
    chat_id: int
    at: str
    ok: bool
    error: str


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    category: str
    unit: str
    kind: str  # cumulative | level | text
    higher_is_better: bool


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str


@dataclass(frozen=True)
class Target:
    indicator_id: str
    city: str
    year: int
    value: float | None
    unit: str
    qualifier: str
    text: str
    source: Source


@dataclass(frozen=True)
class Observation:
    indicator_id: str
    city: str
    period: str
    year: int | None
    value: float | None
    unit: str
    qualifier: str
    text: str
    status: str  # actual | estimate | preliminary
    note: str
    source: Source
    recorded_at: str = ""
    recorded_by: str = ""


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
                if key in ("value",):
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
                      bool(r["higher_is_better"]))
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
                        r["recorded_at"] or "", r["recorded_by"] or "")
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

    # -- writes ------------------------------------------------------------------------------
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
        with self.transaction():
            self.db["unanswered"].insert(
                {"at": utc_now(), "chat_id": chat_id, "user_id": user_id,
                 "question": question[:500], "normalized": normalized[:200]}
            )

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
        row = {**row, "recorded_at": utc_now(), "recorded_by": recorded_by}
        with self.transaction():
            before = self._get("observations", key)
            self.db["observations"].upsert(row, pk=("indicator_id", "city", "period"))
            return self.record_change("set_observation", key, before, row, user_id, chat_id)

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
    def subscription(self, chat_id: int) -> Subscription | None:
        rows = list(self.db["subscriptions"].rows_where("chat_id = ?", [chat_id]))
        return _subscription(rows[0]) if rows else None

    def active_subscriptions(self) -> list[Subscription]:
        return [_subscription(r) for r in self.db["subscriptions"].rows_where("active = 1", order_by="chat_id")]

    def subscribe(self, chat_id: int, at_time: str, tz: str, due_from: str, user_id: int | None = None,
                  chat_title: str = "") -> Subscription:
        """Create or renew a subscription (active, not paused); its audit row commits with it."""
        with self.transaction():
            before = self.db["subscriptions"].get(chat_id) if self.subscription(chat_id) else None
            row = {"chat_id": chat_id, "chat_title": chat_title, "at_time": at_time, "tz": tz, "active": 1,
                   "paused": 0, "due_from": due_from, "created_by": user_id, "created_at": utc_now(),
                   "last_sent_at": (before or {}).get("last_sent_at") or "",
                   "last_sent_on": (before or {}).get("last_sent_on") or ""}
            self.db["subscriptions"].upsert(row, pk="chat_id")
            self.record_change("subscribe", {"chat_id": chat_id}, before, row, user_id, chat_id)
        return self.subscription(chat_id)

    def update_subscription(self, chat_id: int, action: str, user_id: int | None = None, **fields) -> bool:
        """Change fields of an existing subscription with its audit row; False when there is none."""
        with self.transaction():
            before = self.subscription(chat_id)
            if before is None:
                return False
            self.db["subscriptions"].update(chat_id, fields)
            self.record_change(action, {"chat_id": chat_id}, {k: getattr(before, k) for k in fields}, fields,
                               user_id, chat_id)
        return True

    def move_subscription(self, old_chat_id: int, new_chat_id: int) -> bool:
        """A group became a supergroup: its subscription follows it to the new chat id."""
        with self.transaction():
            row = self.subscription(old_chat_id)
            if row is None or self.subscription(new_chat_id) is not None:
                return False
            self.db.execute("update subscriptions set chat_id = ? where chat_id = ?", [new_chat_id, old_chat_id])
            self.db.execute("update chat_settings set chat_id = ? where chat_id = ?", [new_chat_id, old_chat_id])
            self.record_change("migrate_chat", {"chat_id": old_chat_id}, {"chat_id": old_chat_id},
                               {"chat_id": new_chat_id}, None, new_chat_id)
        return True

    def record_delivery(self, chat_id: int, ok: bool, error: str = "", sent_on: str = "") -> None:
        """Log a delivery attempt; a successful one also marks the subscription as sent for `sent_on`."""
        now = utc_now()
        with self.transaction():
            self.db["deliveries"].insert({"chat_id": chat_id, "at": now, "ok": int(ok), "error": error[:500]})
            if ok:
                self.db["subscriptions"].update(chat_id, {"last_sent_at": now, "last_sent_on": sent_on})

    def deliveries(self, chat_id: int | None = None) -> list[Delivery]:
        where, args = ("chat_id = ?", [chat_id]) if chat_id is not None else (None, None)
        return [Delivery(r["chat_id"], r["at"], bool(r["ok"]), r["error"] or "")
                for r in self.db["deliveries"].rows_where(where, args, order_by="id")]

    def last_change_id(self) -> int:
        return self.db.execute("select coalesce(max(id), 0) from changes").fetchone()[0]

    def changes_after(self, change_id: int, actions: tuple[str, ...]) -> list[dict]:
        """Audit rows after `change_id` whose action is one of `actions`, oldest first."""
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

    def ensure_source(self, title: str, publisher: str = "") -> str:
        """The id of the source with this title, created if new; call inside a transaction."""
        source_id = "user:" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:12]
        self.db["sources"].insert({"id": source_id, "title": title, "publisher": publisher, "published": "",
                                   "quote": ""}, pk="id", ignore=True)
        self._sources = None
        return source_id

    def change(self, change_id: int) -> dict | None:
        return self._get("changes", {"id": change_id})

    def last_undoable_change(self, actions: tuple[str, ...]) -> dict | None:
        marks = ",".join("?" for _ in actions)
        row = self.db.execute(
            f"select id from changes where undone_by is null and action in ({marks}) order by id desc limit 1",
            list(actions)).fetchone()
        return self.change(row[0]) if row else None

    def mark_undone(self, change_id: int, undo_id: int) -> None:
        self.db["changes"].update(change_id, {"undone_by": undo_id})

    def changes_for(self, indicator_id: str, limit: int = 20) -> list[dict]:
        return list(self.db.query(
            "select * from changes where json_extract(entity, '$.indicator_id') = ? order by id desc limit ?",
            [indicator_id, limit]))

    def unanswered(self, limit: int = 20) -> list[dict]:
        return list(self.db.query(
            "select question, count(*) as times, max(at) as last from unanswered group by normalized "
            "order by times desc, last desc limit ?", [limit]))

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
                if table == "aliases":
                    for row in rows:
                        row["added_by"] = "seed"
                self.db[table].insert_all(rows, pk=pks[table], ignore=True)
            self.set_meta("seeds_digest", digest)
        self._sources = None
        return True


def _subscription(row: dict) -> Subscription:
    return Subscription(row["chat_id"], row["chat_title"] or "", row["at_time"], row["tz"], bool(row["active"]),
                        bool(row["paused"]), row["due_from"] or "", row["last_sent_at"] or "",
                        row["last_sent_on"] or "")


def _unknown(source_id: str | None) -> Source:
    return Source(source_id or "", source_id or "来源不详", "")


def open_store(path: str | Path = ":memory:", seeds_dir: Path = SEEDS_DIR) -> Store:
    """Open (creating if needed) the knowledge base, migrate it and load the seeds."""
    if str(path) == ":memory:":
        db = sqlite_utils.Database(memory=True)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(path)
        db.enable_wal()
    db.execute("pragma foreign_keys = on")
    db.execute("pragma busy_timeout = 10000")
    migrations.apply(db)
    store = Store(db)
    store.load_seeds(seeds_dir)
    return store
