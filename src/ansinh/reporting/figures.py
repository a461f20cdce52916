"""The indicator figures a report shows for its reporter's locality: a district People's
Committee sees its district, the standing agency the whole province; department reports have
none. Read from the targets capability at the report's data cut-off."""

import datetime as dt

from django.utils import timezone

from ansinh.core.vnformat import format_date
from ansinh.reporting.models import Obligation
from ansinh.targets.selectors.attainment import attainment_row, attainment_table


def locality_figures(*, obligation: Obligation, today: dt.date | None = None) -> list[dict]:
    committee = obligation.kind.regime.committee
    agency = obligation.agency
    is_standing = agency.pk == committee.standing_agency_id
    unit = agency.admin_unit
    if unit is None and not is_standing:
        return []
    today = today or timezone.localdate()
    day = min(obligation.cutoff, today)
    if is_standing:
        row = attainment_table(province=committee.province, day=day, unit_ids=set()).total
    else:
        row = attainment_row(province=committee.province, day=day, unit=unit)
        if row is None:
            return []
    cells = [c for c in row.cells if c.rate is not None or c.target is not None]
    return [
        {
            "indicator": c.indicator.name,
            "unit": row.unit.name if not row.is_total else committee.province.name,
            "day": format_date(day),
            "rate": c.rate_display,
            "target": c.target_display,
            "expected": c.expected_display,
            "assessment": c.light.label,
            "explanation": c.explanation,
        }
        for c in cells
    ]
