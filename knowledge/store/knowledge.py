"""The knowledge itself: sources, indicators and their aliases, targets and observations, read as the
records of `knowledge.models`, and the seeds that fill them on every open."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

from knowledge.control_characters import stored_text
from knowledge.models import Indicator, Observation, ObservationStatus, Source, Target
from knowledge.quantities import format_quantity, to_base
from knowledge.store.base import StoreBase
from knowledge.store.schema import PRIMARY_KEYS, SEED_TABLES, TABLE_KEYS, period_columns
from knowledge.store.seeds import SEEDS_DIR, read_seed, seeds_digest


class KnowledgeRecords(StoreBase):
    """Reads of the knowledge tables; writes go through `AuditLog.write_audited` (the `Store` composes both)."""

    # -- reads -------------------------------------------------------------------------------
    def sources(self) -> dict[str, Source]:
        """{source id: Source}, read once and kept until a write touches the sources."""
        if self._sources is None:
            self._sources = {
                r["id"]: Source(r["id"], r["title"], r["publisher"] or "")
                for r in self.db["sources"].rows
            }
        return self._sources

    def source_list(self) -> list[Source]:
        return list(self.sources().values())

    def indicators(self) -> list[Indicator]:
        """Every indicator in the order it was added (seeds first); monthly_plan as 12 shares (0-1) or None."""
        return [
            Indicator(r["id"], r["name"], r["category"], r["unit"] or "", r["kind"],
                      bool(r["higher_is_better"]),
                      tuple(json.loads(r["monthly_plan"])) if r.get("monthly_plan") else None)
            for r in self.db["indicators"].rows_where(order_by="rowid")
        ]

    def aliases(self) -> list[tuple[str, str]]:
        """(indicator id, alias) pairs in the order they were added."""
        return [(r["indicator_id"], r["alias"]) for r in self.db["aliases"].rows_where(order_by="rowid")]

    def targets(self, indicator_id: str | None = None) -> list[Target]:
        """The targets (of one indicator when given) in the order they were added; value in the row's unit."""
        where, args = ("indicator_id = ?", [indicator_id]) if indicator_id else (None, None)
        sources = self.sources()
        return [
            Target(r["indicator_id"], r["city"], r["year"], r["value"], r["unit"] or "",
                   r["qualifier"] or "", r["text"] or "", sources.get(r["source_id"], _unknown(r["source_id"])),
                   r.get("quote") or "")
            for r in self.db["targets"].rows_where(where, args, order_by="rowid")
        ]

    def observations(self, indicator_id: str | None = None) -> list[Observation]:
        """The observations (of one indicator when given) in the order they were added; value in the
        row's unit, yoy_growth in percent as published."""
        if indicator_id:
            return self._observations("indicator_id = ?", [indicator_id], "rowid")
        return self._observations(None, None, "rowid")

    def _observations(self, where: str | None, args: list | None, order_by: str) -> list[Observation]:
        sources = self.sources()
        return [
            Observation(r["indicator_id"], r["city"], r["period"] or "", r["year"], r["value"],
                        r["unit"] or "", r["qualifier"] or "", r["text"] or "", r["status"] or ObservationStatus.ACTUAL,
                        r["note"] or "", sources.get(r["source_id"], _unknown(r["source_id"])),
                        r["recorded_at"] or "", r["recorded_by"] or "", r.get("first_month"),
                        r.get("last_month"), r.get("period_kind") or None, r.get("yoy_growth"))
            for r in self.db["observations"].rows_where(where, args, order_by=order_by)
        ]

    def places_with_figures(self) -> set[str]:
        """Every place (city, district, province, 全国) that has at least one target or observation."""
        return {row[0] for row in self.db.execute("select city from targets union select city from observations")}

    def references_to_source(self, source_id: str) -> int:
        """How many targets and observations cite this source."""
        return sum(self.db.execute(f"select count(*) from {table} where source_id = ?", [source_id]).fetchone()[0]
                   for table in ("targets", "observations"))

    # -- writes ------------------------------------------------------------------------------
    def record_observation(self, row: dict, recorded_by: str, user_id: int | None = None,
                           chat_id: int | None = None) -> int:
        """Insert or replace an observation and its audit row in one transaction; returns the change id."""
        key = {k: row[k] for k in TABLE_KEYS["observations"]}
        with self.transaction():
            before = self._get("observations", key)
            return self.write_audited("set_observation", "observations", key, before,
                                      {**row, "recorded_by": recorded_by}, user_id, chat_id)

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

    def ensure_source(self, title: str, publisher: str = "") -> str:
        """The id of the source with this title (of /set, a release or an import's 来源 cell; without control
        characters: stored_text): one that exists (the first by id), else a new one, user_source_id(title);
        call inside a transaction."""
        title, publisher = stored_text(title), stored_text(publisher)
        existing = self.db.execute("select id from sources where title = ? order by id limit 1", [title]).fetchone()
        if existing:
            return existing[0]
        source_id = user_source_id(title)
        self.db["sources"].insert({"id": source_id, "title": title, "publisher": publisher, "published": "",
                                   "quote": ""}, pk="id", ignore=True)
        self._sources = None
        return source_id

    # -- seeding -----------------------------------------------------------------------------
    def load_seeds(self, seeds_dir: Path = SEEDS_DIR) -> bool:
        """Insert seed rows whose keys are absent; skipped when the seed files have not changed.
        Returns whether the seeds were read. Raises SeedError when a seed file is missing."""
        digest = seeds_digest(seeds_dir)
        if self.meta("seeds_digest") == digest:
            return False
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
                self.db[table].insert_all(rows, pk=PRIMARY_KEYS[table], ignore=True)
            self.set_meta("seeds_digest", digest)
        self._sources = None
        return True


def user_source_id(title: str) -> str:
    """The id a source added by its title gets: 'user:' and the first 12 hex digits of its SHA-1."""
    return "user:" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:12]


def restated_status(before: dict | None, after: dict) -> str:
    """A new figure for a period that already had an actual one is a restatement: status "revised".

    A preliminary or estimated figure followed by the actual one is not a restatement; an explicit
    preliminary/estimate status is kept.
    """
    status = after.get("status") or ObservationStatus.ACTUAL
    earlier = (before or {}).get("status") or ObservationStatus.ACTUAL
    if (before is not None and status == ObservationStatus.ACTUAL
            and earlier in (ObservationStatus.ACTUAL, ObservationStatus.REVISED)
            and before.get("value") is not None and after.get("value") is not None
            and float(before["value"]) != float(after["value"])):
        return ObservationStatus.REVISED
    return status


# What was written about one figure, and is not true of another: its qualifier (预计/突破/约), its
# text, a note (与苏州差距高达7千亿元) and the quoted sentence. A target keeps its qualifier (超…, 保持…以上
# say what kind of target it is; /target shows it kept).
FIGURE_WORDING = {"observations": ("qualifier", "text", "note", "quote"), "targets": ("text", "quote")}


def written_figure(table: str, before: dict | None, given: dict) -> dict:
    """The row to store when `given` (the columns a /set, /target, release or import row writes) goes
    over `before` (the stored row of `table`, "observations" or "targets"; None when there is none):
    the given columns over the stored ones, except that a new figure (another value in base units)
    carries over none of the old one's FIGURE_WORDING that is not given. A text not given (or empty) is
    written out again from value, unit and qualifier when there was no row or any of them changed, else
    kept; an actual figure over an actual one of another value is 修订数 (restated_status). The one rule
    of /set, /target, releases and imports."""
    row = {**(before or {}), **given}
    if before is not None and _amount(before) != _amount(row):
        row.update({column: "" for column in FIGURE_WORDING[table] if column not in given})
    if "value" in given and not given.get("text"):  # an empty text cell is no text given
        if before is None or _amount(before) != _amount(row) \
                or any((before.get(c) or "") != (row.get(c) or "") for c in ("unit", "qualifier")):
            row["text"] = format_quantity(row["value"], row.get("unit") or "", row.get("qualifier") or "")
        else:
            row["text"] = before.get("text") or ""
    if table == "observations" and before is not None:
        row["status"] = restated_status(before, row)
    return row


def _amount(row: dict) -> float | None:
    """A row's value in base units, rounded to 15 significant digits: a spreadsheet's 16-digit copy of a
    float is the same figure."""
    if row.get("value") is None:
        return None
    amount = float(to_base(row["value"], row.get("unit") or ""))
    return float(f"{amount:.15g}") if math.isfinite(amount) else amount


def _unknown(source_id: str | None) -> Source:
    return Source(source_id or "", source_id or "来源不详", "")
