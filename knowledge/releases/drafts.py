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
    yoy_clash: str = ""  # why two 同比 given for it disagree: neither is written
    yoy_from: tuple[str, str] = ("", "")  # (sentence, clause) its 同比 was read from

    def give_yoy(self, number: float, where: tuple[str, str]) -> list[tuple[str, str, str]]:
        """Give the figure its 同比 `number` (percent), read at `where` (sentence, clause). Returns the
        (sentence, clause, reason) to list as unplaced: none when it is the first or the same; when two
        differ (a headline's 增长5.8%, the body's 5.2%) both, and neither — nor any later one — is kept."""
        if self.yoy_clash:
            return [(*where, self.yoy_clash)]
        if self.yoy is None or self.yoy == number:
            self.yoy, self.yoy_from = number, where
            return []
        self.yoy_clash = (f"同一数据出现两个不同的同比：{self.yoy:g}%、{number:g}%，同比都未录入，"
                          "请核对后用 /set 录入")
        held, self.yoy = self.yoy_from, None
        return [(*held, self.yoy_clash), (*where, self.yoy_clash)]


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
