"""A figure being read: the Draft one (indicator, city, period) collects as a release's sentences give its
level, 同比 and 百分点, and the year each period is taken in.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from knowledge.models import ObservationStatus
from knowledge.periods import PeriodError
from knowledge.releases.dates import PeriodYears
from knowledge.releases.periods import ReadPeriod
from knowledge.releases.vocabulary import Entry


@dataclass
class Draft:
    """One figure of a release as it is read; becomes a ReleaseFigure."""

    entry: Entry
    city: str
    period: ReadPeriod | None
    value: Decimal | None = None
    unit: str = ""
    qualifier: str = ""
    yoy: float | None = None
    change_points: float | None = None
    year: int = 0
    period_from: str = "sentence"
    status: str = ObservationStatus.ACTUAL
    clash: str = ""  # why two values given for it disagree: neither is written (rounding.py)
    year_from_date: bool = False  # its year is not written, but taken from the release's date or today


def year_of(years: PeriodYears, period: ReadPeriod | None) -> int | None:
    """The year `years` gives `period`; None for no period or a span that is no project period."""
    try:
        return years.of(period) if period is not None else None
    except PeriodError:
        return None


def level_of(drafts, entry: Entry, city: str, period: ReadPeriod, years: PeriodYears) -> Draft | None:
    """The figure with a level already read for `entry`, `city` and `period`; None when there is none."""
    try:
        found = drafts.get((entry.indicator.id, city, period.period(years.of(period)).label))
    except PeriodError:
        return None
    return found if found is not None and found.value is not None else None


def draft_for(drafts, order, first_sentence, entry: Entry, city: str, period: ReadPeriod, years: PeriodYears,
              sentence: str, from_sentence: bool) -> Draft:
    """The Draft of (entry, city, period) in `drafts`, made (and its first sentence kept) on first use.
    Raises PeriodError for a span that is no project period (9—10月)."""
    year = years.of(period)  # PeriodError: the caller lists the figure as unplaced
    label = period.period(year).label
    key = (entry.indicator.id, city, label)
    if key not in drafts:
        drafts[key] = Draft(entry, city, period, year=year, year_from_date=years.from_date(period),
                            period_from="sentence" if from_sentence else
                            "report" if period.kind == "reviewed" else "heading")
        order.append(key)
        first_sentence[key] = sentence
    return drafts[key]
