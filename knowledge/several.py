"""Several indicators named in one message: each of them is answered, never fewer.

A message that names two or more distinct indicators — its parts (split at breaks and 和/跟/与) each
matching one, or clear mentions (knowledge/mentions.py) run together and counted — asks for each of them, whatever path the
answerer took first: a list word beside the names (请列出智算规模和人才总量目标: the names are the list),
a task verb glued before the first item (整理独角兽和瞪羚入库数), a loose part scoring a little below
LOOSE_PART_SCORE. A word counting the items named (两个, 三个, 这几项) confirms that the parts are a
list, so each part that matches at all counts. Not for a comparison, a rank, a check of a quoted figure,
a 同比 or a question of which city or year: those ask about the indicators together.

A mixin of the Answerer (needs matcher, by_id, `_match`, `_single`, `_several`, `_joined`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.match_results import Decision
from knowledge.models import Indicator
from knowledge.question_words import COUNTED_ITEMS, FIGURE_AND_CHANGE, RATIO_MARKERS, SAME_YEAR, TASK_LEAD
from knowledge.questions import Question
from knowledge.replies import EMPTY, NO_MATCH, Reply

# A part of a message joined by spaces only must match this well to count as a second question.
LOOSE_PART_SCORE = 0.75
MAX_PARTS = 6
_PART_LEAD = re.compile(rf"^(?:{TASK_LEAD.pattern}|{SAME_YEAR.pattern})+")
_PART_TAIL = re.compile(r"的?(?:数字|数据|数值|数)$")
_NUMBERS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def counts_items(normalized: str) -> int | None:
    """The number of items a counting word says were named (三个 → 3, 两项 → 2), 0 for one that gives no
    number (这几项, 这些), None when there is none."""
    found = COUNTED_ITEMS.search(normalized)
    if found is None:
        return None
    return _NUMBERS.get(found.group(1) or "", 0)


class SeveralQuestions:
    """Answering every indicator a message names; a mixin of the Answerer."""

    def _named_indicators(self, question: Question) -> tuple[list[Indicator], set[str]]:
        """(the distinct indicators the message names, in reading order; the parts that named one)."""
        parts = question.parts[:MAX_PARTS]
        counted = counts_items(question.normalized)
        listed = question.joined or counted == 0 or counted == len(parts)
        named: list[Indicator] = []
        good: set[str] = set()
        for part in parts:
            indicator = self._part_named(question, part, listed)
            if indicator is not None:
                good.add(part)
                if indicator not in named:
                    named.append(indicator)
        if not parts and counted is not None and not question.wants_ratio:
            # names run together, then counted (独角兽瞪羚两个目标); uncounted, two names in one clause are
            # one phrase (民营工业在规上工业总产值里占多少: a share, not two things asked)
            named = list(self.matcher.mentioned(question))
        return named, good

    def _part_named(self, question: Question, part: str, listed: bool) -> Indicator | None:
        """The indicator one part of a message names: the part as written, else without a task verb or
        a 当年 before it and a word for "the number" after it (赋能中心数字), else — in a list — its one
        clear mention (里面引用全社会研发投入占GDP比重年度)."""
        bare = _PART_TAIL.sub("", _PART_LEAD.sub("", part)) or part
        for words in dict.fromkeys((part, bare)):
            sub = replace(question, core=words, parts=(), growth=False,
                          wants_ratio=any(m in words for m in RATIO_MARKERS))
            match = self._match(sub)
            if match.decision == Decision.ANSWER and (listed or match.best.score >= LOOSE_PART_SCORE):
                return match.best.indicator
        clear = self.matcher.mentioned(sub) if listed else []
        return clear[0] if len(clear) == 1 else None

    def _all_named(self, question: Question, reply: Reply) -> Reply:
        """`reply`, or, when it answers fewer of the indicators the message names and nothing else, a
        reply answering each of them (with the parts still unknown)."""
        if (question.compare or question.ranking or question.check is not None or question.checks
                or question.growth or question.asks_city or question.asks_year
                or reply.comparison is not None or reply.findings or reply.verdict is not None):
            return reply
        if reply.decision == Decision.DECLINE and reply.reason not in (NO_MATCH, EMPTY):
            return reply  # no data for the place, year or period asked: never another one's figure
        if reply.decision == Decision.CLARIFY:
            return reply
        answered = {a.indicator.id for a in reply.answers}
        if reply.listing is not None:
            answered |= {a.indicator.id for a in reply.listing.items}
        could_name = len(question.parts[:MAX_PARTS]) if question.parts else 2 * (counts_items(question.normalized) is not None)
        if len(answered) >= could_name:
            return reply  # no more could be named than are answered: the parts are not read again
        named, good = self._named_indicators(question)
        if len(named) < 2:
            return reply
        ids = {i.id for i in named}
        if not answered < ids:
            return reply
        several = self._several(question, named)
        unknown = tuple(u for u in reply.unknown if not any(u in part for part in good))
        return replace(several, unknown=unknown) if several.decision == Decision.ANSWER else reply

    def _figure_and_change(self, question: Question, change: Indicator) -> Reply:
        """The year's increase over the year before (an indicator named …比上年增加), with that year's
        figure itself before it when the message asks for both (2024年规上工业总产值多少 比上年多了多少)."""
        changed = self._single(replace(question, compare=False), change, None)
        bases = [i for i in self.by_id.values() if i.id != change.id and change.name.startswith(i.name)]
        if not bases or changed.decision != Decision.ANSWER or not FIGURE_AND_CHANGE.search(question.normalized):
            return changed
        plain = replace(question, compare=False, previous_year=False, years=(question.year,))
        figure = self._single(plain, max(bases, key=lambda i: len(i.name)), None)
        return self._joined(question, (figure, changed)) if figure.decision == Decision.ANSWER else changed
