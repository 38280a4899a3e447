"""Work on the store in a worker thread, so that a long write or check (an import of 30,000 rows, its
undo) never holds the event loop: on a connection of its own to the same file, because an sqlite3
connection belongs to the thread that opened it, and because the loop's connection must never find
itself inside the worker's transaction (its writes would be committed or rolled back with it).

WAL lets the loop read meanwhile; a write on the loop would wait for the worker's transaction on
SQLite's busy timeout, with the loop held: the loop's small writes go through
KnowledgeBase.write_when_free, which waits for the worker's write without holding the loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import sqlite_utils

from knowledge.store.opening import Store, configure_connection

T = TypeVar("T")


@contextmanager
def own_connection(store: Store) -> Iterator[Store]:
    """Another Store on the file of `store`, for the calling thread only, closed on leaving. The file is
    already migrated and seeded (open_store did it), so nothing is. ValueError for a store in memory."""
    if store.path is None:
        raise ValueError("a store in memory has no file another connection could open")
    db = sqlite_utils.Database(store.path)
    try:
        configure_connection(db)
        own = Store(db)
        own.path = store.path
        yield own
    finally:
        db.close()


async def in_worker_thread(store: Store, work: Callable[..., T], *args) -> T:
    """`work(a store, *args)` in a worker thread on own_connection(store), while the event loop goes on;
    returns what `work` returns and raises what it raises. A store in memory (tests, `ask`) cannot be
    reached from another connection: `work(store, *args)` then runs here, on the loop."""
    if store.path is None:
        return work(store, *args)

    def run() -> T:
        with own_connection(store) as own:
            return work(own, *args)

    return await asyncio.to_thread(run)
