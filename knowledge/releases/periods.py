"""Periods as a release writes them (1—10月, 前8个月, 10月末, 一季度, 1~3季度, 上半年, 2026年): the PERIOD pattern
and ReadPeriod, which becomes the project's Period (knowledge.periods).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from knowledge.periods import Period, span
from knowledge.numerals import numeral_value


@dataclass(frozen=True)
class ReadPeriod:
    """A period as a release writes it; `year` None means the heading's year, else one taken from the
    release's date (knowledge.releases.dates); `years_ago` 0 for 今年…, 1 for 去年…: counted from that date."""

    year: int | None
    first_month: int
    last_month: int
    kind: str  # cumulative (from January) | month | quarter | year | so_far (今年 alone: the heading's months)
    #            | reviewed (the year a 政府工作报告 reviews)
    years_ago: int | None = None

    def period(self, year: int) -> Period:
        """The project's Period (knowledge.periods); raises PeriodError for a span that is neither a
        total from January, a month, a quarter nor a year (9—10月)."""
        return span(self.year or year, self.first_month, self.last_month)


MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九])"
DASH = r"[-—–~〜～至到]"
PERIOD = re.compile(
    r"(?:(?P<year>\d{4})年|(?P<relative>今年|去年))?(?:"
    rf"第?(?P<q_from>[一二三四1-4]){DASH}+第?(?P<q_to>[一二三四1-4])季度|"
    rf"(?P<from>{MONTH})(?:月份?)?{DASH}+(?P<to>{MONTH})月(?:份|末|底)?"
    rf"|前(?P<first_n>{MONTH})个?月"
    r"|(?P<span>前三季度|上半年|下半年|全年|过去一年)(?:(?<=上半年)[末底])?"
    # 年末/年底, 2025年末, 今年底: a stock at the year's end (a flow has no 年末); 到年底/年底前 is a goal
    r"|(?P<year_end>(?:(?:(?<=\d年)|(?<=今年)|(?<=本年)|(?<=当年))[末底]|(?<![上去半到])年[末底])(?!前))"
    r"|第?(?P<quarter>[一二三四1-4])季度(?P<quarter_end>末|底)?"
    rf"|(?:截至|截止到|截止|到)(?P<upto>{MONTH})月(?:份|末|底)?"
    rf"|(?P<month>{MONTH})月(?P<month_end>末|底)?(?:份)?(?:当月)?"
    r")"
    r"|(?P<year_only>\d{4})年(?!\d|[一二三四五六七八九十]+月)"
    # 去年 alone is last year; 去年同期 is what a figure is compared with, 今年以来 the year so far
    r"|(?P<relative_only>今年|去年)(?!以来|来|同期|同月|末|底|初)"
)
_YEARS_AGO = {"今年": 0, "去年": 1}
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# a period before this one: a figure of it is not this period's (上年同期，…38900亿元); not 以上年…, 过去年
PAST = re.compile(r"(?<![以过])(?:(?:上年|去年|上一年)(?:同期|末|底|度)?|\d{4}年同期)")
# a span of several years (“十四五”期间, 五年来, 过去五年, 2021—2025年, 2021年以来): its figures are several years' sums,
# no one year's; not 过去一年 (a year), nor “十四五”规划 (a plan, not the years)
_YEARS = r"(?<!\d)(?:[两三四五六七八九十][一二三四五六七八九十]*|二十?|[2-9]|\d\d)"
YEARS_SPAN = re.compile(rf"[“\"]?十[一二三四五六]五[”\"]?(?:时期|期间|以来|来)|(?:过去|近){_YEARS}年(?:来|间|以来)?"
                        rf"|{_YEARS}年(?:来|间|以来|(?=累计))|\d{{4}}年?{DASH}+\d{{4}}年|\d{{4}}年以来")
# a period followed by 以来 (三季度以来, 9月以来, 下半年以来): from then up to now, a span of no period of its
# own (今年以来 alone means the year so far: PERIOD's relative_only reads it)
SINCE = re.compile(rf"(?:自|从)?(?:{PERIOD.pattern})以来")
# the single month of the period in force (1—10月 … 当月增长6.8%: October), or its last quarter (三季度当季)
THIS_MONTH = re.compile(r"当月|单月|本月|当季|单季|本季度?")
# a period right after one of these is what a figure is compared with, not its own period; 于 of 关于,
# 对于, 由于… is no comparison (“关于2026年…的通报” names the title's year)
COMPARED = re.compile(r"(?:比|较|与|同|(?<![关对由属位处鉴基])于|和|及|高于|低于|快于|慢于)(?:上年|去年)?$")


def _month(text: str) -> int:
    return int(text) if text.isdigit() else int(numeral_value(text))


def read_period(match: re.Match) -> ReadPeriod | None:
    """The period a match of PERIOD names; None for an impossible span (10—3月). 去年1—10月 and 去年
    alone have `years_ago` 1, 今年… 0."""
    g = match.groupdict()
    if g["relative_only"]:
        ago = _YEARS_AGO[g["relative_only"]]
        return ReadPeriod(None, 1, 12, "so_far" if ago == 0 else "year", ago)
    period = _written_period(g)
    if period is not None and g["relative"]:
        return replace(period, years_ago=_YEARS_AGO[g["relative"]])
    return period


def _written_period(g: dict) -> ReadPeriod | None:
    year = int(g["year"]) if g.get("year") else None
    if g["year_only"]:
        return ReadPeriod(int(g["year_only"]), 1, 12, "year")
    if g["q_from"]:  # 1~3季度, 一至三季度: the quarters from one to another, 1~3季度 = 前三季度 = 1—9月
        first, last = _QUARTERS[g["q_from"]], _QUARTERS[g["q_to"]]
        if not first <= last:
            return None
        return ReadPeriod(year, 3 * first - 2, 3 * last, "cumulative" if first == 1 else "quarter")
    if g["from"]:
        first, last = _month(g["from"]), _month(g["to"])
        if not 1 <= first <= last <= 12:
            return None
        return ReadPeriod(year, first, last, "cumulative" if first == 1 else "quarter")
    if g["first_n"]:
        return ReadPeriod(year, 1, _month(g["first_n"]), "cumulative")
    if g["span"]:
        first, last = {"前三季度": (1, 9), "上半年": (1, 6), "下半年": (7, 12), "全年": (1, 12),
                       "过去一年": (1, 12)}[g["span"]]
        return ReadPeriod(year, first, last, "cumulative" if first == 1 else "quarter")
    if g["year_end"]:
        return ReadPeriod(year, 1, 12, "year")
    if g["quarter"]:
        q = _QUARTERS[g["quarter"]]
        if g["quarter_end"]:  # 三季度末: the stock at the end of September, as 9月末
            return ReadPeriod(year, 1, 3 * q, "cumulative")
        return ReadPeriod(year, 3 * q - 2, 3 * q, "cumulative" if q == 1 else "quarter")
    if g["upto"]:
        return ReadPeriod(year, 1, _month(g["upto"]), "cumulative")
    if g["month"]:
        month = _month(g["month"])
        # 10月末 / 10月底 closes the year so far; 10月 / 10月份 alone is that month
        return ReadPeriod(year, 1, month, "cumulative") if g["month_end"] else ReadPeriod(year, month, month, "month")
    return None


def heading_period(period: ReadPeriod) -> ReadPeriod:
    """The period a heading naming `period` reports: a month's heading (“10月份经济运行情况”) reports the
    year so far (1—10月); any other period is itself."""
    return replace(period, first_month=1, kind="cumulative") if period.kind == "month" else period
