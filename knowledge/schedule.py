"""When a daily summary is due: pure date logic over a subscription and the answerer's clock."""

from __future__ import annotations

from datetime import timedelta

from knowledge.answers import Answerer
from knowledge.store import Subscription


def first_due_date(answerer: Answerer, at_time: str, tz: str) -> str:
    """A new subscription starts today if its time is still ahead, else tomorrow (no instant summary)."""
    now = answerer.now(tz)
    start = now.date() if now.strftime("%H:%M") < at_time else now.date() + timedelta(days=1)
    return start.isoformat()


def is_due(subscription: Subscription, answerer: Answerer) -> bool:
    """At or after its time, on or after its first day, not yet sent today, not paused."""
    if not subscription.active or subscription.paused:
        return False
    now = answerer.now(subscription.tz)
    today = now.date().isoformat()
    return (today >= subscription.due_from and subscription.last_sent_on != today
            and now.strftime("%H:%M") >= subscription.at_time)


def local_date(answerer: Answerer, tz: str) -> str:
    return answerer.now(tz).date().isoformat()
