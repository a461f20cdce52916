"""The status rule: computed from dates and the lead's reports, never typed."""

import datetime as dt
from types import SimpleNamespace

import pytest

from ansinh.core.periods import PeriodKind
from ansinh.plans.enums import ReportKind, TaskStatus
from ansinh.plans.models import ProgressReport
from ansinh.plans.selectors import task_status


def make_task(*, due=None, recurring=False):
    return SimpleNamespace(due_date=due, recurring=recurring, plan=SimpleNamespace(year=2024))


def report(day, percent=None, *, kind=ReportKind.PROGRESS, period=(PeriodKind.QUARTER, 2)):
    return ProgressReport(
        kind=kind,
        percent=percent,
        reported_on=day,
        period_year=2024,
        period_kind=period[0],
        period_number=period[1],
    )


DUE = dt.date(2024, 6, 30)


@pytest.mark.parametrize(
    ("reports", "today", "expected"),
    [
        ([], dt.date(2024, 5, 1), TaskStatus.NOT_DUE),
        ([report(dt.date(2024, 5, 1), 40)], dt.date(2024, 5, 2), TaskStatus.IN_PROGRESS),
        (
            [report(dt.date(2024, 5, 1), kind=ReportKind.CONTRIBUTION)],
            dt.date(2024, 5, 2),
            TaskStatus.IN_PROGRESS,
        ),
        ([report(dt.date(2024, 6, 30), 100)], dt.date(2024, 9, 1), TaskStatus.DONE_ON_TIME),
        ([report(dt.date(2024, 7, 1), 100)], dt.date(2024, 9, 1), TaskStatus.DONE_LATE),
        ([report(dt.date(2024, 5, 1), 90)], dt.date(2024, 7, 1), TaskStatus.OVERDUE),
        ([], dt.date(2024, 7, 1), TaskStatus.OVERDUE),
    ],
)
def test_task_with_a_due_date(reports, today, expected):
    assert task_status(task=make_task(due=DUE), reports=reports, today=today).status == expected


def test_task_without_due_date_is_never_overdue():
    state = task_status(task=make_task(), reports=[], today=dt.date(2030, 1, 1))
    assert state.status == TaskStatus.NOT_DUE


def test_recurring_task_is_judged_on_the_current_quarter():
    task = make_task(recurring=True)
    q1 = report(dt.date(2024, 3, 20), 50, period=(PeriodKind.QUARTER, 1))
    q2 = report(dt.date(2024, 5, 20), 30, period=(PeriodKind.QUARTER, 2))
    half = report(dt.date(2024, 6, 20), 100, period=(PeriodKind.HALF, 1))
    assert (
        task_status(task=task, reports=[], today=dt.date(2024, 2, 1)).status == TaskStatus.NOT_DUE
    )
    # Q1 reported, Q2 not yet: nothing is late.
    assert task_status(task=task, reports=[q1], today=dt.date(2024, 5, 1)).status == (
        TaskStatus.NOT_DUE
    )
    # Q1 never reported: overdue during Q2.
    state = task_status(task=task, reports=[], today=dt.date(2024, 5, 1))
    assert state.status == TaskStatus.OVERDUE and "Quý 1/2024" in state.note
    assert task_status(task=task, reports=[q1, q2], today=dt.date(2024, 5, 21)).status == (
        TaskStatus.IN_PROGRESS
    )
    # A half-year report at 100 % covers Q2.
    assert task_status(task=task, reports=[q1, half], today=dt.date(2024, 6, 25)).status == (
        TaskStatus.DONE_ON_TIME
    )
