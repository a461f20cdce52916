"""Reads of the plans capability: task status, the group tree, per-agency load, an agency's tasks.

Status rule (the government task-tracking convention), as `STATUS_RULE` shows it to users. Only
the lead unit's progress reports count; the reference day is today.

- A task with a due date: *hoàn thành đúng hạn* when its latest progress report says 100 % and the
  first 100 % report is dated on or before the due date; *hoàn thành quá hạn* when that report is
  later; otherwise *quá hạn chưa hoàn thành* once the due date has passed; *đang thực hiện* while
  there is progress (any report by the lead or a coordinator); *chưa đến hạn* before that.
- A task without a due date ("Không xác định") is never overdue.
- A recurring task ("Thường xuyên") is judged on the current quarter of the plan year: done
  (on time or late against the quarter's end) when the lead reported 100 % for it; *đang thực hiện*
  when the lead reported on it; *quá hạn chưa hoàn thành* when the previous quarter of the year
  has no lead report (or the year is over without a report for its last quarter); else
  *chưa đến hạn*. A half-year or year report counts for the quarters it covers.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q

from ansinh.core.history import history_rows
from ansinh.core.periods import Period, PeriodKind
from ansinh.org.models import Agency, AgencyGroup
from ansinh.org.selectors.committees import agency_groups_containing
from ansinh.plans.enums import ReportKind, TaskStatus, UnitRole
from ansinh.plans.models import Plan, ProgressReport, Task, TaskGroup, TaskUnit

STATUS_RULE = [
    "Nhiệm vụ có hạn: hoàn thành khi báo cáo mới nhất của đơn vị chủ trì đạt 100%; đúng hạn nếu "
    "ngày báo cáo đạt 100% đầu tiên không sau hạn, quá hạn nếu sau hạn.",
    "Chưa đạt 100% mà đã qua hạn: quá hạn chưa hoàn thành; chưa qua hạn: đang thực hiện nếu đã có "
    "báo cáo (chủ trì hoặc phối hợp), chưa đến hạn nếu chưa có.",
    "Nhiệm vụ không xác định thời gian: không bao giờ quá hạn.",
    "Nhiệm vụ thường xuyên: xét theo quý hiện tại của năm kế hoạch; quá hạn chưa hoàn thành khi "
    "quý "
    "trước chưa có báo cáo của đơn vị chủ trì. Báo cáo 6 tháng, năm được tính cho các quý "
    "nằm trong.",
]


@dataclass
class StatusInfo:
    status: TaskStatus
    note: str = ""

    @property
    def label(self) -> str:
        return self.status.label

    @property
    def css(self) -> str:
        return self.status.css


def _covers(report: ProgressReport, period: Period) -> bool:
    return report.period.start <= period.start and report.period.end >= period.end


def task_status(*, task: Task, reports: list[ProgressReport], today: dt.date) -> StatusInfo:
    """`reports`: every report of the task (lead and coordinators), oldest first."""
    lead = [r for r in reports if r.kind == ReportKind.PROGRESS]
    if task.recurring:
        return _recurring_status(task, lead, today)
    latest = lead[-1] if lead else None
    if latest is not None and latest.percent == 100:
        done_on = next(r.reported_on for r in lead if r.percent == 100)
        if task.due_date is None or done_on <= task.due_date:
            return StatusInfo(TaskStatus.DONE_ON_TIME, f"hoàn thành ngày {done_on:%d/%m/%Y}")
        return StatusInfo(TaskStatus.DONE_LATE, f"hoàn thành ngày {done_on:%d/%m/%Y}")
    if task.due_date is not None and today > task.due_date:
        return StatusInfo(TaskStatus.OVERDUE, f"hạn {task.due_date:%d/%m/%Y}")
    if reports:
        return StatusInfo(TaskStatus.IN_PROGRESS)
    return StatusInfo(TaskStatus.NOT_DUE)


def current_quarter(*, year: int, today: dt.date) -> Period:
    if today.year < year:
        return Period(year, PeriodKind.QUARTER, 1)
    if today.year > year:
        return Period(year, PeriodKind.QUARTER, 4)
    return Period.containing(today, PeriodKind.QUARTER)


def _recurring_status(task: Task, lead: list[ProgressReport], today: dt.date) -> StatusInfo:
    period = current_quarter(year=task.plan.year, today=today)
    mine = [r for r in lead if _covers(r, period)]
    if mine and mine[-1].percent == 100:
        done_on = mine[-1].reported_on
        status = TaskStatus.DONE_ON_TIME if done_on <= period.end else TaskStatus.DONE_LATE
        return StatusInfo(status, f"{period.label}, báo cáo ngày {done_on:%d/%m/%Y}")
    if mine:
        return StatusInfo(TaskStatus.IN_PROGRESS, period.label)
    if today > period.end:
        return StatusInfo(TaskStatus.OVERDUE, f"chưa báo cáo {period.label}")
    if period.number > 1:
        previous = Period(period.year, PeriodKind.QUARTER, period.number - 1)
        if not any(_covers(r, previous) for r in lead):
            return StatusInfo(TaskStatus.OVERDUE, f"chưa báo cáo {previous.label}")
    return StatusInfo(TaskStatus.NOT_DUE, period.label)


def tasks_with_status(tasks, *, today: dt.date) -> list[Task]:
    """The tasks (with `reports` prefetched) each given `.state`."""
    tasks = list(tasks)
    for task in tasks:
        task.state = task_status(task=task, reports=list(task.reports.all()), today=today)
    return tasks


def _reports_prefetch():
    return Prefetch("reports", queryset=ProgressReport.objects.order_by("reported_on", "pk"))


def plan_tasks(*, plan: Plan, today: dt.date) -> list[Task]:
    tasks = (
        plan.tasks.select_related("group", "plan")
        .prefetch_related(_reports_prefetch(), "units")
        .order_by("position")
    )
    return tasks_with_status(tasks, today=today)


@dataclass
class GroupNode:
    group: TaskGroup
    tasks: list[Task] = field(default_factory=list)
    children: list["GroupNode"] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def status_counts(self) -> list[tuple[TaskStatus, int]]:
        return [(s, self.counts[s]) for s in TaskStatus if self.counts[s]]


def plan_tree(*, plan: Plan, tasks: list[Task]) -> tuple[list[GroupNode], list[Task]]:
    """Groups in document order with their tasks and counts by status (sub-groups included);
    and the tasks outside any group."""
    nodes = {g.pk: GroupNode(g) for g in plan.groups.order_by("position")}
    roots, loose = [], []
    for node in nodes.values():
        parent = nodes.get(node.group.parent_id)
        (parent.children if parent else roots).append(node)
    for task in tasks:
        node = nodes.get(task.group_id)
        if node is None:
            loose.append(task)
            continue
        node.tasks.append(task)
        while node is not None:
            node.counts[task.state.status] += 1
            node = nodes.get(node.group.parent_id)
    return roots, loose


def status_counts(tasks: list[Task]) -> list[tuple[TaskStatus, int]]:
    counts = Counter(t.state.status for t in tasks)
    return [(s, counts[s]) for s in TaskStatus]


def group_expansions(*, province_id: int) -> dict[int, list[Agency]]:
    """Every agency group of the province → its concrete agencies, by the rule of
    `org.selectors.agency_group_expand` (active agencies of the group's kinds, plus its members),
    in two queries instead of one per group."""
    agencies = list(Agency.objects.filter(province_id=province_id, is_active=True))
    result = {}
    for group in AgencyGroup.objects.filter(province_id=province_id).prefetch_related("members"):
        members = {m.pk for m in group.members.all()}
        result[group.pk] = [a for a in agencies if a.kind in (group.kinds or []) or a.pk in members]
    return result


def unit_agencies(unit: TaskUnit, expansions: dict[int, list[Agency]]) -> list[Agency]:
    if unit.agency_id:
        return [unit.agency]
    if unit.agency_group_id:
        return expansions.get(unit.agency_group_id, [])
    return []


@dataclass
class AgencyLoad:
    agency: Agency
    leads: int = 0
    coordinates: int = 0

    @property
    def total(self) -> int:
        return self.leads + self.coordinates


def plan_load(*, plan: Plan, tasks: list[Task]) -> list[AgencyLoad]:
    """How many tasks each concrete agency leads and coordinates (a task counted once per role;
    leading a task it also coordinates counts as leading)."""
    expansions = group_expansions(province_id=plan.committee.province_id)
    agencies = {a.pk: a for group in expansions.values() for a in group}
    agencies.update(
        {a.pk: a for a in Agency.objects.filter(task_units__task__plan=plan).distinct()}
    )
    loads: dict[int, AgencyLoad] = {}
    for task in tasks:
        roles: dict[int, str] = {}
        for unit in task.units.all():
            unit.agency = agencies.get(unit.agency_id) if unit.agency_id else None
            for agency in unit_agencies(unit, expansions):
                if roles.get(agency.pk) != UnitRole.LEAD:
                    roles[agency.pk] = unit.role
        for pk, role in roles.items():
            load = loads.setdefault(pk, AgencyLoad(agencies[pk]))
            if role == UnitRole.LEAD:
                load.leads += 1
            else:
                load.coordinates += 1
    return sorted(loads.values(), key=lambda x: (-x.leads, -x.total, x.agency.name))


@dataclass
class TaskAgencies:
    lead: list[Agency]
    coordinators: list[Agency]


def task_agencies(*, task: Task) -> TaskAgencies:
    expansions = group_expansions(province_id=task.plan.committee.province_id)
    lead, coordinators = {}, {}
    for unit in task.units.select_related("agency"):
        target = lead if unit.role == UnitRole.LEAD else coordinators
        for agency in unit_agencies(unit, expansions):
            target.setdefault(agency.pk, agency)
    for pk in lead:
        coordinators.pop(pk, None)
    return TaskAgencies(list(lead.values()), list(coordinators.values()))


def agency_task_role(*, task: Task, agency) -> str | None:
    """Lead, coordinator or None: how the agency takes part in the task."""
    if agency is None:
        return None
    agencies = task_agencies(task=task)
    if any(a.pk == agency.pk for a in agencies.lead):
        return UnitRole.LEAD
    if any(a.pk == agency.pk for a in agencies.coordinators):
        return UnitRole.COORDINATOR
    return None


def agency_tasks(
    *,
    agency: Agency,
    plan: Plan,
    today: dt.date,
    group_id: int | None = None,
    status: str = "",
    due_before: dt.date | None = None,
    role: str = "",
) -> list[Task]:
    """The tasks of the plan the agency leads or coordinates (directly or through a group),
    each with `.role` and `.state`, filtered as asked."""
    groups = [g.pk for g in agency_groups_containing(agency=agency)]
    mine = Q(agency=agency) | Q(agency_group_id__in=groups)
    tasks = (
        plan.tasks.filter(pk__in=TaskUnit.objects.filter(mine).values("task_id"))
        .select_related("group", "plan")
        .prefetch_related(
            _reports_prefetch(), Prefetch("units", queryset=TaskUnit.objects.filter(mine))
        )
        .order_by("position")
    )
    if group_id:
        tasks = tasks.filter(
            Q(group_id=group_id)
            | Q(group__parent_id=group_id)
            | Q(group__parent__parent_id=group_id)
        )
    if due_before:
        tasks = tasks.filter(due_date__lte=due_before)
    result = []
    for task in tasks_with_status(tasks, today=today):
        roles = {u.role for u in task.units.all()}
        task.role = UnitRole.LEAD if UnitRole.LEAD in roles else UnitRole.COORDINATOR
        if status and task.state.status != status:
            continue
        if role and task.role != role:
            continue
        result.append(task)
    return result


def task_reports(*, task: Task):
    return (
        task.reports.select_related("agency", "created_by")
        .prefetch_related("attachments")
        .order_by("-reported_on", "-pk")
    )


def plan_history(*, plan: Plan, limit: int = 100):
    """The plan's change history with its groups' and tasks' entries, newest first, deleted
    groups and tasks included: live ones are found by id, deleted ones by the plan their entries
    recorded (`get_additional_data`). One query for the entries, one per related model named."""
    types = ContentType.objects.get_for_models(Plan, TaskGroup, Task)
    group_type, task_type = types[TaskGroup], types[Task]
    entries = LogEntry.objects.filter(
        Q(content_type=types[Plan], object_id=plan.pk)
        | Q(content_type=group_type, object_id__in=plan.groups.values("pk"))
        | Q(content_type=task_type, object_id__in=plan.tasks.values("pk"))
        | Q(content_type__in=[group_type, task_type], additional_data__plan=plan.pk)
    )
    return history_rows(
        entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")[:limit]
    )
