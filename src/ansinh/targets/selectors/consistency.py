"""Do the targets assigned to the units add up to the province target?

Each unit's target is turned into participants with its own denominator (the latest of the
year up to the chosen date): Σ target × denominator, divided by Σ denominator, is the province
rate the unit targets imply. Compared with the province target, in participants and in points.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ansinh.core.vnformat import format_number
from ansinh.org.models import AdminUnit
from ansinh.targets.enums import IndicatorKind
from ansinh.targets.models import Indicator, Target
from ansinh.targets.rules import format_points, format_rate
from ansinh.targets.selectors.attainment import province_row_units, value_unit_ids
from ansinh.targets.selectors.sums import district_row, sums

HUNDRED = Decimal(100)


@dataclass
class Consistency:
    indicator: Indicator
    province_target: Decimal | None
    denominator: int  # Σ denominators of the units with a target and a denominator
    implied_participants: Decimal  # Σ unit target × unit denominator
    units_with_target: int
    missing_denominator: list[AdminUnit]
    missing_target: list[AdminUnit]

    @property
    def implied_rate(self) -> Decimal | None:
        if not self.denominator:
            return None
        return self.implied_participants / self.denominator

    @property
    def province_participants(self) -> Decimal | None:
        if self.province_target is None:
            return None
        return self.province_target * self.denominator / HUNDRED

    @property
    def difference(self) -> Decimal | None:
        """Participants the unit targets add beyond (positive) or miss (negative) the province
        target."""
        if self.province_participants is None or not self.denominator:
            return None
        return (self.implied_participants / HUNDRED - self.province_participants).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )

    @property
    def difference_points(self) -> Decimal | None:
        if self.implied_rate is None or self.province_target is None:
            return None
        return self.implied_rate - self.province_target

    @property
    def adds_up(self) -> bool | None:
        if self.difference is None:
            return None
        return self.difference >= 0

    # Display
    @property
    def implied_rate_display(self) -> str:
        return format_rate(self.implied_rate)

    @property
    def province_target_display(self) -> str:
        return format_rate(self.province_target)

    @property
    def difference_display(self) -> str:
        if self.difference is None:
            return ""
        sign = "+" if self.difference > 0 else ("−" if self.difference < 0 else "")
        return f"{sign}{format_number(abs(self.difference))} người"

    @property
    def difference_points_display(self) -> str:
        return format_points(self.difference_points)

    @property
    def implied_participants_display(self) -> str:
        return format_number(self.implied_participants / HUNDRED)

    @property
    def province_participants_display(self) -> str:
        value = self.province_participants
        return format_number(value) if value is not None else ""


def target_consistency(*, province: AdminUnit, year: int, day: dt.date | None = None):
    """One Consistency per active rate indicator; `day` chooses the denominators (default: the
    latest of the year). Count and amount targets need no conversion: the attainment table
    adds the units' targets up when the province has none of its own."""
    day = day or dt.date(year, 12, 31)
    indicators = list(
        Indicator.objects.filter(is_active=True, kind=IndicatorKind.RATE).select_related(
            "denominator"
        )
    )
    rows = province_row_units(province)
    denominators = sums(
        year=year,
        day=day,
        row=district_row(),
        unit_ids=value_unit_ids(rows),
        measure_ids={i.denominator_id for i in indicators},
    )
    targets = {
        (t.indicator_id, t.admin_unit_id): t.percent
        for t in Target.objects.filter(
            year=year, admin_unit_id__in=[u.pk for u in rows] + [province.pk]
        )
    }
    results = []
    for indicator in indicators:
        result = Consistency(
            indicator, targets.get((indicator.pk, province.pk)), 0, Decimal(0), 0, [], []
        )
        for unit in rows:
            target = targets.get((indicator.pk, unit.pk))
            if target is None:
                result.missing_target.append(unit)
                continue
            result.units_with_target += 1
            found = denominators.get((indicator.denominator_id, unit.pk))
            if found is None:
                result.missing_denominator.append(unit)
                continue
            result.denominator += found.total
            result.implied_participants += target * found.total
        results.append(result)
    return results
