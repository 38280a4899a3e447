"""The SQLite knowledge base: schema migrations, seeding from seeds/*.csv, reads and audited writes of
the records defined in `knowledge.models`.

Opened with `open_store(path)`; the schema is migrated and the seeds are loaded on every open, which
is idempotent: seed rows are inserted only where their key is absent, so an admin's edit of a seeded
figure is never overwritten by a restart.

One module per thing stored, all over the same connection: `knowledge` (sources, indicators, aliases,
targets, observations, seeds), `audit` (the changes log and the one audited write path),
`subscriptions` (subscriptions, deliveries, alerts, report log), `settings` (meta, thresholds, chat
modes, admins, character folds, unanswered questions); `schema` states every table's key once,
`migrations` is the schema's history, `opening` composes the `Store` and opens the file, `workers` runs
work on it in a worker thread over a connection of its own.
"""

import importlib
import sys

if "pandas" not in sys.modules:
    # sqlite-utils imports pandas (≈0.6 s) only to recognise DataFrame values, which this package
    # never hands it; keeping it out makes `python -m bot ask` start in well under a second.
    sys.modules["pandas"] = None  # type: ignore[assignment]
    try:
        importlib.import_module("sqlite_utils.migrations")  # and sqlite_utils itself, before any submodule
    finally:
        del sys.modules["pandas"]

from knowledge.store.audit import recorded_who  # noqa: E402
from knowledge.store.base import utc_now  # noqa: E402
from knowledge.store.knowledge import FIGURE_WORDING, restated_status, user_source_id, written_figure  # noqa: E402
from knowledge.store.migrations import RENAMED_SOURCES, migrations  # noqa: E402
from knowledge.store.opening import (  # noqa: E402
    RESTORE_HINT, Store, StoreFileError, create_private_file, database_file_error, database_problem, open_store)
from knowledge.store.schema import PRIMARY_KEYS, SEED_TABLES, TABLE_KEYS, period_columns  # noqa: E402
from knowledge.store.seeds import SEEDS_DIR, read_seed, seeds_digest  # noqa: E402
from knowledge.store.settings import CHAT_MODES, MAX_QUESTION_CHARS, MAX_UNANSWERED_ROWS  # noqa: E402
from knowledge.store.workers import in_worker_thread, own_connection  # noqa: E402

__all__ = [
    "CHAT_MODES", "FIGURE_WORDING", "MAX_QUESTION_CHARS", "MAX_UNANSWERED_ROWS", "PRIMARY_KEYS", "RENAMED_SOURCES",
    "RESTORE_HINT", "SEED_TABLES", "SEEDS_DIR", "TABLE_KEYS", "Store", "StoreFileError", "create_private_file",
    "database_file_error", "database_problem", "in_worker_thread", "migrations", "open_store", "own_connection",
    "period_columns", "read_seed", "recorded_who", "restated_status", "seeds_digest", "user_source_id", "utc_now",
    "written_figure",
]
