"""What every part of the store shares: the sqlite-utils connection, write transactions, one-row
lookups by key, and the clock the stored times are written with."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from knowledge.models import Source


def utc_now() -> str:
    """Now in UTC as ISO 8601 to the second ("2026-11-29T11:12:04+00:00"), the form of every stored time."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class StoreBase:
    """The connection the parts of `Store` (knowledge, audit, subscriptions, settings) work over."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._sources: dict[str, Source] | None = None  # sources by id, read once; None after a write
        self.path: Path | None = None  # the database file (None in memory), for one-line error messages
        self.created = False  # open_store made a new file (and `created_folders` the folders above it)
        self.created_folders: Path | None = None
        self.acting: str | None = None  # who the audited writes are made for ("王科长（42）"), see acting_as

    @contextmanager
    def acting_as(self, who: str | None):
        """Record `who` ("王科长（42）", handlers.confirm.who) with every audited write made inside."""
        self.acting = who
        try:
            yield
        finally:
            self.acting = None

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

    def forget_cached(self) -> None:
        """Another connection (a worker thread's, another process's) may have written: read again."""
        self._sources = None

    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits to the database."""
        return self.db.execute("pragma data_version").fetchone()[0]

    def _get(self, table: str, key: dict) -> dict | None:
        """The row of `table` whose columns equal `key` ({column: value}), None when there is none."""
        where = " and ".join(f"[{k}] = ?" for k in key)
        rows = list(self.db[table].rows_where(where, list(key.values()), limit=1))
        return rows[0] if rows else None
