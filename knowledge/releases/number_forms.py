"""Numbers as pasted texts write them, made into the one form the figure grammar reads: invisible
characters inside them dropped (1\u200b888.8), digit groups cut by a space joined (41 234.5 亿元), values
in Chinese numerals written in digits (四万一千二百三十四亿元, 百分之五点二), 千 before a magnitude
multiplied out (1.8888千亿元 → 1888.8亿元), and a PDF's page-number lines
(— 3 —, - 3 -, 第3页) left out, so that the lines around them join as one sentence.
"""

from __future__ import annotations

import re
from decimal import Decimal

from knowledge.errors import QuantityError
from knowledge.numerals import numeral_value
from knowledge.quantities import MAGNITUDES

# zero-width and direction marks, soft hyphen, word joiner, BOM: invisible, and they split a number
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# 41 234.5 亿元: groups of exactly three digits after the first, each after one space, and a unit after the
# whole; a number after another and a space (2025 41234.5, a table's columns) is never glued to it
_UNIT_AFTER = r"(?= ?(?:万亿|亿|千万|百万|万|千|元|%|家|个|项|人|户|亩|吨))"
_SPACED_GROUPS = re.compile(rf"(?<![\d.])(?<![\d.,] )\d{{1,3}}(?: \d{{3}})+(?:\.\d+)?(?![\d.]){_UNIT_AFTER}")
# a value in Chinese numerals: a magnitude with a measure, a count or nothing after it (四万一千二百三十四亿元,
# 一点三四万家, 三万亿), a measure or a count of a numeral of two characters or more (五百一十二家, 一千二百平方米;
# 一家 is read as it is), a share (百分之五点二, 五点二%) or points (零点八个百分点). 数十亿元, 几十家 and 第一百家
# are no values; a numeral with no digit (百亿元级, 千亿元) names a class of things.
_CN = "零〇一二两三四五六七八九十百千万亿点"
_LONGEST = 24  # characters of a numeral read: 四万一千二百三十四 has 9; a longer run is no value written out
_MEASURES = "美元|元|平方公里|平方米|公顷|亩|吨|千瓦时|人次"
_COUNTS = "家|项|户|人|座|所|件|台|套|辆|个(?!百分点)"
_CN_VALUE = re.compile(
    rf"(?<![{_CN}数几第\d.])(?P<n>(?=[{_CN}]*[一二两三四五六七八九])[{_CN}]{{1,{_LONGEST}}}?|十[{_CN}]{{0,{_LONGEST}}}?)"
    rf"(?:(?P<mag>万亿|亿|万)(?:{_MEASURES}|{_COUNTS}|(?![{_CN}]))|(?:{_MEASURES}|{_COUNTS})|(?P<share>%|个?百分点))")
_PER_CENT = re.compile(rf"百分之(?P<n>[{_CN}]{{1,{_LONGEST}}}|\d+(?:\.\d+)?)")
# 1.8888千亿元, 3千万元: 千 or 百 before a magnitude multiplies the number, as /set reads it (quantities.py)
_SMALL_BEFORE_MAGNITUDE = re.compile(r"(?<![\d.])(?P<n>\d{1,20}(?:\.\d{1,20})?)(?P<small>[千百])(?=万亿|亿|万)")
# a page number on a line of its own: — 3 —, - 3 -, －3－, 第3页, 第3页 共12页
_PAGE_NUMBER = re.compile(r"(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)")


def without_invisible(text: str) -> str:
    """`text` without the characters that show nothing (zero-width spaces, direction marks, BOM)."""
    return _INVISIBLE.sub("", text)


def without_page_numbers(text: str) -> str:
    """`text` without its page-number lines (— 3 —, 第3页) and the blank lines around them: a PDF's page
    break, never a figure, and the sentence it cut goes on after it."""
    lines = text.split("\n")
    pages = [i for i, line in enumerate(lines) if line.strip() and _PAGE_NUMBER.fullmatch(line.strip())]
    if not pages:
        return text
    dropped = set(pages)
    for page in pages:
        for step in (-1, 1):
            near = page + step
            while 0 <= near < len(lines) and not lines[near].strip():
                dropped.add(near)
                near += step
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped)


def joined_digit_groups(text: str) -> str:
    """“41 234.5 亿元” → “41234.5 亿元”: a space between groups of three digits separates thousands."""
    return _SPACED_GROUPS.sub(lambda m: m.group().replace(" ", ""), text)


def in_digits(text: str) -> str:
    """Values written in Chinese numerals written in digits: “四万一千二百三十四亿元” → “41234亿元”,
    “一亿二千万元” → “12000万元”, “百分之五点二” → “5.2%”, “1.8888千亿元” → “1888.8亿元”, “提高零点八个百分点” → “提高0.8个百分点”; a
    numeral that is no number as written (两三家) is left as it is."""
    text = _PER_CENT.sub(_share_in_digits, text)
    text = _SMALL_BEFORE_MAGNITUDE.sub(_multiplied, text)
    return _CN_VALUE.sub(_value_in_digits, text)


def _multiplied(match: re.Match) -> str:
    value = Decimal(match.group("n")) * {"千": 1000, "百": 100}[match.group("small")]
    return format(value.normalize(), "f")


def _share_in_digits(match: re.Match) -> str:
    number = _digits(match.group("n"), "")
    return match.group() if number is None else number + "%"


def _value_in_digits(match: re.Match) -> str:
    numeral, magnitude = match.group("n"), match.group("mag") or ""
    if len(numeral) < 2 and not magnitude and not match.group("share"):
        return match.group()  # 一家 is read as it is; 二元结构, 一人一策 hold no value
    number = _digits(numeral, magnitude)
    return match.group() if number is None else number + match.group()[len(numeral) + len(magnitude):]


def _digits(numeral: str, magnitude: str) -> str | None:
    """`numeral` with the `magnitude` after it in digits and that magnitude: 一亿二千 + 万 is one number,
    12000万, not 1亿 and 2000万; None when the numeral is no number (两三)."""
    if numeral[0].isdigit():
        return numeral + magnitude
    try:
        if "点" in numeral:  # 一点三四万: the magnitude is the unit of the whole number
            value = numeral_value(numeral)
        else:
            value = numeral_value(numeral + magnitude) / MAGNITUDES.get(magnitude, 1)
    except QuantityError:
        return None
    return format(value.normalize(), "f") + magnitude
