"""The periodic jobs of ansinh, in one place, and the check that enqueues those that are due.

Each job is a django-tasks task run once a day at a local time (settings.TIME_ZONE,
Asia/Ho_Chi_Minh); the task receives the day of its slot as `day` (ISO date), so a worker that
runs it late still works for the right day. `manage.py run_schedule` performs the check, once
(from cron) or every minute. Several schedulers may run: a slot is claimed with `cache.add`,
which is atomic in the shared Redis cache of production; with the embedded per-process cache a
slot may be enqueued more than once, which is harmless because every job here is idempotent per
day (reminders: one digest per user and day, claimed in the database).
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 2 * 24 * 3600


@dataclass(frozen=True)
class PeriodicJob:
    key: str
    task: str  # import path of a django-tasks task taking `day`
    at: dt.time  # local time of day
    label: str


JOBS = [
    PeriodicJob(
        key="nhac-han-bao-cao",
        task="ansinh.reporting.reminder_tasks.send_reminders",
        at=dt.time(7, 0),
        label="Nhắc hạn báo cáo (thư nhắc hằng ngày)",
    ),
]


@dataclass
class Enqueued:
    job: PeriodicJob
    day: dt.date
    result_id: str = ""
    error: str = ""


def slot_key(job: PeriodicJob, day: dt.date) -> str:
    return f"ansinh:schedule:{job.key}:{day.isoformat()}"


def due_jobs(*, now: dt.datetime, jobs=None) -> list[PeriodicJob]:
    """The jobs whose time today has come (a scheduler started late still runs today's)."""
    local = timezone.localtime(now)
    return [job for job in (JOBS if jobs is None else jobs) if local.time() >= job.at]


def run_due(*, now: dt.datetime | None = None, jobs=None) -> list[Enqueued]:
    """Enqueue each due job whose slot of today no scheduler has claimed yet."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    done = []
    for job in due_jobs(now=now, jobs=jobs):
        key = slot_key(job, day)
        if not cache.add(key, now.isoformat(), CLAIM_SECONDS):
            continue
        entry = Enqueued(job=job, day=day)
        try:
            entry.result_id = import_string(job.task).enqueue(day=day.isoformat()).id
        except Exception as error:  # the queue is down: free the slot so the next check retries
            cache.delete(key)
            entry.error = f"{type(error).__name__}: {error}"
            logger.exception("Không đưa được việc định kỳ %s vào hàng đợi", job.key)
        done.append(entry)
    return done
