"""The verdict on a yes/no check (是不是89%, 是8500亿吗, 超过一半了没有): the quoted figure against the recorded
one the reply gives, compared in the indicator's unit (8500亿 = 8500亿元, 1.2万亿 = 12000亿, 89 = 89%).

A figure in a unit of another kind (500亿 for a count of firms) cannot be compared: the verdict says so
and is never 是. The reader of the check is knowledge/checks.py; its words knowledge/render_checks.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from knowledge.checks import ABOVE, BELOW, RELATION_AFTER, RELATION_BEFORE, SAME, Check
from knowledge.errors import QuantityError
from knowledge.quantities import Quantity, parse_quantity, to_base
from knowledge.replies import Decision, IndicatorAnswer, Reply

YES, NO, NOT_COMPARABLE = "yes", "no", "not_comparable"


@dataclass(frozen=True)
class Verdict:
    """`outcome` YES / NO / NOT_COMPARABLE of `check` against `record` (a Target or an Observation of
    `answer`, the one the verdict rests on); `quoted` the figure as read in the indicator's unit (None
    when it cannot be)."""

    check: Check
    outcome: str
    answer: IndicatorAnswer
    record: object
    quoted: Quantity | None


def with_verdict(reply: Reply) -> Reply:
    """`reply` with the verdict on its question's check, when it has one and answers one indicator's figure."""
    check = reply.question.check
    if check is None or reply.decision != Decision.ANSWER or reply.growth or reply.comparison or reply.listing:
        return reply
    for answer in reply.answers:
        verdict = judge(check, answer, reply.question.intent)
        if verdict is not None:
            return replace(reply, verdict=verdict)
    return reply


def judge(check: Check, answer: IndicatorAnswer, intent: str = "") -> Verdict | None:
    """The verdict against the first recorded figure the quoted one matches (the target, the figure of the
    target's year, the figures shown), else against the first of them; None when none has a number."""
    records = [r for r in _records(answer, intent) if r.value is not None]
    if not records:
        return None
    try:
        quoted = parse_quantity(check.text, answer.indicator.unit)
    except QuantityError:
        quoted = None
    # 500亿 with no unit is money (亿 alone names no count of firms): not a number of 家 to compare
    if quoted is None or (check.text.endswith("亿") and answer.indicator.unit != "元"):
        return Verdict(check, NOT_COMPARABLE, answer, records[0], None)
    for record in records:
        if _holds(check, quoted, record):
            return Verdict(check, YES, answer, record, quoted)
    return Verdict(check, NO, answer, records[0], quoted)


def _records(answer: IndicatorAnswer, intent: str) -> list:
    figures = [o for o in (answer.actual, *answer.observations) if o is not None]
    planned = [answer.target] if answer.target is not None else []
    return figures + planned if intent == "actual" else planned + figures


def record_relation(record) -> str:
    """The bound a record's qualifier template states: "超…" → ABOVE, "…以上" → ABOVE, "力争…" → SAME."""
    before, _, after = (record.qualifier or "").partition("…")
    return RELATION_AFTER.get(after) or RELATION_BEFORE.get(before) or SAME


def _holds(check: Check, quoted: Quantity, record) -> bool:
    """Does the record bear the check out? A bound asked about holds for a record past it, or at it with the
    same bound (超5万亿 is 超过5万亿)."""
    recorded, asked = to_base(record.value, record.unit), quoted.to_base()
    own = record_relation(record)
    if check.relation == SAME:
        return recorded == asked
    if check.relation == ABOVE:
        return recorded > asked or (recorded == asked and own == ABOVE)
    if check.relation == BELOW:
        return recorded < asked or (recorded == asked and own == BELOW)
    return False

