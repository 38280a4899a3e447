"""The answerer: a question in, a Reply (data, not text) out — which figure, for which city and year.

Besides one indicator it answers several at once (高企和小巨人), a figure quoted back (离2500亿还差多少),
which city or year a recorded fact belongs to (苏州哪年突破3万亿), a rank and its scope (苏州工业全国排
第几), a difference (苏州和深圳2013年差多少: the article's own figure first, a computed one only between
two exact figures of the same year and months), a list over the knowledge base (哪些指标滞后, 科技创新方面有哪些目标) and a
follow-up that inherits what it does not name from a Context (那上海呢, 进度呢), the figure of a period
named (工业投资1-9月) and an indicator's published 同比 (工业投资同比增长多少).

Held for the life of the process; `reload()` rebuilds the matcher after the knowledge changed, so
the next question sees the new figure. Here: choosing the indicator(s) and what kind of reply to give.
The figures in memory are knowledge/knowledge_base.py's, 同比, figures quoted back, ranks and
differences knowledge/facts.py's, the records returned knowledge/replies.py's.
"""


from __future__ import annotations

import re
from dataclasses import replace

from knowledge.asked_kinds import asks_no_figure, not_its_figure
from knowledge.check_answers import CheckQuestions
from knowledge.china_places import with_places_asked
from knowledge.facts import FactQuestions
from knowledge.firsts import first_to_reach
from knowledge.folding import build_fold_table, vocabulary_digest
from knowledge.knowledge_base import DEFAULT_TZ, KnowledgeBase, growth_ids
from knowledge.latin import to_chinese
from knowledge.matcher import Candidate, Matcher
from knowledge.models import Indicator
from knowledge.periods import Period, PeriodError, cumulative_to, parse_period
from knowledge.rank_holders import ranking_holding
from knowledge.places import DEFAULT_CITY, NATIONAL, TOWNS, place_by_sound
from knowledge.questions import RATIO_MARKERS, Question, core_of, normalize, parse_question
from knowledge.question_words import ACTIVITY, ASKS_HOW_OR_WHERE, COUNT_TAIL, acknowledgement_only
from knowledge.store import Store
from knowledge.several import LOOSE_PART_SCORE, MAX_PARTS, SeveralQuestions
from knowledge.theme_answers import ThemeQuestions
from knowledge.replies import (ACKNOWLEDGED, EMPTY, GREETING, NO_CITY_DATA, NO_MATCH, NO_PERIOD_DATA, NO_SCOPE_DATA,
                               NO_YEAR_DATA, NOT_A_FIGURE, ONLY_INCREMENT, TOO_LONG, Context, Decision, IndicatorAnswer, Reply)

__all__ = ["ACKNOWLEDGED", "DEFAULT_TZ", "Answerer", "Context", "Decision", "GREETING", "IndicatorAnswer", "NO_CITY_DATA",
           "NO_MATCH", "NO_SCOPE_DATA", "NO_YEAR_DATA", "Reply"]

# Names of aims, not of what exists: their target is no total (新增 this year, 入库 a pool, 争创 a title).
INCREMENT_PREFIXES = ("新增", "新供", "入库", "争创")


class Answerer(CheckQuestions, SeveralQuestions, ThemeQuestions, FactQuestions, KnowledgeBase):
    """Answers questions from one Store; build once at start-up, call `reload()` after writes."""

    def read_knowledge(self, store: Store) -> dict:
        """The knowledge base's, and the matcher over it."""
        knowledge = super().read_knowledge(store)
        indicators, folds = list(knowledge["by_id"].values()), self.keep_up(store)
        growing = growth_ids(indicators, knowledge["_observations"])
        return knowledge | {"matcher": Matcher(indicators, store.aliases(), folds, growing)}

    def keep_up(self, store: Store) -> dict[str, str]:
        """The vocabulary's fold table (of indicator names and aliases), rebuilt and stored when it changed."""
        words = [core_of(normalize(w)) for w in [i.name for i in store.indicators()] + [a for _, a in store.aliases()]]
        words += TOWNS  # a place written one character off by sound is that place (places.place_by_sound)
        digest = vocabulary_digest(words)
        if store.meta("folds_digest") == digest:
            return store.char_folds()
        folds = build_fold_table(words)
        store.replace_char_folds(folds, digest)
        return folds

    def answer_for(self, indicator_id: str, city: str, year: int | None = None) -> Reply:
        """The answer for one indicator chosen from a clarify list (no matching involved)."""
        question = parse_question("", self.today())
        indicator = self.by_id.get(indicator_id)
        if indicator is None or city not in self.cities_with_data(indicator_id):
            return Reply(Decision.DECLINE, question, reason=NO_MATCH)
        reply = Reply(Decision.ANSWER, question, answers=(self.describe(indicator, city, year),))
        return replace(reply, context=Context((indicator_id,), (city,) if city != DEFAULT_CITY else (), year))

    # -- a question ---------------------------------------------------------------------------
    def answer(self, text: str, *, context: Context | None = None) -> Reply:
        """Answer one message; `context` is what the answer it follows up was about (or None)."""
        self.refresh_if_changed()
        text = to_chinese(text, self.matcher.vocabulary)
        if (typo := place_by_sound(text, self.matcher.folds)) is not None:
            text = text.replace(*typo)
        question = with_places_asked(parse_question(text, self.today()), text, self.matcher, self.today())
        if question.too_long:
            return Reply(Decision.DECLINE, question, reason=TOO_LONG)
        if question.greeting:
            return Reply(Decision.DECLINE, question, reason=GREETING)
        if ASKS_HOW_OR_WHERE.search(question.normalized) or asks_no_figure(question.normalized, bool(question.figures or question.check)):
            return Reply(Decision.DECLINE, question, reason=NOT_A_FIGURE)
        if question.theme and (grouped := self._theme(question)) is not None:
            return grouped
        if question.listing and ((listed := self._listing(question)).decision != Decision.DECLINE or not question.parts):
            return self._all_named(question, listed)  # a category nothing names beside parts named (请把独角兽、瞪羚…列出来) asks the parts
        if not question.normalized:  # punctuation or emoji alone: nothing asked, whatever came before
            return Reply(Decision.DECLINE, question, reason=EMPTY)
        if acknowledgement_only(question.normalized):  # 谢谢 in reply to an answer asks nothing of it
            return Reply(Decision.DECLINE, question, reason=ACKNOWLEDGED)
        if context is not None and not context.replied and question.core and not question.follow_up:
            context = None
        if context is not None:
            question = self._inherit(question, context)
            if not (question.core or question.figures or question.parts):
                indicators = [self.by_id[i] for i in context.indicator_ids if i in self.by_id]
                if indicators:
                    return self._with_context(self._checked(self._several(question, indicators)), question)
        if not (question.core or question.figures or question.compare or question.check):
            return Reply(Decision.DECLINE, question, reason=EMPTY)
        return self._with_context(self._checked(self._all_named(question, self._resolve(question))), question)

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
        if (first := first_to_reach(question, self._observations, self.by_id)) is not None:
            return first  # 哪个城市最先过5万亿: a sentence that says who, not a rank of totals
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
        hits = self._near_hits(question) or self._figure_hits(question, checked=match.decision != Decision.ANSWER)
        hit_ids = {h[0].id for h in hits}
        if hits and match.decision == Decision.ANSWER and match.best.score < 1.0 and match.best.indicator.id not in hit_ids:
            match = replace(match, decision=Decision.DECLINE)  # the figure quoted says which indicator is meant
        indicator = None
        if match.decision == Decision.ANSWER:
            indicator = match.best.indicator
        elif match.decision == Decision.CLARIFY and hits:
            # the figure quoted says which: among the candidates, else its one holder (4.25%是什么占比)
            chosen = ([c.indicator for c in match.candidates if c.indicator.id in hit_ids]
                      or [*dict.fromkeys(h[0] for h in hits)])
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
        if indicator is None and (grouped := self._shared_group(question)) is not None:
            return grouped
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
                holder = ranking_holding(self.by_id.values(), self._observations, self.matcher, indicator, city, question.scopes)
                ranked = (self._ranking(question, holder) if holder else None) or ranked
            ranked = ranked or self._highest_of_two(question, indicator)
            if ranked is not None:
                return ranked
        if question.asks_city and not any(h[0].id == indicator.id for h in hits):
            return Reply(Decision.DECLINE, question, reason=NO_MATCH)  # no record says which city
        if question.compare and not self._is_difference(indicator):
            compared = self._compare(question, indicator)
            if compared is not None:
                return compared
        if len(question.years) > 1 and not question.compare:  # 2026年目标和2024年实际: each year asked
            years = (replace(question, year=y, years=(y,)) for y in question.years[:MAX_PARTS])
            return self._joined(question, tuple(self._single(q, indicator, match) for q in years))
        return self._single(question, indicator, match)

    def _match(self, question: Question):
        """The matcher's result; for a rank question the core is tried without its 排名 too, and a short
        form with 数 after it (卓越数, 领航个数) without the 数."""
        match = self.matcher.match(question)
        for tail in (COUNT_TAIL, ACTIVITY):  # 卓越数, 单项冠军培育
            bare = tail.sub("", question.core)
            if match.decision == Decision.DECLINE and bare != question.core and len(bare) >= 2:
                match = self.matcher.match(replace(question, core=bare))
        if question.ranking and "排名" in question.core and question.core != "排名":
            bare = self.matcher.match(replace(question, core=question.core.replace("排名", ""),
                                              segments=tuple(s.replace("排名", "") for s in question.segments)))
            exact = match.decision == Decision.ANSWER and match.best.score >= 1.0
            if (bare.decision == Decision.ANSWER and bare.best.score >= LOOSE_PART_SCORE and not exact
                    or match.decision == Decision.DECLINE):
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
            match = self._match(sub)
            good = match.decision != Decision.DECLINE and (question.joined or match.best.score >= LOOSE_PART_SCORE)
            if good and match.decision == Decision.CLARIFY and not question.joined:
                good = False
            if good:
                if match.best.indicator not in chosen:
                    chosen.append(match.best.indicator)
            elif part in question.loose_parts:
                continue  # a clause of its own naming nothing known: the task around the question
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
        """新增, 目标数, 数量, 预计值: words around a question that name no indicator of their own."""
        return not re.sub(r"新增|累计|新|数量|总数|数|目标|规模|总量|企业|个|家|预计|实际|值", "", part)

    def _several(self, question: Question, indicators: list[Indicator]) -> Reply:
        if len(indicators) == 1:
            return self._single(question, indicators[0], None)
        return self._joined(question, tuple(self._single(question, i, None) for i in indicators))

    @staticmethod
    def _joined(question: Question, parts: tuple[Reply, ...]) -> Reply:
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
        # 研发投入多少亿: not a share; in a message of several parts the unit asked is one part's, not this one's
        if not question.parts and (other := not_its_figure(question.normalized, indicator)) is not None:
            return Reply(Decision.DECLINE, question, reason=other, candidates=((Candidate(indicator, score, indicator.name), None),))
        cities = self._cities_for(indicator, named)
        if not cities:
            return self._no_city_data(question, indicator)
        best = match.best if match is not None else Candidate(indicator, score, indicator.name)
        if question.growth:
            return self._growth(question, indicator, cities[0], best)
        if question.period_text:
            wanted = self._periods_asked(question, indicator)
            answers = tuple(self.describe_period(indicator, city, wanted, question.period_text, question.year)
                            for city in cities)
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

    # -- a period named --------------------------------------------------------------------------
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

    def _cities_for(self, indicator: Indicator, named: list[str]) -> list[str]:
        """The cities to answer for: those named that have data, else 苏州 (a question naming no place asks
        about 苏州: another city's figure never stands in for it), else a national fact, else none."""
        available = self.cities_with_data(indicator.id)
        # A national fact (e.g. which cities passed 2万亿) answers a question that names a city or none.
        having = [c for c in named if c in available] if named else [c for c in available if c == DEFAULT_CITY]
        return having or [c for c in available if c == NATIONAL]

    def _no_city_data(self, question: Question, indicator: Indicator) -> Reply:
        candidate = Candidate(indicator, 0.0, indicator.name)
        return Reply(Decision.DECLINE, question, reason=NO_CITY_DATA, candidates=((candidate, None),),
                     missing_cities=question.cities or (DEFAULT_CITY,),
                     cities_with_data=tuple(self.cities_with_data(indicator.id)))


