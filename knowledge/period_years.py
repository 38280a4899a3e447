"""The year of a period written without one (1-2月, 上半年), for /set and /import alike."""

from __future__ import annotations

from datetime import date

from knowledge.periods import Period, parse_period


def read_written_period(text, today: date, cumulative: bool = True, year: int | None = None) -> tuple[Period, bool]:
    """(the period `text` names as knowledge.periods.parse_period reads it, whether its year was taken
    rather than written). With `year` (an import's year column) a year-less period is of that year;
    else of the latest year in which it has ended by `today` (1-2月 on 5 March 2027 is 2027年1-2月,
    1-12月 on 20 January 2027 is 2026年) — unless this year's is nearer its end than last year's is past
    it (全年 on 29 November 2026): then this year's, which the caller refuses as not over, rather than a
    year-old one the admin hardly meant. Never simply the year of the current targets: after New Year
    that would file a new figure over last year's as 修订. PeriodError as parse_period."""
    this = parse_period(text, year or today.year, cumulative=cumulative)
    before = parse_period(text, (year or today.year) - 1, cumulative=cumulative)
    if this.year == before.year:  # the text names its year (2026年1-10月, an Excel date)
        return this, False
    if year is not None:
        return this, True
    return nearer_period(this, before, today), True


def nearer_period(this: Period, before: Period, today: date) -> Period:
    """Of one period in this year (`this`) and the year before (`before`), the one a text without a year
    means on `today`: `this` once it has ended, else `before` — unless `this` is nearer its end than
    `before` is past it (全年 on 29 November 2026): then `this`, which the caller refuses as not over."""
    if this.last_day < today or this.last_day - today < today - before.last_day:
        return this
    return before
