"""A conclusion that asks someone to act becomes a task of the committee's plan for the
meeting's year, in the group “Kết luận của Ban Chỉ đạo” (created the first time), with the lead
and coordinating agencies chosen on the form and the due date; it is then tracked like any
plan task and appears in the lead agency's “Nhiệm vụ của đơn vị”."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, When

from ansinh.core.history import acting_as
from ansinh.meetings.enums import MeetingStatus as S
from ansinh.meetings.models import ConclusionTask, Decision
from ansinh.meetings.services.meetings import meeting_day, require_status
from ansinh.org.models import Agency
from ansinh.plans.enums import PlanStatus, UnitRole
from ansinh.plans.models import Plan, Task, TaskGroup, TaskUnit
from ansinh.plans.services import group_add, task_save

GROUP_TITLE = "Kết luận của Ban Chỉ đạo"


def plan_for(*, decision: Decision) -> Plan:
    """The committee's plan for the meeting's year (an issued one first), or a refusal that
    says which plan is missing."""
    meeting = decision.meeting
    year = meeting_day(meeting).year
    plan = (
        Plan.objects.filter(committee=meeting.committee, year=year)
        # Issued plans before drafts: a conclusion is tracked in the plan in force.
        .order_by(Case(When(status=PlanStatus.ISSUED, then=0), default=1), "pk")
        .first()
    )
    if plan is None:
        raise ValidationError(
            f"Chưa có kế hoạch năm {year} của {meeting.committee}: nhiệm vụ từ kết luận được "
            f"theo dõi trong kế hoạch năm {year}; hãy tạo hoặc nhập kế hoạch năm {year} trước."
        )
    return plan


def _group(plan: Plan, user) -> TaskGroup:
    group = plan.groups.filter(parent__isnull=True, title=GROUP_TITLE).first()
    return group or group_add(plan=plan, number="", title=GROUP_TITLE, parent=None, user=user)


def _check(decision, content, lead, coordinators, due_date) -> None:
    meeting = decision.meeting
    province = meeting.committee.province_id
    errors = {}
    if not content.strip():
        errors["content"] = "Nội dung nhiệm vụ: hãy ghi việc cần làm."
    if lead is None:
        errors["lead"] = "Đơn vị chủ trì: hãy chọn một cơ quan."
    elif lead.province_id != province:
        errors["lead"] = "Đơn vị chủ trì: cơ quan này không thuộc tỉnh của Ban Chỉ đạo."
    others = [a for a in coordinators if a.province_id != province]
    if others:
        errors["coordinators"] = (
            "Đơn vị phối hợp: "
            + ", ".join(a.name for a in others)
            + " không thuộc tỉnh của Ban Chỉ đạo."
        )
    day = meeting_day(meeting)
    if due_date is None:
        errors["due_date"] = "Hạn hoàn thành: hãy ghi ngày (dd/mm/yyyy)."
    elif due_date < day:
        errors["due_date"] = (
            f"Hạn hoàn thành: ngày {due_date:%d/%m/%Y} trước ngày họp {day:%d/%m/%Y}."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def conclusion_task_create(
    *,
    decision: Decision,
    content: str,
    lead: Agency | None,
    coordinators: list[Agency],
    due_date: dt.date | None,
    user,
) -> ConclusionTask:
    decision = Decision.objects.select_related("meeting__committee").get(pk=decision.pk)
    meeting = decision.meeting
    require_status(meeting, [S.HELD, S.CLOSED], "giao nhiệm vụ từ kết luận")
    coordinators = [a for a in coordinators if lead is None or a.pk != lead.pk]
    _check(decision, content, lead, coordinators, due_date)
    plan = plan_for(decision=decision)
    group = _group(plan, user)
    day = meeting_day(meeting)
    task = Task(
        plan=plan,
        group=group,
        position=None,
        content=content.strip(),
        lead_text=lead.name,
        coordinators_text=", ".join(a.name for a in coordinators),
        timeframe=f"{due_date:%d/%m/%Y}",
        legal_refs=f"Kết luận tại cuộc họp “{meeting.title}” ngày {day:%d/%m/%Y}: "
        f"{decision.question}"[:1000],
        created_by=user,
    )
    task = task_save(task=task, user=user, units_changed=False)
    with acting_as(user):
        # The agencies were picked from a list, so they are linked as chosen rather than
        # re-read from the text (which could match a group or another wording).
        units = [(UnitRole.LEAD, lead, 0)] + [
            (UnitRole.COORDINATOR, a, i) for i, a in enumerate(coordinators)
        ]
        for role, agency, position in units:
            unit = TaskUnit(
                task=task,
                role=role,
                name=agency.name,
                agency=agency,
                position=position,
                created_by=user,
            )
            unit.full_clean()
            unit.save()
        link = ConclusionTask(decision=decision, task=task, created_by=user, updated_by=user)
        link.full_clean()
        link.save()
    return link
