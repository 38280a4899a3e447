"""Which targets make sense: the one check for /target and for imported targets.

Progress is actual/target (完成率) or actual − target (百分点), so a target must be something an actual
can be measured against: above 0 where higher is better (a target of 0 would make every 完成率 a
division by zero, and "reach 0" is no target), and at most 100% for a share.
"""

from __future__ import annotations

from decimal import Decimal

from knowledge.errors import quoted
from knowledge.models import Indicator
from knowledge.quantities import FOLDABLE, format_quantity, split_unit, to_base


# No figure or target this bot keeps comes near 10^16 in its base unit (元, 人, 亩, 个…: 苏州's GDP is
# about 2.7×10^12 元, the world's about 7×10^14 元). A value beyond it, or not finite, is a slip (a pasted
# id, a stray run of digits), and would be stored as an infinite float: refused on every write path.
MAX_BASE_VALUE = Decimal(10) ** 16


def magnitude_refusal(value: Decimal | float, unit: str, shown: str) -> str | None:
    """Why `value` `unit` (shown to the admin as `shown`) cannot be stored at all: not a finite number,
    or beyond MAX_BASE_VALUE in base units either way; None when it can."""
    number = Decimal(str(value))
    shown = quoted(shown)
    if number.is_nan():
        return f"不是有效的数值：{shown}。"
    if number.is_infinite() or abs(to_base(number, unit)) > MAX_BASE_VALUE:
        return f"数值大得不合常理（超过一亿亿），请检查：{shown}。"
    return None


def target_refusal(indicator: Indicator, value: Decimal | float, unit: str) -> str | None:
    """Why a target of `value` `unit` (unit as written, e.g. 亿元 or %) makes no sense for `indicator`,
    in Chinese; None when it is acceptable."""
    shown = format_quantity(Decimal(str(value)), unit, "") if Decimal(str(value)).is_finite() else str(value)
    if refusal := magnitude_refusal(value, unit, shown):
        return refusal
    base = to_base(value, unit)
    if indicator.unit == "%" and base > 100:
        return f"“{indicator.name}”是比重，目标不能超过100%，收到 {shown}。"
    if base < 0 or (indicator.higher_is_better and base == 0):
        return f"“{indicator.name}”的目标应大于0，收到 {shown}。"
    return None


# A new figure more than this many times its target is almost surely a unit slip (亿 for 万亿), and
# one below 1/MIN_SHARE_OF_TARGET of it too (元 for 亿元).
MAX_TIMES_TARGET = 10
MIN_SHARE_OF_TARGET = 10_000
COUNTED_UNITS = ("个", "家")


def figure_refusal(indicator: Indicator, value: Decimal | float, unit: str, target: dict | None,
                   written: str = "", bare: bool = False) -> str | None:
    """Why an actual figure of `value` `unit` (as written, e.g. 1980 亿元) makes no sense for `indicator`,
    in Chinese; None when it is acceptable. The ONE check for /set and for imported figures.

    `target` is the stored target row of the figure's year (value, unit) or None; `written` is the
    figure as the admin wrote it, for the message; `bare` says no unit at all was written (1980), which
    for an indicator counted in 亿元/万人 is refused rather than read as 1980元: the unit must be said.
    Refused: a value that is not finite or beyond MAX_BASE_VALUE (magnitude_refusal; with or without a
    target), a negative value, a share over 100%, a fraction of a firm, a bare number for an indicator
    whose target carries a magnitude, a value over 10× its target or under 1/10000 of it.
    """
    finite = Decimal(str(value)).is_finite()
    shown = written or (format_quantity(Decimal(str(value)), unit, "") if finite else str(value))
    if refusal := magnitude_refusal(value, unit, shown):
        return refusal
    base = to_base(value, unit)
    if base < 0:
        return f"数值不能为负：{shown}。"
    if indicator.unit == "%":
        return f"比重不能超过100%，收到 {shown}。" if base > 100 else None
    if indicator.unit in COUNTED_UNITS and base != base.to_integral_value():
        return f"“{indicator.name}”按个数计，应为整数，收到 {shown}。"
    target_unit = (target or {}).get("unit") or ""
    magnitude = split_unit(target_unit)[0] if target_unit else Decimal(1)
    if bare and indicator.unit in FOLDABLE and (magnitude != 1 or not target):
        example_unit = target_unit.removesuffix(indicator.unit) or "亿"
        return (f"“{shown}”没有写单位，而“{indicator.name}”的目标以“{target_unit or indicator.unit}”计；"
                f"请写单位，如 {shown}{example_unit}。")
    if target and target.get("value"):
        goal = to_base(target["value"], target_unit)
        if base > goal * MAX_TIMES_TARGET:
            return f"{shown} 超过目标的{MAX_TIMES_TARGET}倍，请检查单位（万亿/亿/万）。"
        if 0 < base * MIN_SHARE_OF_TARGET < goal:
            return f"{shown} 不到目标（{format_quantity(Decimal(str(target['value'])), target_unit)}）的万分之一，请检查单位（万亿/亿/万）。"
    return None
