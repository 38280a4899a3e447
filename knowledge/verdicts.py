"""The verdict on a yes/no check (是不是89%, 是8500亿吗, 超过一半了没有): the quoted figure against the recorded
one the reply gives, compared in the indicator's unit (8500亿 = 8500亿元, 1.2万亿 = 12000亿, 89 = 89%).

A figure in a unit of another kind (500亿 for a count of firms) cannot be compared: the verdict says so
and is never 是; one of the same kind in another size (34000EFLOPS, 1.8万公顷) is converted and told 不是.
A bound word asks a bound (至少 ≥, 超过 >, 以内 ≤), 接近/差不多/约 nearness (is_near), 五百多 a range (odd_step). The reader of the check is knowledge/checks.py; its words knowledge/render_checks.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from knowledge.checks import (ABOVE, AT_LEAST, AT_MOST, BELOW, NEAR, NEAR_POINTS, NEAR_SHARE, ODD, RELATION_AFTER,
                              RELATION_BEFORE, SAME, STATEMENT, Check)
from knowledge.errors import QuantityError
from knowledge.quantities import FOLDABLE, Quantity, other_size, parse_quantity, to_base
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
    elsewhere: object = None  # NO: another record of the indicator that holds the figure (2025年预计数)
    scope: str = ""  # NO: the recorded text's words for another scope the figure matches (加上香港共10个…)
    held_by: str = ""  # NO: the one other indicator's record the figure is (生产性服务业增加值目标)


def with_verdict(reply: Reply, named: Callable[[str], str | None] | None = None,
                 holders: Callable[..., list[str]] | None = None) -> Reply:
    """`reply` with the verdict on its question's check, when it has one and answers one indicator's figure.

    Several figures checked at once (question.checks) are each judged against the indicator `named` (words
    → indicator id, or None) by the words of its own clause, the verdict set on that indicator's part;
    a figure whose words name no indicator of the reply is left without one."""
    check = reply.question.check
    if reply.decision != Decision.ANSWER or reply.growth or reply.comparison or reply.listing:
        return reply
    if len(reply.question.checks) > 1 or (check is not None and len(reply.answers) > 1):
        return _paired(reply, named) if named is not None else reply
    if check is None:
        return reply
    for answer in reply.answers:
        verdict = judge(check, answer, reply.question.intent)
        if verdict is not None and verdict.outcome == NO and holders is not None and verdict.elsewhere is None:
            held = holders(reply.question, answer.indicator.id, answer.city)
            verdict = replace(verdict, held_by=held[0]) if len(held) == 1 else verdict
        if verdict is not None:
            return replace(reply, verdict=verdict)
    return reply


def _paired(reply: Reply, named: Callable[[str], str | None]) -> Reply:
    """Each part of `reply` with the verdict on the one figure whose clause names its indicator."""
    by_id: dict[str, list[Check]] = {}
    checks = reply.question.checks or (reply.question.check,)
    for check in checks:
        indicator_id = named(check.words) if check.words else None
        if indicator_id is not None:
            by_id.setdefault(indicator_id, []).append(check)
    parts = reply.parts or (replace(reply, parts=()),)
    listed = [c for c in checks if not c.words]  # 一个是440万人/一个是2万亩: in the order the parts were named
    if listed and len(listed) == len(checks) == len(parts) and all(len(p.answers) == 1 for p in parts):
        by_id = {p.answers[0].indicator.id: [c] for p, c in zip(parts, listed)}
    judged = []
    for part in parts:
        own = by_id.get(part.answers[0].indicator.id, []) if len(part.answers) == 1 else []
        verdict = judge(own[0], part.answers[0], reply.question.intent) if len(own) == 1 else None
        judged.append(replace(part, verdict=verdict) if verdict is not None else part)
    return replace(reply, parts=tuple(judged)) if reply.parts else judged[0]


def judge(check: Check, answer: IndicatorAnswer, intent: str = "") -> Verdict | None:
    """The verdict against the first recorded figure the quoted one matches (the target, the figure of the
    target's year, the figures shown), else against the first of them; None when none has a number.
    A choice (2500亿还是3000亿) is judged on the figure that holds, when one does."""
    if check.relation == STATEMENT:
        return _stated(check, answer, intent)
    records = [r for r in _records(answer, intent) if r.value is not None]
    if not records:
        return None
    for choice in check.choices:
        verdict = judge(replace(check, text=choice, choices=()), answer, intent)
        if verdict is not None and verdict.outcome == YES:
            return replace(verdict, check=replace(check, text=choice))
    unit = answer.indicator.unit
    quoted = _quoted(check, unit)
    # 500亿 with no unit is money (亿 alone names no count of firms): not a number of 家 to compare
    if quoted is None or (check.text.endswith("亿") and unit != "元"):
        return Verdict(check, NOT_COMPARABLE, answer, records[0], None)
    for record in records:
        asked, figure = _in_own_words(check, record), _quoted(check, unit, record)
        if _holds(asked, figure, record):
            return Verdict(asked, YES, answer, record, figure)
    other = [r for r in _other_records(answer)
             if r.value is not None and _holds(_in_own_words(check, r), _quoted(check, unit, r), r)]
    quoted = _quoted(check, unit, records[0])
    return Verdict(_in_own_words(check, records[0]), NO, answer, records[0], quoted, other[0] if other else None,
                   "" if other_size(check.text) else _scope(check, records[0]))


def _in_own_words(check: Check, record) -> Check:
    """The check as one of the same figure when it quotes the record's own bound word (人才总量突破400万对吧
    against 突破440万人, 一万亿以上 against 1.2万亿元以上): the number is what is recalled, and checked;
    another bound word (超过4万亿了吗) still asks about a bound."""
    if check.qualifier and check.qualifier in (record.qualifier or "").split("…"):
        return replace(check, relation=SAME)
    return check


def _stated(check: Check, answer: IndicatorAnswer, intent: str) -> Verdict | None:
    """YES when a record's own words state what is asked (全国第二个工业总产值5万亿城市), else None: a claim
    the records do not word alike is neither confirmed nor denied."""
    claim = re.sub(r"^(?:全国|国内|中国)", "", check.text)
    for record in _records(answer, intent):
        if len(claim) >= 4 and claim in re.sub(r"[^\w%.]", "", f"{record.text or ''}{getattr(record, 'note', '')}"):
            return Verdict(check, YES, answer, record, None)
    return None


def _quoted(check: Check, unit: str, record=None) -> Quantity | None:
    """The quoted figure in the indicator's unit; a bare fraction below 1 for a share is that share
    (两化融合达成度0.89 = 89%); a bare number for an amount in the unit of `record` (八千五 against 8500亿元
    is 8500亿元, as it is said aloud); a unit of the same kind in another size converted (1.8万公顷 = 27万亩)."""
    if (sized := other_size(check.text)) is not None:
        number, sized_unit, factor = sized
        quoted = _quoted(replace(check, text=number), unit)
        return Quantity(quoted.value * factor, quoted.unit) if quoted is not None and sized_unit == unit else None
    if record is not None and unit in FOLDABLE and re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", check.text):
        return Quantity(Decimal(check.text), record.unit)
    try:
        quoted = parse_quantity(check.text, unit)
    except QuantityError:
        return None
    if unit == "%" and re.fullmatch(r"0?\.[0-9]+", check.text):
        return Quantity(quoted.value * 100, "%")
    return quoted


def _other_records(answer: IndicatorAnswer) -> list:
    """The indicator's figures the reply holds besides its own year's (the year before's 预计数)."""
    return [r for r in (answer.earlier, *answer.observations) if r is not None]


def _scope(check: Check, record) -> str:
    """The clause of the record's own words that states the quoted number for another scope (9个, 加上香港共
    10个两万亿以上城市: "加上香港共10个两万亿以上城市"), else ""."""
    number = re.match(r"[0-9.]+[^0-9]?", check.text)
    if number is None or not check.text[0].isdigit():
        return ""
    for clause in re.split(r"[（）()，,；;。]", f"{record.text or ''}（{getattr(record, 'note', '') or ''}）"):
        if re.search(r"(?<![0-9.])" + re.escape(number.group()), clause) and clause:
            return clause
    return ""


def _records(answer: IndicatorAnswer, intent: str) -> list:
    figures = [o for o in (answer.actual, *answer.observations) if o is not None]
    planned = [answer.target] if answer.target is not None else []
    return figures + planned if intent == "actual" else planned + figures


def is_near(recorded: Decimal, asked: Decimal, share: bool = False) -> bool:
    """Is `recorded` near `asked` (接近, 差不多, 约)? Within NEAR_SHARE of it either side; a share also within
    NEAR_POINTS 百分点 (大概4% for 超4.25%: a small share said roughly is off by more than 5% of itself)."""
    gap = abs(recorded - asked)
    return gap <= abs(asked) * Decimal(str(NEAR_SHARE)) or (share and gap <= Decimal(str(NEAR_POINTS)))


def odd_step(value: Decimal) -> Decimal:
    """The step of a figure's last place said: 23000 → 1000 (两万三千多), 500 → 100, 4.8 → 0.1."""
    return Decimal(1).scaleb(Decimal(value).normalize().as_tuple().exponent)


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
    if check.relation in (AT_LEAST, AT_MOST):
        return recorded >= asked if check.relation == AT_LEAST else recorded <= asked
    if check.relation == NEAR:
        return is_near(recorded, asked, quoted.unit == "%")
    if check.relation == ODD:  # 500多: above 500 and below 600, the next step of its last place
        return asked < recorded < to_base(quoted.value + odd_step(quoted.value), quoted.unit)
    if check.relation == ABOVE:
        return recorded > asked or (recorded == asked and own == ABOVE)
    if check.relation == BELOW:
        return recorded < asked or (recorded == asked and own == BELOW)
    return False

