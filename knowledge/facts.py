"""Questions about published figures rather than a target's progress: an indicator's official 同比 (or
the article's stated increase instead), which indicator, city or year a figure quoted back belongs to,
a rank and its scope, and the difference between two cities or two years of one indicator.

`FactQuestions` is mixed into the Answerer (knowledge/answers.py): it reads the knowledge base it is
built on (by_id, the figures, describe) and uses the Answerer's `_single` (a plain question about the
indicator found) and `_periods_asked`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from knowledge.knowledge_base import period_order
from knowledge.matcher import Candidate
from knowledge.models import Indicator, Observation
from knowledge.places import DEFAULT_CITY
from knowledge.progress import comparable, latest_of
from knowledge.quantities import Quantity, base_unit_of, split_unit, to_base
from knowledge.question_words import INCREASE_ASKED
from knowledge.questions import Figure, Question
from knowledge.replies import (
    NO_COMPARISON, NO_GROWTH_DATA, NO_SCOPE_DATA, Comparison, Decision, Finding, Growth, IndicatorAnswer, Reply,
    Side,
)

# Qualifiers that make a figure a bound (突破3万亿 is "more than 3万亿"): no difference is computed from it.
BOUND_WORDS = ("突破", "超", "以上", "以下", "不低于", "不少于", "力争", "保持", "前列")
# Wording of a rank in the article: "全国第四,仅次于深圳、苏州、上海", "江苏经济第一城".
_CN_ORDINAL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SCOPE_WORDS = "全国|内地|国内|中国|江苏|全省|长三角|珠三角|全球|世界"
_RANK_BEHIND = re.compile(r"第([一二三四五六七八九十]|[0-9]{1,2})(?:城|名|位)?[（(，,\s]*仅次于([^，。；,（）()的0-9]+)")
# "与苏州差距高达7千亿元": the article's own difference between two cities.
_STATED_GAP = re.compile(r"(?:差距|相差|差|多|少|高出|低)[^，。；]{0,4}?[0-9一二三四五六七八九十.]+[千万亿个家%]")
_RANK_OWN = re.compile(r"(" + _SCOPE_WORDS + r")[^、，,；;（）()]{0,8}?第([一二三四五六七八九十]|[0-9]{1,2})")


class FactQuestions:
    """同比, figures quoted back, ranks and differences; a mixin of the Answerer."""

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
        published = tuple(dict.fromkeys(o.period for o in sorted(published_all, key=period_order)))
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
    def _figure_hits(self, question: Question, checked: bool = False) -> list[tuple[Indicator, str, int | None]]:
        """(indicator, city, year or None for a target) of every recorded figure equal to one quoted; with
        `checked` (the words named no indicator) the figure of a yes/no check too — never over the words,
        for the figure checked may be the wrong one."""
        hits = []
        checks = [question.check.quantity()] if checked and question.check is not None else []
        for figure in filter(None, [*question.figures, *checks]):
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
            found = [p for p in found if p[2] == name and (p[3].year or 0) == (found[0][3].year or 0)]  # one year
            basis = tuple(dict.fromkeys(p[3] for p in found))
            finding = Finding(indicator, name, question.ordinal, found[0][0] or "全国", basis[0].year, basis,
                              derived=any(p[3].city != name for p in found))
            own = self._figure_of_year(indicator, name, finding.year) if finding.derived else ()
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
                    derived.setdefault((scope or "全国", position, record.year), []).append(record)
            # one finding per place and year: a record of another year is no basis of this year's rank
            findings += [Finding(indicator, city, position, scope, basis[0].year, tuple(basis), derived=True)
                         for (scope, position, _), basis in derived.items()]
            years = [question.year] if question.year is not None else list(dict.fromkeys(o.year for o in own))
            if own:
                answers += [a for y in years for a in self._figure_of_year(indicator, city, y)]
        if not findings and not answers:
            return None
        return Reply(Decision.ANSWER, question, answers=tuple(answers), findings=tuple(findings))

    def _figure_of_year(self, indicator: Indicator, city: str, year: int | None) -> tuple[IndicatorAnswer, ...]:
        """The city's own figures (上海 13个) of the ranked year (undated ones for an undated rank), to stand
        beside the sentence that ranks it; () when it has none: a figure of another year would read as
        the one ranked (上海 2024年 beside 2013年 全国第一)."""
        if city not in self.cities_with_data(indicator.id):
            return ()
        if year is None:
            undated = tuple(o for o in self._observations.get(indicator.id, []) if o.city == city and o.year is None)
            return (IndicatorAnswer(indicator, city, None, observations=undated),) if undated else ()
        answer = self.describe(indicator, city, year)
        if answer.missing_year is not None or not (answer.observations or answer.target):
            return ()
        return (answer,)

    def _highest_of_two(self, question: Question, indicator: Indicator) -> Reply | None:
        """哪个城市最高 with no rank recorded for it (in the year asked): when just two cities have like
        figures (same year and months, in the year asked), their comparison (`_compare`: like year and months only), said to cover only the
        cities recorded; None otherwise, for no figure may stand in for a rank."""
        if not question.asks_city or question.ordinal != 1 or question.cities:
            return None
        pools = {c: self._figures(indicator, c, question.year) for c in self.cities_with_data(indicator.id)}
        cities = [c for c, pool in pools.items() if any(comparable(a, b, same_year=True) for a in pool
                                                        for other, rest in pools.items() if other != c for b in rest)]
        if len(cities) != 2:
            return None
        compared = self._compare(replace(question, cities=tuple(cities), compare=True), indicator)
        if compared is None or compared.decision != Decision.ANSWER:
            return None
        year = f"{question.year}年" if question.year else ""
        return replace(compared, note=f"知识库里没有这项指标{year}的排名；有{year}数据的只有{'、'.join(cities)}，"
                                      "以下只比较这两个城市的同期数，不是排名：")

    # -- differences ------------------------------------------------------------------------------
    @staticmethod
    def _is_difference(indicator: Indicator) -> bool:
        return any(word in indicator.name for word in ("比上年", "增加", "差距", "增量"))

    def _compare(self, question: Question, indicator: Indicator | None) -> Reply | None:
        """Two cities or two years of one indicator: the stated difference, else one computed from a
        comparable pair (same year and months, `comparable`), else both figures and why none is computed."""
        city = question.cities[0] if question.cities else DEFAULT_CITY
        # 2024年比2023年多了多少 is 2024's increase over the year before, as 2024年比上年 is
        later = sorted(question.years[:2])[-1] if len(question.years) >= 2 else None
        if later is not None and sorted(question.years[:2])[0] == later - 1:
            question = replace(question, year=later, previous_year=True)
        elif len(question.years) == 1 and len(question.cities) < 2 and INCREASE_ASKED.search(question.normalized):
            question = replace(question, previous_year=True)  # 2024年增了多少: over 2023
        if question.previous_year and question.year is not None:
            for candidate in self.by_id.values():
                if not self._is_difference(candidate) or "比上年" not in candidate.name:
                    continue
                if indicator is not None and not candidate.name.startswith(indicator.name):
                    continue
                if any(o.year == question.year and o.city == city for o in self._observations.get(candidate.id, [])):
                    return self._figure_and_change(question, candidate)
        if indicator is None:
            indicator = self._shared_indicator(question)
            if indicator is None:
                return None
        if len(question.cities) >= 2:
            same_year = True
            pools = [(f"{c}{question.year}年" if question.year else c, c, self._figures(indicator, c, question.year))
                     for c in question.cities[:2]]
        else:
            same_year = False
            years = list(question.years) or ([self.today().year] if question.previous_year else [])
            if question.previous_year and len(years) == 1:
                years.append(years[0] - 1)
            if len(years) < 2:
                return None
            pools = [(f"{y}年", "", self._figures(indicator, city, y)) for y in years[:2]]
        sides, newer, like = _pair_sides(pools, same_year)
        if all(side.observation is None for side in sides):
            if len(question.cities) >= 2 and any(t.city in question.cities for t in self._targets.get(indicator.id, [])):
                return None  # 苏州跟无锡比: a city named has a target, shown with the other's lack of data
            # nothing to compare: saying so beats answering another question (the target)
            return Reply(Decision.DECLINE, question, reason=NO_COMPARISON, comparison=Comparison(indicator, sides))
        named = set(question.cities)
        sides = tuple(_without_stale_gap(side, other, named) for side, other in zip(sides, sides[::-1]))
        stated = tuple(s.observation for s in sides if _states_gap(s.observation, named))
        computed, unit, why = _difference(sides[0].observation, sides[1].observation, like, same_year)
        comparison = Comparison(indicator, sides, stated, computed, unit, why, newer)
        return Reply(Decision.ANSWER, question, comparison=comparison)

    def _figures(self, indicator: Indicator, city: str, year: int | None) -> list[Observation]:
        """Every figure of `indicator` for `city` (in `year` when one is given)."""
        return [o for o in self._observations.get(indicator.id, []) if o.city == city
                and (year is None or o.year == year)]

    def _shared_indicator(self, question: Question) -> Indicator | None:
        """The one indicator with figures for every city named (and the year named), if there is one."""
        if len(question.cities) < 2:
            return None
        found = []
        for indicator in self.by_id.values():
            if all(self._figure_of(indicator, c, question.year) is not None for c in question.cities[:2]):
                found.append(indicator)
        return found[0] if len(found) == 1 else None


def _states_gap(observation: Observation | None, named: set[str]) -> bool:
    """Does `observation`'s note state its difference from another city named (与苏州差距高达7千亿元)?"""
    return (observation is not None and bool(_STATED_GAP.search(observation.note))
            and any(c in observation.note for c in named - {observation.city}))


def _without_stale_gap(side: Side, other: Side, named: set[str]) -> Side:
    """`side` without the gap its note states once the other side's figure was recorded after it: revised
    since, the gap quotes the old figure (a revision of the side's own figure drops its note: written_figure)."""
    observation = side.observation
    if not _states_gap(observation, named) or other.observation is None \
            or other.observation.recorded_at <= observation.recorded_at:
        return side
    return replace(side, observation=replace(observation, note=""))


def _pair_sides(pools: list[tuple[str, str, list[Observation]]], same_year: bool) -> tuple[tuple[Side, ...], tuple[Side, ...], bool]:
    """(sides, newer, like) from two pools of (label, place, figures): the latest comparable pair, and
    each side's later figure that has no like figure on the other side; without a comparable pair,
    each pool's latest figure and like=False."""
    (label_a, place_a, firsts), (label_b, place_b, seconds) = pools
    first = latest_of([a for a in firsts if any(comparable(a, b, same_year) for b in seconds)])
    if first is None:
        return (Side(label_a, latest_of(firsts), place_a), Side(label_b, latest_of(seconds), place_b)), (), False
    second = latest_of([b for b in seconds if comparable(first, b, same_year)])
    sides = (Side(label_a, first, place_a), Side(label_b, second, place_b))
    newer = []
    for (label, place, pool), side in zip(pools, sides):
        latest = latest_of(pool)
        if period_order(latest) > period_order(side.observation):
            newer.append(Side(label, latest, place))
    return sides, tuple(newer), True


def _difference(first: Observation | None, second: Observation | None, like: bool,
                same_year: bool) -> tuple[Decimal | None, str, str]:
    """(first − second in base units, that unit, "") for two exact figures of a comparable pair, else
    (None, "", why not, in Chinese)."""
    if first is None or second is None:
        return None, "", "缺少其中一个数字"
    if not like:
        return None, "", "两个数字不是同一年份的同一期间，不能相减" if same_year else "两个数字不是同一期间，不能相减"
    if first.value is None or second.value is None:
        return None, "", "其中一项没有数值"
    if any(w in (o.qualifier or "") + (o.text or "") for o in (first, second) for w in BOUND_WORDS):
        return None, "", "其中一个数字是约数下限（如“突破”“超”），算不出准确差值"
    if base_unit_of(first.unit) != base_unit_of(second.unit):
        return None, "", "两个数字单位不同"
    return to_base(first.value, first.unit) - to_base(second.value, second.unit), base_unit_of(first.unit), ""


def _same_figure(figure: Figure | Quantity, value: float | None, unit: str) -> bool:
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
    return to_base(value, unit) == figure.to_base()



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
