"""Which city reached a figure first (全国哪个城市最先工业总产值过5万亿), from a recorded sentence that says
so: "苏州将成为深圳之后全国第二个工业总产值5万亿城市" names 深圳 first; "全国第一个…" names its own city.
No figure is compared here: who was first is what a record says, never worked out from two cities' totals.
"""

from __future__ import annotations

import re

from knowledge.models import Indicator, Observation
from knowledge.places import PLACES
from knowledge.questions import Question
from knowledge.replies import NO_MATCH, Decision, Finding, Reply

_AFTER_FIRST = re.compile(r"(" + "|".join(PLACES) + r")之后(全国|江苏|全省)?第二个")
_FIRST_IN_TIME = re.compile(r"最先|最早|率先|第一个|首个")
_AMOUNT = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:万亿|亿|万)")
_FIRST = re.compile(r"(全国|江苏|全省)?(?:第一个|首个)")
# 在苏州之前哪个城市…, 比苏州更早…: the city that reached it before the one named (a record's "深圳之后…第二个")
_BEFORE = re.compile(r"(" + "|".join(PLACES) + r")(?:之前|以前)|(?:早于|比)(" + "|".join(PLACES) + r")更?早")


def first_to_reach(question: Question, observations: dict[str, list[Observation]],
                   by_id: dict[str, Indicator]) -> Reply | None:
    """When the question asks which city reached a figure first (asks_city, 最先/第一个, a figure written): a
    reply naming it from a record's sentence about that figure, else a decline. None for other questions."""
    # the figure as written, also where it names a kind of city (第一个5万亿城市) rather than a figure quoted
    wanted = _AMOUNT.findall(question.normalized)
    before = _BEFORE.search(question.normalized)
    first_asked = question.ordinal == 1 and _FIRST_IN_TIME.search(question.normalized)
    if not (question.asks_city and wanted and (first_asked or before)):
        return None
    for indicator_id, records in observations.items():
        for record in records:
            said = f"{record.text}{record.note}"
            if indicator_id not in by_id or not any(w in said for w in wanted):
                continue
            if (after := _AFTER_FIRST.search(said)) and (not before or record.city in before.groups()):
                subject, scope = after.group(1), after.group(2) or "全国"
            elif first := _FIRST.search(said):
                subject, scope = record.city, first.group(1) or "全国"
            else:
                continue
            finding = Finding(by_id[indicator_id], subject, 1, scope, record.year, (record,),
                              derived=subject != record.city)
            return Reply(Decision.ANSWER, question, findings=(finding,))
    # who is first by total (2013年全国第一：上海) says nothing of who reached a figure first
    return Reply(Decision.DECLINE, question, reason=NO_MATCH)
