"""The figure grammar: the patterns of a value (1986.2亿元), a growth rate (同比增长7.5%, 提高0.9个百分点)
and a period, and a sentence cut into those tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from knowledge.numerals import numeral_value
from knowledge.releases.bases import lead_base_reason
from knowledge.releases.changes import comparison_reason
from knowledge.releases.periods import (
    COMPARED,
    DASH,
    MONTH,
    PAST,
    PERIOD,
    SINCE,
    THIS_MONTH,
    YEARS_SPAN,
    ReadPeriod,
    read_period,
)


# A figure has at most MAX_DIGITS digits before its point (and after it): a longer run of digits is no
# figure (a paste gone wrong, or an attack), listed as 数字太长. Matched only from a run's first digit, so a
# run of n digits costs O(n), not a match tried from each of its digits.
MAX_DIGITS = 20
_NUMBER = rf"(?<!\d)\d{{1,{MAX_DIGITS}}}(?!\d)(?:\.\d{{1,{MAX_DIGITS}}}(?!\d))?"
# a growth rate's number follows its verb, so it is tried once: read whole, /set's check refuses a huge one
_RATE = r"\d+(?:\.\d+)?"
_BASE = (r"(?:同比|按年|环比|(?:比|较|与)(?:上年同期|去年同期|上年末|去年末|上年|去年|年初|上月|上季度|\d{4}年(?:同期)?"
         rf"|{MONTH}月?份?{DASH}+{MONTH}月份?|前{MONTH}个?月|[一二三四]季度|上半年|前三季度|{MONTH}月(?:末|底|份)?)"
         r"(?:相比)?)")
_UP = ("增长", "增加", "上升", "提高", "提升", "增", "加快", "扩大")
_DOWN = ("负增长", "下降", "减少", "降低", "下滑", "回落", "降", "减", "放缓", "收窄")
# how the growth was computed, said before it: part of the growth rate, not a subject
_BASIS = r"(?:按(?:可比价格?|可比口径|现价|不变价格?)计算|扣除价格因素(?:后)?)[，,]?"
# 增速回落至3.1%, 降幅收窄至2.1%: the rate it moved to is the figure's 同比 (回落0.3个百分点 is a change, not read as one)
_TO_LEVEL = r"(?:回落|回升|提高|提升|加快|放缓|收窄|扩大|下降|上升|降|升)(?:至|到)"
_GROWTH = re.compile(
    rf"(?:{_BASIS})?(?P<base>{_BASE})?(?:分别)?(?:实际|实质|名义)?(?P<verb>{'|'.join(sorted(_UP + _DOWN, key=len, reverse=True))})"
    rf"(?P<num>(?:-|负)?{_RATE})(?P<unit>%|个百分点|百分点)"
    rf"|(?P<speed>增速|增幅|增长率|降幅)(?:为|达到|达|是|{_TO_LEVEL})?(?P<speed_num>-?{_RATE})%"
    r"|(?P<flat>(?:同比|与上年同期|与去年同期|比上年同期)持平)"
)
# another currency before 元 (亿港元 is not 亿元): the figure is read, then declined for its unit
CURRENCIES = ("美元", "港元", "港币", "欧元", "日元", "英镑", "澳门元", "澳元", "新台币")
_UNITS = CURRENCIES + ("元", "平方公里", "平方米", "公顷", "亩", "人次", "人", "家", "项", "座", "所", "户", "件", "台",
          "套", "辆", "吨", "千瓦时", "PFLOPS", "%")
_VALUE = re.compile(
    r"(?P<qual>超过|突破|超|逾|近|约|接近)?"
    rf"(?:(?P<num>{_NUMBER})(?P<mag>万亿|亿|万)?(?P<unit>{'|'.join(_UNITS)}|个(?!百分点)|P(?![A-Za-z]))?"
    r"|(?P<cn_num>[一两二三四五六七八九十百]+)(?P<cn_unit>个(?!百分点)|家|项|座))"
    r"(?P<suffix>及以上|以上|左右|以内)?"
)
# After a value, these begin the rest of a sentence; any other Chinese word continues a name
# (1000万元以上项目, 5000万元的项目): the number is part of that name, not a figure.
_FOLLOWERS = re.compile(
    r"同比|环比|比|较|增长|增加|增速|增幅|增\d|下降|减少|降低|降\d|减\d|提高|回落|占|和|与|及|或|分别|其中|"
    r"居|位居|位列|名列|排名|为|是|完成|实现|列")
CJK = re.compile(r"[\u4e00-\u9fff]")
_NOT_A_FIGURE = re.compile(r"第\d+|(?<!\d)\d+(?:位|名|日|号|次|倍)")  # from a run's start: linear
_DAY = re.compile(r"\d{1,2}[日号]")


# -- a sentence's tokens ---------------------------------------------------------------------------

@dataclass
class Token:
    """A run of a sentence the grammar read, with its regex match (and its period for a period)."""

    kind: str  # value | growth | period | compared_period | past_period | years | since | this_month | date | name_number
    start: int
    end: int
    match: re.Match | None = None
    period: ReadPeriod | None = None


def sentence_tokens(sentence: str) -> list[Token]:
    """The growth rates, periods, values, dates and numbers inside names of `sentence`, in text order;
    each character belongs to at most one token (growth rates are taken first, then periods, values)."""
    taken = [False] * len(sentence)
    tokens: list[Token] = []

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(token: Token) -> None:
        for i in range(token.start, token.end):
            taken[i] = True
        tokens.append(token)

    for m in _GROWTH.finditer(sentence):
        if free(m.start(), m.end()):
            take(Token("growth", m.start(), m.end(), m))
    for m in YEARS_SPAN.finditer(sentence):  # before periods: 2021—2025年 is not 2025年
        if free(m.start(), m.end()):
            take(Token("years", m.start(), m.end(), m))
    for m in SINCE.finditer(sentence):  # before periods: 三季度以来 is not 三季度
        if m.end() > m.start() + 2 and free(m.start(), m.end()):
            take(Token("since", m.start(), m.end(), m))
    for m in PAST.finditer(sentence):
        if not free(m.start(), m.end()) or COMPARED.search(sentence[max(0, m.start() - 4):m.start()]):
            continue  # 比上年同期 is what a figure is compared with; the reader reads it as words
        following = PERIOD.match(sentence, m.end())  # 去年1—10月, 上年全年: the past period in full
        if m.group() == "去年" and not (following and following.end() > m.end()):
            continue  # 去年 alone is last year as a whole (a 政府工作报告's review): PERIOD reads it
        end = following.end() if following and free(m.end(), following.end()) else m.end()
        take(Token("past_period", m.start(), end, m))
    for m in PERIOD.finditer(sentence):
        if m.end() > m.start() and free(m.start(), m.end()):
            period = read_period(m)
            day = _DAY.match(sentence, m.end())  # matched in place: a slice of the rest is a copy per match
            if period is not None and day:
                take(Token("date", m.start(), day.end()))
                continue  # 11月20日 is the day something was published, not a figure's period
            if period is not None:
                compared = bool(COMPARED.search(sentence[max(0, m.start() - 4):m.start()]))
                take(Token("compared_period" if compared else "period", m.start(), m.end(), m, period))
    for m in THIS_MONTH.finditer(sentence):
        if free(m.start(), m.end()):
            take(Token("this_month", m.start(), m.end(), m))
    for m in _VALUE.finditer(sentence):
        if m.end() <= m.start() or not free(m.start(), m.end()):
            continue
        if m.group("num") and not (m.group("mag") or m.group("unit")):
            continue
        if m.start() > 0 and sentence[m.start() - 1] == "第":
            continue
        next_is_cjk = m.end() < len(sentence) and bool(CJK.match(sentence, m.end()))
        part_of_name = next_is_cjk and (
            (m.group("suffix") or "").endswith("以上") or not _FOLLOWERS.match(sentence, m.end()))
        if m.group("cn_num") and next_is_cjk:
            continue
        take(Token("name_number" if part_of_name else "value", m.start(), m.end(), m))
    tokens.sort(key=lambda t: t.start)
    return tokens


def stray_digits(sentence: str, tokens: list[Token]) -> int | None:
    """The position of the first digit outside every token (and outside ranks and dates): a number
    the grammar did not read; None when there is none."""
    return next(iter(stray_positions(sentence, tokens)), None)


def stray_positions(sentence: str, tokens: list[Token]) -> list[int]:
    """Where each run of digits outside every token (and outside ranks and dates) starts."""
    covered = [False] * len(sentence)
    for token in tokens:
        for i in range(token.start, token.end):
            covered[i] = True
    for m in _NOT_A_FIGURE.finditer(sentence):
        for i in range(m.start(), m.end()):
            covered[i] = True
    return [i for i, c in enumerate(sentence)
            if c.isdigit() and not covered[i] and (i == 0 or not (sentence[i - 1].isdigit() or sentence[i - 1] == "."))]


def stray_reason(sentence: str, position: int) -> str:
    """Why the run of digits at `position` (a stray_positions one) was not read."""
    digits = re.match(r"\d+", sentence[position:position + MAX_DIGITS + 1]).group()
    if len(digits) > MAX_DIGITS:
        whole = len(re.match(r"\d*", sentence[position:]).group())
        return f"数字太长（{whole}位），不是一个数据"
    words = re.split(r"[，；。,;]", sentence[max(0, position - 20):position])[-1]  # a window: linear in all
    return comparison_reason(words) or "有数字，但没有读出对应的指标"


def value_of(match: re.Match) -> tuple[Decimal, str, str]:
    """(value, unit, qualifier) of a VALUE match, as published: (Decimal("1986.2"), "亿元", ""),
    (Decimal("4"), "万亿元", "突破…"), (Decimal("3"), "家", "") for 三家."""
    if match.group("cn_num"):
        value, unit = numeral_value(match.group("cn_num")), match.group("cn_unit")
    else:
        value = Decimal(match.group("num"))
        unit = (match.group("mag") or "") + ({"P": "PFLOPS"}.get(match.group("unit") or "", match.group("unit") or ""))
    qualifier = ""
    if match.group("qual"):
        qualifier = {"超过": "超…", "逾": "超…", "接近": "近…"}.get(match.group("qual"), match.group("qual") + "…")
    if match.group("suffix") in ("以上", "及以上", "左右"):
        qualifier = (qualifier or "…") + ("以上" if "以上" in match.group("suffix") else "左右")
    return value, unit, qualifier


def growth_of(match: re.Match, year: int | None = None) -> tuple[str, float, str]:
    """('yoy' | 'points' | 'other', number, why other); `year` is the figure's year, so that 比2025年
    in a figure of 2026 is 比上年."""
    if match.group("flat"):
        return "yoy", 0.0, ""
    if not match.group("base") and (why := lead_base_reason(match.string, match.start(), year)):
        return "other", 0.0, why  # “两年平均看，…增长9.1%”, “与2023年相比，…增长15.2%”
    if match.group("speed"):
        number = float(match.group("speed_num").replace("负", "-"))
        return "yoy", -abs(number) if match.group("speed") == "降幅" else number, ""
    number = float(match.group("num").replace("负", "-"))  # 同比增长负2.1%: −2.1%
    verb, base, unit = match.group("verb"), match.group("base") or "", match.group("unit")
    written_year = re.search(r"(\d{4})年", base)
    if written_year and year is not None and int(written_year.group(1)) == year - 1:
        base = base.replace(written_year.group(), "上年")
    sign = -1 if verb in _DOWN else 1
    if unit == "%":
        if base.startswith("环比"):
            return "other", 0.0, "环比增速，不是同比"
        if base and not (base.startswith(("同比", "按年")) or "上年" in base or "去年" in base):
            return "other", 0.0, "与其他时期相比的增速，不是同比"
        if base.endswith(("上年末", "去年末")):
            return "other", 0.0, "比上年末的增速，不是同比"
        if verb in ("加快", "扩大", "放缓", "收窄", "回落"):
            return "other", 0.0, "增速的变化，不是同比"
        return "yoy", sign * number, ""
    if base and not (base.startswith(("同比", "按年")) or "上年" in base or "去年" in base):
        return "other", 0.0, "与其他时期相比的变化，未录入"
    if base.endswith(("上年末", "去年末")):  # since last December: not the change from last year's same period
        return "other", 0.0, "比上年末的变化，不是同比，未录入"
    return "points", sign * number, ""
