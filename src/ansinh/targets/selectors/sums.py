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
    Value,
    When,
)
from django.db.models.lookups import LessThan

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


def latest_values(*, year: int, day: dt.date, unit_ids=None, measure_ids=None):
    """Each unit's latest value of each measure in `year`, on or before `day` (a finer period
    wins a tie: a month over the quarter that ends the same day, by the later row), for the
    given units and measures only when given."""
    scope = MeasureValue.objects.filter(year=year, period_end__lte=day)
    if unit_ids is not None:
        scope = scope.filter(admin_unit_id__in=unit_ids)
    if measure_ids is not None:
        scope = scope.filter(measure_id__in=measure_ids)
    # The same scope inside: PostgreSQL otherwise hashes the whole country's year of values
    # for the anti-join, however few units the outer query asks for.
    newer = scope.filter(
        measure=OuterRef("measure"), admin_unit=OuterRef("admin_unit")
    ).filter(Q(period_end__gt=OuterRef("period_end")) | Q(period_end=OuterRef("period_end"),
                                                          pk__gt=OuterRef("pk")))  # fmt: skip
    return scope.exclude(Exists(newer))


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


# Row of the counts of a 2024 unit split between several 2025 provinces ("chia tách").
SPLIT = -1


def province_2025_row():
    """Row unit of the national table: the 2025 province a unit's territory is now in.

    2025 units by their parent; a 2024 province or district by its successor province, a 2024
    commune by its successor communes' province. A 2024 unit whose successors lie in more than
    one 2025 province is split: the shares are not known, so its counts go to no province and
    are returned under the row SPLIT ("chia tách"), listed apart by `split_units`."""
    succession = AdminUnitSuccession.objects.filter(predecessor=OuterRef("admin_unit_id"))
    communes = succession.filter(successor__level=AdminLevel.COMMUNE)
    provinces = succession.filter(successor__level=AdminLevel.PROVINCE)

    def bound(qs, field, how):
        return Subquery(
            qs.values("predecessor").annotate(v=how(field)).values("v")[:1],
            output_field=IntegerField(),
        )

    low_c, high_c = (bound(communes, "successor__parent_id", f) for f in (Min, Max))
    low_p, high_p = (bound(provinces, "successor_id", f) for f in (Min, Max))
    return Case(
        When(
            admin_unit__edition=AdminEdition.Y2025,
            admin_unit__level=AdminLevel.PROVINCE,
            then=F("admin_unit_id"),
        ),
        When(admin_unit__edition=AdminEdition.Y2025, then=F("admin_unit__parent_id")),
        When(
            admin_unit__level=AdminLevel.COMMUNE,
            then=Case(When(LessThan(low_c, high_c), then=Value(SPLIT)), default=low_c),
        ),
        default=Case(When(LessThan(low_p, high_p), then=Value(SPLIT)), default=low_p),
        output_field=IntegerField(),
    )


def split_units(*, year: int, day: dt.date) -> list[dict]:
    """The 2024 units split between several 2025 provinces that have counts at `day`, with
    their successor provinces: their counts are listed as "chia tách", not added to any
    province."""
    values = latest_values(year=year, day=day).annotate(row=province_2025_row()).filter(row=SPLIT)
    units = {}
    for value in values.select_related("admin_unit", "measure"):
        entry = units.setdefault(
            value.admin_unit_id, {"unit": value.admin_unit, "values": [], "provinces": []}
        )
        entry["values"].append(value)
    successions = AdminUnitSuccession.objects.filter(predecessor_id__in=units).select_related(
        "successor__parent", "successor"
    )
    for succession in successions:
        successor = succession.successor
        province = successor if successor.level == AdminLevel.PROVINCE else successor.parent
        names = units[succession.predecessor_id]["provinces"]
        if province.name not in names:
            names.append(province.name)
    return sorted(units.values(), key=lambda e: e["unit"].code)


def sums(
    *, year: int, day: dt.date, row, unit_ids=None, measure_ids=None
) -> dict[tuple[int, int], Sum_]:
    """{(measure id, row unit id): Sum_} in one query."""
    values = latest_values(year=year, day=day, unit_ids=unit_ids, measure_ids=measure_ids)
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
