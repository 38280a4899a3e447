"""The day a release was published and the year of each period it writes without one.

A release's own date line ("8月26日，市统计局公布了…", "昨天(11月24日)，…", "发布时间：2020-11-18", a line
"2020年11月18日", a signature "苏州市统计局　2026年3月") dates it; without one, the day it is read does. A period written without a year is
then the latest such period that has ended by that day (knowledge.period_years.nearer_period, as /set
reads 1-10月); 今年/去年 count from that day; a 政府工作报告 reviews the year before it. A year written in
the period or the heading wins over all of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

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
# a sentence that opens with the day it tells of: “8月26日，…”, “昨天(11月24日)，…”, “11月24日上午，…”
_DATE_OPENING = re.compile(rf"(?:昨天|昨日|今天|今日|日前|近日)?\s*[（(]?{_DATE}[）)]?(?:上午|下午|晚间|晚)?\s*[，,]")
LEAD_LINES = 3
# a news dateline: “中新网苏州1月23日电”
_DATELINE = re.compile(rf"[^\d，。；]{{0,12}}?{_DATE}电")
# a 政府工作报告, or the news of one (“市长…代表市政府报告工作”)
REPORT_WORDS = re.compile(r"政府工作报告|代表市政府报告工作")


@dataclass(frozen=True)
class ReleaseDate:
    """When a release was published: `day` its own date, or the day it is read when `written` is False;
    `line` the index of a line that holds only that date (not read for figures), else None; `report`
    True for a 政府工作报告, which reviews the year before `day`."""

    day: date
    written: bool
    line: int | None = None
    report: bool = False


def release_date(lines: list[str], today: date) -> ReleaseDate:
    """The date of a release given as normalised lines (sentences.normalize_text), read on `today`: the
    first line that is only a date (or a signature with one), else the first sentence of its lead
    (the first LEAD_LINES lines with text) that opens with one, else `today`. A day and month without a
    year is the latest such day not after `today` (1月31日 read on 2027-03-15 is 2027-01-31, 12月31日 is
    2026-12-31); a date after `today` or impossible (2月30日) is not taken."""
    report = any(REPORT_WORDS.search(line) for line in lines)
    for index, line in enumerate(lines):
        found = _DATE_LINE.fullmatch(line.strip()) or _SIGNED_LINE.fullmatch(line.strip())
        if found and (day := _day_of(found, today)) is not None:
            return ReleaseDate(day, True, index, report)
    # a sentence deep in the text that opens with a date tells of some event (2019年5月1日，园区…)
    for line in [line for line in lines if line.strip()][:LEAD_LINES]:
        for sentence in re.split(r"(?<=[。！？!?])", line.strip()):
            found = _DATE_OPENING.match(sentence.strip()) or _DATELINE.match(sentence.strip())
            if found and (day := _day_of(found, today)) is not None:
                return ReleaseDate(day, True, None, report)
    return ReleaseDate(today, False, None, report)


def _day_of(found: re.Match, today: date) -> date | None:
    """The day a date match names (its year, or the latest such day not after `today`; the 1st for a
    month alone); None if impossible or after `today`."""
    g = found.groupdict()
    if g.get("y5") or g["year"]:
        year, month, day = (g["y5"], g["m5"], "1") if g.get("y5") else (g["year"], g["m1"] or g["m2"], g["d1"] or g["d2"])
        written = _valid(int(year), int(month), int(day))
        return written if written is not None and written <= today else None
    for year in range(today.year, today.year - 8, -1):  # 2月29日 steps back to a leap year
        candidate = _valid(year, int(g["m3"]), int(g["d3"]))
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
    writes (None if none); `assumed` the years taken from the date, for the preview's note."""

    dated: ReleaseDate
    heading_year: int | None = None
    assumed: set[int] = field(default_factory=set)

    def of(self, period: ReadPeriod) -> int:
        """The year of `period`: its own year; else 今年/去年 counted from the release's date (from the
        heading's year when the release has no date line); else the heading's year; else, for a
        whole year (全年, 过去一年, no period) in a 政府工作报告, the year before its date; else the year of the latest such period ended by the
        date (1至8月 on 2024-09-10 → 2024, 1—2月 on 2027-03-15 → 2027, 全年 on 2027-02-10 → 2026).
        Raises PeriodError (knowledge.periods) for a span that is no project period (9—10月)."""
        if period.year:
            return period.year
        if period.years_ago is not None:
            if self.heading_year and not self.dated.written:
                return self.heading_year - period.years_ago
            return self._assume(self.dated.day.year - period.years_ago)
        if self.heading_year:
            return self.heading_year
        if self.dated.report and (period.first_month, period.last_month) == (1, 12):
            return self._assume(self.dated.day.year - 1)
        year = self.dated.day.year
        return self._assume(nearer_period(period.period(year), period.period(year - 1), self.dated.day).year)

    def _assume(self, year: int) -> int:
        self.assumed.add(year)
        return year

    def note(self) -> str:
        """The preview's one line on years taken from the date, e.g. "期间未写年份：按发布日期2024年8月26日，
        取2024年"; "" when every period wrote its year."""
        if not self.assumed:
            return ""
        day = self.dated.day
        shown = f"{day.year}年{day.month}月{day.day}日"
        basis = f"按发布日期{shown}" if self.dated.written else f"文中没有发布日期，按今天{shown}"
        if self.dated.report:
            basis = f"政府工作报告回顾上一年，{basis}"
        years = "、".join(f"{year}年" for year in sorted(self.assumed, reverse=True))
        return f"期间未写年份：{basis}，取{years}"
