"""Chinese numerals read as numbers: the one reading for questions, /set, imports and releases.

cn2an (a kept library, `cn2an.cn2an(text, "normal")`) reads a numeral by its places: 一百八十 → 180,
一千零五亿 → 100500000000, 一千〇五十 → 1050, 两千五百 → 2500, 三点五 → 3.5, and the spoken short forms
一百八 (180) and 一万二 (12000). This module adds only what it does not do, or does too freely:

- ○ (a white circle, as often typed for 〇) is a zero;
- a decimal before a magnitude is that many of the magnitude: 一点八万 → 18000, 三点五万亿;
- a run of bare digits is no figure (一五, 两三 — cn2an reads them as 15 and 23); a year is written so,
  and `year_digits` reads it digit by digit (二〇二六 → "2026", 二六 → "26");
- characters that are no numeral (廿, 负, 元 — cn2an takes some of them) are refused, with a Chinese reason.

`years_in_digits` and `numerals_in_digits` write the numerals of a sentence in digits (a question is read
that way before its slots are).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from knowledge.errors import QuantityError, quoted

DIGITS = "〇○零一二两三四五六七八九"
PLACES = "十百千万亿"
NUMERAL_CHARS = DIGITS + PLACES + "点"
MAGNITUDES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
_SMALL = {"十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "亿": 10 ** 8}
# a decimal, then the magnitudes it counts: 一点八万, 三点五万亿
_DECIMAL_OF = re.compile(rf"(?P<number>[{DIGITS}十百千万亿]*点[{DIGITS}]+)(?P<places>[{PLACES}]+)")
LONGEST = 24  # characters of a numeral read: 九千九百九十九万九千九百九十九 has 15; a longer run is no value


@lru_cache(maxsize=1)
def _cn2an():
    import cn2an  # loaded with the first numeral read (about 0.1 s and 5 MB), not at start

    return cn2an


def numeral_value(text: str) -> Decimal:
    """The number a Chinese numeral writes: '一百八十' → 180, '两千五百' → 2500, '一千〇五十' and
    '一千○五十' → 1050, '一千零五亿' → 100500000000, '一点八万' → 18000, '三点五' → 3.5, '一万二' → 12000,
    '一亿二' → 120000000.

    QuantityError (a Chinese reason) for what is no number as written: a run of bare digits (一五, 两三;
    a year is read by `year_digits`), a magnitude repeated (一万一万), 十四五, an empty text, any other
    character."""
    written = (text or "").replace("○", "〇")
    if not written or len(written) > LONGEST or any(c not in NUMERAL_CHARS for c in written):
        raise QuantityError(f"无法识别的数字：{quoted(text)}")
    decimal = _DECIMAL_OF.fullmatch(written)
    if decimal:
        factor = 1
        for place in decimal["places"]:
            factor *= _SMALL[place]
        return _plain(numeral_value(decimal["number"]) * factor)
    whole = written.partition("点")[0]
    if len(whole) > 1 and not any(c in PLACES for c in whole):
        raise QuantityError(f"无法识别的数字：{quoted(text)}")  # 一五 is not a number people write in a figure
    # 一亿二 is 1.2亿, as 一万二 is 12000 (cn2an reads the 万 form, and fails with a KeyError on the 亿 one)
    written = re.sub(r"(?<!万)亿([一二两三四五六七八九])$", r"亿\1千万", written)
    try:
        value = _cn2an().cn2an(written, "normal")
    except (ValueError, KeyError):  # KeyError: cn2an's spoken form after a magnitude it has no short form of
        raise QuantityError(f"无法识别的数字：{quoted(text)}") from None
    return Decimal(str(value))


def year_digits(text: str) -> str:
    """A year written digit by digit, in digits: '二〇二六' / '二零二六' / '二○二六' → '2026', '二六' → '26'
    (cn2an's direct mode, with ○ as 〇). QuantityError for anything but digit numerals (两, 十)."""
    written = (text or "").replace("○", "〇")
    if not written or any(c not in "〇零一二三四五六七八九" for c in written):
        raise QuantityError(f"无法识别的年份：{quoted(text)}")
    return _cn2an().cn2an(written, "direct")


_WRITTEN_YEAR = re.compile(r"(?P<y>[0-9]{4}|[一二][〇○零一二三四五六七八九]{3})(?:\.0+)?年?")


def written_year(text: str) -> int | None:
    """The year a cell or a command word writes: '2026', '2026年', '2026.0' (a number cell as text),
    '２０２６年' (full-width), '二〇二六年', '二零二六' → 2026; None for anything else (the caller says
    what it wanted: its own range and wording)."""
    found = _WRITTEN_YEAR.fullmatch(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")))
    return int(year_digits(found["y"]) if not found["y"].isdigit() else found["y"]) if found else None


# A year written digit by digit before 年: four digits, or two (二六年 = 26年, which the readers take as
# 2026); its first digit 一 or 二 (the 2000s and 2010s-20s), and no numeral before it nor a word that
# makes it a count of years (近二三年, 这两三年, 前二三年 stay); four digits are a year after any word
# (然后二〇二六年).
_YEAR = re.compile(rf"(?<![{NUMERAL_CHARS}])(?P<y>[一二][〇○零一二三四五六七八九]{{3}})(?=年)"
                   rf"|(?<![{NUMERAL_CHARS}第几数近这前后每])(?P<s>[一二][〇○零一二三四五六七八九])(?=年)")


def years_in_digits(text: str) -> str:
    """`text` with each year written in Chinese digits before 年 in digits: 二〇二六年 → 2026年, 二六年 →
    26年; 两年, 十年, 二十年 and 近二三年 (spans, not years) are left as they are."""
    return _YEAR.sub(lambda m: year_digits(m["y"] or m["s"]), text)


_PER_CENT = re.compile(rf"百分之(?P<n>[{NUMERAL_CHARS}]{{1,{LONGEST}}})")
# a run of numeral characters that starts with a digit or 十; after 第 it is an ordinal, after 几 or 数
# a guess (数十亿), after a digit part of a number written otherwise
_RUN = re.compile(rf"(?<![{NUMERAL_CHARS}第几数\d.])[{DIGITS}十][{NUMERAL_CHARS}]*")
# what a numeral before these counts is time (二十年, 十二个月, 三十天) or an order (十二届), read elsewhere
_TIME_AFTER = re.compile(r"个?月|年|日|号|季|天|周|岁|届|代|期|批|轮|次")


# A share said in tenths (四成 = 40%, 九成五 = 95%, 两成多) or in points (八十九个点 = 89%), as staff say a
# percentage aloud — after a verb or a share's word that compares (占了五成, 建有率九成五, 保持四成) or before a
# bound or a yes/no word (四成以上, 九成五对吧); alone, 八成是… means "most likely". 一成 is left (统一成, 一成不变);
# 成 before 本, 绩, 果 … begins another word.
_TENTHS = re.compile(r"(?<![十百千万亿点\d.])(?P<n>[二两三四五六七八九]|[1-9])成(?P<m>[一二三四五六七八九](?!十|百|千|万|亿))?"
                     r"(?![本绩果功为员立长效熟型交都就])")
_TENTHS_AFTER = "占到过超达是有近约逾了率度重持比"
_TENTHS_BEFORE = re.compile(r"以上|以下|左右|多|对|吗|吧|么|是不是|没|了|/|$")
_POINTS = re.compile(r"(?<![\d.])(?P<n>[0-9]+(?:\.[0-9]+)?)个点(?!位)")
_TENTH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2} | {str(i): i for i in range(10)}


def numerals_in_digits(text: str) -> str:
    """`text` with the Chinese numerals that write a value in digits, the magnitude after them kept:
    二〇二六年 → 2026年, 百分之八十九 → 89%, 百分之四点二五 → 4.25%, 三万四千 → 34000, 八千五百亿 → 8500亿,
    一点八万亩 → 1.8万亩, 两千五百亿 → 2500亿, 一千零五亿 → 1005亿, 占了五成 → 占了50%.

    A numeral is a value when a magnitude (万, 亿, 万亿) ends it, or it has a place (十, 百, 千) or a point
    and two characters or more; a single digit before any other word is a word (一半, 统一, 一批, 两化融合,
    三色, 一下), a numeral with no digit names a class (万亿城市, 千亿产业, 百强), one after 第 is an
    ordinal, one before a time word (二十年, 十二个月) a span, and one that is no number (十四五, 两三) is
    left as written. A share said in tenths or points is a percentage: 四成 → 40%, 九成五 → 95%,
    八十九个点 → 89% (个百分点, a difference of shares, stays)."""
    text = years_in_digits(text)
    text = _PER_CENT.sub(_per_cent_in_digits, text)
    text = _TENTHS.sub(_tenths_in_digits, text)
    return _POINTS.sub(r"\g<n>%", _RUN.sub(_value_in_digits, text))


def _tenths_in_digits(match: re.Match) -> str:
    text, start, end = match.string, match.start(), match.end()
    if not (start and text[start - 1] in _TENTHS_AFTER or _TENTHS_BEFORE.match(text, end)):
        return match.group()
    return f"{_TENTH_DIGITS[match['n']]}{_TENTH_DIGITS[match['m']] if match['m'] else 0}%"


def _per_cent_in_digits(match: re.Match) -> str:
    numeral = match["n"].rstrip("点")
    rest = match["n"][len(numeral):]
    try:
        value = Decimal(100) if numeral == "百" else numeral_value(numeral)
    except QuantityError:
        return match.group()
    return _shown(value) + "%" + rest


def numeral_and_magnitude(text: str) -> tuple[Decimal, str]:
    """A numeral with the magnitude that ends it kept apart, as a figure is stored in the unit it was
    written in: '八千五百亿' → (8500, '亿'), '一亿零五百万' → (10500, '万'), '一点八万' → (1.8, '万'),
    '三万四千' → (34000, ''). QuantityError as numeral_value."""
    magnitude = _magnitude_ending(text)
    return _plain(numeral_value(text) / MAGNITUDES.get(magnitude, 1)), magnitude


def _magnitude_ending(text: str) -> str:
    return next((m for m in MAGNITUDES if text.endswith(m) and len(text) > len(m)), "")


def _value_in_digits(match: re.Match) -> str:
    run = match.group()
    numeral = run.rstrip("点")  # 九点 (o'clock), 一点点: a point with no digit after it is a word
    if len(numeral) > LONGEST or _TIME_AFTER.match(match.string, match.start() + len(numeral)):
        return run
    if not _magnitude_ending(numeral) and (len(numeral) < 2 or not any(c in "十百千万亿点" for c in numeral)):
        return run  # checked before cn2an is asked: most runs in a question are words like 一下
    try:
        value, magnitude = numeral_and_magnitude(numeral)
    except QuantityError:
        return _digit_by_digit(numeral) + run[len(numeral):]
    return _shown(value) + magnitude + run[len(numeral):]


_SPOKEN_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0"}


def _digit_by_digit(numeral: str) -> str:
    """八五零零亿 → 8500亿: digits said one by one, as a figure is read aloud, when a magnitude ends them
    (a magnitude makes it a value; 一二三 alone is a count-off, left as written)."""
    magnitude = _magnitude_ending(numeral)
    digits = numeral[: len(numeral) - len(magnitude)]
    if not magnitude or len(digits) < 2 or any(c not in _SPOKEN_DIGITS for c in digits) or digits[0] in "零〇○":
        return numeral
    return "".join(_SPOKEN_DIGITS[c] for c in digits) + magnitude


def _shown(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _plain(value: Decimal) -> Decimal:
    """18000.0 → 18000, 1.050E+3 → 1050: no trailing zeros and no exponent, as a figure is shown."""
    return Decimal(_shown(value))
