"""Which targets make sense: the one check for /target and for imported targets.

Progress is actual/target (完成率) or actual − target (百分点), so a target must be something an actual
can be measured against: above 0 where higher is better (a target of 0 would make every 完成率 a
division by zero, and "reach 0" is no target), and at most 100% for a share.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from knowledge.errors import quoted
from knowledge.models import Indicator
from knowledge.places import DEFAULT_CITY
from knowledge.quantities import FOLDABLE, format_number, format_quantity, split_unit, to_base


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


def target_refusal(indicator: Indicator, value: Decimal | float, unit: str, previous: dict | None = None,
                   figures: Iterable[dict] = (), written: str = "", bare: bool = False) -> str | None:
    """Why a target of `value` `unit` (unit as written, e.g. 亿元 or %) makes no sense for `indicator`,
    in Chinese; None when it is acceptable. The ONE check for /target and for imported targets.

    `previous` is the indicator's previous target row ({value, unit, year}: see previous_target) or
    None; `figures` are the stored figures of the target's year ({period, value, unit}); `written` is the
    target as the admin wrote it; `bare` says no unit was written (2600), refused for an indicator counted
    in 元/人/亩, as /set refuses it. Refused besides: over 100% for a share, not above 0, more than
    MAX_TIMES_TARGET times the previous target or under 1/MAX_TIMES_TARGET of it, and a target against
    which a stored figure of its year would be refused (that figure over MAX_TIMES_TARGET times it, or
    under 1/MIN_SHARE_OF_TARGET of it).
    """
    finite = Decimal(str(value)).is_finite()
    shown = written or (format_quantity(Decimal(str(value)), unit, "") if finite else str(value))
    if refusal := magnitude_refusal(value, unit, shown):
        return refusal
    base = to_base(value, unit)
    if indicator.unit == "%" and base > 100:
        return f"“{indicator.name}”是比重，目标不能超过100%，收到 {shown}。"
    if base < 0 or (indicator.higher_is_better and base == 0):
        return f"“{indicator.name}”的目标应大于0，收到 {shown}。"
    if indicator.unit in COUNTED_UNITS and base != base.to_integral_value():
        return f"“{indicator.name}”按个数计，目标应为整数，收到 {shown}。"
    if bare and indicator.unit in FOLDABLE:
        shown_unit = unit_name(indicator, previous)
        example = shown_unit.removesuffix(indicator.unit) or ("亿" if indicator.unit == "元" else "万")
        return (f"“{shown}”没有写单位，而“{indicator.name}”以“{shown_unit}”计；"
                f"请写单位，如 {shown}{example}{indicator.unit}。")
    return _previous_refusal(indicator, base, shown, previous) or _figures_refusal(indicator, base, shown, figures)


def unit_name(indicator: Indicator, previous: dict | None) -> str:
    """The unit an admin knows the indicator by: its previous target's (亿元, 万人), else its own (元)."""
    return (previous or {}).get("unit") or indicator.unit


def previous_target(rows: Iterable[dict], year: int) -> dict | None:
    """Of one indicator's and city's target rows ({year, value, unit, …}), the one a new target for
    `year` replaces, else the latest of an earlier year; None when there is neither."""
    if year is None:
        return None
    known = [r for r in rows if r.get("value") is not None and r.get("year") is not None and r["year"] <= year]
    return max(known, key=lambda r: r["year"], default=None)


def _previous_refusal(indicator: Indicator, base: Decimal, shown: str, previous: dict | None) -> str | None:
    if not previous or not previous.get("value"):
        return None
    if indicator.unit == "%":  # a share's target moves by points (0.5% → 6% is no slip), bar a fraction
        return _fraction_refusal(base, previous)
    before = to_base(previous["value"], previous.get("unit") or "")
    if base > before * MAX_TIMES_TARGET or base * MAX_TIMES_TARGET < before:
        old = format_quantity(Decimal(str(previous["value"])), previous.get("unit") or "")
        return (f"{shown} 与{previous['year']}年目标 {old} 相差{MAX_TIMES_TARGET}倍以上，"
                f"请检查单位（“{indicator.name}”以“{unit_name(indicator, previous)}”计）。")
    return None


def _figures_refusal(indicator: Indicator, base: Decimal, shown: str, figures: Iterable[dict]) -> str | None:
    if indicator.unit == "%":
        return None  # figure_refusal holds a share to 0–100% only, not to its target
    for figure in figures:
        if figure.get("value") is None:
            continue
        actual = to_base(figure["value"], figure.get("unit") or "")
        recorded = format_quantity(Decimal(str(figure["value"])), figure.get("unit") or "")
        if actual > base * MAX_TIMES_TARGET or 0 < actual * MIN_SHARE_OF_TARGET < base:
            return (f"{shown} 与已录入的{figure.get('period') or ''}数据 {recorded} 相差过大"
                    f"（超过{MAX_TIMES_TARGET}倍或不到万分之一），请检查单位（万亿/亿/万）。")
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

    `target` is the stored target row of the figure's year (value, unit) or None (for a share, the
    caller passes share_reference instead, when there is no such row); `written` is the
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
        return f"比重不能超过100%，收到 {shown}。" if base > 100 else _fraction_refusal(base, target)
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


def share_reference(indicator: Indicator, city: str, year: int | None, targets: Iterable[dict],
                    figures: Iterable[dict]) -> dict | None:
    """What a share's figure of `city` and `year` (None: undated) is measured against when that city
    and year have no target, so that 0.043 (meant 4.3%) is caught there too: the indicator's nearest
    target of any year (`city`'s, else DEFAULT_CITY's), else its latest stored figure of any city.
    `targets` and `figures` are the indicator's rows ({city, year, value, unit}). Returns {value, unit,
    label} (label names it in the message: 2026年目标, 无锡2025年数据) or None: no reference, or no share."""
    if indicator.unit != "%":
        return None
    targets = [r for r in targets if r.get("value")]
    for place in dict.fromkeys((city, DEFAULT_CITY)):
        own = [r for r in targets if r.get("city") == place and r.get("year") is not None]
        if own:
            nearest = min(own, key=lambda r: (abs(r["year"] - year) if year else -r["year"], -r["year"]))
            where = "" if place == city else place
            return {"value": nearest["value"], "unit": nearest.get("unit") or "", "label": f"{where}{nearest['year']}年目标"}
    stored = [r for r in figures if r.get("value") and r.get("year") is not None]
    if not stored:
        return None
    latest = max(stored, key=lambda r: r["year"])
    return {"value": latest["value"], "unit": latest.get("unit") or "",
            "label": f"{latest.get('city') or ''}{latest.get('period') or latest['year']}数据"}


def _fraction_refusal(base: Decimal, target: dict | None) -> str | None:
    """A share written as a fraction (0.573 for 57.3%): under 1 and under a tenth of its target (or of
    the share_reference standing for it). Refused rather than guessed, since 0.573% may be meant."""
    if not target or not target.get("value") or not 0 < base < 1:
        return None
    if base * MAX_TIMES_TARGET >= to_base(target["value"], target.get("unit") or ""):
        return None
    percent = format_number(base * 100)
    goal = format_quantity(Decimal(str(target["value"])), target.get("unit") or "")
    return f"{format_number(base)} 像是小数形式（{target.get('label') or '目标'}为 {goal}），若为{percent}%请写 {percent}%。"
