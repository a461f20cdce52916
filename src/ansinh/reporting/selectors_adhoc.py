"""Reads of ad hoc reports: a regime's requests with how many reporters sent, and one request's
reporters with the status of each."""

import datetime as dt

from django.db.models import Count, F, Q, QuerySet

from ansinh.reporting.enums import ReportPeriod
from ansinh.reporting.models import AdHocRequest, Obligation, ReportingRegime, ReportKind
from ansinh.reporting.selectors import with_status


def adhoc_kinds(*, regime: ReportingRegime) -> QuerySet[ReportKind]:
    return regime.kinds.filter(period_kind=ReportPeriod.AD_HOC).order_by("position", "pk")


def adhoc_requests(*, regime: ReportingRegime) -> QuerySet[AdHocRequest]:
    """Latest deadline first, each with `asked`, `sent` (at least once, even if returned since)
    and `missing`."""
    return (
        AdHocRequest.objects.filter(kind__regime=regime)
        .annotate(
            asked=Count("obligations"),
            sent=Count(
                "obligations",
                filter=Q(obligations__submission__first_submitted_at__isnull=False),
            ),
        )
        .annotate(missing=F("asked") - F("sent"))
        .order_by("-due_date", "-pk")
    )


def adhoc_obligations(*, request: AdHocRequest, today: dt.date) -> list[Obligation]:
    obligations = (
        Obligation.objects.filter(request=request)
        .select_related("agency", "kind__regime", "request", "submission")
        .order_by("agency__kind", "agency__name")
    )
    return with_status(obligations, today=today)
