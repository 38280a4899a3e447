"""Scheduling of the daily summaries, the alerts' check and delivery, and the monthly and weekly reports.

The job queue forgets its jobs on restart, so nothing about a subscription lives in it: one repeating
job reads the subscriptions from SQLite and delivers those that are due (handlers.summaries). A
summary missed while the bot was down therefore goes out at the first check after start-up if the
bot comes back the same day, and the subscription's `last_sent_on` makes it go out once.
"""

from __future__ import annotations

from telegram.ext import Application

from handlers.alerts import alert_job
from handlers.duties import remind_overdue
from handlers.reports import report_job
from handlers.summaries import deliver_due

JOB_NAME = "daily-summaries"
DUE_JOB_NAME = "due-reminders"
ALERT_JOB, REPORT_JOB = "alerts", "scheduled-reports"


def start_summary_job(app: Application, interval: float = 30.0) -> None:
    """Check for due summaries every `interval` seconds, starting at once (which is the catch-up)."""
    app.job_queue.run_repeating(deliver_due, interval=interval, first=0.5, name=JOB_NAME,
                                job_kwargs={"max_instances": 1, "coalesce": True})
    # Alerts decided by writes made elsewhere (the console) or left undelivered by a restart, and the
    # monthly and weekly reports: read from SQLite at every round, like the summaries.
    app.job_queue.run_repeating(alert_job, interval=interval, first=0.7, name=ALERT_JOB,
                                job_kwargs={"max_instances": 1, "coalesce": True})
    app.job_queue.run_repeating(report_job, interval=interval, first=0.9, name=REPORT_JOB,
                                job_kwargs={"max_instances": 1, "coalesce": True})


def start_due_reminder_job(app: Application, interval: float = 30.0) -> None:
    """Check every `interval` seconds whether a due date passed yesterday with figures still missing;
    the reminder's once-per-due-date mark lives in SQLite, so a restart does not repeat it."""
    app.job_queue.run_repeating(remind_overdue, interval=interval, first=1.0, name=DUE_JOB_NAME,
                                job_kwargs={"max_instances": 1, "coalesce": True})
