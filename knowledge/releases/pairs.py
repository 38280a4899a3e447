"""Growth rates written “分别” after the figures they belong to: “规上工业总产值40876.3亿元，工业投资
1986.4亿元，分别增长4.8%和6.3%” gives 4.8% to the first figure and 6.3% to the second. The N rates of such a
clause belong to the N figures before it, in order; when the counts differ none of them is placed (never
the first rate to the last figure). Named pairs (“A、B分别增长x%、y%”) are written out by sentences.plain; a
list of values it could not pair with its names is cut out with the counts, and no rate after it is placed.
"""

from __future__ import annotations

import re

from knowledge.releases.respective import GROWTH_VERBS, SPEED_TAIL, SPEED_VERBS, written_items
from knowledge.releases.tokens import CURRENCIES, sentence_tokens, value_of


_RATE = r"-?\d+(?:\.\d+)?(?:%|个百分点)"
_GROWTH_VERB = "|".join(GROWTH_VERBS)
_RATE_ITEM = re.compile(rf"(?:{_GROWTH_VERB})?{_RATE}")
_WITH_VERB = re.compile(rf"(?:同比|环比|(?:比|较)(?:上年同期|去年同期|上年|去年))?(?:{_GROWTH_VERB})-?\d")
_VALUE_ITEM = re.compile(rf"[超近约]?-?\d+(?:\.\d+)?(?:万亿|亿|万)?(?:{'|'.join(CURRENCIES)}|元|%|家|项|个|人|吨|千瓦时)?")
_VERB = re.compile(r"[^\d-]*")  # what 分别 is followed by before its first item
# a clause naming no figure before 分别: only how the rates were computed or what they are compared with
_NAMELESS = re.compile(r"(?:全市|均|(?:同比|环比|(?:比|较)(?:上年同期|去年同期|上年|去年))|按可比价格?计算)*")
_BASIS = re.compile(r"(?:同比|环比|(?:比|较)(?:上年同期|去年同期|上年|去年))$")
_CLAUSE_ENDS = re.compile(r"[，；。,;]")
_NAME_SPLIT = re.compile(r"、|和|及|与")
COUNT_REASON = "“分别”后的增速有{rates}个，前面的{what}有{count}个，对不上，未录入"
VALUES_REASON = "“分别”后的数据有{values}个，前面的名称有{count}个，对不上，未录入"
UNPAIRED_BEFORE_REASON = "前面“分别”列出的数据没有对应上名称，不知道这些增速属于哪个数据，未录入"


def spread_growths(sentence: str) -> tuple[str, list[tuple[str, str]]]:
    """`sentence` with each “分别” clause of growth rates that names no figure written out after the
    figures before it (“A40876.3亿元，B1986.4亿元，分别增长4.8%和6.3%” → “A40876.3亿元，增长4.8%，B1986.4亿元，
    增长6.3%”), and the (clause, reason) of each clause whose rates could not be placed: it is cut out of
    the sentence, so that no rate goes to a figure it does not belong to; and so for “均增长x%” (spread_each)."""
    unplaced: list[tuple[str, str]] = []
    for start, end in reversed(_clauses_with_fenbie(sentence)):  # from the end: earlier positions hold
        clause = sentence[start:end]
        split = _split(clause)
        rest = sentence[:start].rstrip("，,") + sentence[end:]
        if split is None:
            listed = _unpaired_values(clause)
            if listed is not None:  # a list sentences.plain could not pair with its names
                unplaced.append((clause, VALUES_REASON.format(values=listed[1], count=listed[0])))
                sentence = rest
            continue
        names, basis, rates = split
        if _NAMELESS.fullmatch(names):
            values = _values_before(sentence, start, shares=rates[0].endswith("百分点"))
            if values is None:
                unplaced.append((clause, UNPAIRED_BEFORE_REASON))
                sentence = rest
                continue
            if len(values) == len(rates):
                for end, rate in reversed(list(zip(values, rates))):
                    rest = f"{rest[:end]}，{basis}{rate}{rest[end:]}"
                sentence = rest
                continue
            what, count = "数据", len(values)
        else:
            what, count = "名称", len([n for n in _NAME_SPLIT.split(names) if n])
        unplaced.append((clause, COUNT_REASON.format(rates=len(rates), what=what, count=count)))
        sentence = rest
    sentence, each_unplaced = spread_each(_tidy(sentence))
    return sentence, list(reversed(unplaced)) + each_unplaced


# “A41234.5亿元、B1888.8亿元，均增长5.2%”: one rate each figure before it grew by
_EACH = re.compile(rf"(?P<basis>{_BASIS.pattern[:-1]})?均(?P<basis2>{_BASIS.pattern[:-1]})?"
                   rf"(?P<verb>增长|增加|上升|提高|提升|下降|减少|降低)(?P<rate>{_RATE})")
EACH_REASON = "“均”之后的增速，前面的数据有{count}个，不知道属于哪几个，未录入"


def spread_each(sentence: str) -> tuple[str, list[tuple[str, str]]]:
    """`sentence` with each clause “均增长x%” that names no figure written out after each of the two or
    more figures before it (“A41234.5亿元、B1888.8亿元，均增长5.2%” → “A41234.5亿元，增长5.2%、B1888.8亿元，
    增长5.2%”), and the (clause, reason) of such a clause after fewer than two figures, cut out."""
    unplaced: list[tuple[str, str]] = []
    clauses = [(m.start(), m.end()) for m in re.finditer(r"[^，；。,;]+", sentence)]
    for start, end in reversed(clauses):
        each = _EACH.fullmatch(sentence, start, end)
        if each is None:
            continue
        rest = sentence[:start].rstrip("，,") + sentence[end:]
        values = _values_before(sentence, start, shares=each.group("rate").endswith("百分点"))
        if len(values) < 2:
            unplaced.append((each.group(), EACH_REASON.format(count=len(values))))
            sentence = rest
            continue
        growth = f"，{each.group('basis') or each.group('basis2') or ''}{each.group('verb')}{each.group('rate')}"
        for at in reversed(values):
            rest = rest[:at] + growth + rest[at:]
        sentence = rest
    return _tidy(sentence), list(reversed(unplaced))


def _clauses_with_fenbie(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause (between ，；。) holding 分别, found from each 分别 outwards: a pattern
    scanning for 分别 from every position was quadratic in a clause without one (90,000 digits: 11 s)."""
    spans: list[tuple[int, int]] = []
    at = sentence.find("分别")
    while at != -1:
        start = max(sentence.rfind(mark, 0, at) for mark in "，；。,;") + 1
        end = _CLAUSE_ENDS.search(sentence, at)
        end = end.start() if end else len(sentence)
        if not spans or spans[-1] != (start, end):
            spans.append((start, end))
        at = sentence.find("分别", end)
    return spans


def _split(clause: str) -> tuple[str, str, list[str]] | None:
    """(words before 分别, the basis among them, the rates each with its verb: 增长4.8%, 下降1.2%) of a 分别
    clause whose items are two or more growth rates; None for any other clause (分别为…亿元 is
    sentences.plain's)."""
    before, _, after = clause.partition("分别")
    verb = _VERB.match(after).group()
    items = _NAME_SPLIT.split(after[len(verb):])
    if len(items) < 2 or not all(_RATE_ITEM.fullmatch(i) for i in items):
        return None
    speed = SPEED_TAIL.search(before)
    if speed and verb in SPEED_VERBS:  # 增速分别为4.8%和6.3%: growth rates, said as 增长
        before, verb = before[:speed.start()], "增长"
    rates = written_items(verb, items)
    if rates is None or not all(_WITH_VERB.match(r) for r in rates):
        return None
    basis = _BASIS.search(before)
    return before, basis.group() if basis else "", rates


def _unpaired_values(clause: str) -> tuple[int, int] | None:
    """(names, values) of a 分别 clause listing two or more values (分别为33210.9亿元和41234.5亿元) that
    sentences.plain did not write out with their names; None for any other clause."""
    before, _, after = clause.partition("分别")
    items = _NAME_SPLIT.split(after[len(_VERB.match(after).group()):])
    if len(items) < 2 or not all(_VALUE_ITEM.fullmatch(i) for i in items):
        return None
    return len([n for n in _NAME_SPLIT.split(before) if n]), len(items)


def _values_before(sentence: str, position: int, shares: bool) -> list[int] | None:
    """Where each figure before `position` ends, counted back to the last growth rate or “；”: the shares
    (values in %) for rates in 百分点, the other values for rates in % (a 同比 is no share's); None when a
    分别 list among them was not paired with its names (which figure is whose is not known)."""
    start = max(sentence.rfind("；", 0, position), sentence.rfind(";", 0, position)) + 1
    if "分别" in sentence[start:position]:
        return None
    tokens = [t for t in sentence_tokens(sentence[:position]) if t.start >= start and t.kind in ("value", "growth")]
    last_growth = max((i for i, t in enumerate(tokens) if t.kind == "growth"), default=-1)
    return [t.end for t in tokens[last_growth + 1:]
            if t.kind == "value" and (value_of(t.match)[1] == "%") == shares]


def _tidy(sentence: str) -> str:
    """No separator left doubled or dangling where a clause was cut out."""
    sentence = re.sub(r"[，,]{2,}", "，", sentence)
    return re.sub(r"[，,；;]+(?=[。；;]|$)", "", sentence)
