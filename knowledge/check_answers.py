"""The Answerer's part in a yes/no check: which indicator the words of a figure's clause name, and which
other indicator holds a figure checked against the wrong one (8500亿是工业增加值吗 → 8500亿 is
生产性服务业增加值's target). The verdict itself is knowledge/verdicts.py's."""

from __future__ import annotations

from dataclasses import replace

from knowledge.quantities import base_unit_of, split_unit, to_base

from knowledge.questions import parse_question
from knowledge.replies import Decision, Reply
from knowledge.verdicts import is_near, with_verdict


class CheckQuestions:
    """Mixed into Answerer (knowledge/answers.py), which provides today, _match and _figure_hits."""

    def _checked(self, reply: Reply) -> Reply:
        """`reply` with its verdict(s) (knowledge.verdicts.with_verdict); several figures checked whose clauses
        name more indicators than the reply answers (瞪羚1000家独角兽200家对不对, read as one name) answer each."""
        checks = reply.question.checks
        if len(checks) > 1 and reply.decision == Decision.ANSWER and not (reply.growth or reply.comparison):
            ids = list(dict.fromkeys(filter(None, (self._named(c.words) for c in checks if c.words))))
            if len(ids) > 1 and not set(ids) <= {a.indicator.id for a in reply.answers}:
                reply = self._several(reply.question, [self.by_id[i] for i in ids])
        return with_verdict(reply, self._named, self._holders)

    def _named(self, words: str) -> str | None:
        """The id of the one indicator `words` (a clause of a check) name surely, else None."""
        question = parse_question(words, self.today())
        match = self._match(replace(question, parts=(), check=None, checks=()))
        return match.best.indicator.id if match.decision == Decision.ANSWER else None

    def _holders(self, question, indicator_id: str, city: str) -> list[str]:
        """What else in `city` the figure checked is ("生产性服务业增加值2026年目标"), other indicators first."""
        hits = [h for h in self._figure_hits(question, checked=True) if h[1] == city and h[0].id != indicator_id]
        return list(dict.fromkeys(f"{h[0].name}{'目标' if h[2] is None else f'{h[2]}年数字'}" for h in hits))

    def _near_hits(self, question) -> list[tuple]:
        """(indicator, city, year) of the one figure recorded for the year asked that a figure checked with no
        name is near (25年是不是4.9万亿 → 规上工业总产值 2025年 4.89万亿): within NEAR_SHARE, in a unit of the
        same kind; [] when the question names anything, has no year, or two figures are near."""
        check = question.check
        if check is None or question.year is None or question.core or question.parts or check.quantity() is None:
            return []
        quoted = check.quantity()
        near = [(self.by_id[i], o.city, o.year) for i, records in self._observations.items() for o in records
                if i in self.by_id and o.year == question.year and o.value is not None
                and _near(quoted, o.value, o.unit) and (not question.cities or o.city in question.cities)]
        return near if len({(h[0].id, h[1]) for h in near}) == 1 else []


def _near(quoted, value, unit: str) -> bool:
    """Is a quoted Quantity within NEAR_SHARE of a recorded value in `unit`, the two of one kind (a magnitude
    alone, 4.9万亿, is of any kind that folds; a bare number is of none)?"""
    written = base_unit_of(split_unit(quoted.unit)[1])
    if not quoted.unit or (written and written != base_unit_of(split_unit(unit)[1])):
        return False
    return is_near(to_base(value, unit), quoted.to_base())
