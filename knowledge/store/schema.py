"""The key of every table, stated once, and the columns an observation derives from its period label.

The migrations create these keys (and a test checks that a migrated database has exactly them);
everything after the migrations reads them from here.
"""

from __future__ import annotations

from knowledge.periods import PeriodError, parse_label, parse_period
from knowledge.quantities import parse_ascii_int

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    # knowledge
    "sources": ("id",),
    "indicators": ("id",),
    "aliases": ("indicator_id", "alias"),
    "targets": ("indicator_id", "city", "year"),
    "observations": ("indicator_id", "city", "period"),
    "indicator_duties": ("indicator_id",),
    # audit
    "changes": ("id",),
    # subscriptions and deliveries
    "subscriptions": ("chat_id", "thread_id", "kind"),
    "deliveries": ("id",),
    "alerts": ("id",),
    "report_log": ("chat_id", "thread_id", "kind"),
    # settings
    "meta": ("key",),
    "char_folds": ("char",),
    "chat_settings": ("chat_id",),
    "admins": ("user_id",),
    "unanswered": ("normalized",),
}

# The tables written by `write_audited` (and so reversed by /undo), keyed as above.
AUDITED_TABLES = ("observations", "targets", "aliases", "sources", "indicator_duties")
TABLE_KEYS: dict[str, tuple[str, ...]] = {table: PRIMARY_KEYS[table] for table in AUDITED_TABLES}

# The seed files, in the order they are loaded (a row's references are loaded before it).
SEED_TABLES = ("sources", "indicators", "aliases", "targets", "observations")


def period_columns(label: str) -> dict:
    """year, first_month, last_month and period_kind for a stored period label (no year and None for
    free text: its year column stays as given)."""
    period = parse_label(label)
    year = parse_ascii_int(label[:4])
    if period is None and year is not None:
        # Another writing of a dated period (2026年1—6月) from a low-level caller: structured all the same.
        try:
            period = parse_period(label, year)
        except PeriodError:
            period = None
    if period is None:
        return {"first_month": None, "last_month": None, "period_kind": None}
    columns = period.to_columns()
    return {k: columns[k] for k in ("year", "first_month", "last_month", "period_kind")}
