from datetime import date, datetime, time

import pytest

from knowledge.periods import Period, PeriodError, check_ended, parse_label, parse_period


@pytest.mark.parametrize(
    "text,cumulative,label,first,last,kind",
    [
        ("1-10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("1—10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("1–10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("１-１０月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("１－１０月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("1至10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("1~10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("前10个月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("前十个月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("10月末", True, "2026年1-10月", 1, 10, "cumulative"),
        ("10月底", True, "2026年1-10月", 1, 10, "cumulative"),
        ("截至10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("截至10月末", True, "2026年1-10月", 1, 10, "cumulative"),
        ("10月末", False, "2026年10月", 10, 10, "month"),
        ("10月", True, "2026年10月", 10, 10, "month"),
        ("10月份", False, "2026年10月", 10, 10, "month"),
        ("一季度", True, "2026年一季度", 1, 3, "cumulative"),
        ("第一季度", True, "2026年一季度", 1, 3, "cumulative"),
        ("1-3月", True, "2026年一季度", 1, 3, "cumulative"),
        ("二季度", True, "2026年二季度", 4, 6, "quarter"),
        ("上半年", True, "2026年上半年", 1, 6, "cumulative"),
        ("1-6月", True, "2026年上半年", 1, 6, "cumulative"),
        ("前三季度", True, "2026年前三季度", 1, 9, "cumulative"),
        ("全年", True, "2026年", 1, 12, "year"),
        ("1-12月", True, "2026年", 1, 12, "year"),
        ("2026年", True, "2026年", 1, 12, "year"),
        ("2025年", True, "2025年", 1, 12, "year"),
        ("2025", True, "2025年", 1, 12, "year"),
        ("2025年1-10月", True, "2025年1-10月", 1, 10, "cumulative"),
        ("2026年1—10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("2026-10", True, "2026年1-10月", 1, 10, "cumulative"),
        ("2026-10", False, "2026年10月", 10, 10, "month"),
        ("2026/10", True, "2026年1-10月", 1, 10, "cumulative"),
        ("2026-10-31", True, "2026年1-10月", 1, 10, "cumulative"),
        ("46326", True, "2026年1-10月", 1, 10, "cumulative"),
        (46326, True, "2026年1-10月", 1, 10, "cumulative"),
        (46326.0, False, "2026年10月", 10, 10, "month"),
        (datetime(2026, 10, 1), True, "2026年1-10月", 1, 10, "cumulative"),
        (datetime(2026, 10, 31, 0, 0), False, "2026年10月", 10, 10, "month"),
        (date(2026, 6, 30), True, "2026年上半年", 1, 6, "cumulative"),
        (2025, True, "2025年", 1, 12, "year"),
        ("1-2月", True, "2026年1-2月", 1, 2, "cumulative"),
        ("1月", True, "2026年1月", 1, 1, "month"),
        # findings H4, M10: forms staff write that were misread or refused
        ("2026.1-10", True, "2026年1-10月", 1, 10, "cumulative"),
        ("2026/1-10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("截至2026年10月底", True, "2026年1-10月", 1, 10, "cumulative"),
        ("2026年1月-10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("2026年1月至10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("2026年10月31日", True, "2026年1-10月", 1, 10, "cumulative"),
        ("2026年10月31日", False, "2026年10月", 10, 10, "month"),
        ("下半年", True, "2026年下半年", 7, 12, "half"),
        ("1-10月末", True, "2026年1-10月", 1, 10, "cumulative"),
        ("26年1-10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("二〇二六年1-10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("累计至10月", True, "2026年1-10月", 1, 10, "cumulative"),
        ("2026年底", True, "2026年", 1, 12, "year"),
        ("2026-10-01", True, "2026年1-10月", 1, 10, "cumulative"),
        # M11: a plain month is the single month (the note says so for a cumulative indicator)
        ("2026年10月", True, "2026年10月", 10, 10, "month"),
    ],
)
def test_every_written_form_has_one_label(text, cumulative, label, first, last, kind):
    period = parse_period(text, 2026, cumulative=cumulative)
    assert (period.label, period.first_month, period.last_month, period.kind) == (label, first, last, kind)
    assert period.year == int(label[:4])
    assert parse_label(period.label) == period  # the label reads back as the same period


@pytest.mark.parametrize(
    "text,reason",
    [
        ("十月底吧", "无法识别的期间"),
        ("", "不能为空"),
        ("13月", "月份不对"),
        ("10-3月", "起始月份晚于结束月份"),
        ("3-7月", "不是一个季度"),
        ("1899年", "年份不对"),
        ("2026-13", "月份不对"),
        ("2026-02-30", "日期不对"),
        (12345, "不像 Excel 日期"),
        (46326.5, "不像 Excel 日期"),
        (time(10, 30), "不是月份"),
        (True, "无法识别"),
        ("x" * 50, "无法识别的期间"),
        # H4: leftover text after a recognised period is refused, never ignored
        ("2026-1-10", "在月中"),
        ("20261-10月", "无法识别的期间"),
        ("2026年1-10月吧", "无法识别的期间"),
        ("1-10月份左右", "无法识别的期间"),
        ("2026.10-31", "月份不对"),
        ("底", "无法识别的期间"),
        # M11: a date in mid-month says nothing about the month the data reach
        ("2026-10-15", "在月中"),
        ("2026年10月15日", "在月中"),
        (datetime(2026, 10, 15), "在月中"),
        (date(2026, 10, 15), "在月中"),
        (46310, "在月中"),
        (datetime(2026, 10, 31, 9, 30), "时刻"),
    ],
)
def test_unreadable_periods_are_refused_with_the_reason(text, reason):
    with pytest.raises(PeriodError, match=reason):
        parse_period(text, 2026)


def test_a_period_without_a_year_takes_the_given_year():
    assert parse_period("1-10月", 2027).label == "2027年1-10月"


def test_excel_dates_say_how_they_were_read():
    assert "2026-10-31" in parse_period(46326, 2026).note
    # the note says why; the caller says "读作 <label>" once (it was said twice, L1)
    assert parse_period(datetime(2026, 10, 31), 2026).note == "Excel 日期 2026-10-31，累计指标，截至该月"
    assert "读作" not in parse_period("2026-10", 2026).note


def test_free_text_labels_from_older_releases_have_no_structure():
    assert parse_label("最新") is None
    assert parse_label("1-10月") is None  # no year: not a normal form
    assert parse_label("") is None


def test_periods_compare_by_months_not_by_note():
    assert parse_period("2026-10", 2026) == Period(2026, 1, 10, "cumulative")
    assert parse_period("2026-10", 2026).months == 10
    assert parse_period("1-10月", 2026).as_of == "10月"


def test_a_single_month_of_a_cumulative_indicator_says_how_it_was_read():
    assert "单月" in parse_period("2026年10月", 2026, cumulative=True).note
    assert parse_period("2026年10月", 2026, cumulative=False).note == ""


@pytest.mark.parametrize(
    "text,today,ended",
    [("1-10月", date(2026, 11, 29), True), ("1-11月", date(2026, 11, 29), False), ("全年", date(2026, 11, 29), False),
     ("四季度", date(2026, 11, 29), False), ("2027年一季度", date(2026, 11, 29), False), ("全年", date(2027, 1, 1), True),
     ("10月", date(2026, 10, 31), False), ("10月", date(2026, 11, 1), True)],
)
def test_a_period_that_has_not_ended_is_refused(text, today, ended):
    period = parse_period(text, 2026)
    if ended:
        check_ended(period, today)
    else:
        with pytest.raises(PeriodError, match="还没有结束"):
            check_ended(period, today)
