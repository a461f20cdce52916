"""The daily reminder run as a background task; `core/schedule.py` enqueues it every morning."""

import datetime as dt

from django.utils import timezone
from django_tasks import task

from ansinh.reporting.services.reminders import reminders_send


@task()
def send_reminders(day: str | None = None) -> dict[str, int]:
    """Send the digests of `day` (ISO date; today by default). Safe to run more than once a day
    and from several workers: each user gets one digest per day."""
    when = dt.date.fromisoformat(day) if day else timezone.localdate()
    counts: dict[str, int] = {}
    for outcome in reminders_send(day=when):
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts
