"""A unit's figures period by period, for the chart on its page."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from ansinh.core.periods import Period, PeriodKind
from ansinh.org.enums import AdminLevel
from ansinh.org.models import AdminUnit
from ansinh.targets.models import Indicator, MeasureValue
from ansinh.targets.selectors.attainment import province_row_units, rate_of, value_unit_ids


@dataclass
class Point:
    end: dt.date
    label: str
    rate: Decimal  # the rate, or the year-to-date count or amount


def series_unit_ids(unit: AdminUnit) -> list[int]:
    """The units whose counts make up `unit`'s figures."""
    if unit.level == AdminLevel.PROVINCE:
        return value_unit_ids(province_row_units(unit))
    return value_unit_ids([unit])


def unit_series(
    *, unit: AdminUnit, indicator: Indicator, years: list[int], ids: list[int] | None = None
) -> list[Point]:
    """Rate at the end of each period with both counts, over the unit and the units under it
    (every district of a province, every 2024 commune of a district)."""
    ids = series_unit_ids(unit) if ids is None else ids
    measure_ids = [m for m in (indicator.numerator_id, indicator.denominator_id) if m]
    grouped = (
        MeasureValue.objects.filter(
            admin_unit_id__in=ids, year__in=years, measure_id__in=measure_ids
        )
        .values("measure_id", "year", "period_kind", "period_number")
        .annotate(total=Sum("value"))
        .order_by()
    )
    by_period: dict[Period, dict[int, int]] = {}
    for g in grouped:
        period = Period(g["year"], PeriodKind(g["period_kind"]), g["period_number"])
        by_period.setdefault(period, {})[g["measure_id"]] = g["total"]
    points = []
    for period in sorted(by_period, key=lambda p: (p.end, p.kind != PeriodKind.MONTH)):
        counts = by_period[period]
        if indicator.is_rate:
            rate = rate_of(counts.get(indicator.numerator_id), counts.get(indicator.denominator_id))
        else:
            total = counts.get(indicator.numerator_id)
            rate = Decimal(total) if total is not None else None
        if rate is not None and not (points and points[-1].end == period.end):
            points.append(Point(period.end, period.label, rate))
    return points
