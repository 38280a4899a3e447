"""The knowledge base in memory: indicators, targets and figures read from one Store, and what they
say about one indicator for one city and year (its target, latest figure and progress), the current
plan year and the targets overview that summaries, reports and alerts start from.

The Answerer (knowledge/answers.py) is built on it; `reload()` reads the Store again after a write.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from knowledge.models import Indicator, Observation, Target
from knowledge.periods import Period, current_plan_year
from knowledge.places import DEFAULT_CITY
from knowledge.progress import Thresholds, assess, latest_of
from knowledge.replies import IndicatorAnswer
from knowledge.store import Store, in_worker_thread

T = TypeVar("T")

DEFAULT_TZ = "Asia/Shanghai"


class KnowledgeBase:
    """The figures and targets of one Store, in memory; build once, call `reload()` after writes."""

    def __init__(self, store: Store, tz: str = DEFAULT_TZ, clock: Callable[[], datetime] | None = None,
                 thresholds: Thresholds | None = None):
        self.store = store
        self.tz = ZoneInfo(tz)
        self._clock = clock or (lambda: datetime.now(self.tz))
        self.default_thresholds = thresholds or Thresholds()
        self._writing_elsewhere = 0  # writes running in worker threads (write_in_worker_thread)
        self._worker_writes_done: asyncio.Event | None = None  # set when the last of them ended
        self.reload()

    def now(self, tz: str | None = None) -> datetime:
        return self._clock().astimezone(ZoneInfo(tz) if tz else self.tz)

    def today(self) -> date:
        return self.now().date()

    def reload(self) -> None:
        """Re-read indicators, targets, figures and the owners' thresholds."""
        version = self.store.data_version()
        self.install(self.read_knowledge(self.store), version)

    def read_knowledge(self, store: Store) -> dict:
        """What reload() installs, read from `store` (this one, or another connection to its file in a
        worker thread): {attribute name: value}. Changes nothing of self, so it may run beside answering."""
        targets: dict[str, list[Target]] = {}
        for target in store.targets():
            targets.setdefault(target.indicator_id, []).append(target)
        observations: dict[str, list[Observation]] = {}
        for observation in store.observations():
            observations.setdefault(observation.indicator_id, []).append(observation)
        # The owners' thresholds (set with /thresholds) win over the configured defaults.
        override = store.thresholds_override()
        thresholds = Thresholds(**{**vars(self.default_thresholds), **override}) if override \
            else self.default_thresholds
        return {"by_id": {i.id: i for i in store.indicators()}, "_targets": targets, "_observations": observations,
                "thresholds": thresholds}

    def keep_up(self, store: Store) -> object:
        """Bring up to date what read_knowledge would store besides reading (the Answerer's fold table)."""

    def install(self, knowledge: dict, data_version: int) -> None:
        """Put what read_knowledge read in place at once (one dict update: a question answered meanwhile
        sees all of it or none), as of `data_version` of this store's connection."""
        vars(self).update(knowledge)
        self._data_version = data_version
        self.store.forget_cached()

    @property
    def writing_in_worker_thread(self) -> bool:
        """A write_in_worker_thread or dry_run_in_worker_thread is under way (its transaction may hold the
        database file)."""
        return self._writing_elsewhere > 0

    async def write_in_worker_thread(self, write: Callable[..., T], *args) -> T:
        """`write(a store, *args)`, then reload(), both in a worker thread on a connection of their own
        (knowledge.store.in_worker_thread), so that a large write and the reading after it never hold
        the event loop. Returns what `write` returns; when it raises, nothing was written (it is one
        transaction) and the knowledge is left as it was. Until then questions see the knowledge as it
        was before the write: refresh_if_changed does not reload on the loop."""
        def write_and_keep_up(store: Store):
            result = write(store, *args)
            self.keep_up(store)  # its own writes before `version`: else they would look like another's
            return result

        with self._holding_the_file():
            result = await in_worker_thread(self.store, write_and_keep_up)
            version = self.store.data_version()
            knowledge = await in_worker_thread(self.store, self.read_knowledge)
        self.install(knowledge, version)
        return result

    async def dry_run_in_worker_thread(self, work: Callable[..., T], *args) -> T:
        """`work(a store, *args)` in a worker thread on a connection of its own, for a write that is rolled
        back (the /undo preview's dry run of an import's undo): its transaction holds the file as long as
        a write's, so the loop's small writes wait for it too (write_when_free). Returns what `work`
        returns, raises what it raises; nothing is reloaded."""
        with self._holding_the_file():
            return await in_worker_thread(self.store, work, *args)

    @contextmanager
    def _holding_the_file(self) -> Iterator[None]:
        """Count a worker thread's write transaction while it runs; the last to end wakes write_when_free."""
        if not self._writing_elsewhere:
            self._worker_writes_done = asyncio.Event()
        self._writing_elsewhere += 1
        try:
            yield
        finally:
            self._writing_elsewhere -= 1
            if not self._writing_elsewhere:
                self._worker_writes_done.set()

    async def write_when_free(self, write: Callable[..., T], *args, **kwargs) -> T:
        """`write(*args, **kwargs)`: a small write the event loop makes on this store's connection (a
        delivery, a subscription, a logged question), run at once, or once no write_in_worker_thread or
        dry_run_in_worker_thread runs: its transaction holds the file, and a write here would wait for
        it on SQLite's busy timeout with the event loop held (seconds, while 30,000 rows are written).
        Returns what `write` returns, raises what it raises. The one way the event loop writes
        (tests/test_loop_writes.py)."""
        while self._writing_elsewhere:
            await self._worker_writes_done.wait()
        return write(*args, **kwargs)

    def recorded_since(self, since: str) -> list[Observation]:
        """Figures entered (not seeded) after `since` (UTC ISO), oldest first (in entry order within one
        indicator). From the knowledge in memory: reading them from the file, 30,000 rows after an
        import, held the event loop for a daily summary round."""
        entered = [o for figures in self._observations.values() for o in figures
                   if o.recorded_by != "seed" and o.recorded_at > since]
        return sorted(entered, key=lambda o: o.recorded_at)

    def plan_year(self) -> tuple[int, str]:
        """(the year of the current targets, a note when the plan is not wholly that year's).

        "Current" follows the clock; from 1 January until the new plan is entered it is the latest plan
        year, and the note says so. While the new plan is partly entered (fewer indicators with a target
        than the previous plan year), the indicators without a new target keep the previous year's, and
        the note says how many: "2027年目标已录入 1 项；其余 26 项仍按2026年计划".
        """
        today = self.today()
        years = {t.year for targets in self._targets.values() for t in targets}
        year, is_clock_year = current_plan_year(years, today)
        if not is_clock_year:
            return year, f"{today.year}年目标尚未录入，以下为{year}年目标"
        previous = self.previous_plan_year(year)
        if previous is None:
            return year, ""
        entered = {i for i, targets in self._targets.items() if any(t.year == year for t in targets)}
        kept = {i for i, targets in self._targets.items() if any(t.year == previous for t in targets)} - entered
        if not kept:
            return year, ""
        return year, f"{year}年目标已录入 {len(entered)} 项；其余 {len(kept)} 项仍按{previous}年计划"

    def previous_plan_year(self, year: int) -> int | None:
        """The latest plan year before `year` whose targets still stand in for a partly entered plan of
        `year` (None when `year`'s plan covers at least as many indicators)."""
        counts: dict[int, set[str]] = {}
        for indicator_id, targets in self._targets.items():
            for target in targets:
                counts.setdefault(target.year, set()).add(indicator_id)
        earlier = [y for y in counts if y < year]
        if not earlier or year not in counts:
            return None
        previous = max(earlier)
        return previous if len(counts[year]) < len(counts[previous]) else None

    # -- the figures of one indicator ---------------------------------------------------------
    def cities_with_data(self, indicator_id: str) -> list[str]:
        cities = [t.city for t in self._targets.get(indicator_id, [])]
        cities += [o.city for o in self._observations.get(indicator_id, [])]
        return list(dict.fromkeys(cities))

    def describe(self, indicator: Indicator, city: str, year: int | None = None) -> IndicatorAnswer:
        today = self.today()
        targets = {t.year: t for t in self._targets.get(indicator.id, []) if t.city == city}
        observations = [o for o in self._observations.get(indicator.id, []) if o.city == city]
        observations.sort(key=lambda o: (o.year or 0, o.period))

        if year is not None and year not in targets:
            of_year = [o for o in observations if o.year == year]
            if of_year:
                return IndicatorAnswer(indicator, city, year, observations=tuple(of_year))
            fallback = targets[max(targets)] if targets else None
            return IndicatorAnswer(indicator, city, year, target=fallback, observations=tuple(observations),
                                   missing_year=year)
        if not targets:
            return IndicatorAnswer(indicator, city, year, observations=tuple(observations))

        plan_year, plan_note = self.plan_year()
        if year is not None:
            target_year, plan_note = year, ""
        elif plan_year in targets:
            target_year = plan_year
            if self.previous_plan_year(plan_year) is not None:
                plan_note = ""  # this indicator's new target is entered: nothing to explain here
        else:
            target_year = max(targets)
            if target_year < plan_year:
                plan_note = f"本项没有{plan_year}年目标，以下为{target_year}年目标"
            else:
                plan_note = ""
        target = targets[target_year]
        actual = latest_of([o for o in observations if o.year == target_year])
        before = [o for o in observations if o.year is not None and o.year < target_year]
        earlier = latest_of([o for o in before if o.year == max(b.year for b in before)]) if before else None
        return IndicatorAnswer(indicator, city, target_year, target=target, actual=actual, earlier=earlier,
                               progress=assess(indicator, target, actual, today, self.thresholds, observations),
                               plan_note=plan_note)


    def describe_period(self, indicator: Indicator, city: str, wanted: list[Period], asked: str,
                        year: int | None) -> IndicatorAnswer:
        """The figure of the first of the `wanted` periods that is recorded (with its progress when its
        year has a target), or, in `missing_period`, the period asked (`asked` as written, in `year`)
        beside the figures recorded (whose periods a reply names)."""
        observations = sorted((o for o in self._observations.get(indicator.id, []) if o.city == city),
                              key=period_order)
        found = next((o for period in wanted for o in observations if o.span == period), None)
        if found is None:
            label = wanted[0].label if wanted else asked
            year = wanted[0].year if wanted else year
            return IndicatorAnswer(indicator, city, year, observations=tuple(observations), missing_period=label)
        target = next((t for t in self._targets.get(indicator.id, []) if t.city == city and t.year == found.year),
                      None)
        if target is None:
            return IndicatorAnswer(indicator, city, found.year, observations=(found,), period_asked=found.period)
        progress = assess(indicator, target, found, self.today(), self.thresholds, observations)
        return IndicatorAnswer(indicator, city, found.year, target=target, actual=found, progress=progress,
                               period_asked=found.period)

    def targets_overview(self, city: str = DEFAULT_CITY, year: int | None = None) -> list[IndicatorAnswer]:
        """Every indicator with a target for `city` in `year` (default: the current plan year), in seed
        order, with its latest figure and status."""
        self.refresh_if_changed()
        asked, year = year, year if year is not None else self.plan_year()[0]
        # while the plan of `year` is partly entered, the indicators without a new target keep the
        # previous plan year's (never silently dropped); their plan_note says so
        kept = self.previous_plan_year(year) if asked is None else None
        answers = [self.describe(i, city, asked) for i in self.by_id.values() if city in self.cities_with_data(i.id)]
        return [a for a in answers if a.target is not None and a.missing_year is None
                and a.target.year in (year, kept)]


    def refresh_if_changed(self) -> None:
        """Another process (an import from the console) wrote: read the knowledge again. Not while a
        write of this process runs in a worker thread: it reloads when done, off the loop."""
        if not self._writing_elsewhere and self.store.data_version() != self._data_version:
            self.reload()


    def _figure_of(self, indicator: Indicator, city: str, year: int | None) -> Observation | None:
        observations = [o for o in self._observations.get(indicator.id, []) if o.city == city
                        and (year is None or o.year == year)]
        return latest_of(observations)



def growth_ids(indicators: list[Indicator], observations: dict[str, list[Observation]]) -> frozenset[str]:
    """Indicators with a published 同比, or with a stated increase over the year before (an indicator
    named "<its name>比上年…" with figures): those a 同比 question can be answered for."""
    ids = {i for i, figures in observations.items() if any(o.yoy_growth is not None for o in figures)}
    increases = [i.name for i in indicators if "比上年" in i.name and observations.get(i.id)]
    ids |= {i.id for i in indicators if any(name.startswith(i.name) and name != i.name for name in increases)}
    return frozenset(ids)


def period_order(observation: Observation) -> tuple:
    """Periods in reading order: by year, then the month reached, then the span (1-9月 before 1-10月)."""
    span = observation.span
    if span is None:
        return (observation.year or 0, 0, 0, observation.period)
    return (span.year, span.last_month, span.months, observation.period)

