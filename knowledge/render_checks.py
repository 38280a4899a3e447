"""The words of a verdict on a yes/no check: "是，苏州2026年目标为89%。", "不是，苏州2026年目标应为8500亿元（不是8000亿）。",
"是，苏州2026年目标为57%，高于50%。", and, for a figure in another unit, that it cannot be compared (never 是).
The figure, its period and its source follow in the answer itself (knowledge/render.py).
"""

from __future__ import annotations

import re

from knowledge.checks import ABOVE, AT_LEAST, AT_MOST, BELOW, NEAR, ODD, STATEMENT
from knowledge.models import Target
from knowledge.quantities import format_quantity, other_size, to_base
from knowledge.verdicts import NOT_COMPARABLE, YES, Verdict
from knowledge.wording import observation_text, period_label, target_text

_SIDE = {ABOVE: ("高于", "没有超过"), BELOW: ("低于", "不低于"), AT_LEAST: ("高于", "低于"), AT_MOST: ("低于", "高于")}


def verdict_text(verdict: Verdict) -> str:
    """One line: 是 / 不是 / 无法核对, with the recorded figure it rests on."""
    record, check = verdict.record, verdict.check
    if isinstance(record, Target):
        basis, figure = f"{verdict.answer.city}{record.year}年目标", target_text(record)
    else:
        basis, figure = f"{verdict.answer.city}{period_label(record)}", observation_text(record)
    if check.relation == STATEMENT:
        return f"是，{basis}：{figure}。"
    if verdict.outcome == NOT_COMPARABLE:
        unit = verdict.answer.indicator.unit or "文字"
        return f"无法核对：{check.text}与这项指标的单位（{unit}）不同，不能比较；{basis}为{figure}。"
    quoted = format_quantity(verdict.quoted.value, verdict.quoted.unit)
    if verdict.quoted.unit == "%" and re.fullmatch(r"0?\.[0-9]+", check.text):
        quoted = f"{check.text}即{quoted}"  # 0.89 for a share is 89%: the user's number, never "0.89%"
    if check.choices:
        return _choice_text(verdict, basis, figure)
    if (sized := other_size(check.text)) is not None:  # 34000EFLOPS: the unit said is another size
        said = sized[0] + check.text[len(sized[0]):].upper()
        if verdict.outcome != YES:
            return f"不是，{basis}应为{figure}（不是{said}；{said}即{quoted}）。"
        return f"是，{basis}为{figure}（即{said}）。"
    if check.relation in (NEAR, ODD):
        return _near_text(verdict, basis, figure, quoted)
    if check.relation in _SIDE and to_base(record.value, record.unit) != verdict.quoted.to_base():
        above, not_above = _SIDE[check.relation]
        if verdict.outcome == YES:
            return f"是，{basis}为{figure}，{above}{quoted}。"
        return f"不是，{basis}为{figure}，{not_above}{quoted}。"
    if verdict.outcome == YES:
        return f"是，{basis}为{figure}。" if "即" not in quoted else f"是，{basis}为{figure}（{quoted}）。"
    if verdict.scope:  # the record states the number for another scope: which one it matches, not a flat 不是
        return f"要看口径：{basis}为{figure}；{verdict.scope}。"
    if verdict.elsewhere is not None:
        return f"不是，{basis}为{figure}；{quoted}是{_record_label(verdict.answer.city, verdict.elsewhere)}。"
    asked = (check.qualifier + quoted) if check.qualifier and check.qualifier not in ("以上", "以下") else quoted
    asked += check.qualifier if check.qualifier in ("以上", "以下") else ""
    held = f"；{quoted}是{verdict.held_by}" if verdict.held_by else ""
    return f"不是，{basis}应为{figure}（不是{asked}）{held}。"


def _near_text(verdict: Verdict, basis: str, figure: str, quoted: str) -> str:
    """接近一半 (NEAR): the record and how near; 两万三千多亿 (ODD): the record, said as the figure was."""
    recorded, asked = to_base(verdict.record.value, verdict.record.unit), verdict.quoted.to_base()
    if verdict.check.relation == ODD:
        said = re.sub(r"^([0-9.]+)", r"\1多", quoted)
        return f"是，{basis}为{figure}，是{said}。" if verdict.outcome == YES else f"不是，{basis}应为{figure}（不是{said}）。"
    if verdict.outcome == YES and recorded == asked:
        return f"是，{basis}为{figure}。"
    if verdict.outcome == YES:
        return f"是，{basis}为{figure}，{'接近' if recorded < asked else '略高于'}{quoted}。"
    side = "低" if recorded < asked else "高"
    if verdict.quoted.unit == "%":  # shares differ in 百分点, not in a share of a share
        gap = f"{format_quantity(abs(recorded - asked), '')}个百分点"
    else:
        gap = f"{abs(recorded - asked) / asked * 100 if asked else 0:.0f}%"
    return f"不是，{basis}为{figure}，比{quoted}{side}{gap}，不算接近。"


def _record_label(city: str, record) -> str:
    """苏州2025年预计数 / 苏州2025年目标: what a record is, for a figure quoted from another year."""
    if isinstance(record, Target):
        return f"{city}{record.year}年目标"
    status = {"estimate": "预计数", "preliminary": "初步数"}.get(record.status, "数字")
    return f"{city}{period_label(record)}{status}"


def _choice_text(verdict: Verdict, basis: str, figure: str) -> str:
    """是2500亿还是3000亿: which one, or neither."""
    offered = verdict.check.choices
    if verdict.outcome == YES:
        others = "、".join(c for c in offered if c != verdict.check.text)
        return f"是{verdict.check.text}（不是{others}），{basis}为{figure}。"
    return f"都不是，{basis}为{figure}（不是{'，也不是'.join(offered)}）。"
