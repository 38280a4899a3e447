"""The answerer: a question in, a Reply (data, not text) out — which figure, for which city and year.

Held for the life of the process; `reload()` rebuilds the matcher after the knowledge changed, so
the next question sees the new figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from knowledge.folding import build_fold_table, vocabulary_digest
from knowledge.matcher import Candidate, Matcher
from knowledge.places import DEFAULT_CITY, NATIONAL
from knowledge.periods import current_plan_year
from knowledge.progress import Progress, Thresholds, assess, latest_of
from knowledge.questions import Question, core_of, normalize, parse_question
from knowledge.store import Indicator, Observation, Store, Target

DEFAULT_TZ = "Asia/Shanghai"

# Why a question was declined; the renderer words each one.
EMPTY, TOO_LONG, NO_MATCH, NO_CITY_DATA, NO_YEAR_DATA, ONLY_INCREMENT = (
    "empty", "too_long", "no_match", "no_city_data", "no_year_data", "only_increment")
INCREMENT_PREFIXES = ("新增", "新供")


@dataclass(frozen=True)
class IndicatorAnswer:
    """Everything known about one indicator for one city, as far as the question asked."""

    indicator: Indicator
    city: str
    year: int | None
    target: Target | None = None
    actual: Observation | None = None  # the latest figure for the target's year
    earlier: Observation | None = None  # the latest figure before the target's year
    observations: tuple[Observation, ...] = ()  # for indicators without a target
    progress: Progress | None = None
    missing_year: int | None = None  # the year asked for, when nothing is known for it
    plan_note: str = ""  # e.g. "2027年目标尚未录入，以下为2026年目标" while a new year has no plan yet


@dataclass(frozen=True)
class Reply:
    decision: str  # answer | clarify | decline
    question: Question
    answers: tuple[IndicatorAnswer, ...] = ()
    candidates: tuple[tuple[Candidate, IndicatorAnswer | None], ...] = ()
    reason: str = ""
    missing_cities: tuple[str, ...] = ()
    cities_with_data: tuple[str, ...] = field(default=())


class Answerer:
    """Answers questions from one Store; build once at start-up, call `reload()` after writes."""

    def __init__(self, store: Store, tz: str = DEFAULT_TZ, clock: Callable[[], datetime] | None = None,
                 thresholds: Thresholds | None = None):
        self.store = store
        self.tz = ZoneInfo(tz)
        self._clock = clock or (lambda: datetime.now(self.tz))
        self.default_thresholds = thresholds or Thresholds()
        self.reload()

    def now(self, tz: str | None = None) -> datetime:
        return self._clock().astimezone(ZoneInfo(tz) if tz else self.tz)

    def today(self) -> date:
        return self.now().date()

    def reload(self) -> None:
        """Re-read indicators, aliases and figures; rebuild the fold table if the vocabulary changed."""
        self._data_version = self.store.data_version()
        indicators = self.store.indicators()
        aliases = self.store.aliases()
        words = [core_of(normalize(i.name)) for i in indicators] + [core_of(normalize(a)) for _, a in aliases]
        digest = vocabulary_digest(words)
        if self.store.meta("folds_digest") == digest:
            folds = self.store.char_folds()
        else:
            folds = build_fold_table(words)
            self.store.replace_char_folds(folds, digest)
        self.matcher = Matcher(indicators, aliases, folds)
        self.by_id = {i.id: i for i in indicators}
        self._targets: dict[str, list[Target]] = {}
        for target in self.store.targets():
            self._targets.setdefault(target.indicator_id, []).append(target)
        self._observations: dict[str, list[Observation]] = {}
        for observation in self.store.observations():
            self._observations.setdefault(observation.indicator_id, []).append(observation)
        # The owners' thresholds (set with /thresholds) win over the configured defaults.
        override = self.store.thresholds_override()
        self.thresholds = Thresholds(**{**vars(self.default_thresholds), **override}) if override \
            else self.default_thresholds

    def plan_year(self) -> tuple[int, str]:
        """(the year of the current targets, a note when that is not the clock's year).

        "Current" follows the clock; from 1 January until the new plan is entered it is the latest plan
        year, and the note says so.
        """
        today = self.today()
        years = {t.year for targets in self._targets.values() for t in targets}
        year, is_clock_year = current_plan_year(years, today)
        note = "" if is_clock_year else f"{today.year}年目标尚未录入，以下为{year}年目标"
        return year, note

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
        else:
            target_year, plan_note = max(targets), ""
        target = targets[target_year]
        actual = latest_of([o for o in observations if o.year == target_year])
        before = [o for o in observations if o.year is not None and o.year < target_year]
        earlier = latest_of([o for o in before if o.year == max(b.year for b in before)]) if before else None
        return IndicatorAnswer(indicator, city, target_year, target=target, actual=actual, earlier=earlier,
                               progress=assess(indicator, target, actual, today, self.thresholds, observations),
                               plan_note=plan_note)

    def answer_for(self, indicator_id: str, city: str, year: int | None = None) -> Reply:
        """The answer for one indicator chosen from a clarify list (no matching involved)."""
        question = parse_question("", self.today())
        indicator = self.by_id.get(indicator_id)
        if indicator is None or city not in self.cities_with_data(indicator_id):
            return Reply("decline", question, reason=NO_MATCH)
        return Reply("answer", question, answers=(self.describe(indicator, city, year),))

    def targets_overview(self, city: str = DEFAULT_CITY, year: int | None = None) -> list[IndicatorAnswer]:
        """Every indicator with a target for `city` in `year` (default: the current plan year), in seed
        order, with its latest figure and status."""
        self.refresh_if_changed()
        asked, year = year, year if year is not None else self.plan_year()[0]
        answers = [self.describe(i, city, asked) for i in self.by_id.values() if city in self.cities_with_data(i.id)]
        return [a for a in answers if a.target is not None and a.missing_year is None and a.target.year == year]

    # -- a question ---------------------------------------------------------------------------
    def refresh_if_changed(self) -> None:
        """Another process (an import from the console) wrote: read the knowledge again."""
        if self.store.data_version() != self._data_version:
            self.reload()

    def answer(self, text: str) -> Reply:
        self.refresh_if_changed()
        question = parse_question(text, self.today())
        if question.too_long:
            return Reply("decline", question, reason=TOO_LONG)
        if not question.core:
            return Reply("decline", question, reason=EMPTY)
        match = self.matcher.match(question)
        if match.decision == "decline":
            return Reply("decline", question, reason=NO_MATCH)

        named = list(question.cities)
        if match.decision == "clarify":
            options = []
            for candidate in match.candidates:
                cities = self._cities_for(candidate.indicator, named)
                if cities:
                    options.append((candidate, self.describe(candidate.indicator, cities[0], question.year)))
            if len(options) > 1:
                return Reply("clarify", question, candidates=tuple(options))
            if not options:
                return self._no_city_data(question, match.best.indicator)
            indicator = options[0][0].indicator
        else:
            indicator = match.best.indicator

        if question.wants_stock and indicator.name.startswith(INCREMENT_PREFIXES):
            # The figure would be silently wrong: a yearly addition given as the total asked for.
            candidate = Candidate(indicator, match.best.score, indicator.name)
            return Reply("decline", question, reason=ONLY_INCREMENT, candidates=((candidate, None),))
        cities = self._cities_for(indicator, named)
        if not cities:
            return self._no_city_data(question, indicator)
        answers = tuple(self.describe(indicator, city, question.year) for city in cities)
        if all(a.missing_year is not None for a in answers):
            # Known years are named, their figures are not: nothing may pass for the year asked.
            return Reply("decline", question, answers=answers, reason=NO_YEAR_DATA,
                         candidates=((match.best, None),))
        answers = tuple(a for a in answers if a.missing_year is None)
        missing = tuple(c for c in named if c not in cities)
        return Reply("answer", question, answers=answers,
                     candidates=tuple((c, None) for c in match.candidates),
                     missing_cities=missing)

    def _cities_for(self, indicator: Indicator, named: list[str]) -> list[str]:
        """The cities to answer for: those named that have data, else 苏州, else every city with data."""
        available = self.cities_with_data(indicator.id)
        if named:
            having = [c for c in named if c in available]
            # A national fact (e.g. which cities passed 2万亿) answers a question that names a city.
            return having or [c for c in available if c == NATIONAL]
        if DEFAULT_CITY in available:
            return [DEFAULT_CITY]
        return available

    def _no_city_data(self, question: Question, indicator: Indicator) -> Reply:
        candidate = Candidate(indicator, 0.0, indicator.name)
        return Reply("decline", question, reason=NO_CITY_DATA, candidates=((candidate, None),),
                     missing_cities=question.cities,
                     cities_with_data=tuple(self.cities_with_data(indicator.id)))
