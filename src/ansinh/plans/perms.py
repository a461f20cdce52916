"""Resolve a plan or task for the current user, or refuse. Views call these first.

Another province's plans do not exist for the user (404). Within the province everyone reads;
only standing-agency officers of the committee (`accounts.perms.can_manage_committee`) change
plans, tasks and assignments; an agency records progress only on the tasks it leads (progress)
or coordinates (contribution), through its agency or standing officers. Leaders read.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ansinh.accounts import perms
from ansinh.accounts.enums import UserRole
from ansinh.org.models import Committee
from ansinh.plans.enums import ReportKind, UnitRole
from ansinh.plans.models import Plan, Task, TaskGroup
from ansinh.plans.selectors import agency_task_role

MANAGE_ONLY = "Chỉ cán bộ cơ quan thường trực Ban Chỉ đạo được thay đổi kế hoạch, nhiệm vụ."


def get_plan_for_user(request, pk: int, *, manage: bool = False) -> Plan:
    plan = get_object_or_404(
        Plan.objects.for_user(request.user).select_related(
            "committee__province", "committee__standing_agency"
        ),
        pk=pk,
    )
    if manage and not perms.can_manage_committee(request.user, plan.committee):
        raise PermissionDenied(MANAGE_ONLY)
    return plan


def get_task_for_user(request, pk: int, *, manage: bool = False) -> Task:
    task = get_object_or_404(
        Task.objects.filter(plan__in=Plan.objects.for_user(request.user)).select_related(
            "plan__committee__province", "plan__committee__standing_agency", "group"
        ),
        pk=pk,
    )
    if manage and not perms.can_manage_committee(request.user, task.plan.committee):
        raise PermissionDenied(MANAGE_ONLY)
    return task


def get_group_for_user(request, pk: int, *, manage: bool = False) -> TaskGroup:
    group = get_object_or_404(
        TaskGroup.objects.filter(plan__in=Plan.objects.for_user(request.user)).select_related(
            "plan__committee__province", "plan__committee__standing_agency"
        ),
        pk=pk,
    )
    if manage and not perms.can_manage_committee(request.user, group.plan.committee):
        raise PermissionDenied(MANAGE_ONLY)
    return group


def can_manage_plan(user, plan: Plan) -> bool:
    return perms.can_manage_committee(user, plan.committee)


def managed_committees(user):
    return [c for c in Committee.objects.for_user(user) if perms.can_manage_committee(user, c)]


def report_kind_for(user, task: Task) -> str | None:
    """What the user may record on the task: the lead's progress, a coordinator's contribution,
    or nothing (leaders, administrators, agencies without a part in the task)."""
    if not user.is_authenticated or user.agency_id is None:
        return None
    if user.role not in (UserRole.AGENCY_OFFICER, UserRole.STANDING_OFFICER):
        return None
    role = agency_task_role(task=task, agency=user.agency)
    if role == UnitRole.LEAD:
        return ReportKind.PROGRESS
    if role == UnitRole.COORDINATOR:
        return ReportKind.CONTRIBUTION
    return None


def can_view_agency_tasks(user, agency) -> bool:
    """Agency officers see their own agency's list; standing officers, leaders and
    administrators see any agency's list in their provinces."""
    if not perms.can_view_province(user, agency.province_id):
        return False
    if user.agency_id == agency.pk:
        return True
    return user.role in (UserRole.STANDING_OFFICER, UserRole.LEADER) or user.is_system_admin
