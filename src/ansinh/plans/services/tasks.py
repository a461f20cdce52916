"""Writes of tasks, their units and their progress."""

import contextlib
import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from ansinh.core.history import acting_as
from ansinh.core.uploads import store_upload
from ansinh.plans.enums import ReportKind, UnitRole
from ansinh.plans.matching import UnitMatcher
from ansinh.plans.models import Attachment, ProgressReport, Task, TaskUnit
from ansinh.plans.timeframe import parse_timeframe


def task_save(*, task: Task, user, units_changed: bool = True) -> Task:
    """Save a task edited by the standing agency: the timeframe is re-read, and the units
    re-resolved from the texts as written (each change lands in the task's history)."""
    try:
        parsed = parse_timeframe(task.timeframe, year=task.plan.year)
    except ValueError as exc:
        raise ValidationError({"timeframe": str(exc)}) from exc
    task.recurring, task.due_date = parsed.recurring, parsed.due_date
    with transaction.atomic(), acting_as(user):
        if task.position is None:
            last = task.plan.tasks.order_by("-position").values_list("position", flat=True).first()
            task.position = (last or 0) + 1
        task.updated_by = user
        if task.pk is None:
            task.created_by = user
        task.full_clean()
        task.save()
        if units_changed:
            task_units_sync(task=task, user=user)
    return task


def task_units_sync(*, task: Task, user) -> None:
    matcher = UnitMatcher(province_id=task.plan.committee.province_id)
    wanted = []
    for role, text in (
        (UnitRole.LEAD, task.lead_text),
        (UnitRole.COORDINATOR, task.coordinators_text),
    ):
        for position, unit in enumerate(matcher.split(text)):
            wanted.append((role, unit, position))
    existing = {(u.role, u.name): u for u in task.units.all()}
    keep = set()
    for role, unit, position in wanted:
        key = (role, unit.name)
        if key in keep:
            continue
        keep.add(key)
        current = existing.get(key)
        if current is None:
            TaskUnit.objects.create(
                task=task,
                role=role,
                name=unit.name,
                agency_id=unit.agency_id,
                agency_group_id=unit.group_id,
                position=position,
                created_by=user,
            )
        elif current.position != position:
            current.position = position
            current.save(update_fields=["position", "updated_at"])
    for key, unit in existing.items():
        if key not in keep:
            unit.delete()


def task_unit_assign(*, unit: TaskUnit, agency, user) -> TaskUnit:
    """Resolve a unit kept as written to a concrete agency."""
    with transaction.atomic(), acting_as(user):
        unit.agency, unit.agency_group, unit.updated_by = agency, None, user
        unit.full_clean()
        unit.save()
    return unit


def progress_record(
    *,
    task: Task,
    agency,
    kind: str,
    period,
    text: str,
    reported_on: dt.date,
    percent: int | None = None,
    milestone: str = "",
    files=(),
    user,
) -> ProgressReport:
    if kind == ReportKind.CONTRIBUTION:
        percent = None
    with transaction.atomic(), acting_as(user):
        report = ProgressReport(
            task=task,
            agency=agency,
            kind=kind,
            period_year=period.year,
            period_kind=period.kind,
            period_number=period.number,
            text=text,
            percent=percent,
            milestone=milestone,
            reported_on=reported_on,
            created_by=user,
        )
        report.full_clean()
        report.save()
        for upload in files:
            attachment = store_upload(Attachment(report=report), upload, user=user)
            attachment.full_clean()
            attachment.save()
    return report


def task_delete(*, task: Task, user, with_reports: bool = False) -> None:
    """Delete a task with its units. A task with progress reports is deleted only when the
    caller confirms the reports go too (`with_reports`); their attached files are removed once
    the deletion is committed. Every deleted row keeps its "deleted" entry in the history."""
    reports = task.reports.count()
    if reports and not with_reports:
        raise ValidationError(
            f"Nhiệm vụ có {reports} báo cáo tiến độ: xác nhận xóa cả các báo cáo này "
            "(và tệp đính kèm) để xóa nhiệm vụ."
        )
    files = [a.file for a in Attachment.objects.filter(report__task=task) if a.file]
    with transaction.atomic(), acting_as(user):
        task.delete()
        transaction.on_commit(lambda: _remove_files(files))


def _remove_files(files) -> None:
    for file in files:
        with contextlib.suppress(OSError):  # already gone: nothing to clean up
            file.storage.delete(file.name)
