"""The domain's records, apart from how they are stored: indicators, targets, figures, sources, and the
subscriptions and deliveries of the chats. Frozen dataclasses; `knowledge.store` reads and writes them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from knowledge.periods import Period


class ObservationStatus(StrEnum):
    """How final a figure is, as stored in observations.status: a 初步数/快报 is restated later, a 预计数
    is a forecast, a 修订数 supersedes the figure published before it."""

    ACTUAL = "actual"
    PRELIMINARY = "preliminary"
    ESTIMATE = "estimate"
    REVISED = "revised"


OBSERVATION_STATUSES = tuple(ObservationStatus)
# How staff and statistics offices write a figure's status, in /set and in an import's status column.
OBSERVATION_STATUS_WORDS = {
    "实际": ObservationStatus.ACTUAL, "实际值": ObservationStatus.ACTUAL,
    "初步": ObservationStatus.PRELIMINARY, "初步数": ObservationStatus.PRELIMINARY,
    "初步核算": ObservationStatus.PRELIMINARY, "快报": ObservationStatus.PRELIMINARY,
    "预计": ObservationStatus.ESTIMATE, "估计": ObservationStatus.ESTIMATE, "预估": ObservationStatus.ESTIMATE,
    "修订": ObservationStatus.REVISED, "修订数": ObservationStatus.REVISED,
}
DAILY = "daily"
ALERTS, MONTHLY, WEEKLY = "alerts", "monthly", "weekly"  # the other kinds of subscription
SUBSCRIPTION_KINDS = (DAILY, MONTHLY, WEEKLY, ALERTS)


@dataclass(frozen=True)
class Subscription:
    chat_id: int
    chat_title: str
    at_time: str  # "HH:MM" in tz
    tz: str
    active: bool
    paused: bool
    due_from: str  # first local date (ISO) on which a summary is due
    last_sent_at: str  # UTC ISO time of the last delivery, "" if none
    last_sent_on: str  # local date (ISO) of the last delivery, "" if none
    thread_id: int = 0  # the forum topic's message_thread_id; 0: no topic (or a forum's General topic)
    kind: str = DAILY  # what is delivered: "daily" summaries, "alerts", "monthly" or "weekly" reports
    day: int = 0  # monthly: day of the month 1-31 (29-31: the month's last day in shorter months); weekly: 1-7
    last_alert_id: int = 0  # alerts: the last alert delivered here


@dataclass(frozen=True)
class Delivery:
    chat_id: int
    at: str
    ok: bool
    error: str
    thread_id: int = 0
    kind: str = DAILY


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    category: str
    unit: str
    kind: str  # cumulative (counted from 1 January) | level (a stock) | ratio (%) | text (no number)
    higher_is_better: bool
    monthly_plan: tuple[float, ...] | None = None  # cumulative share of the target due by each month, 0-1


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str


@dataclass(frozen=True)
class Target:
    indicator_id: str
    city: str
    year: int
    value: float | None
    unit: str
    qualifier: str
    text: str
    source: Source
    quote: str = ""  # the source's own sentence for it, as stored (力争新增制造业贷款余额1000亿元以上)


@dataclass(frozen=True, slots=True)
class Observation:
    indicator_id: str
    city: str
    period: str
    year: int | None
    value: float | None
    unit: str
    qualifier: str
    text: str
    status: str  # actual | preliminary | estimate | revised (a restated figure)
    note: str
    source: Source
    recorded_at: str = ""
    recorded_by: str = ""
    first_month: int | None = None
    last_month: int | None = None
    period_kind: str | None = None  # cumulative | month | quarter | year; None for a free-text period
    yoy_growth: float | None = None  # official 同比 in percent, as published (7.5 for 增长7.5%)

    @property
    def span(self) -> Period | None:
        """The structured period, or None for an undated or free-text figure of an older release."""
        if self.year is None or self.first_month is None or self.last_month is None or not self.period_kind:
            return None
        return Period(self.year, self.first_month, self.last_month, self.period_kind)
