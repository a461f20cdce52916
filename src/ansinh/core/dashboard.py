"""Reads behind the leaders' overview (Tổng quan): one province and year, gathered from the
selectors of the capabilities that own the data. The overview owns nothing, so it lives in core
and only reads.

- attainment: the targets table at the end of the year, or today for the current year;
- overdue tasks: the year's issued plans, status as on the plans pages (today's);
- reports: per regime, completeness and timeliness of the latest period whose last day has
  passed, and how many reports of the year are overdue (never sent after their last day);
- decisions to take: what is waiting now, whatever the year (concerns not answered,
  commendation proposals waiting for review or approval, coming meetings, open consultations);
- the health-insurance fund of the year.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.utils import timezone

from ansinh.accounts import perms
from ansinh.accounts.enums import UserRole
from ansinh.core.periods import Period, PeriodKind
from ansinh.healthfund.models import Budget
from ansinh.healthfund.selectors import report_figures
from ansinh.meetings.enums import MeetingStatus
from ansinh.meetings.models import Consultation, Meeting
from ansinh.meetings.selectors_consultations import consultation_list
from ansinh.org.models import Committee
from ansinh.plans.enums import PlanStatus, TaskStatus
from ansinh.plans.models import Plan
from ansinh.plans.selectors import current_quarter, plan_tasks
from ansinh.reporting.enums import ConcernStatus, Timeliness
from ansinh.reporting.models import Concern, Obligation, ReportingRegime
from ansinh.reporting.selectors import AdHocColumn, Rate, completeness_matrix
from ansinh.rewards.enums import ProposalStatus
from ansinh.rewards.models import Proposal, ReviewRound
from ansinh.targets.selectors.attainment import Table, attainment_table

OVERDUE_SHOWN = 10
WAITING_SHOWN = 5
WAITING_CONCERNS = (ConcernStatus.OPEN, ConcernStatus.IN_PROGRESS)
WAITING_PROPOSALS = (ProposalStatus.SUBMITTED, ProposalStatus.AGREED)


def may_see_dashboard(user) -> bool:
    """Leaders, standing-agency officers and administrators; the province is checked apart."""
    return user.is_authenticated and (
        user.is_system_admin or user.role in (UserRole.LEADER, UserRole.STANDING_OFFICER)
    )


def check_may_see(user) -> None:
    if not may_see_dashboard(user):
        raise PermissionDenied(
            "Trang tổng quan dành cho lãnh đạo Ban Chỉ đạo và cơ quan thường trực."
        )


def dashboard_provinces(user):
    """The provinces with a committee among those the user sees (the province picker)."""
    return (
        Committee.objects.filter(province_id__in=perms.visible_province_ids(user))
        .select_related("province")
        .order_by("province__name")
    )


def default_year(*, committee: Committee | None, province, today: dt.date) -> int:
    """The latest year, up to this one, that has a plan, a report owed or a fund budget."""
    if committee is None:
        return today.year
    years = [
        Plan.objects.filter(committee=committee).aggregate(y=Max("year"))["y"],
        Obligation.objects.filter(
            kind__regime__committee=committee, period_year__lte=today.year
        ).aggregate(y=Max("period_year"))["y"],
        Budget.objects.filter(province=province, year__lte=today.year).aggregate(y=Max("year"))[
            "y"
        ],
    ]
    years = [y for y in years if y is not None and y <= today.year]
    return max(years, default=today.year)


def reference_day(year: int, today: dt.date) -> dt.date:
    """Today in the current year; the year's last day for a past year, its first for a future."""
    return min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))


# Tasks ------------------------------------------------------------------------------------


def _overdue_since(task, today: dt.date) -> dt.date:
    """The date a task became overdue: its due date, or for a recurring task the end of the
    quarter it was not reported for (the status rule of the plans capability)."""
    if task.due_date is not None:
        return task.due_date
    quarter = current_quarter(year=task.plan.year, today=today)
    if today > quarter.end or quarter.number == 1:
        return quarter.end
    return Period(quarter.year, PeriodKind.QUARTER, quarter.number - 1).end


@dataclass
class OverdueTasks:
    total: int = 0
    plans: list = field(default_factory=list)
    tasks: list = field(default_factory=list)  # the most overdue, each with .overdue_days


def overdue_tasks(*, committee: Committee, year: int, today: dt.date) -> OverdueTasks:
    plans = list(Plan.objects.filter(committee=committee, year=year, status=PlanStatus.ISSUED))
    found = []
    for plan in plans:
        found += [
            t for t in plan_tasks(plan=plan, today=today) if t.state.status == TaskStatus.OVERDUE
        ]
    for task in found:
        task.overdue_days = (today - _overdue_since(task, today)).days
    found.sort(key=lambda t: (-t.overdue_days, t.plan_id, t.position))
    return OverdueTasks(total=len(found), plans=plans, tasks=found[:OVERDUE_SHOWN])


# Reports ----------------------------------------------------------------------------------


@dataclass
class RegimeRates:
    regime: ReportingRegime
    kind: object | None  # the report kind of the latest period due
    period: Period | None
    rate: Rate | None
    overdue: int


def report_rates(*, committee: Committee, year: int, today: dt.date) -> list[RegimeRates]:
    result = []
    for regime in ReportingRegime.objects.filter(committee=committee).order_by("name"):
        matrix = completeness_matrix(regime=regime, year=year, today=today)
        latest, latest_day = None, None
        for index, (_kind, period) in enumerate(matrix.columns):
            if isinstance(period, AdHocColumn):
                continue
            days = [row[1][index][0].last_day for row in matrix.rows if row[1][index]]
            last_day = max(days, default=None)
            if last_day and last_day < today and (latest_day is None or last_day >= latest_day):
                latest, latest_day = index, last_day
        overdue = sum(
            1
            for _, cells, _ in matrix.rows
            for cell in cells
            if cell and cell[1] == Timeliness.MISSING
        )
        kind, period = matrix.columns[latest] if latest is not None else (None, None)
        rate = matrix.column_rates[latest] if latest is not None else None
        result.append(RegimeRates(regime, kind, period, rate, overdue))
    return result


# Decisions to take ------------------------------------------------------------------------


@dataclass
class Decisions:
    concerns: dict
    concerns_oldest: list
    proposals: dict
    proposal_rounds: list  # (round, {status: count})
    meetings: list
    consultations: list

    @property
    def empty(self) -> bool:
        return not (
            any(self.concerns.values())
            or any(self.proposals.values())
            or self.meetings
            or self.consultations
        )


def decisions(*, committee: Committee, now: dt.datetime) -> Decisions:
    concerns = Concern.objects.filter(committee=committee, status__in=WAITING_CONCERNS)
    by_status = dict(concerns.values_list("status").annotate(n=Count("pk")).order_by())
    proposals = (
        Proposal.objects.filter(round__committee=committee, status__in=WAITING_PROPOSALS)
        .values_list("round_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_round: dict[int, dict] = {}
    for round_id, status, n in proposals:
        per_round.setdefault(round_id, {})[status] = n
    rounds = ReviewRound.objects.filter(pk__in=per_round).order_by("-year", "-pk")
    meetings = (
        Meeting.objects.filter(committee=committee, starts_at__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("starts_at", "pk")[:WAITING_SHOWN]
    )
    open_consultations = consultation_list(
        consultations=Consultation.objects.filter(committee=committee, closes_at__gt=now)
    ).order_by("closes_at", "pk")[:WAITING_SHOWN]
    return Decisions(
        concerns={s: by_status.get(s.value, 0) for s in WAITING_CONCERNS},
        concerns_oldest=list(
            concerns.select_related("agency").order_by("created_at", "pk")[:WAITING_SHOWN]
        ),
        proposals={
            s: sum(counts.get(s.value, 0) for counts in per_round.values())
            for s in WAITING_PROPOSALS
        },
        proposal_rounds=[(r, per_round[r.pk]) for r in rounds],
        meetings=list(meetings),
        consultations=list(open_consultations),
    )


# The page ---------------------------------------------------------------------------------


@dataclass
class Dashboard:
    province: object
    committee: Committee | None
    year: int
    day: dt.date
    attainment: Table
    tasks: OverdueTasks | None
    reports: list[RegimeRates]
    decisions: Decisions | None
    fund: dict | None

    @property
    def has_attainment(self) -> bool:
        return any(c.actual is not None for c in self.attainment.total.cells)


def dashboard(*, province, year: int, committee: Committee | None) -> Dashboard:
    now = timezone.now()
    today = timezone.localdate(now)
    day = reference_day(year, today)
    fund = report_figures(province=province, year=year)
    has_fund = fund["budget"] is not None or fund["spent"]
    return Dashboard(
        province=province,
        committee=committee,
        year=year,
        day=day,
        attainment=attainment_table(province=province, day=day),
        tasks=overdue_tasks(committee=committee, year=year, today=today) if committee else None,
        reports=report_rates(committee=committee, year=year, today=today) if committee else [],
        decisions=decisions(committee=committee, now=now) if committee else None,
        fund=fund if has_fund else None,
    )
