"""Ad hoc reports (báo cáo đột xuất): the standing agency asks chosen reporters for a report on
one subject by a date it sets; each reporter then owes it like any periodic report."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ansinh.core.history import acting_as
from ansinh.core.periods import PeriodKind
from ansinh.reporting import deadlines
from ansinh.reporting.enums import ReportPeriod
from ansinh.reporting.models import AdHocRequest, Obligation, ReportKind
from ansinh.reporting.services.regimes import regime_reporters


@transaction.atomic
def adhoc_request_create(
    *,
    kind: ReportKind,
    user,
    title: str,
    content: str,
    due_date: dt.date,
    agencies,
) -> AdHocRequest:
    """The request and one obligation per chosen agency, or nothing at all."""
    today = timezone.localdate()
    regime = kind.regime
    if kind.period_kind != ReportPeriod.AD_HOC:
        raise ValidationError(f"“{kind.name}” không phải loại báo cáo đột xuất.")
    agencies = list(agencies)
    if not agencies:
        raise ValidationError({"agencies": "Chọn ít nhất một cơ quan báo cáo."})
    reporters = {a.pk for a in regime_reporters(regime=regime)}
    strangers = [a.name for a in agencies if a.pk not in reporters]
    if strangers:
        raise ValidationError(
            {"agencies": "Không phải cơ quan báo cáo của chế độ này: " + ", ".join(strangers)}
        )
    if due_date <= today:
        raise ValidationError(
            {"due_date": f"Hạn gửi (trước ngày): phải sau hôm nay ({today:%d/%m/%Y})."}
        )
    # The request's number is the obligations' period number, and obligations are unique per
    # kind, agency, year and number: so it counts within the year of the deadline.
    year = due_date.year
    taken = AdHocRequest.objects.filter(kind=kind, year=year).aggregate(n=Max("number"))["n"]
    with acting_as(user):
        request = AdHocRequest(
            kind=kind,
            year=year,
            number=(taken or 0) + 1,
            title=title.strip(),
            content=content.strip(),
            due_date=due_date,
            created_by=user,
            updated_by=user,
        )
        request.full_clean()
        request.save()
        last_day = deadlines.last_day(due=due_date, reading=regime.reading)
        obligations = [
            Obligation(
                kind=kind,
                agency=agency,
                request=request,
                period_year=year,
                period_kind=PeriodKind.YEAR,
                period_number=request.number,
                due_date=due_date,
                last_day=last_day,
                cutoff=today,
            )
            for agency in agencies
        ]
        for obligation in obligations:
            obligation.full_clean(exclude=["kind", "agency", "request"])
        Obligation.objects.bulk_create(obligations)
    return request
