"""The period a figure covers, as data: year, first and last month, and its kind.

    parse_period("1—10月", 2026)            -> Period(2026, 1, 10, "cumulative"), label "2026年1-10月"
    parse_period("10月末", 2026)             -> Period(2026, 1, 10, "cumulative") for a cumulative indicator
    parse_period("10月末", 2026, cumulative=False) -> Period(2026, 10, 10, "month"), label "2026年10月"
    parse_period("一季度", 2026)             -> Period(2026, 1, 3, "cumulative"), label "2026年一季度"
    parse_period("十月底吧", 2026)           -> PeriodError("无法识别的期间…")

One period has ONE written form, `Period.label`, and that label is the key an observation is stored
under, so "1-10月" from an import and "2026年1-10月" from /set are the same row. The normal forms:

    cumulative from January   2026年1-10月; its named spans 2026年一季度 (= 1-3月), 2026年上半年 (= 1-6月),
                              2026年前三季度 (= 1-9月) — kind "cumulative"; "1-3月" and "一季度" are one key
    a single month            2026年10月 (kind "month"; January alone is 2026年1月)
    another quarter           2026年二季度 (4-6月) … 2026年四季度 (kind "quarter")
    the whole year            2026年 (kind "year", = 1-12月 and 全年)

Statistics offices publish January together with February (1—2月), so a cumulative period always ends
in month 2 or later; "1月" alone is a single month, which for January is the same span as 1-1月.

Excel date cells (datetime/date) and date serials (46326 = 2026-10-31) are read as the month they fall
in — the way Excel turns a typed "2026-10" into 2026-10-01 — and the reading is reported in `note`.
Values are normalised with NFKC first, so full-width digits and dashes (１-１０月, 1—10月) read the same.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from knowledge.errors import KnowledgeError, quoted
from knowledge.numerals import numeral_value, years_in_digits

KINDS = ("cumulative", "month", "quarter", "half", "year")
YEAR_RANGE = (2000, 2100)
# Excel's day 1 is 1900-01-01 but it counts a 29 February 1900 that never was: serials from 61 on
# are days after 1899-12-30. Serials outside these bounds (2000-01-01 … 2100-12-31) are not dates here.
EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_RANGE = (36526, 73415)

QUARTER_NAMES = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}
# Cumulative spans that have a name of their own.
NAMED_SPANS = {3: "一季度", 6: "上半年", 9: "前三季度"}
_CN_MONTH = "(?:十[一二]?|[一二两三四五六七八九])"

EXAMPLES = "1-10月、10月末、一季度、上半年、前三季度、全年"


class PeriodError(KnowledgeError):
    """A period that cannot be read; the message says why, in Chinese."""


@dataclass(frozen=True)
class Period:
    """A span of months in one year. Months are 1-12 and inclusive; `kind` is one of KINDS.

    cumulative: from January to last_month (first_month == 1); month: one month;
    quarter: one calendar quarter; half: 下半年 (7-12月); year: the whole year (1-12).
    """

    year: int
    first_month: int
    last_month: int
    kind: str
    note: str = field(default="", compare=False)  # how an unusual input was read, for the preview

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown period kind {self.kind!r}")
        if not (1 <= self.first_month <= self.last_month <= 12):
            raise ValueError(f"bad months {self.first_month}-{self.last_month}")

    @property
    def months(self) -> int:
        """How many months the period spans (10 for 1-10月)."""
        return self.last_month - self.first_month + 1

    @property
    def from_january(self) -> bool:
        """True when the figure is a year-to-date total (cumulative, year, or 一季度/1月 which start in January)."""
        return self.first_month == 1

    @property
    def label(self) -> str:
        """The one normal form, from the months alone: 2026年1-10月, 2026年10月, 2026年一季度 (1-3月),
        2026年上半年 (1-6月), 2026年前三季度 (1-9月), 2026年二季度 (4-6月), 2026年 (1-12月)."""
        first, last = self.first_month, self.last_month
        if (first, last) == (1, 12):
            return f"{self.year}年"
        if first == last:
            return f"{self.year}年{last}月"
        if first == 1 and last in NAMED_SPANS:
            return f"{self.year}年{NAMED_SPANS[last]}"
        if last - first == 2 and first % 3 == 1:
            return f"{self.year}年{QUARTER_NAMES[last // 3]}"
        if (first, last) == (7, 12):
            return f"{self.year}年下半年"
        return f"{self.year}年{first}-{last}月"

    @property
    def last_day(self) -> date:
        """The last day the period covers (2026-10-31 for 1-10月)."""
        following = date(self.year + 1, 1, 1) if self.last_month == 12 else date(self.year, self.last_month + 1, 1)
        return following - timedelta(days=1)

    @property
    def whole_year(self) -> bool:
        """True when the figure covers the whole year (1-12月): the year is over, a miss is a miss."""
        return (self.first_month, self.last_month) == (1, 12)

    @property
    def as_of(self) -> str:
        """The month the data reach, for "数据截至X月": '10月' for 1-10月 and for 10月 alone."""
        return f"{self.last_month}月"

    def to_columns(self) -> dict:
        """The observation columns that store this period."""
        return {"period": self.label, "year": self.year, "first_month": self.first_month,
                "last_month": self.last_month, "period_kind": self.kind}


def span(year: int, first_month: int, last_month: int, note: str = "") -> Period:
    """The Period of these months, its kind following from them: 1-12 year, one month month,
    from January cumulative (一季度 = 1-3月 included), another calendar quarter quarter."""
    if (first_month, last_month) == (1, 12):
        kind = "year"
    elif first_month == last_month:
        kind = "month"
    elif first_month == 1:
        kind = "cumulative"
    elif last_month - first_month == 2 and first_month % 3 == 1:
        kind = "quarter"
    elif (first_month, last_month) == (7, 12):
        kind = "half"
    else:
        raise PeriodError(f"{first_month}-{last_month}月既不是从1月起的累计，也不是一个季度；请写成 {EXAMPLES}")
    return Period(year, first_month, last_month, kind, note)


def cumulative_to(year: int, last_month: int) -> Period:
    """1-`last_month` of `year` (January alone is the month itself)."""
    return span(year, 1, last_month)


def _month(year: int, month: int, cumulative: bool, note: str = "") -> Period:
    """The month as a cumulative indicator reads it (1-`month`) or as one month, `note` saying which."""
    return span(year, 1, month, note) if cumulative else Period(year, month, month, "month", note)


def _check_year(year: int, text: str) -> int:
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise PeriodError(f"年份不对：{quoted(text)}（应在{YEAR_RANGE[0]}到{YEAR_RANGE[1]}年之间）")
    return year


def _check_month(month: int, text: str) -> int:
    if not 1 <= month <= 12:
        raise PeriodError(f"月份不对：{quoted(text)}（应为1到12月）")
    return month


def _month_end_or_start(day: date, source: str) -> None:
    """A date stands for its month only on the 1st (Excel turns a typed "2026-10" into 2026-10-01) or the
    last day (data 截至10月31日); any other day says the data stop mid-month, which no period here covers."""
    if day.day not in (1, Period(day.year, day.month, day.month, "month").last_day.day):
        raise PeriodError(f"{source} {day.isoformat()} 在月中，看不出数据截至哪个月；请写成 {day.month}月末 或 1-{day.month}月")


def _read_note(cumulative: bool) -> str:
    return "累计指标，截至该月" if cumulative else "该月当月"


def from_date(day: date, cumulative: bool = True, source: str = "日期") -> Period:
    """An Excel date cell: the month it falls in (1-that month for a cumulative indicator); PeriodError
    for a day in mid-month (see _month_end_or_start)."""
    year = _check_year(day.year, day.isoformat())
    _month_end_or_start(day, source)
    return _month(year, day.month, cumulative, f"{source} {day.isoformat()}，{_read_note(cumulative)}")


def from_serial(serial: float, cumulative: bool = True) -> Period:
    """An Excel date serial (46326 → 2026-10-31); PeriodError outside 2000-2100 or with a fraction."""
    if serial != int(serial) or not SERIAL_RANGE[0] <= serial <= SERIAL_RANGE[1]:
        raise PeriodError(f"期间是数字 {serial:g}，不是年份也不像 Excel 日期；请写成 {EXAMPLES}")
    return from_date(EXCEL_EPOCH + timedelta(days=int(serial)), cumulative, source=f"Excel 日期序号 {int(serial)} =")


def _cn_or_digit(text: str) -> int:
    return int(text) if text.isdigit() else int(numeral_value(text))


_M = rf"(\d{{1,2}}|{_CN_MONTH})"
_END = r"(?:末|底)"
# Every pattern must match the WHOLE rest of the text (after the year): leftover words are refused.
_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"{_M}月?(?:份)?-{_M}月?(?:份)?{_END}?(?:累计)?"), "span"),
    (re.compile(rf"前{_M}(?:个)?月(?:累计)?"), "first_n"),
    (re.compile(rf"(?:截止)?{_M}月(?:份)?{_END}"), "month_end"),
    (re.compile(rf"截止{_M}月(?:份)?"), "month_end"),
    (re.compile(rf"{_M}月(?:份)?(?:当月)?"), "month"),
    (re.compile(r"(?:第)?([一二三四1-4])季度"), "quarter"),
    (re.compile(r"上半年"), "h1"),
    (re.compile(r"下半年"), "h2"),
    (re.compile(r"前三季度|1-3季度|一-三季度"), "q3"),
    (re.compile(r"全年|年度|年末|年底|末|底"), "year"),
]
_TEXT_DATE = re.compile(r"(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2}))?|(\d{4})年(\d{1,2})月(\d{1,2})日")
# A year before the period: 2026年…, 26年…, 2026.1-10 / 2026/1-10 (a separator, then the period).
_YEAR_PREFIX = re.compile(r"(截止)?(?:(\d{4}|\d{2})年|(\d{4})[./](?=\d))")


def _normalised(raw: str) -> str:
    cleaned = unicodedata.normalize("NFKC", raw).strip()
    cleaned = re.sub(r"\s+", "", cleaned)
    cleaned = years_in_digits(cleaned)  # 二〇二六年 → 2026年, 二六年 → 26年
    for word in ("截至到", "截止到", "截至", "累计至", "累计到"):  # before 至/到 become dashes
        cleaned = cleaned.replace(word, "截止")
    for dash in ("—", "–", "－", "~", "〜", "至", "到"):
        cleaned = cleaned.replace(dash, "-")
    return re.sub(r"-+", "-", cleaned)


def parse_period(text, default_year: int, cumulative: bool = True) -> Period:
    """Read a period as staff write it; PeriodError (Chinese reason) when it cannot be read.

    `text` is a string, an Excel date/datetime cell or a date serial (int/float). `default_year` is the
    year of the current targets, taken when the text names none. `cumulative` says the indicator is
    counted from 1 January, so that a point in time (2026-10, 10月末, 截至10月, an end-of-month date)
    means 1-10月; for other indicators such a point is the month itself. 10月 (2026年10月) on its own is
    the single month either way, and for a cumulative indicator `note` says so. A date in mid-month and
    any text left over after a recognised period are refused, never ignored.
    """
    if isinstance(text, bool):
        raise PeriodError(f"无法识别的期间：{quoted(text)}")
    if isinstance(text, datetime):
        if text.time() != time(0):
            raise PeriodError(f"期间是一个时刻（{text.isoformat(sep=' ')}），不是月份；请写成 {EXAMPLES}")
        return from_date(text.date(), cumulative, source="Excel 日期")
    if isinstance(text, date):
        return from_date(text, cumulative, source="Excel 日期")
    if isinstance(text, time):
        raise PeriodError(f"期间是一个时间（{text.isoformat()}），不是月份；请写成 {EXAMPLES}")
    if isinstance(text, (int, float)):
        if float(text).is_integer() and YEAR_RANGE[0] <= text <= YEAR_RANGE[1]:
            return Period(int(text), 1, 12, "year")
        return from_serial(float(text), cumulative)
    raw = str(text or "")
    cleaned = _normalised(raw)
    if not cleaned:
        raise PeriodError(f"期间不能为空；请写成 {EXAMPLES}")
    if len(cleaned) > 20:
        raise PeriodError(f"无法识别的期间：“{quoted(raw)}”；请写成 {EXAMPLES}")

    # 2026-10, 2026/10, 2026.10 (one separator throughout), 2026-10-31, 2026年10月31日
    dated = _TEXT_DATE.fullmatch(cleaned.removeprefix("截止"))
    if dated:
        year_text, month_text, day_text = (dated.group(1), dated.group(3), dated.group(4)) if dated.group(1) \
            else (dated.group(5), dated.group(6), dated.group(7))
        year, month = _check_year(int(year_text), raw), _check_month(int(month_text), raw)
        if day_text:
            try:
                day = date(year, month, int(day_text))
            except ValueError:
                raise PeriodError(f"日期不对：{quoted(raw)}") from None
            _month_end_or_start(day, "日期")
        return _month(year, month, cumulative, _read_note(cumulative))
    if re.fullmatch(r"\d{5}(?:\.0+)?", cleaned):
        return from_serial(float(cleaned), cumulative)

    year = default_year
    rest = cleaned
    prefix = _YEAR_PREFIX.match(cleaned)
    if prefix:
        written = prefix.group(2) or prefix.group(3)
        year = _check_year(int(written) + (2000 if len(written) == 2 else 0), raw)
        rest = (prefix.group(1) or "") + cleaned[prefix.end():]
    elif re.fullmatch(r"\d{4}", cleaned):
        return Period(_check_year(int(cleaned), raw), 1, 12, "year")
    if not rest:
        return Period(year, 1, 12, "year")
    for pattern, shape in _PATTERNS:
        found = pattern.fullmatch(rest)
        if not found:
            continue
        if shape == "span":
            first, last = _check_month(_cn_or_digit(found.group(1)), raw), _check_month(_cn_or_digit(found.group(2)), raw)
            if first > last:
                raise PeriodError(f"月份不对：{quoted(raw)}（起始月份晚于结束月份）")
            return span(year, first, last)
        if shape == "first_n":
            return cumulative_to(year, _check_month(_cn_or_digit(found.group(1)), raw))
        if shape == "month_end":
            return _month(year, _check_month(_cn_or_digit(found.group(1)), raw), cumulative)
        if shape == "month":
            month = _check_month(_cn_or_digit(found.group(1)), raw)
            note = f"单月数据；1月以来的累计请写 1-{month}月 或 {month}月末" if cumulative and month > 1 else ""
            return Period(year, month, month, "month", note)
        if shape == "quarter":
            number = _cn_or_digit(found.group(1)) if not found.group(1).isdigit() else int(found.group(1))
            return span(year, 3 * number - 2, 3 * number)
        if shape == "h1":
            return span(year, 1, 6)
        if shape == "h2":
            return span(year, 7, 12)
        if shape == "q3":
            return span(year, 1, 9)
        if shape == "year":
            if found.group(0) in ("末", "底") and not prefix:
                break
            return Period(year, 1, 12, "year")
    raise PeriodError(f"无法识别的期间：“{quoted(raw)}”；请写成 {EXAMPLES}")


def check_ended(period: Period, today: date, day_word: str = "今天是") -> None:
    """PeriodError unless the period is over on `today`: a figure for 全年 or 四季度 entered on 29 November,
    or for next year, cannot be an actual figure yet. `day_word` names `today` in the reason
    ("通报发布于" for a release's own date)."""
    if period.last_day >= today:
        raise PeriodError(f"期间{period.label}还没有结束（截至{period.last_day.isoformat()}，{day_word}{today.isoformat()}），"
                          f"不能录入实际数；请写已结束的期间，如 1-{max(today.month - 1, 1)}月")


def parse_label(label: str) -> Period | None:
    """The Period of a stored label, or None for a free-text period kept from an older release."""
    if not label:
        return None
    try:
        year = int(label[:4]) if re.match(r"\d{4}年", label) else None
        if year is None:
            return None
        period = parse_period(label, year, cumulative=True)
    except PeriodError:
        return None
    return period if period.label == label else None


def current_plan_year(plan_years, today: date) -> tuple[int, bool]:
    """(the year whose targets are "current", whether that is the clock's year).

    The clock's year when it has targets; before a new plan is entered (from 1 January on) the latest
    plan year, and replies say so; the clock's year when there are no targets at all.
    """
    years = set(plan_years)
    if today.year in years or not years:
        return today.year, True
    return max(years), False
