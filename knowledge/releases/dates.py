"""The day a release was published and the year of each period it writes without one.

A release's own date line ("8月26日，市统计局公布了…", "昨天(11月24日)，…", "发布时间：2020-11-18", a line
"2020年11月18日", a signature "苏州市统计局　2026年3月") dates it; so does a short line near its top or end that
is a date with decorations ("【发布时间】2025/10/24", "苏州日报 2025年10月24日 A01版", "2025年10月24日 星期五",
"作者：王明　日期：2025-10-24", a report's "——2025年1月13日在…会议上", "二〇二五年十二月十九日"). A lead
sentence opening with the date of an event (召开, 举行, 会议) does not date it. Without one, the day it is read does. A period written without a year is
then the latest such period that has ended by that day (knowledge.period_years.nearer_period, as /set
reads 1-10月); 今年/去年 count from that day; a 政府工作报告 reviews the year before it. A year written in
the period, the year its paragraph opens with (2026年，…。全年…) or the heading's wins over all of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from knowledge.errors import QuantityError
from knowledge.numerals import numeral_value, year_digits
from knowledge.period_years import nearer_period
from knowledge.releases.periods import ReadPeriod


_YEAR_MONTH_DAY = r"(?P<year>\d{4})(?:年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})[日号]|[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?!\d))"
_MONTH_DAY = r"(?<!\d)(?P<m3>\d{1,2})月(?P<d3>\d{1,2})[日号]"
_DATE = rf"(?:{_YEAR_MONTH_DAY}|{_MONTH_DAY})"
# a line that is only a date, perhaps labelled and followed by a time or the source
_DATE_LINE = re.compile(
    rf"[（(]?(?:(?:发布|更新|公布|印发|成文)?(?:时间|日期)\s*[：:]\s*)?{_DATE}[）)]?"
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:(?:来源|信息来源|作者|字号)\s*[：:].*)?")
# a signature: the offices, then the date, perhaps only the month (“苏州市统计局　2026年3月”)
_SIGNED_LINE = re.compile(
    rf"[^\d，。；：:]*?(?:局|队|委|办|政府|中心|厅|院|处|社)\s*(?:{_DATE}|(?P<y5>\d{{4}})年(?P<m5>\d{{1,2}})月)")
# a sentence that opens with the day it tells of: “8月26日，…”, “昨天(11月24日)，…”, “11月24日上午，…”,
# perhaps after a newspaper's lead “苏报讯（记者 王明）”
_NEWS_LEAD = r"(?:[^，。；\d]{0,15}?讯\s*(?:[（(][^）)\d]{0,20}[）)])?\s*)?"
_DATE_OPENING = re.compile(
    rf"{_NEWS_LEAD}(?:记者)?(?:昨天|昨日|今天|今日|日前|近日)?\s*[（(]?{_DATE}[）)]?(?:上午|下午|晚间|晚)?\s*(?:[，,]|从)")
LEAD_LINES = 3
# an opening date that tells of an event, not of figures published (unless the sentence publishes them,
# or the text is a 政府工作报告, delivered at a meeting on its date)
_EVENT = re.compile(r"召开|举行|举办|开幕|闭幕|会议|大会|论坛|签约|揭牌|开工|投产|启动|仪式|调研|考察|视察")
_PUBLISHING = re.compile(r"发布|公布|通报|获悉|出炉|披露|统计局|数据显示")
# a date with decorations: what may stand beside it on its line (a weekday, a page, a time)
_DECORATION = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日天]|第?[A-Za-z]?\d{1,3}版|[A-Z]\d{1,3}(?![\d.])"
                         r"|\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}时(?:\d{1,2}分)?|(?:浏览|阅读|点击)(?:次数|量)?\s*[：:]?\s*\d+")
_SENTENCE_MARK = re.compile(r"[，。；！？,;!?]")
MAX_DECORATION = 40  # characters beside a date on a line that is still a date line (a report's “——…在…会议上”)
EDGE_LINES = 4  # lines with text at the top (and 3 at the end) where a decorated date line is looked for
# a date written in Chinese numerals (a signature “二〇二五年十二月十九日”)
_CN_DATE = re.compile(r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月(?P<d>[一二三四五六七八九十]{1,3})(?P<s>[日号])")
_WHOLE_YEAR = re.compile(r"全年|年度|一年|年报")
# a part of a year after the year a lead sentence writes (2025年苏州前三季度, 2025年1—10月); without one
# (2022年投资运行情况) it tells of the whole year, published the year after
_PART_OF_YEAR = re.compile(r"季度?|半年|年初|(?:\d{1,2}|[一二三四五六七八九十]{1,2})月")
# a news dateline: “中新网苏州1月23日电”
_DATELINE = re.compile(rf"[^\d，。；]{{0,12}}?{_DATE}电")
# a 政府工作报告, or the news of one (“市长…代表市政府报告工作”)
REPORT_WORDS = re.compile(r"政府工作报告|代表市政府报告工作")
# a year the lead sentence writes for its data (2025年前三季度), not one it compares with (比2024年同期,
# 较2019年同期, 与2024年同期相比): a compared year names the base, never the release's year
_TOLD_YEAR = re.compile(r"(?<![\d比较与和同于])(\d{4})年")


@dataclass(frozen=True)
class ReleaseDate:
    """When a release was published: `day` its own date, or the day it is read when `written` is False;
    `line` the index of a line that holds only that date (not read for figures), else None; `report`
    True for a 政府工作报告, which reviews the year before `day`; `lead` the lead sentence the date was
    taken from ("" for a date line); `passed_over` why a date opening the text was not taken ("")."""

    day: date
    written: bool
    line: int | None = None
    report: bool = False
    lead: str = ""
    passed_over: str = ""
    read_on: date | None = None  # the day the release is read


def release_date(lines: list[str], today: date) -> ReleaseDate:
    """The date of a release given as normalised lines (sentences.normalize_text), read on `today`: the
    first line that is only a date (or a signature with one), or, among the first EDGE_LINES and last 3
    lines with text, a date with decorations (brackets, label, weekday, page, author, source, a report's
    “——…在…会议上”); else the first sentence of its lead (the first LEAD_LINES lines with text) that opens
    with one, but not the date of an event (召开, 举行, 会议…); else `today`. Dates in Chinese numerals
    count. A day and month without a year is the latest such day not after `today` (1月31日 read on
    2027-03-15 is 2027-01-31, 12月31日 is 2026-12-31), or, in a lead sentence that writes the year it
    tells of (10月24日，2025年前三季度数据发布), that year (the next for a whole year's data); a date after
    `today` or impossible (2月30日) is not taken."""
    report = any(REPORT_WORDS.search(line) for line in lines)
    plain = [arabic_dates(line.strip()) for line in lines]
    filled = [index for index, line in enumerate(plain) if line]
    edges = set(filled[:EDGE_LINES] + filled[-3:])
    for index, line in enumerate(plain):
        found = _DATE_LINE.fullmatch(line) or _SIGNED_LINE.fullmatch(line)
        if found is None and index in edges:
            found = _decorated_date(line)
        if found and (day := _day_of(found, today)) is not None:
            return ReleaseDate(day, True, index, report, read_on=today)
    # a sentence deep in the text that opens with a date tells of some event (2019年5月1日，园区…)
    passed_over = ""
    for index in filled[:LEAD_LINES]:
        for sentence in re.split(r"(?<=[。！？!?])", plain[index]):
            found = _DATE_OPENING.match(sentence.strip()) or _DATELINE.match(sentence.strip())
            if not found or (day := _day_of(found, today, sentence[found.end():])) is None:
                continue
            if _EVENT.search(sentence) and not _PUBLISHING.search(sentence) and not report:
                passed_over = passed_over or f"文首{_shown(day)}是所述活动的日期，不是发布日期"
                continue
            return ReleaseDate(day, True, None, report, lead=sentence.strip(), read_on=today)
    return ReleaseDate(today, False, None, report, passed_over=passed_over, read_on=today)


def arabic_dates(line: str) -> str:
    """`line` with each date written in Chinese numerals in digits: 二〇二五年十二月十九日 → 2025年12月19日
    (knowledge.numerals reads each part: the year digit by digit, ○ for 〇 as often typed)."""
    def digits(found: re.Match) -> str:
        try:
            year, month, day = year_digits(found["y"]), numeral_value(found["m"]), numeral_value(found["d"])
        except QuantityError:
            return found.group()
        return f"{year}年{month}月{day}{found['s']}"
    return _CN_DATE.sub(digits, line)


def _decorated_date(line: str) -> re.Match | None:
    """The one date of a short line whose other words are decorations (no number but a weekday, a page
    or a time, no sentence punctuation, no table cells), else None; “截至2026年10月31日” is a period's end,
    not a date line."""
    if re.search(r"[\t|｜]", line):  # a table's header row (指标\t2025年10月24日\t同比) heads its columns
        return None
    dates = list(re.finditer(_DATE, line))
    if len(dates) != 1 or re.search(r"(?:截至|截止|至|到)\s*$", line[:dates[0].start()]):
        return None
    rest = _DECORATION.sub("", line[:dates[0].start()] + line[dates[0].end():])
    if re.search(r"\d", rest) or _SENTENCE_MARK.search(rest) or len(rest.strip()) > MAX_DECORATION:
        return None
    return dates[0]


def _shown(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _day_of(found: re.Match, today: date, told: str = "") -> date | None:
    """The day a date match names (its year, or the latest such day not after `today`; the 1st for a
    month alone); None if impossible or after `today`. `told` is what a lead sentence says after a day
    without a year: a year it writes (2025年前三季度) is the day's year, or the next for a whole year's data;
    a year it compares with (比2024年同期增长9.1%) is not."""
    g = found.groupdict()
    if g.get("y5") or g["year"]:
        year, month, day = (g["y5"], g["m5"], "1") if g.get("y5") else (g["year"], g["m1"] or g["m2"], g["d1"] or g["d2"])
        written = _valid(int(year), int(month), int(day))
        return written if written is not None and written <= today else None
    month, day = int(g["m3"]), int(g["d3"])
    if told_year := _TOLD_YEAR.search(told):
        year = int(told_year.group(1))
        whole = _WHOLE_YEAR.search(told) or not _PART_OF_YEAR.search(told, told_year.end())
        for candidate in ([year + 1, year] if whole else [year, year + 1]):
            if (day_told := _valid(candidate, month, day)) is not None and day_told <= today:
                return day_told
    for year in range(today.year, today.year - 8, -1):  # 2月29日 steps back to a leap year
        candidate = _valid(year, month, day)
        if candidate is not None and candidate <= today:
            return candidate
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass
class PeriodYears:
    """The years of one release's periods as it is read: `heading_year` the year its latest heading
    writes (None if none); `paragraph_year` the year the paragraph being read opens with
    (“2026年，…。全年…”; None if none); `assumed` the years taken from the date, for the preview's
    note, and `reviewed` those of them taken as the year a 政府工作报告 reviews."""

    dated: ReleaseDate
    heading_year: int | None = None
    paragraph_year: int | None = None
    assumed: set[int] = field(default_factory=set)
    reviewed: set[int] = field(default_factory=set)

    def of(self, period: ReadPeriod) -> int:
        """The year of `period`: its own year; else 今年/去年 counted from the release's date (from the
        heading's year when the release has no date line); else the year of the period in force in the
        paragraph (2026年，…。全年… → 2026); else the heading's year; else, for a
        whole year (全年, 过去一年, no period) in a 政府工作报告, the year before its date; else the year of the latest such period ended by the
        date (1至8月 on 2024-09-10 → 2024, 1—2月 on 2027-03-15 → 2027, 全年 on 2027-02-10 → 2026).
        Raises PeriodError (knowledge.periods) for a span that is no project period (9—10月)."""
        if period.year:
            return period.year
        if period.years_ago is not None:
            if self.heading_year and not self.dated.written:
                return self.heading_year - period.years_ago
            return self._assume(self.dated.day.year - period.years_ago)
        if self.paragraph_year or self.heading_year:
            return self.paragraph_year or self.heading_year
        if self.dated.report and (period.first_month, period.last_month) == (1, 12):
            self.reviewed.add(self.dated.day.year - 1)
            return self._assume(self.dated.day.year - 1)
        year = self.dated.day.year
        return self._assume(nearer_period(period.period(year), period.period(year - 1), self.dated.day).year)

    def from_date(self, period: ReadPeriod) -> bool:
        """True when `period`'s year is taken from the release's date (or the day it is read), not written
        in the period, its paragraph or a heading."""
        if period.year:
            return False
        if period.years_ago is not None:
            return not (self.heading_year and not self.dated.written)
        return not (self.paragraph_year or self.heading_year)

    def _assume(self, year: int) -> int:
        self.assumed.add(year)
        return year

    def note(self) -> str:
        """The preview's one line on years taken from the date, e.g. "期间未写年份：按发布日期2024年8月26日，
        取2024年"; "" when every period wrote its year."""
        if not self.assumed:
            return ""
        dated = self.dated
        shown = _shown(dated.day)
        if not dated.written:
            basis = f"文中没有发布日期（{dated.passed_over}），按今天{shown}" if dated.passed_over else f"文中没有发布日期，按今天{shown}"
        elif dated.lead and dated.read_on and (dated.read_on - dated.day).days > 365:  # long ago: say whence
            basis = f"按发布日期{shown}（取自文首“{dated.lead[:24]}”，早于今天{_shown(dated.read_on)}一年以上，请核对）"
        else:
            basis = f"按发布日期{shown}"
        others = "、".join(f"{year}年" for year in sorted(self.assumed - self.reviewed, reverse=True))
        if not self.reviewed:
            return f"期间未写年份：{basis}，取{others}"
        reviewed = f"政府工作报告回顾上一年，取{min(self.reviewed)}年"
        return f"期间未写年份：{basis}，{reviewed}" + (f"；今年等其余期间取{others}" if others else "")
