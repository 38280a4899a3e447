"""When a daily summary or a monthly or weekly report is due: pure date logic over a subscription and
the answerer's clock."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, timedelta

from knowledge.answers import Answerer
from knowledge.models import WEEKLY, Subscription


def first_due_date(answerer: Answerer, at_time: str, tz: str) -> str:
    """A new subscription starts today if its time is still ahead, else tomorrow (no instant summary)."""
    now = answerer.now(tz)
    start = now.date() if now.strftime("%H:%M") < at_time else now.date() + timedelta(days=1)
    return start.isoformat()


def is_due(subscription: Subscription, answerer: Answerer) -> bool:
    """At or after its time, on or after its first day, not paused, and today is after the last day sent:
    a clock stepped back over midnight (NTP, a VM restored) must not make yesterday due a second time."""
    if not subscription.active or subscription.paused:
        return False
    now = answerer.now(subscription.tz)
    today = now.date().isoformat()
    return (today >= subscription.due_from and today > subscription.last_sent_on
            and now.strftime("%H:%M") >= subscription.at_time)


def local_date(answerer: Answerer, tz: str) -> str:
    return answerer.now(tz).date().isoformat()


# -- monthly and weekly reports ------------------------------------------------------------------------
def scheduled_day(year: int, month: int, day: int) -> date:
    """A monthly report's date in a month: `day`, or the month's last day when the month is shorter
    (29-31 in February, 31 in April): "the 31st" means the last day of every month."""
    return date(year, month, min(day, monthrange(year, month)[1]))


def latest_occurrence(kind: str, day: int, at_time: str, now: datetime) -> date:
    """The date of the latest scheduled report at or before `now` (local): monthly on `day` (1-31),
    weekly on weekday `day` (1 = Monday … 7 = Sunday), each at `at_time` ("HH:MM")."""
    today, reached = now.date(), now.strftime("%H:%M") >= at_time
    if kind == WEEKLY:
        back = (today.isoweekday() - day) % 7
        if back == 0 and not reached:
            back = 7
        return today - timedelta(days=back)
    this_month = scheduled_day(today.year, today.month, day)
    if today > this_month or (today == this_month and reached):
        return this_month
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return scheduled_day(year, month, day)


def schedule_text(kind: str, day: int, at_time: str) -> str:
    """How a report's schedule reads: "每周一 09:00", "每月5日 09:00" (29-31 say how shorter months go)."""
    if kind == WEEKLY:
        return f"每周{'一二三四五六日'[day - 1]} {at_time}"
    last = "（较短的月份按当月最后一天）" if day >= 29 else ""
    return f"每月{day}日{last} {at_time}"


def first_report_date(answerer: Answerer, kind: str, day: int, at_time: str, tz: str) -> str:
    """A new report subscription's `due_from`: the day after the latest occurrence, so that the next
    scheduled one is the first sent (subscribing sends nothing at once; /report does that)."""
    return (latest_occurrence(kind, day, at_time, answerer.now(tz)) + timedelta(days=1)).isoformat()


def report_due(subscription: Subscription, answerer: Answerer) -> bool:
    """A scheduled occurrence has passed since the subscription started and none was sent since it:
    a report missed while the bot was down goes out when it is back (once)."""
    if not subscription.active or subscription.paused:
        return False
    occurrence = latest_occurrence(subscription.kind, subscription.day, subscription.at_time,
                                   answerer.now(subscription.tz)).isoformat()
    return occurrence >= subscription.due_from and subscription.last_sent_on < occurrence
