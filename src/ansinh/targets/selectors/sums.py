"""The one aggregation every figure comes from: for each measure and row unit, the sum over the
units under it of each unit's latest count on or before a date, within a year.

Done in the database (one GROUP BY query), never row by row in Python.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    When,
)

from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import AdminUnitSuccession
from ansinh.targets.models import MeasureValue


@dataclass(frozen=True)
class Sum_:
    total: int
    units: int
    first_end: dt.date
    last_end: dt.date
    illustrative: bool


def latest_values(*, year: int, day: dt.date):
    """Each unit's latest value of each measure in `year`, on or before `day` (a finer period
    wins a tie: a month over the quarter that ends the same day, by the later row)."""
    newer = MeasureValue.objects.filter(
        measure=OuterRef("measure"),
        admin_unit=OuterRef("admin_unit"),
        year=year,
        period_end__lte=day,
    ).filter(Q(period_end__gt=OuterRef("period_end")) | Q(period_end=OuterRef("period_end"),
                                                          pk__gt=OuterRef("pk")))  # fmt: skip
    return MeasureValue.objects.filter(year=year, period_end__lte=day).exclude(Exists(newer))


def district_row():
    """Row unit inside a province: a 2024 commune counts in its district; any other unit in
    itself."""
    return Case(
        When(
            admin_unit__level=AdminLevel.COMMUNE,
            admin_unit__edition=AdminEdition.Y2024,
            then=F("admin_unit__parent_id"),
        ),
        default=F("admin_unit_id"),
        output_field=IntegerField(),
    )


def province_2025_row():
    """Row unit of the national table: the 2025 province a unit's territory is now in.

    2025 units by their parent; a 2024 province or district by its successor province, a 2024
    commune by its successor commune's province (the first one, when it was split)."""
    succession = AdminUnitSuccession.objects.filter(predecessor=OuterRef("admin_unit_id"))
    return Case(
        When(
            admin_unit__edition=AdminEdition.Y2025,
            admin_unit__level=AdminLevel.PROVINCE,
            then=F("admin_unit_id"),
        ),
        When(admin_unit__edition=AdminEdition.Y2025, then=F("admin_unit__parent_id")),
        When(
            admin_unit__level=AdminLevel.COMMUNE,
            then=Subquery(
                succession.filter(successor__level=AdminLevel.COMMUNE)
                .order_by("-is_whole", "successor_id")
                .values("successor__parent_id")[:1]
            ),
        ),
        default=Subquery(
            succession.filter(successor__level=AdminLevel.PROVINCE)
            .order_by("-is_whole", "successor_id")
            .values("successor_id")[:1]
        ),
        output_field=IntegerField(),
    )


def sums(
    *, year: int, day: dt.date, row, unit_ids=None, measure_ids=None
) -> dict[tuple[int, int], Sum_]:
    """{(measure id, row unit id): Sum_} in one query."""
    values = latest_values(year=year, day=day)
    if unit_ids is not None:
        values = values.filter(admin_unit_id__in=unit_ids)
    if measure_ids is not None:
        values = values.filter(measure_id__in=measure_ids)
    grouped = (
        values.annotate(row=row)
        .values("measure_id", "row")
        .annotate(
            total=Sum("value"),
            units=Count("admin_unit_id", distinct=True),
            first_end=Min("period_end"),
            last_end=Max("period_end"),
            illustrative=Max(Case(When(is_illustrative=True, then=1), default=0)),
        )
        .order_by()
    )
    return {
        (g["measure_id"], g["row"]): Sum_(
            g["total"], g["units"], g["first_end"], g["last_end"], bool(g["illustrative"])
        )
        for g in grouped
        if g["row"] is not None
    }
