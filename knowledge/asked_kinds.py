"""What kind of thing a question asks of the indicator it names, where that is no figure the bot holds.

A mention decides the indicator, but the words around it may ask another thing of it: another kind of
quantity (研发投入多少亿: an amount, of an indicator that is a share in %; 智算中心有几个: a count, of a
computing power), the names behind a count (单项冠军有哪些企业), its definition or members (什么是瞪羚企业,
人才总量包括哪些人) or the paperwork around a target (任务书, 计算公式, 考核扣分, 责任状). Giving the
target then passes one figure off as another, the worst failure; the reply says what is not known instead.
Word classes: knowledge/question_words.py.
"""

from __future__ import annotations

from knowledge.models import Indicator
from knowledge.question_words import ASKED_UNIT, ASKS_DEFINITION, ASKS_NAMES, ASKS_PAPERWORK, UNIT_KINDS

# Why the figure is not given; the renderer words each (knowledge/render.py).
OTHER_QUANTITY, NAMES_ASKED = "other_quantity", "names_asked"


def asks_no_figure(normalized: str, quoted: bool) -> bool:
    """Does the message ask a definition, the members of a total or the paperwork around a target
    (什么是瞪羚企业, 人才总量包括哪些人, 研发投入占比计算公式) rather than any figure? With a figure
    `quoted`, 指的是什么 asks which indicator it is (440万人指的是什么), which the bot knows."""
    return bool(ASKS_DEFINITION.search(normalized) and not quoted or ASKS_PAPERWORK.search(normalized))


def kinds_asked(normalized: str) -> set[str]:
    """The kinds of quantity the units after 多少/几 ask for (money, count, area, people, compute)."""
    kinds = set()
    for match in ASKED_UNIT.finditer(normalized):
        magnitude, counter, unit, counting = match.groups()
        word = unit or counter or counting or (magnitude if magnitude in ("亿", "万亿") else None)
        if word:
            kinds.add(UNIT_KINDS[word])
    return kinds


def not_its_figure(normalized: str, indicator: Indicator) -> str | None:
    """OTHER_QUANTITY when the one kind of quantity asked is not the indicator's (its unit), NAMES_ASKED
    when the names behind a counted indicator are asked; else None."""
    kind = UNIT_KINDS.get(indicator.unit.lower())
    if kind is None:
        return None  # a ranking or a list of cities: no unit to tell by
    asked = kinds_asked(normalized)
    if len(asked) == 1 and kind not in asked:
        return OTHER_QUANTITY
    if kind == "count" and indicator.kind != "text" and ASKS_NAMES.search(normalized):
        return NAMES_ASKED  # a text record (GDP超两万亿的内地城市: 上海、北京…) holds the names itself
    return None
