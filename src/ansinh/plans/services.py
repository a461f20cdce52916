"""Writes of the plans capability: importing a plan, changing tasks, recording progress, copying."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from ansinh.core.history import acting_as
from ansinh.plans.enums import ReportKind, UnitRole
from ansinh.plans.matching import UnitMatcher
from ansinh.plans.models import Attachment, Plan, ProgressReport, Task, TaskGroup, TaskUnit
from ansinh.plans.timeframe import parse_timeframe


def plan_import(*, draft: dict, user=None) -> Plan:
    """Write a previewed draft in one transaction: the plan, its groups in order, its tasks and
    their units (with the mappings the user chose for unrecognised names)."""
    fields = dict(draft["plan"])
    committee_id = fields.pop("committee")
    fields["date"] = dt.date.fromisoformat(fields["date"]) if fields["date"] else None
    mapping = draft.get("mapping") or {}
    with transaction.atomic(), acting_as(user):
        plan = Plan(committee_id=committee_id, created_by=user, updated_by=user, **fields)
        plan.full_clean()
        plan.save()
        groups: list[TaskGroup] = []
        for position, group in enumerate(draft["groups"], start=1):
            parent = groups[group["parent"]] if group["parent"] is not None else None
            groups.append(
                TaskGroup.objects.create(
                    plan=plan,
                    parent=parent,
                    number=group["number"],
                    title=group["title"],
                    position=position,
                    created_by=user,
                )
            )
        tasks = Task.objects.bulk_create(
            Task(
                plan=plan,
                group=groups[t["group"]] if t["group"] is not None else None,
                number=t["number"],
                position=position,
                content=t["content"],
                lead_text=t["lead_text"],
                coordinators_text=t["coordinators_text"],
                timeframe=t["timeframe"],
                recurring=t["recurring"],
                due_date=dt.date.fromisoformat(t["due_date"]) if t["due_date"] else None,
                legal_refs=t["legal_refs"],
                created_by=user,
            )
            for position, t in enumerate(draft["tasks"], start=1)
        )
        units = []
        for task, data in zip(tasks, draft["tasks"], strict=True):
            for position, unit in enumerate(data["units"]):
                agency_id, group_id = unit["agency"], unit["group"]
                if not agency_id and not group_id and mapping.get(unit["name"]):
                    agency_id = mapping[unit["name"]]
                units.append(
                    TaskUnit(
                        task=task,
                        role=unit["role"],
                        name=unit["name"][:300],
                        agency_id=agency_id,
                        agency_group_id=group_id,
                        position=position,
                        created_by=user,
                    )
                )
        TaskUnit.objects.bulk_create(units)
    return plan


def plan_create(*, committee, year: int, title: str, kind: str = "KẾ HOẠCH", user) -> Plan:
    with transaction.atomic(), acting_as(user):
        plan = Plan(committee=committee, year=year, title=title, kind=kind, created_by=user)
        plan.full_clean()
        plan.save()
    return plan


def plan_copy(*, plan: Plan, user) -> Plan:
    """Next year's plan from this one: the same body, groups, tasks and units, due dates a year
    later, the year in the title moved on, no progress, not yet issued (no number or date)."""
    year = plan.year + 1
    with transaction.atomic(), acting_as(user):
        copy = Plan.objects.get(pk=plan.pk)
        copy.pk = None
        copy.year = year
        copy.title = plan.title.replace(str(plan.year), str(year))
        copy.number, copy.date, copy.copied_from = "", None, plan
        copy.created_by = copy.updated_by = user
        copy.full_clean()
        copy.save()
        groups = {}
        for group in plan.groups.order_by("position"):
            groups[group.pk] = TaskGroup.objects.create(
                plan=copy,
                parent=groups.get(group.parent_id),
                number=group.number,
                title=group.title,
                position=group.position,
                created_by=user,
            )
        for task in plan.tasks.prefetch_related("units").order_by("position"):
            units = list(task.units.all())
            new = Task.objects.create(
                plan=copy,
                group=groups.get(task.group_id),
                number=task.number,
                position=task.position,
                content=task.content,
                lead_text=task.lead_text,
                coordinators_text=task.coordinators_text,
                timeframe=task.timeframe.replace(str(plan.year), str(year)),
                recurring=task.recurring,
                due_date=_next_year(task.due_date),
                legal_refs=task.legal_refs,
                created_by=user,
            )
            TaskUnit.objects.bulk_create(
                TaskUnit(
                    task=new,
                    role=u.role,
                    name=u.name,
                    agency_id=u.agency_id,
                    agency_group_id=u.agency_group_id,
                    position=u.position,
                    created_by=user,
                )
                for u in units
            )
    return copy


def _next_year(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29/02
        return day.replace(year=day.year + 1, day=28)


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
            attachment = Attachment(report=report, name=upload.name, size=upload.size)
            attachment.file.save(upload.name, upload, save=False)
            attachment.full_clean()
            attachment.save()
    return report


def group_add(*, plan: Plan, number: str, title: str, parent: TaskGroup | None, user) -> TaskGroup:
    with transaction.atomic(), acting_as(user):
        last = plan.groups.order_by("-position").values_list("position", flat=True).first()
        group = TaskGroup(
            plan=plan,
            parent=parent,
            number=number,
            title=title,
            position=(last or 0) + 1,
            created_by=user,
        )
        group.full_clean()
        group.save()
    return group
