"""Answering a list over the targets: a status (哪些指标滞后), the count, every target, and a group —
one or more themes (产业规模和投资这两块的目标), or words several indicators' names share (研发相关的目标,
智能工厂建设目标). A mixin of the Answerer; the group is read by knowledge/themes.py.

A piece of a group is, in this order: a theme (the targets of that category), a word in two or more
target indicators' names or aliases (each of them), or one indicator's name (that one). Every target
listed comes with its figure.
"""

from __future__ import annotations

from dataclasses import replace

from knowledge.places import DEFAULT_CITY
from knowledge.progress import LAGGING, NO_DATA
from knowledge.question_words import ACTIVITY
from knowledge.questions import Question, core_of
from knowledge.slots import with_subjects
from knowledge.replies import NO_CITY_TARGETS, NO_MATCH, Decision, IndicatorAnswer, Listing, Reply
from knowledge.themes import ALL, themes_within



class ThemeQuestions:
    """Lists and groups of targets; a mixin of the Answerer (needs matcher, targets_overview, _several)."""

    def _listing(self, question: Question) -> Reply:
        """哪些指标滞后 / 还有哪些没数据 / 科技创新方面有哪些目标 / 一共多少个目标, from the targets of 苏州."""
        overview = self.targets_overview(question.cities[0] if question.cities else DEFAULT_CITY, question.year)
        kind = question.listing
        if kind == "count" and question.parts:  # 领航级和卓越级…分别定了多少个目标: the things named are asked
            return Reply(Decision.DECLINE, question, reason=NO_MATCH)
        if not overview:  # never a count of 0 for a place, nor 苏州's targets passed off as its own
            return Reply(Decision.DECLINE, question, reason=NO_CITY_TARGETS)
        if kind in ("as_of", "all", "count"):
            listing = Listing(kind, "", tuple(overview), len(overview))
        elif kind.startswith("category:"):
            grouped = self._group(question, kind.split(":", 1)[1].split("/"), overview)
            return grouped or Reply(Decision.DECLINE, question, reason=NO_MATCH)
        else:
            listing = _with_status(kind, overview)
        return Reply(Decision.ANSWER, question, listing=listing)

    def _theme(self, question: Question) -> Reply | None:
        """The group `question.theme` names, or None: nothing of it is known, or beside a theme named in
        passing the rest names one indicator (科技创新方面的研发投入目标)."""
        city = question.cities[0] if question.cities else DEFAULT_CITY
        overview = self.targets_overview(city, question.year)
        if question.theme == ALL:
            return Reply(Decision.ANSWER, question, listing=Listing("all", "", tuple(overview), len(overview)))
        named = self.matcher.match(replace(question, theme="")) if question.core else None
        if named is not None and named.decision == Decision.ANSWER and named.best.score >= 1.0:
            # 算力、数据集这两块: a "theme" that is itself one indicator's name is one more thing listed
            pieces = [self.matcher.match(replace(question, core=p, theme="")) for p in question.theme.split("/")]
            if not all(m.decision == Decision.ANSWER for m in pieces):
                return None
            return self._several(question, [*dict.fromkeys([named.best.indicator, *(m.best.indicator for m in pieces)])])
        grouped = self._group(question, question.theme.split("/"), overview)
        if grouped is None or grouped.listing is None:
            return grouped
        items = grouped.listing.items
        if question.core:  # 要素保障（算力人才用地资金）: the targets named beside the theme are listed with it
            named = self.matcher.named_in(question.core)
            items += tuple(a for a in overview if a.indicator.id in named and a not in items)
        if question.listing not in ("", "all", "count", "as_of") and not question.listing.startswith("category:"):
            return replace(grouped, listing=_with_status(question.listing, list(items)))  # 科技创新方面哪些滞后
        return replace(grouped, listing=replace(grouped.listing, items=items))

    def _shared_group(self, question: Question) -> Reply | None:
        """智能工厂建设目标: a word two or more names share, with what is done about them, asked as one."""
        bare = ACTIVITY.sub("", question.core)
        if not bare or bare == question.core or question.parts:
            return None
        city = question.cities[0] if question.cities else DEFAULT_CITY
        overview = self.targets_overview(city, question.year)
        held = self._holding(bare, overview)
        return self._group(question, [bare], overview) if len(held) >= 2 else None

    def _holding(self, word: str, overview: list[IndicatorAnswer]) -> list[IndicatorAnswer]:
        """The targets whose indicator's name or an alias holds `word` (as core_of reads both)."""
        ids = self.matcher.holders(core_of(word))
        return [a for a in overview if a.indicator.id in ids]

    def _group(self, question: Question, pieces: list[str], overview: list[IndicatorAnswer]) -> Reply | None:
        """The targets the pieces name, listed with their figures; None when no piece names any."""
        items: list[IndicatorAnswer] = []
        labels: list[str] = []
        city = overview[0].city if overview else DEFAULT_CITY
        only_indicators = True
        for piece in with_subjects(tuple(p for p in pieces if p)):  # 民营工业产值/它占…的比重: 它 is 民营工业
            found = [a for a in overview if a.indicator.category == piece]
            if not found and len(held := self._holding(piece, overview)) >= 2:
                found = held
            if found:
                only_indicators = False
            else:
                bare = core_of(piece)
                match = self.matcher.match(replace(question, core=bare, parts=(), theme=""))
                # names run together (高企小巨人这两个数): each clearly mentioned
                run = self.matcher.mentioned(replace(question, core=bare, segments=(bare,), parts=(), theme=""))
                if match.decision == Decision.ANSWER:
                    found = [a for a in overview if a.indicator.id == match.best.indicator.id]
                    found = found or [self.describe(match.best.indicator, city)]
                elif len(held) == 1:  # inside one target's name only (服务业和制造业增加值方面: 服务业): that one
                    found = held
                elif len(run) >= 2:
                    found = [a for i in run for a in overview if a.indicator == i] or [self.describe(run[0], city)]
                elif (themes := themes_within(piece)) and not self.matcher.named_in(bare):
                    # words that name no indicator may name a theme in other words (创新能力这块: 科技创新)
                    found = [a for a in overview if a.indicator.category in themes]
                    only_indicators, piece = False, "、".join(themes)
                else:
                    continue
            labels.append(piece)
            items += [a for a in found if a not in items]
        if not items:
            return None
        if only_indicators:
            return self._several(question, [a.indicator for a in items])
        listing = Listing("category", "、".join(labels), tuple(items), len(overview))
        return Reply(Decision.ANSWER, question, listing=listing)


def _with_status(status: str, answers: list[IndicatorAnswer]) -> Listing:
    """The targets of `answers` in a ProgressStatus; 滞后 means every lagging one (严重滞后 too)."""
    wanted = LAGGING if status in LAGGING else (status,)
    items = tuple(a for a in answers if (a.progress.status if a.progress else NO_DATA) in wanted)
    return Listing("status", status, items, len(answers))
