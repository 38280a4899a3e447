"""The answerer: a question in, a Reply (data, not text) out — which figure, for which city and year.

Besides one indicator it answers several at once (高企和小巨人), a figure quoted back (离2500亿还差多少),
which city or year a recorded fact belongs to (苏州哪年突破3万亿), a rank and its scope (苏州工业全国排
第几), a difference (苏州和深圳2013年差多少: the article's own figure first, a computed one only between
two exact figures of one unit), a list over the knowledge base (哪些指标滞后, 科技创新方面有哪些目标) and a
follow-up that inherits what it does not name from a Context (那上海呢, 进度呢), the figure of a period
named (工业投资1-9月) and an indicator's published 同比 (工业投资同比增长多少).

Held for the life of the process; `reload()` rebuilds the matcher after the knowledge changed, so
the next question sees the new figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from knowledge.folding import build_fold_table, vocabulary_digest
from knowledge.matcher import Candidate, Decision, Matcher
from knowledge.models import Indicator, Observation, Target
from knowledge.periods import Period, PeriodError, cumulative_to, current_plan_year, parse_period
from knowledge.places import DEFAULT_CITY, NATIONAL
from knowledge.progress import LAGGING, NO_DATA, Progress, Thresholds, assess, latest_of
from knowledge.quantities import base_unit_of, split_unit, to_base
from knowledge.questions import RATIO_MARKERS, Figure, Question, core_of, normalize, parse_question
from knowledge.store import Store

DEFAULT_TZ = "Asia/Shanghai"

# Why a question was declined; the renderer words each one.
EMPTY, TOO_LONG, NO_MATCH, NO_CITY_DATA, NO_YEAR_DATA, ONLY_INCREMENT, GREETING, NO_SCOPE_DATA = (
    "empty", "too_long", "no_match", "no_city_data", "no_year_data", "only_increment", "greeting",
    "no_scope_data")
NO_COMPARISON = "no_comparison"
NO_PERIOD_DATA, NO_GROWTH_DATA = "no_period_data", "no_growth_data"
INCREMENT_PREFIXES = ("新增", "新供")
# A part of a message joined by spaces only must match this well to count as a second question.
LOOSE_PART_SCORE = 0.75
MAX_PARTS = 6
# Qualifiers that make a figure a bound (突破3万亿 is "more than 3万亿"): no difference is computed from it.
BOUND_WORDS = ("突破", "超", "以上", "以下", "不低于", "不少于", "力争", "保持", "前列")
# Wording of a rank in the article: "全国第四,仅次于深圳、苏州、上海", "江苏经济第一城".
_CN_ORDINAL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SCOPE_WORDS = "全国|内地|国内|中国|江苏|全省|长三角|珠三角|全球|世界"
_RANK_BEHIND = re.compile(r"第([一二三四五六七八九十]|[0-9]{1,2})(?:城|名|位)?[（(，,\s]*仅次于([^，。；,（）()的0-9]+)")
# "与苏州差距高达7千亿元": the article's own difference between two cities.
_STATED_GAP = re.compile(r"(?:差距|相差|差|多|少|高出|低)[^，。；]{0,4}?[0-9一二三四五六七八九十.]+[千万亿个家%]")
_RANK_OWN = re.compile(r"(" + _SCOPE_WORDS + r")[^、，,；;（）()]{0,8}?第([一二三四五六七八九十]|[0-9]{1,2})")


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
    period_asked: str = ""  # the label of the period the question named (2026年1-9月): `actual` is its figure
    missing_period: str = ""  # the period asked for, when nothing is recorded for it; `observations` are known


@dataclass(frozen=True)
class Growth:
    """An indicator's official 同比 for one city, as published (percent, never recomputed from totals).

    `observation` is the latest figure that carries a 同比 (None when none does); `later` a more recent
    figure of the indicator whose 同比 is not published yet; `asked` the period the question named;
    `published` the periods whose 同比 is known (for a reply that says none fits).
    """

    indicator: Indicator
    city: str
    observation: Observation | None
    later: Observation | None = None
    asked: str = ""
    published: tuple[str, ...] = ()
    target_asked: bool = False  # 增速目标: the knowledge base keeps no growth-rate targets


@dataclass(frozen=True)
class Context:
    """What an answer was about, so a follow-up (那上海呢, 那2024年呢, 进度呢) can inherit what it does not name.

    `cities` and `year` are those the question named (the default 苏州 is not inherited as a choice).
    """

    indicator_ids: tuple[str, ...]
    cities: tuple[str, ...] = ()
    year: int | None = None
    # True for a reply to the answer itself; False for "the previous answer in this private chat",
    # which a question of its own ("研发投入目标", not "那上海呢") does not follow
    replied: bool = True


@dataclass(frozen=True)
class Finding:
    """A rank stated or implied by recorded sentences: `subject` is `position` in `scope` (全国 …).

    `basis` are the observations whose text says so (e.g. 北京's "全国第四,仅次于深圳、苏州、上海"
    places 深圳 first and 苏州 second); `derived` is True when the subject's own record does not say it.
    """

    indicator: Indicator
    subject: str
    position: int
    scope: str
    year: int | None
    basis: tuple[Observation, ...]
    derived: bool


@dataclass(frozen=True)
class Side:
    """One figure of a comparison: a city and period, and its observation (None when unknown)."""

    label: str
    observation: Observation | None


@dataclass(frozen=True)
class Comparison:
    """Two figures of one indicator and their difference.

    `stated` is the article's own wording of the difference (7千亿元) with its observation; `computed`
    is difference = first − second in base units (元, 个, %-points), only when both are exact figures
    of one unit; `unit` its base unit; `not_computed` says why it was not computed.
    """

    indicator: Indicator
    sides: tuple[Side, ...]
    stated: tuple[Observation, ...] = ()
    computed: Decimal | None = None
    unit: str = ""
    not_computed: str = ""


@dataclass(frozen=True)
class Listing:
    """Targets picked from the knowledge base: kind all | count | status | category; `label` names the pick."""

    kind: str
    label: str
    items: tuple[IndicatorAnswer, ...]
    total: int


@dataclass(frozen=True)
class Reply:
    decision: Decision
    question: Question
    answers: tuple[IndicatorAnswer, ...] = ()
    candidates: tuple[tuple[Candidate, IndicatorAnswer | None], ...] = ()
    reason: str = ""
    missing_cities: tuple[str, ...] = ()
    cities_with_data: tuple[str, ...] = field(default=())
    parts: tuple["Reply", ...] = ()  # one reply per indicator when several were asked at once
    unknown: tuple[str, ...] = ()  # what was asked alongside and is not in the knowledge base
    findings: tuple[Finding, ...] = ()
    comparison: Comparison | None = None
    listing: Listing | None = None
    context: Context | None = None  # what a follow-up to this reply inherits
    growth: Growth | None = None
    note: str = ""  # said before the answer, e.g. why a stated increase stands in for a 同比 not published


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
        self.by_id = {i.id: i for i in indicators}
        self._targets: dict[str, list[Target]] = {}
        for target in self.store.targets():
            self._targets.setdefault(target.indicator_id, []).append(target)
        self._observations: dict[str, list[Observation]] = {}
        for observation in self.store.observations():
            self._observations.setdefault(observation.indicator_id, []).append(observation)
        self.matcher = Matcher(indicators, aliases, folds, self._growth_ids(indicators))
        # The owners' thresholds (set with /thresholds) win over the configured defaults.
        override = self.store.thresholds_override()
        self.thresholds = Thresholds(**{**vars(self.default_thresholds), **override}) if override \
            else self.default_thresholds

    def _growth_ids(self, indicators: list[Indicator]) -> frozenset[str]:
        """Indicators with a published 同比, or with a stated increase over the year before (an indicator
        named "<its name>比上年…" with figures): those a 同比 question can be answered for."""
        ids = {i for i, observations in self._observations.items() if any(o.yoy_growth is not None for o in observations)}
        increases = [i.name for i in indicators if "比上年" in i.name and self._observations.get(i.id)]
        ids |= {i.id for i in indicators if any(name.startswith(i.name) and name != i.name for name in increases)}
        return frozenset(ids)

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

    def answer_for(self, indicator_id: str, city: str, year: int | None = None) -> Reply:
        """The answer for one indicator chosen from a clarify list (no matching involved)."""
        question = parse_question("", self.today())
        indicator = self.by_id.get(indicator_id)
        if indicator is None or city not in self.cities_with_data(indicator_id):
            return Reply(Decision.DECLINE, question, reason=NO_MATCH)
        reply = Reply(Decision.ANSWER, question, answers=(self.describe(indicator, city, year),))
        return replace(reply, context=Context((indicator_id,), (city,) if city != DEFAULT_CITY else (), year))

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

    # -- a question ---------------------------------------------------------------------------
    def refresh_if_changed(self) -> None:
        """Another process (an import from the console) wrote: read the knowledge again."""
        if self.store.data_version() != self._data_version:
            self.reload()

    def answer(self, text: str, *, context: Context | None = None) -> Reply:
        """Answer one message; `context` is what the answer it follows up was about (or None)."""
        self.refresh_if_changed()
        question = parse_question(text, self.today())
        if question.too_long:
            return Reply(Decision.DECLINE, question, reason=TOO_LONG)
        if question.greeting:
            return Reply(Decision.DECLINE, question, reason=GREETING)
        if question.listing:
            return self._listing(question)
        if context is not None and not context.replied and question.core and not question.follow_up:
            context = None
        if context is not None:
            question = self._inherit(question, context)
            if not (question.core or question.figures or question.parts):
                indicators = [self.by_id[i] for i in context.indicator_ids if i in self.by_id]
                if indicators:
                    return self._with_context(self._several(question, indicators), question)
        if not (question.core or question.figures or question.compare):
            return Reply(Decision.DECLINE, question, reason=EMPTY)
        return self._with_context(self._resolve(question), question)

    @staticmethod
    def _inherit(question: Question, context: Context) -> Question:
        cities = question.cities or context.cities
        year = question.year if question.year is not None else context.year
        years = question.years or ((year,) if year is not None else ())
        return replace(question, cities=cities, year=year, years=years)

    @staticmethod
    def _with_context(reply: Reply, question: Question) -> Reply:
        ids = tuple(dict.fromkeys(a.indicator.id for a in reply.answers))
        if reply.comparison is not None:
            ids = ids or (reply.comparison.indicator.id,)
        if reply.findings:
            ids = ids or (reply.findings[0].indicator.id,)
        if not ids or reply.decision != Decision.ANSWER:
            return reply
        return replace(reply, context=Context(ids, question.cities, question.year))

    def _resolve(self, question: Question) -> Reply:
        question = self.matcher.named_with_growth(question)
        match = self._match(question)
        if question.growth and match.decision == Decision.DECLINE:
            # an indicator that is itself a rate (…增速, typed with a typo), else the indicator whose 同比
            # is not known, matched as a plain question so that the decline names it
            whole = replace(question, core=question.core + question.growth_words, growth=False, growth_words="")
            rate = self._match(whole)
            if rate.decision != Decision.DECLINE and question.growth_words in rate.best.indicator.name:
                question, match = whole, rate
            else:
                match = self._match(replace(question, growth=False))
        whole_exact = match.decision != Decision.DECLINE and match.best.score >= 1.0
        if question.parts and not whole_exact:
            several = self._parts(question)
            if several is not None:
                return several
        hits = self._figure_hits(question)
        hit_ids = {h[0].id for h in hits}
        if hits and match.decision == Decision.ANSWER and match.best.score < 1.0 and match.best.indicator.id not in hit_ids:
            match = replace(match, decision=Decision.DECLINE)  # the figure quoted says which indicator is meant
        indicator = None
        if match.decision == Decision.ANSWER:
            indicator = match.best.indicator
        elif match.decision == Decision.CLARIFY and hits:
            chosen = [c.indicator for c in match.candidates if c.indicator.id in {h[0].id for h in hits}]
            indicator = chosen[0] if len(chosen) == 1 else None
        if indicator is None and hits and not (match.decision == Decision.CLARIFY and question.core):
            indicators = list(dict.fromkeys(h[0] for h in hits))
            if len(indicators) == 1:
                indicator = indicators[0]
            elif len(indicators) <= MAX_PARTS:
                return self._several(question, indicators)
        if indicator is None and question.compare:
            compared = self._compare(question, None)
            if compared is not None:
                return compared
        if indicator is None:
            if match.decision == Decision.CLARIFY:
                return self._clarify(question, match)
            return Reply(Decision.DECLINE, question, reason=NO_MATCH if question.core or question.figures else EMPTY)

        if hits and question.year is None:
            years = [h[2] for h in hits if h[0].id == indicator.id and h[2] is not None]
            cities = [h[1] for h in hits if h[0].id == indicator.id]
            if years:
                question = replace(question, year=years[0])
            if question.asks_city and cities and not question.cities:
                question = replace(question, cities=(cities[0],))
        if question.ranking:
            ranked = self._ranking(question, indicator)
            if ranked is not None and ranked.reason == NO_SCOPE_DATA:
                # 苏州GDP内地排第几: the rank is recorded under the ranking indicator, not under GDP
                city = question.cities[0] if question.cities else DEFAULT_CITY
                rankings = [i for i in self.by_id.values() if "排名" in i.name and i.id != indicator.id
                            and any(o.city == city and any(s in f"{o.text}{o.note}" for s in question.scopes)
                                    for o in self._observations.get(i.id, []))]
                if len(rankings) == 1:
                    ranked = self._ranking(question, rankings[0]) or ranked
            if ranked is not None:
                return ranked
        if question.asks_city and not any(h[0].id == indicator.id for h in hits):
            return Reply(Decision.DECLINE, question, reason=NO_MATCH)  # no record says which city
        if question.compare and not self._is_difference(indicator):
            compared = self._compare(question, indicator)
            if compared is not None:
                return compared
        return self._single(question, indicator, match)

    def _match(self, question: Question):
        """The matcher's result; for a rank question the core is tried without its 排名 too."""
        match = self.matcher.match(question)
        if question.ranking and "排名" in question.core and question.core != "排名":
            bare = self.matcher.match(replace(question, core=question.core.replace("排名", "")))
            exact = match.decision == Decision.ANSWER and match.best.score >= 1.0
            if bare.decision == Decision.ANSWER and bare.best.score >= LOOSE_PART_SCORE and not exact:
                return bare
            if match.decision == Decision.DECLINE:
                return bare
        return match

    def _parts(self, question: Question) -> Reply | None:
        """Several indicators in one message: one sub-reply each, plus the parts nothing matched."""
        chosen: list[Indicator] = []
        unknown: list[str] = []
        for part in question.parts[:MAX_PARTS]:
            # 同比 is answered per indicator once it is chosen; choosing does not depend on it
            sub = replace(question, core=part, parts=(), growth=False,
                          wants_ratio=any(m in part for m in RATIO_MARKERS))
            match = self.matcher.match(sub)
            good = match.decision != Decision.DECLINE and (question.joined or match.best.score >= LOOSE_PART_SCORE)
            if good and match.decision == Decision.CLARIFY and not question.joined:
                good = False
            if good:
                if match.best.indicator not in chosen:
                    chosen.append(match.best.indicator)
            elif question.joined and len(part) >= 2 and not self._generic(part):
                unknown.append(re.sub(r"^(?:新增|累计)|(?:新增|累计|数量|目标)+$", "", part) or part)
        if not chosen or (len(chosen) == 1 and not unknown and question.joined):
            return None
        if len(chosen) == 1 and not unknown:
            # the other clauses were talk around the question (领导，…，辛苦了)
            if self.matcher.match(replace(question, growth=False)).decision == Decision.ANSWER:
                return None
            return self._several(question, chosen)
        reply = self._several(question, chosen)
        return replace(reply, unknown=tuple(unknown))

    @staticmethod
    def _generic(part: str) -> bool:
        """新增, 目标数, 数量: words around a question that name no indicator of their own."""
        return not re.sub(r"新增|累计|新|数量|总数|数|目标|规模|总量|企业|个|家", "", part)

    def _several(self, question: Question, indicators: list[Indicator]) -> Reply:
        if len(indicators) == 1:
            return self._single(question, indicators[0], None)
        parts = tuple(self._single(question, i, None) for i in indicators)
        answered = [p for p in parts if p.decision == Decision.ANSWER]
        if not answered:
            return parts[0]
        answers = tuple(a for p in answered for a in p.answers)
        return Reply(Decision.ANSWER, question, answers=answers, parts=parts)

    def _clarify(self, question: Question, match) -> Reply:
        named = list(question.cities)
        options = []
        for candidate in match.candidates:
            cities = self._cities_for(candidate.indicator, named)
            if cities:
                options.append((candidate, self.describe(candidate.indicator, cities[0], question.year)))
        if len(options) > 1:
            return Reply(Decision.CLARIFY, question, candidates=tuple(options))
        if not options:
            return self._no_city_data(question, match.best.indicator)
        return self._single(question, options[0][0].indicator, match)

    def _single(self, question: Question, indicator: Indicator, match) -> Reply:
        named = list(question.cities)
        score = match.best.score if match is not None and match.best else 1.0
        if question.wants_stock and indicator.name.startswith(INCREMENT_PREFIXES):
            # The figure would be silently wrong: a yearly addition given as the total asked for.
            candidate = Candidate(indicator, score, indicator.name)
            return Reply(Decision.DECLINE, question, reason=ONLY_INCREMENT, candidates=((candidate, None),))
        cities = self._cities_for(indicator, named)
        if not cities:
            return self._no_city_data(question, indicator)
        best = match.best if match is not None else Candidate(indicator, score, indicator.name)
        if question.growth:
            return self._growth(question, indicator, cities[0], best)
        if question.period_text:
            answers = tuple(self._for_period(question, indicator, city) for city in cities)
            if all(a.missing_period for a in answers):
                # Known periods are named, their figures are not: no other period passes for the one asked.
                return Reply(Decision.DECLINE, question, answers=answers, reason=NO_PERIOD_DATA, candidates=((best, None),))
            answers = tuple(a for a in answers if not a.missing_period)
        else:
            answers = tuple(self.describe(indicator, city, question.year) for city in cities)
        if all(a.missing_year is not None for a in answers):
            # Known years are named, their figures are not: nothing may pass for the year asked.
            return Reply(Decision.DECLINE, question, answers=answers, reason=NO_YEAR_DATA, candidates=((best, None),))
        answers = tuple(a for a in answers if a.missing_year is None)
        missing = tuple(c for c in named if c not in cities)
        candidates = tuple((c, None) for c in match.candidates) if match is not None else ((best, None),)
        return Reply(Decision.ANSWER, question, answers=answers, candidates=candidates, missing_cities=missing)

    # -- a period named, 同比 asked ----------------------------------------------------------------
    def _periods_asked(self, question: Question, indicator: Indicator) -> list[Period]:
        """The period the question names, read by `parse_period` in the year asked (else the plan year);
        for a cumulative indicator a single month (10月数据) also means the total up to it (1-10月)."""
        year = question.year if question.year is not None else self.plan_year()[0]
        cumulative = indicator.kind == "cumulative"
        try:
            period = parse_period(question.period_text, year, cumulative=cumulative)
        except PeriodError:
            return []
        if period.kind == "month" and cumulative and period.last_month > 1:
            return [period, cumulative_to(year, period.last_month)]
        return [period]

    def _for_period(self, question: Question, indicator: Indicator, city: str) -> IndicatorAnswer:
        """The figure of the period asked (with its progress when the year has a target), or, in
        `missing_period`, the period asked beside the figures recorded (whose periods a reply names)."""
        wanted = self._periods_asked(question, indicator)
        observations = sorted((o for o in self._observations.get(indicator.id, []) if o.city == city),
                              key=_period_order)
        found = next((o for period in wanted for o in observations if o.span == period), None)
        if found is None:
            label = wanted[0].label if wanted else question.period_text
            year = wanted[0].year if wanted else question.year
            return IndicatorAnswer(indicator, city, year, observations=tuple(observations), missing_period=label)
        target = next((t for t in self._targets.get(indicator.id, []) if t.city == city and t.year == found.year),
                      None)
        if target is None:
            return IndicatorAnswer(indicator, city, found.year, observations=(found,), period_asked=found.period)
        progress = assess(indicator, target, found, self.today(), self.thresholds, observations)
        return IndicatorAnswer(indicator, city, found.year, target=target, actual=found, progress=progress,
                               period_asked=found.period)

    def _growth(self, question: Question, indicator: Indicator, city: str, best: Candidate) -> Reply:
        """同比 asked: the latest figure of the indicator (in the year and period asked) that carries an
        official 同比, as published. Without one, the article's stated increase over the year before
        when the indicator has one (规上工业总产值比上年增加), else a decline that says so."""
        observations = [o for o in self._observations.get(indicator.id, []) if o.city == city]
        published_all = [o for o in observations if o.yoy_growth is not None]
        asked = ""
        if question.year is not None:
            observations = [o for o in observations if o.year == question.year]
            asked = f"{question.year}年"
        if question.period_text:
            wanted = self._periods_asked(question, indicator)
            observations = [o for o in observations if o.span in wanted]
            asked = wanted[0].label if wanted else question.period_text
        found = latest_of([o for o in observations if o.yoy_growth is not None])
        if found is not None and question.intent != "target":
            latest = latest_of(observations)
            later = latest if latest is not None and latest.yoy_growth is None and latest.period != found.period else None
            growth = Growth(indicator, city, found, later, asked)
            return Reply(Decision.ANSWER, question, answers=(IndicatorAnswer(indicator, city, found.year, observations=(found,)),),
                         candidates=((best, None),), growth=growth)
        if question.intent != "target" and not question.period_text:
            stated = self._stated_increase(question, indicator, city)
            if stated is not None:
                return replace(stated, note=f"知识库里没有“{indicator.name}”公布的同比增速；文中给出的是比上年增加的数额：")
        published = tuple(dict.fromkeys(o.period for o in sorted(published_all, key=_period_order)))
        growth = Growth(indicator, city, None, asked=asked, published=published,
                        target_asked=question.intent == "target")
        return Reply(Decision.DECLINE, question, reason=NO_GROWTH_DATA, growth=growth, candidates=((best, None),))

    def _stated_increase(self, question: Question, indicator: Indicator, city: str) -> Reply | None:
        """The article's own "…比上年增加" figure of this indicator (in the year asked, else the latest)."""
        for candidate in self.by_id.values():
            if "比上年" not in candidate.name or not candidate.name.startswith(indicator.name):
                continue
            figures = [o for o in self._observations.get(candidate.id, []) if o.city == city
                       and (question.year is None or o.year == question.year)]
            latest = latest_of(figures)
            if latest is not None:
                plain = replace(question, growth=False, compare=False, previous_year=False, year=latest.year)
                return self._single(plain, candidate, None)
        return None

    # -- figures quoted back --------------------------------------------------------------------
    def _figure_hits(self, question: Question) -> list[tuple[Indicator, str, int | None]]:
        """(indicator, city, year or None for a target) of every recorded figure equal to one quoted."""
        hits = []
        for figure in question.figures:
            for indicator_id, targets in self._targets.items():
                for target in targets:
                    if _same_figure(figure, target.value, target.unit):
                        hits.append((self.by_id[indicator_id], target.city, None))
            for indicator_id, observations in self._observations.items():
                for observation in observations:
                    if _same_figure(figure, observation.value, observation.unit):
                        hits.append((self.by_id[indicator_id], observation.city, observation.year))
        if question.asks_city:
            hits = [h for h in hits if h[2] is not None]  # a plan's target says no city reached it
        if question.cities:
            hits = [h for h in hits if h[1] in question.cities] or (hits if question.asks_city else [])
        return [h for h in hits if h[0].id in self.by_id]

    # -- ranks ----------------------------------------------------------------------------------
    def _ranking(self, question: Question, indicator: Indicator) -> Reply | None:
        """A rank asked about: who is n-th (asks_city), or where a city stands, with the sentences behind it."""
        records = [o for o in self._observations.get(indicator.id, [])
                   if question.year is None or o.year in (question.year, None)]
        if question.scopes:
            said = " ".join(f"{o.text} {o.note}" for o in self._observations.get(indicator.id, []))
            if not any(scope in said for scope in question.scopes):
                return Reply(Decision.DECLINE, question, reason=NO_SCOPE_DATA,
                             candidates=((Candidate(indicator, 1.0, indicator.name), None),))
        placed = [(scope, position, name, record) for record in records
                  for scope, position, name in _positions(record)]
        if question.scopes:
            placed = [p for p in placed if p[0] in question.scopes or not p[0]]
        if question.asks_city and question.ordinal is not None:
            found = [p for p in placed if p[1] == question.ordinal]
            if not found:
                return None
            # the most recent record decides; an undated one counts as older than any dated one
            found.sort(key=lambda p: -(p[3].year or 0))
            name = found[0][2]
            if any(p[2] != name and (p[3].year or 0) == (found[0][3].year or 0) for p in found):
                return None
            found = [p for p in found if p[2] == name]
            basis = tuple(dict.fromkeys(p[3] for p in found))
            finding = Finding(indicator, name, question.ordinal, found[0][0] or "全国", basis[0].year, basis,
                              derived=any(p[3].city != name for p in found))
            own = ()
            if finding.derived and name in self.cities_with_data(indicator.id):
                # the subject's own figure (上海 13个) beside the sentence that ranks it
                own = tuple(a for a in (self.describe(indicator, name, question.year),)
                            if a.missing_year is None and (a.observations or a.target))
            return Reply(Decision.ANSWER, question, answers=own, findings=(finding,))
        if question.asks_city:
            return None
        answers: list[IndicatorAnswer] = []
        findings: list[Finding] = []
        for city in question.cities or (DEFAULT_CITY,):
            own = [o for o in records if o.city == city and any(p[2] == city for p in _positions(o))]
            own_years = {o.year for o in own}
            derived: dict[tuple, list[Observation]] = {}
            for scope, position, name, record in sorted(placed, key=lambda p: -(p[3].year or 0)):
                if name == city and record.city != city and record.year not in own_years:
                    derived.setdefault((scope or "全国", position), []).append(record)
            # one finding per place; the most recent record gives its year, every record is its basis
            findings += [Finding(indicator, city, position, scope, basis[0].year, tuple(basis), derived=True)
                         for (scope, position), basis in derived.items()]
            years = [question.year] if question.year is not None else list(dict.fromkeys(o.year for o in own))
            if own and city in self.cities_with_data(indicator.id):
                answers += [a for a in (self.describe(indicator, city, y) for y in years) if a.missing_year is None]
        if not findings and not answers:
            return None
        return Reply(Decision.ANSWER, question, answers=tuple(answers), findings=tuple(findings))

    # -- differences ------------------------------------------------------------------------------
    @staticmethod
    def _is_difference(indicator: Indicator) -> bool:
        return any(word in indicator.name for word in ("比上年", "增加", "差距", "增量"))

    def _compare(self, question: Question, indicator: Indicator | None) -> Reply | None:
        """Two cities or two years of one indicator: the stated difference, else a computed one, else both."""
        city = question.cities[0] if question.cities else DEFAULT_CITY
        if question.previous_year and question.year is not None:
            for candidate in self.by_id.values():
                if not self._is_difference(candidate) or "比上年" not in candidate.name:
                    continue
                if indicator is not None and not candidate.name.startswith(indicator.name):
                    continue
                if any(o.year == question.year and o.city == city for o in self._observations.get(candidate.id, [])):
                    return self._single(replace(question, compare=False), candidate, None)
        if indicator is None:
            indicator = self._shared_indicator(question)
            if indicator is None:
                return None
        if len(question.cities) >= 2:
            sides = [Side(f"{c}{question.year}年" if question.year else c, self._figure_of(indicator, c, question.year))
                     for c in question.cities[:2]]
        else:
            years = list(question.years) or ([self.today().year] if question.previous_year else [])
            if question.previous_year and len(years) == 1:
                years.append(years[0] - 1)
            if len(years) < 2:
                return None
            sides = [Side(f"{y}年", self._figure_of(indicator, city, y)) for y in years[:2]]
        if all(side.observation is None for side in sides):
            # nothing to compare: saying so beats answering another question (the target)
            return Reply(Decision.DECLINE, question, reason=NO_COMPARISON, comparison=Comparison(indicator, tuple(sides)))
        named = set(question.cities)
        stated = tuple(s.observation for s in sides if s.observation is not None and s.observation.note
                       and any(c in s.observation.note for c in named - {s.observation.city})
                       and _STATED_GAP.search(s.observation.note))
        computed, unit, why = None, "", ""
        first, second = (s.observation for s in sides)
        if first is None or second is None:
            why = "缺少其中一个数字"
        elif first.value is None or second.value is None:
            why = "其中一项没有数值"
        elif any(w in (o.qualifier or "") + (o.text or "") for o in (first, second) for w in BOUND_WORDS):
            why = "其中一个数字是约数下限（如“突破”“超”），算不出准确差值"
        elif base_unit_of(first.unit) != base_unit_of(second.unit):
            why = "两个数字单位不同"
        else:
            computed = to_base(first.value, first.unit) - to_base(second.value, second.unit)
            unit = base_unit_of(first.unit)
        return Reply(Decision.ANSWER, question, comparison=Comparison(indicator, tuple(sides), stated, computed, unit, why))

    def _shared_indicator(self, question: Question) -> Indicator | None:
        """The one indicator with figures for every city named (and the year named), if there is one."""
        if len(question.cities) < 2:
            return None
        found = []
        for indicator in self.by_id.values():
            if all(self._figure_of(indicator, c, question.year) is not None for c in question.cities[:2]):
                found.append(indicator)
        return found[0] if len(found) == 1 else None

    def _figure_of(self, indicator: Indicator, city: str, year: int | None) -> Observation | None:
        observations = [o for o in self._observations.get(indicator.id, []) if o.city == city
                        and (year is None or o.year == year)]
        return latest_of(observations)

    # -- lists ----------------------------------------------------------------------------------
    def _listing(self, question: Question) -> Reply:
        """哪些指标滞后 / 还有哪些没数据 / 科技创新方面有哪些目标 / 一共多少个目标, from the targets of 苏州."""
        overview = self.targets_overview(question.cities[0] if question.cities else DEFAULT_CITY, question.year)
        kind = question.listing
        if kind == "as_of":
            listing = Listing(kind, "", tuple(overview), len(overview))
        elif kind in ("all", "count"):
            listing = Listing(kind, "", tuple(overview), len(overview))
        elif kind.startswith("category:"):
            words = kind.split(":", 1)[1]
            categories = [c for c in dict.fromkeys(a.indicator.category for a in overview)
                          if words in c or any(words[i:i + 2] in c for i in range(len(words) - 1))]
            if not categories:
                return Reply(Decision.DECLINE, question, reason=NO_MATCH)
            items = tuple(a for a in overview if a.indicator.category in categories)
            listing = Listing("category", "、".join(categories), items, len(overview))
        else:
            # 滞后 asks for every lagging status (严重滞后 too)
            wanted = LAGGING if kind in LAGGING else (kind,)
            items = tuple(a for a in overview if (a.progress.status if a.progress else NO_DATA) in wanted)
            listing = Listing("status", kind, items, len(overview))
        return Reply(Decision.ANSWER, question, listing=listing)

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
        return Reply(Decision.DECLINE, question, reason=NO_CITY_DATA, candidates=((candidate, None),),
                     missing_cities=question.cities,
                     cities_with_data=tuple(self.cities_with_data(indicator.id)))


def _same_figure(figure: Figure, value: float | None, unit: str) -> bool:
    """Is a quoted figure (5万亿, 180家, 2500) the recorded value in `unit`? Units must agree in kind, and
    a count word written must be the recorded one (180家 is not 180个)."""
    if value is None:
        return False
    factor, rest = split_unit(figure.unit)
    recorded = split_unit(unit)[1]
    if rest and base_unit_of(rest) != base_unit_of(recorded):
        return False
    # a count word written says what is counted: 1000家 are firms, not 1000个 projects (项 counts 项目 as 个 does)
    if rest and rest != recorded and {rest, recorded} != {"个", "项"}:
        return False
    if not figure.unit:
        return Decimal(str(value)) == figure.value
    if factor != 1 and base_unit_of(split_unit(unit)[1]) in ("%", "PFLOPS", "个", "家"):
        return False
    return to_base(value, unit) == to_base(figure.value, figure.unit)


def _period_order(observation: Observation) -> tuple:
    """Periods in reading order: by year, then the month reached, then the span (1-9月 before 1-10月)."""
    span = observation.span
    if span is None:
        return (observation.year or 0, 0, 0, observation.period)
    return (span.year, span.last_month, span.months, observation.period)


def _ordinal(text: str) -> int:
    return int(text) if text.isdigit() else _CN_ORDINAL[text]


def _positions(record: Observation) -> list[tuple[str, int, str]]:
    """(scope, position, name) stated by one record: "全国第四（仅次于深圳、苏州、上海）" of 北京 gives
    深圳 1, 苏州 2, 上海 3 and 北京 4; "江苏经济第一城" of 苏州 gives 苏州 1 in 江苏."""
    found = []
    for text in (record.text or "", record.note or ""):
        for match in _RANK_BEHIND.finditer(text):
            position = _ordinal(match.group(1))
            ahead = [n.strip() for n in re.split(r"[、和]", match.group(2)) if n.strip()]
            scope = next((s for s in _SCOPE_WORDS.split("|") if s in text[:match.start()]), "")
            if len(ahead) == position - 1:
                found += [(scope, i + 1, name) for i, name in enumerate(ahead)]
            found.append((scope, position, record.city))
        for match in _RANK_OWN.finditer(text):
            found.append((match.group(1), _ordinal(match.group(2)), record.city))
    return list(dict.fromkeys(found))
