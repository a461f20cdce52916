"""Reads shared by the compliance pages. Each area keeps its own reads in selectors_<area>.py."""

from django.db.models import Count, Sum

from ansinh.compliance.enums import FindingStatus, MatchStatus
from ansinh.compliance.models import (
    ArrearsStatement,
    Employer,
    Finding,
    InspectionCase,
    MatchCandidate,
    Reconciliation,
    RegistrySnapshot,
)


def overview(*, province) -> dict:
    statement = ArrearsStatement.objects.filter(province=province).order_by("-as_of").first()
    run = Reconciliation.objects.filter(province=province).order_by("-created_at").first()
    return {
        "employers": Employer.objects.filter(province=province).count(),
        "snapshots": RegistrySnapshot.objects.filter(province=province).count(),
        "statement": statement,
        "owing": statement.lines.exclude(arrears_class="khong_no").aggregate(
            n=Count("pk"), amount=Sum("closing")
        )
        if statement
        else None,
        "run": run,
        "pending": MatchCandidate.objects.filter(run=run, status=MatchStatus.PENDING).count()
        if run
        else 0,
        "open_findings": Finding.objects.filter(
            province=province, status__in=[FindingStatus.OPEN, FindingStatus.FOLLOWING]
        ).count(),
        "inspections": InspectionCase.objects.filter(province=province).count(),
    }
