"""Quantities as Chinese statistics write them: 1.2万亿元, 2,500亿元, 57%, 34000PFLOPS, 1.8万亩.

A value is kept together with the unit it was written in ("4.89", "万亿元"), so the bot repeats a
figure the way people wrote it; `to_base` converts to the indicator's base unit for arithmetic.
A qualifier is a template around the number: "超…", "…以上", "力争…以上", "保持…以上".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from knowledge.errors import QuantityError, quoted
from knowledge.numerals import numeral_and_magnitude, numerals_in_digits

MAGNITUDES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000)}

# base unit → the unit words that measure the same thing (factor 1 unless a magnitude prefixes them)
DIMENSIONS = {
    "元": ("元",),
    "人": ("人", "人次"),
    "亩": ("亩",),
    "个": ("个", "家", "项", "座", "所"),
    "家": ("家", "个", "项", "户"),  # 企业36户: 户 counts firms as 家 does (a 家 indicator counts firms)
    "%": ("%",),
    "PFLOPS": ("PFLOPS", "P"),
    "": ("",),
}
# Units of the same kind as an indicator's in another size, as a figure may be misremembered (34000EFLOPS
# for 34000PFLOPS, 1.8万公顷 for 1.8万亩): the indicator's base unit and how many of it one is. Only a check
# reads them (knowledge/verdicts.py), to say 不是 with the figure in the right unit.
OTHER_SIZES = {"eflops": ("PFLOPS", Decimal(1000)), "tflops": ("PFLOPS", Decimal("0.001")),
               "公顷": ("亩", Decimal(15)), "平方公里": ("亩", Decimal(1500))}
# Units whose large values people write with 万/亿/万亿; counts and PFLOPS stay plain (34000PFLOPS).
FOLDABLE = {"元", "人", "亩"}

QUALIFIER_PREFIXES = ("力争", "保持", "突破", "超过", "超", "预计", "约", "达到", "达", "不低于", "不少于")
QUALIFIER_SUFFIXES = ("以上", "左右", "以内")

_CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}

# digits, 千 or 百 before a magnitude (2千亿 = 2000亿, 3百万 = 300万); or a Chinese numeral, its magnitude in it
# (八千五百亿, 一亿零五百万: knowledge.numerals keeps the magnitude apart)
_NUMBER = (r"(?:(?P<number>[0-9][0-9,，]*(?:\.[0-9]+)?)(?P<small>[千百])?"
           r"|(?P<numeral>[〇○零一二两三四五六七八九十百千万亿点]+))")
_QUANTITY = re.compile(
    r"^(?P<prefix>" + "|".join(QUALIFIER_PREFIXES) + r")?"
    + r"(?P<per_cent>百分之)?"  # 百分之四点二五 = 4.25%
    + _NUMBER
    + r"(?P<magnitude>万亿|亿|万)?"
    + r"(?P<unit>元|人次|人|亩|个|家|户|项|座|所|%|％|百分点|pflops|PFLOPS|P|p)?"
    + r"(?P<suffix>" + "|".join(QUALIFIER_SUFFIXES) + r")?$"
)


@dataclass(frozen=True)
class Quantity:
    """A number in the unit it was written in, e.g. Quantity(Decimal("4.89"), "万亿元")."""

    value: Decimal
    unit: str
    qualifier: str = ""

    def to_base(self) -> Decimal:
        return to_base(self.value, self.unit)

    def __str__(self) -> str:
        return format_quantity(self.value, self.unit, self.qualifier)


def split_unit(unit: str) -> tuple[Decimal, str]:
    """'万亿元' → (10**12, '元'); '%' → (1, '%'); '万' → (10**4, '')."""
    for word, factor in MAGNITUDES.items():
        if unit.startswith(word) and word != "千":
            return factor, unit[len(word):]
    return Decimal(1), unit


def base_unit_of(unit: str) -> str:
    """The dimension a written unit belongs to: '亿元' → '元', '家' → '个', '万' → '' (a bare magnitude)."""
    _, rest = split_unit(unit)
    for base, words in DIMENSIONS.items():
        if rest in words:
            return base
    return rest


def to_base(value: Decimal | float | int, unit: str) -> Decimal:
    factor, _ = split_unit(unit)
    return Decimal(str(value)) * factor


def compatible(unit: str, indicator_unit: str) -> bool:
    """May a value written in `unit` be recorded for an indicator measured in `indicator_unit`?"""
    rest = split_unit(unit)[1]
    if indicator_unit in FOLDABLE and rest == "":
        return split_unit(unit)[0] != 1 or unit == ""
    return rest in DIMENSIONS.get(indicator_unit, (indicator_unit,))


def format_number(value: Decimal | float | int) -> str:
    """4.890 → '4.89', 34000.0 → '34000', 2673.56 → '2673.56'; no exponent, no grouping."""
    number = Decimal(str(value)).normalize()
    text = format(number, "f")
    return text


def format_quantity(value: Decimal | float | int | None, unit: str, qualifier: str = "") -> str:
    """Fill the qualifier template: ('40', '%', '保持…以上') → '保持40%以上'."""
    if value is None:
        return qualifier
    core = format_number(value) + unit
    if "…" in qualifier:
        return qualifier.replace("…", core)
    return qualifier + core


def parse_quantity(text: str, indicator_unit: str | None = None) -> Quantity:
    """Parse '1.2万亿元以上', '2,500亿', '57%', '一百八十家', '34000PFLOPS'.

    With `indicator_unit` the missing base unit is filled in ('1980亿' → '亿元' for a 元 indicator)
    and a unit of another dimension is refused with QuantityError, whose message is Chinese.
    """
    # Full-width digits, separators and units from a Chinese input method (１，９８０亿) read as ASCII.
    cleaned = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    match = _QUANTITY.match(cleaned)
    if not match or (match.group("per_cent") and (match.group("magnitude") or match.group("unit"))):
        raise QuantityError(f"无法识别的数值：“{quoted(text)}”，示例：1980亿元、57%、180家")
    magnitude = match.group("magnitude") or ""
    if number := match.group("number"):
        if "," in number or "，" in number:
            groups = re.split(r"[,，]", number.split(".")[0])
            if any(len(g) != 3 for g in groups[1:]) or not groups[0]:
                raise QuantityError(f"千位分隔符位置不对：“{quoted(text)}”")
        value = Decimal(number.replace(",", "").replace("，", ""))
    else:
        value, magnitude = numeral_and_magnitude(match.group("numeral"))  # greedy: it holds the magnitude
    if match.group("small"):
        if not match.group("magnitude"):
            raise QuantityError(f"无法识别的数值：“{quoted(text)}”，示例：1980亿元、2千亿、57%")
        value *= _CN_SMALL_UNITS[match.group("small")]
    unit = "%" if match.group("per_cent") else match.group("unit") or ""
    unit = {"％": "%", "百分点": "%", "pflops": "PFLOPS", "P": "PFLOPS", "p": "PFLOPS"}.get(unit, unit)
    if indicator_unit is not None:
        if magnitude and indicator_unit == "%":
            raise QuantityError(f"单位不符：该指标是百分比，收到“{quoted(text)}”")
        if not unit:
            unit = indicator_unit
        elif unit in DIMENSIONS.get(indicator_unit, ()):
            unit = indicator_unit if indicator_unit != "" else unit
        if magnitude and indicator_unit not in FOLDABLE:
            value *= MAGNITUDES[magnitude]
            magnitude = ""
        written = magnitude + unit
        if not compatible(written, indicator_unit):
            expected = indicator_unit or "文字"
            raise QuantityError(f"单位不符：该指标以“{expected}”计，收到“{quoted(text)}”")
    else:
        written = magnitude + unit
    qualifier = ""
    if match.group("prefix") or match.group("suffix"):
        qualifier = (match.group("prefix") or "") + "…" + (match.group("suffix") or "")
    return Quantity(value, written, qualifier)


_GROWTH = re.compile(r"(?:同比)?(增长|增加|上升|提高|下降|减少|回落)?([+-]?\d+(?:\.\d+)?)%?")
EMPTY_CELLS = ("-", "—", "--", "——", "/", "…", "...")  # "no figure" in statistical tables
# No published 同比 comes near a million percent; a longer run of digits is a slip (and, past 309
# digits, a float's +Inf).
MAX_GROWTH_PERCENT = 1_000_000


def growth_refusal(value: float, written: str) -> str | None:
    """Why a 同比 of `value` percent (written as `written`) cannot be stored: beyond MAX_GROWTH_PERCENT
    either way, or not a number; None when it can."""
    if not abs(value) <= MAX_GROWTH_PERCENT:  # NaN fails every comparison
        return f"同比大得不合常理，请检查：“{quoted(written)}”"
    return None


def parse_growth(text: str) -> float | None:
    """An official 同比 in percent as published: '7.5', '7.5%', '-1.2', '同比7.5%', '增长7.5%', '下降3.2%',
    '同比增长百分之七点五' (numerals read by knowledge.numerals) → 7.5 / -1.2 / -3.2; an empty cell or a
    dash ('-', '—', the tables' "no figure") → None. QuantityError (Chinese) for anything else."""
    cleaned = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    if cleaned in ("", *EMPTY_CELLS):
        return None
    match = _GROWTH.fullmatch(numerals_in_digits(cleaned))  # 同比增长百分之七点五, 下降三点二
    if not match:
        raise QuantityError(f"同比应为百分数，如 7.5、-1.2、增长7.5% 或 下降3.2%，收到“{quoted(text)}”")
    value = float(match.group(2))
    if refusal := growth_refusal(value, text):
        raise QuantityError(refusal)
    if match.group(1) in ("下降", "减少", "回落"):
        if value < 0:
            raise QuantityError(f"同比写了“下降”又带负号：“{quoted(text)}”")
        value = -value
    return value


_ASCII_INT = re.compile(r"[+-]?[0-9]+")


def parse_ascii_int(text: str | None) -> int | None:
    """An integer written in ASCII digits with an optional sign ("42", "-1001"), else None.

    The one parse for ids, change numbers, callback data and numeric settings: str.isdigit() also
    accepts ², ① and other digits that int() refuses (a crash, not a usage message); only 0-9 pass here.
    """
    text = (text or "").strip()
    return int(text) if _ASCII_INT.fullmatch(text) else None


def other_size(text: str) -> tuple[str, str, Decimal] | None:
    """'1.8万公顷' → ('1.8万', '亩', 15), '34000EFLOPS' → ('34000', 'PFLOPS', 1000): the number written, the
    unit it converts to and the factor (OTHER_SIZES); None for a text in no such unit."""
    lowered = (text or "").lower()
    for word, (unit, factor) in OTHER_SIZES.items():
        if lowered.endswith(word) and len(lowered) > len(word):
            return text[: len(text) - len(word)], unit, factor
    return None
