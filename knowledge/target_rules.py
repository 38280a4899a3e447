"""Which targets make sense: the one check for /target and for imported targets.

Progress is actual/target (完成率) or actual − target (百分点), so a target must be something an actual
can be measured against: above 0 where higher is better (a target of 0 would make every 完成率 a
division by zero, and "reach 0" is no target), and at most 100% for a share.
"""

from __future__ import annotations

from decimal import Decimal

from knowledge.quantities import format_quantity, to_base
from knowledge.store import Indicator


def target_refusal(indicator: Indicator, value: Decimal | float, unit: str) -> str | None:
    """Why a target of `value` `unit` (unit as written, e.g. 亿元 or %) makes no sense for `indicator`,
    in Chinese; None when it is acceptable."""
    base = to_base(value, unit)
    shown = format_quantity(Decimal(str(value)), unit, "")
    if indicator.unit == "%" and base > 100:
        return f"“{indicator.name}”是比重，目标不能超过100%，收到 {shown}。"
    if base < 0 or (indicator.higher_is_better and base == 0):
        return f"“{indicator.name}”的目标应大于0，收到 {shown}。"
    return None
