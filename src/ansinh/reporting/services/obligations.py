"""Obligations: one row per reporter, report kind and period, generated from the regime."""

from django.db import transaction

from ansinh.reporting import deadlines
from ansinh.reporting.enums import DeadlineRule, ReportLevel
from ansinh.reporting.models import Obligation, ReportingRegime
from ansinh.reporting.services.regimes import regime_reporters


@transaction.atomic
def obligations_generate(*, regime: ReportingRegime, year: int) -> int:
    """Every obligation of the year that is not there yet; returns how many were created."""
    reporters = regime_reporters(regime=regime)
    created = 0
    for kind in regime.kinds.exclude(rule=DeadlineRule.NONE):
        agencies = (
            reporters if kind.level == ReportLevel.AGENCY else [regime.committee.standing_agency]
        )
        existing = set(
            kind.obligations.filter(period_year=year).values_list("agency_id", "period_number")
        )
        rows = []
        for period in kind.periods(year):
            due = kind.due_for(period)
            for agency in agencies:
                if (agency.pk, period.number) in existing:
                    continue
                rows.append(
                    Obligation(
                        kind=kind,
                        agency=agency,
                        period_year=year,
                        period_kind=period.kind,
                        period_number=period.number,
                        due_date=due,
                        last_day=deadlines.last_day(due=due, reading=regime.reading),
                        cutoff=deadlines.cutoff_for(rule=kind.cutoff, period=period),
                    )
                )
        Obligation.objects.bulk_create(rows)
        created += len(rows)
    return created
