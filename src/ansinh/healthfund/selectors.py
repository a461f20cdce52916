"""Reads: cost indicators per facility against peer averages, budget burn-down, and the figures
the consolidated report and the dashboard take from this capability."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BigIntegerField, Count, F, Q, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from ansinh.core import periods
from ansinh.healthfund.config import GROUP_PREFIX, CostIndicator, indicators
from ansinh.healthfund.enums import Scope, Span, WarningStatus
from ansinh.healthfund.models import (
    Allocation,
    Budget,
    Facility,
    FundSetting,
    FundWarning,
    MonthlySpending,
    ReferenceAverage,
)

TWO = Decimal("0.01")


def _field_value(field: str):
    """A spending field as an SQL expression; a cost group is read out of the JSON column, so
    the sums stay in the database (SQLite and PostgreSQL alike)."""
    if field.startswith(GROUP_PREFIX):
        return Cast(KT(f"cost_groups__{field[len(GROUP_PREFIX) :]}"), BigIntegerField())
    return F(field)


def facility_sums(*, facility_ids, year: int, month: int, fields) -> dict[tuple, dict]:
    """Σ of `fields` per (facility, span), for the month and the year to date, in one
    GROUP BY; a facility without a row in the month has no month span."""
    fields = sorted(fields)
    aliases = {f"f{n}": field for n, field in enumerate(fields)}
    in_month = Q(month=month)
    sums = {}
    for alias, field in aliases.items():
        value = _field_value(field)
        sums[f"y{alias}"] = Coalesce(Sum(value), 0, output_field=BigIntegerField())
        sums[f"m{alias}"] = Coalesce(Sum(value, filter=in_month), 0, output_field=BigIntegerField())
    rows = (
        MonthlySpending.objects.filter(facility_id__in=facility_ids, year=year, month__lte=month)
        .values("facility_id")
        .annotate(rows_in_month=Count("pk", filter=in_month), **sums)
        .order_by()
    )
    found = {}
    for row in rows:
        facility_id = row["facility_id"]
        found[(facility_id, Span.YEAR_TO_DATE)] = {f: row[f"y{a}"] for a, f in aliases.items()}
        if row["rows_in_month"]:
            found[(facility_id, Span.MONTH)] = {f: row[f"m{a}"] for a, f in aliases.items()}
    return found


def ratio(numerator, denominator, factor=Decimal(1)) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * factor / Decimal(denominator)).quantize(TWO, ROUND_HALF_UP)


def _parts(indicator: CostIndicator, totals: dict) -> tuple[int, int]:
    numerator = sum(totals.get(f, 0) for f in indicator.numerator)
    numerator -= sum(totals.get(f, 0) for f in indicator.subtract)
    return numerator, totals.get(indicator.denominator, 0)


def peer_sums(*, own: dict[tuple, dict], peer_of: dict[int, tuple]) -> dict[tuple, dict]:
    """Σ of every field per (peer group, span): the facilities' sums added up, so a peer
    average is Σ numerator / Σ denominator of the group, never a mean of ratios."""
    peers: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
    for (facility_id, span), amounts in own.items():
        group = peers[(peer_of[facility_id], span)]
        for field, amount in amounts.items():
            group[field] += amount
    return peers


@dataclass
class Figure:
    indicator: CostIndicator
    facility: Facility
    span: str
    value: Decimal | None
    peer_average: Decimal | None
    region: Decimal | None = None
    country: Decimal | None = None

    @property
    def excess_percent(self) -> Decimal | None:
        if self.value is None or not self.peer_average:
            return None
        return ((self.value / self.peer_average - 1) * 100).quantize(TWO, ROUND_HALF_UP)


def _references(*, year: int, month: int) -> dict[tuple, Decimal]:
    found = {}
    for ref in ReferenceAverage.objects.filter(year=year, month=month):
        found[(ref.indicator, ref.tier, ref.rank, ref.specialty, ref.scope)] = ref.value
    return found


def figures(*, facilities: list[Facility], peers: list[Facility], year: int, month: int):
    """Every indicator of `facilities` for the month and year to date, beside the average of
    their peers among `peers` (Σ numerator / Σ denominator of the group)."""
    peer_of = {f.pk: f.peer_key for f in peers}
    fields = set().union(*(indicator.fields for indicator in indicators()))
    own = facility_sums(facility_ids=list(peer_of), year=year, month=month, fields=fields)
    # One average per peer group, span and indicator, shared by every facility of the group.
    averages = {
        (key, span, indicator.code): ratio(*_parts(indicator, group), indicator.factor)
        for (key, span), group in peer_sums(own=own, peer_of=peer_of).items()
        for indicator in indicators()
    }
    references = _references(year=year, month=month)
    result = []
    for facility in facilities:
        for indicator in indicators():
            for span in (Span.MONTH, Span.YEAR_TO_DATE):
                mine = own.get((facility.pk, span))
                if mine is None:
                    continue
                figure = Figure(
                    indicator=indicator,
                    facility=facility,
                    span=span,
                    value=ratio(*_parts(indicator, mine), indicator.factor),
                    peer_average=averages[(facility.peer_key, span, indicator.code)],
                )
                if span == Span.MONTH:
                    ref_key = (indicator.code, *facility.peer_key)
                    figure.region = references.get((*ref_key, Scope.REGION))
                    figure.country = references.get((*ref_key, Scope.COUNTRY))
                result.append(figure)
    return result


def margin_for(province) -> Decimal:
    from ansinh.healthfund.config import fund_settings

    setting = FundSetting.objects.filter(committee__province=province).first()
    if setting is not None:
        return setting.margin_percent
    return Decimal(str(fund_settings()["default_margin_percent"]))


def exceedances(*, province, year: int, month: int) -> list[Figure]:
    """Facilities above their peer average by more than the committee's margin."""
    facilities = list(Facility.objects.filter(province=province))
    margin = margin_for(province)
    return [
        f
        for f in figures(facilities=facilities, peers=facilities, year=year, month=month)
        if f.excess_percent is not None and f.excess_percent > margin
    ]


def loaded_months(*, province, year: int) -> list[int]:
    return sorted(
        set(
            MonthlySpending.objects.filter(facility__province=province, year=year)
            .values_list("month", flat=True)
            .distinct()
        )
    )


@dataclass
class BurnMonth:
    month: int
    spent: int
    cumulative: int
    percent: Decimal | None

    @property
    def projected(self) -> int:
        """The year's spending if the pace of the months so far went on to December."""
        return self.cumulative * 12 // self.month


@dataclass
class BurnDown:
    budget: int | None
    months: list[BurnMonth]
    projected: int | None

    @property
    def spent(self) -> int:
        return self.months[-1].cumulative if self.months else 0

    @property
    def spent_percent(self) -> Decimal | None:
        return ratio(self.spent, self.budget, Decimal(100))

    @property
    def over_budget(self) -> bool:
        return bool(self.budget and self.projected and self.projected > self.budget)

    @property
    def projected_percent(self) -> Decimal | None:
        return ratio(self.projected, self.budget, Decimal(100)) if self.projected else None


def _burn(per_month: dict[int, int], budget: int | None) -> BurnDown:
    """Months 1 to the last loaded, cumulated, and a straight-line projection to twelve."""
    months, cumulative = [], 0
    last = max(per_month, default=0)
    for month in range(1, last + 1):
        cumulative += per_month.get(month, 0)
        months.append(
            BurnMonth(month, per_month.get(month, 0), cumulative, ratio(cumulative, budget, 100))
        )
    projected = cumulative * 12 // last if last else None
    return BurnDown(budget=budget, months=months, projected=projected)


def burn_down(*, province, year: int, facility: Facility | None = None) -> BurnDown:
    """Insurance-paid spending per month against the budget (or the facility's expected
    spending), and a straight-line projection of the months loaded to twelve months."""
    spending = MonthlySpending.objects.filter(facility__province=province, year=year)
    budget_row = Budget.objects.filter(province=province, year=year).first()
    budget = budget_row.amount if budget_row else None
    if facility is not None:
        spending = spending.filter(facility=facility)
        allocation = Allocation.objects.filter(budget=budget_row, facility=facility).first()
        budget = allocation.amount if allocation else None
    per_month = dict(
        spending.values_list("month").annotate(total=Sum("insured_cost")).order_by("month")
    )
    return _burn(per_month, budget)


def burn_downs(*, province, year: int) -> tuple[BurnDown, list[tuple[Facility, BurnDown]]]:
    """The province's burn-down and every facility's, from one grouped query of the spending
    (not one per facility)."""
    budget = Budget.objects.filter(province=province, year=year).first()
    expected = (
        dict(Allocation.objects.filter(budget=budget).values_list("facility_id", "amount"))
        if budget
        else {}
    )
    per_facility: dict[int, dict[int, int]] = defaultdict(dict)
    total: dict[int, int] = defaultdict(int)
    rows = (
        MonthlySpending.objects.filter(facility__province=province, year=year)
        .values_list("facility_id", "month")
        .annotate(spent=Sum("insured_cost"))
        .order_by()
    )
    for facility_id, month, spent in rows:
        per_facility[facility_id][month] = spent
        total[month] += spent
    facilities = [
        (f, _burn(per_facility.get(f.pk, {}), expected.get(f.pk)))
        for f in Facility.objects.filter(province=province)
    ]
    return _burn(dict(total), budget.amount if budget else None), facilities


def report_figures(*, province, year: int, month: int | None = None) -> dict:
    """What the consolidated report and the dashboard show of the fund: budget, spending to
    date and its projection, facilities above their peers, warnings by status."""
    burn = burn_down(province=province, year=year)
    month = month or (burn.months[-1].month if burn.months else None)
    over = exceedances(province=province, year=year, month=month) if month else []
    statuses = dict(
        FundWarning.objects.filter(facility__province=province, year=year)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "year": year,
        "month": month,
        "budget": burn.budget,
        "spent": burn.spent,
        "spent_percent": burn.spent_percent,
        "projected": burn.projected,
        "projected_percent": burn.projected_percent,
        "over_budget": burn.over_budget,
        "facilities": Facility.objects.filter(province=province).count(),
        "facilities_above_peers": len({f.facility.pk for f in over}),
        "warnings": {s.value: statuses.get(s.value, 0) for s in WarningStatus},
    }


def default_year(*, province, today: dt.date | None = None) -> int:
    """This year if it has a budget or spending; else the latest earlier year that has."""
    today = today or timezone.localdate()
    years = set(Budget.objects.filter(province=province).values_list("year", flat=True))
    years |= set(
        MonthlySpending.objects.filter(facility__province=province)
        .values_list("year", flat=True)
        .distinct()
    )
    return periods.default_year(years=years, today=today)
