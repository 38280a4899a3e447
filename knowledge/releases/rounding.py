"""A figure written twice in one release, once rounded (a headline's “超4万亿元”, “4.09万亿元”) and once
exactly (the body's 40876.3亿元): the exact one is the figure, when the rounded one says the same thing of
it. When they disagree (超5万亿元 beside 40876.3亿元) neither is written: both are shown as a conflict.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from knowledge.quantities import format_quantity, to_base


# how far below or around the rounded figure an exact one may lie: 近4万亿 is 3.6—4万亿, 约4万亿 3.6—4.4万亿
_NEAR = Decimal("0.9")
_ABOUT = Decimal("0.1")
KEEP, TAKE, CLASH, DIFFERENT = "keep", "take", "clash", "different"


def settle(held: tuple[Decimal, str, str], written: tuple[Decimal, str, str]) -> str:
    """What to do with a value `written` (value, unit, qualifier) for a figure that `held` one already:
    KEEP the held one (the written one is rounded and agrees with it), TAKE the written one (it is
    exact, the held one rounded and agreeing), CLASH (one is rounded and they disagree), or DIFFERENT
    (two values that differ, neither the other rounded); both the same value is KEEP. A value without a
    qualifier is rounded when it is the other rounded to its coarser step (4.09万亿元 and 40876.3亿元), and
    disagrees (CLASH) when written in a larger unit without being it (4.2万亿元 and 41234.5亿元)."""
    if (held[0], held[1]) == (written[0], written[1]) and held[2] == written[2]:
        return KEEP
    if bool(held[2]) == bool(written[2]):
        if to_base(held[0], held[1]) == to_base(written[0], written[1]):
            return KEEP
        # a headline's 4.09万亿元 is the body's 40876.3亿元 rounded: the finer one is the figure
        finer = _finer(held, written)
        if finer is None and not held[2] and to_base(1, held[1]) != to_base(1, written[1]):
            return CLASH  # 4.2万亿元 beside 41234.5亿元: the one in the larger unit is rounded, and says otherwise
        return DIFFERENT if finer is None or held[2] else (TAKE if finer is written else KEEP)
    exact, rounded = (written, held) if held[2] else (held, written)
    agrees = _agrees(to_base(exact[0], exact[1]), to_base(rounded[0], rounded[1]), rounded[2])
    if not agrees:
        return CLASH
    return TAKE if held[2] else KEEP


def _finer(first: tuple[Decimal, str, str], second: tuple[Decimal, str, str]) -> tuple | None:
    """The one of two values written to a finer step (40876.3亿元: 0.1亿) that, rounded to the other's
    coarser step (4.09万亿元: 0.01万亿), is the other; None when neither is the other rounded."""
    steps = [Decimal(1).scaleb(value.as_tuple().exponent) * (to_base(1, unit)) for value, unit, _ in (first, second)]
    if steps[0] == steps[1]:
        return None
    fine, coarse = (first, second) if steps[0] < steps[1] else (second, first)
    step = max(steps)
    rounded = (to_base(fine[0], fine[1]) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return fine if rounded == to_base(coarse[0], coarse[1]) else None


def _agrees(exact: Decimal, rounded: Decimal, qualifier: str) -> bool:
    """True when an exact value is what `qualifier` says of the rounded one (超4万亿元: at least 4万亿)."""
    if any(word in qualifier for word in ("超", "突破", "以上")):
        return exact >= rounded
    if "近" in qualifier:
        return rounded * _NEAR <= exact <= rounded
    return abs(exact - rounded) <= rounded * _ABOUT


def clash_reason(held: tuple[Decimal, str, str], written: tuple[Decimal, str, str]) -> str:
    """The reason both values of a CLASH are shown and neither written, in Chinese."""
    return (f"同一指标同一期间的两个数值不一致：{format_quantity(*held)}、{format_quantity(*written)}，"
            "都未录入，请核对后用 /set 录入")
