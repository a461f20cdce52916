"""Writes of plans and their task groups."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from ansinh.core.history import acting_as
from ansinh.plans.models import Plan, Task, TaskGroup, TaskUnit


def plan_create(
    *,
    committee,
    year: int,
    title: str,
    kind: str = "KẾ HOẠCH",
    number: str = "",
    place: str = "",
    user,
) -> Plan:
    with transaction.atomic(), acting_as(user):
        plan = Plan(
            committee=committee,
            year=year,
            title=title,
            kind=kind,
            number=number,
            place=place,
            created_by=user,
        )
        plan.full_clean()
        plan.save()
    return plan


def plan_update(*, plan: Plan, user) -> Plan:
    """Save the plan's own details (title, number, signer, body…) as edited by the standing
    agency; the change is in the plan's history."""
    with transaction.atomic(), acting_as(user):
        plan.updated_by = user
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


def group_delete(*, group: TaskGroup, user) -> None:
    """Delete an empty task group: one with tasks or sub-groups is refused (move or delete them
    first). The deletion is in the plan's history."""
    tasks = group.tasks.count()
    if tasks:
        raise ValidationError(
            f"Nhóm “{group}” còn {tasks} nhiệm vụ nên không xóa được. "
            "Hãy chuyển các nhiệm vụ sang nhóm khác hoặc xóa chúng trước."
        )
    children = group.children.count()
    if children:
        raise ValidationError(
            f"Nhóm “{group}” còn {children} nhóm con nên không xóa được. "
            "Hãy xóa các nhóm con trước."
        )
    with transaction.atomic(), acting_as(user):
        group.delete()
