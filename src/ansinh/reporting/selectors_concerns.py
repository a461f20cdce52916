"""Reads of difficulties and recommendations: who sees which, the filtered list, and the counts
by topic and by agency the standing agency works from."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from ansinh.accounts.enums import UserRole
from ansinh.accounts.perms import visible_province_ids
from ansinh.org.models import Agency, Committee
from ansinh.reporting.enums import ConcernStatus, ConcernTopic
from ansinh.reporting.models import Concern
from ansinh.reporting.perms import can_read_all


def readable_committees(*, user) -> list[Committee]:
    """Committees whose every concern the user reads: standing agency, leaders, administrators."""
    committees = Committee.objects.filter(province_id__in=visible_province_ids(user))
    return [c for c in committees if can_read_all(user, c)]


def concerns_for_user(*, user) -> QuerySet[Concern]:
    """All of a readable committee's concerns; otherwise only those the user's agency raised."""
    mine = Q(agency_id=user.agency_id) if user.agency_id else Q(pk__in=[])
    return Concern.objects.for_user(user).filter(
        Q(committee__in=readable_committees(user=user)) | mine
    )


def can_raise(user) -> bool:
    return bool(user.is_authenticated and user.agency_id and user.role == UserRole.AGENCY_OFFICER)


def raise_committees(*, user) -> QuerySet[Committee]:
    """The committees the user's agency may raise a concern to: those of its province."""
    if not can_raise(user):
        return Committee.objects.none()
    return Committee.objects.filter(province_id=user.agency.province_id).order_by("name")


@dataclass
class Filters:
    topic: str = ""
    agency: int | None = None
    status: str = ""

    @classmethod
    def from_query(cls, params) -> "Filters":
        topic = params.get("linhvuc", "")
        status = params.get("trangthai", "")
        agency = params.get("coquan", "")
        return cls(
            topic=topic if topic in ConcernTopic.values else "",
            agency=int(agency) if agency.isdigit() else None,
            status=status if status in ConcernStatus.values else "",
        )


def concern_list(*, user, filters: Filters) -> QuerySet[Concern]:
    concerns = concerns_for_user(user=user)
    if filters.topic:
        concerns = concerns.filter(topic=filters.topic)
    if filters.agency:
        concerns = concerns.filter(agency_id=filters.agency)
    if filters.status:
        concerns = concerns.filter(status=filters.status)
    return concerns.select_related(
        "agency",
        "committee",
        "answered_by",
        "submission__obligation__kind",
        "submission__obligation__request",
    ).order_by("-created_at", "-pk")


def concern_agencies(*, user) -> list[Agency]:
    """Agencies that raised something the user can see, for the agency filter."""
    ids = concerns_for_user(user=user).values_list("agency_id", flat=True).distinct()
    return list(Agency.objects.filter(pk__in=ids).order_by("name"))


@dataclass
class SummaryRow:
    label: str
    counts: list[int]
    total: int


@dataclass
class Summary:
    statuses: list[ConcernStatus]
    rows: list[SummaryRow] = field(default_factory=list)


def _summary(concerns: QuerySet[Concern], by: str, labels: dict) -> Summary:
    statuses = list(ConcernStatus)
    counts: dict = {}
    for row in concerns.order_by().values(by, "status").annotate(n=Count("pk")):
        counts.setdefault(row[by], {})[row["status"]] = row["n"]
    summary = Summary(statuses)
    for key, label in labels.items():
        if key in counts:
            cells = [counts[key].get(s.value, 0) for s in statuses]
            summary.rows.append(SummaryRow(label, cells, sum(cells)))
    return summary


def concern_summary(*, concerns: QuerySet[Concern]) -> tuple[Summary, Summary]:
    """Counts by topic × status and by agency × status, in one query each."""
    by_topic = _summary(concerns, "topic", dict(ConcernTopic.choices))
    ids = concerns.order_by().values_list("agency_id", flat=True).distinct()
    names = dict(Agency.objects.filter(pk__in=ids).order_by("name").values_list("pk", "name"))
    by_agency = _summary(concerns, "agency_id", names)
    return by_topic, by_agency
