"""Data-quality rules, run on every load of periodic values (upload preview, API, demo).

Flags are shown to the user; nothing is corrected. The rules:
- a part above its whole (voluntary BHXH participants above all BHXH participants);
- a rate above 100 % (numerator above denominator);
- a numerator without its denominator for the same unit and period;
- a jump: a count that moved by more than JUMP_THRESHOLD (rules.py) against the unit's previous
  period of the same kind.
"""

from dataclasses import dataclass

from ansinh.core.periods import Period, PeriodKind
from ansinh.core.vnformat import format_number, format_percent
from ansinh.targets.enums import QualityRule
from ansinh.targets.models import Indicator, Measure, MeasureValue
from ansinh.targets.rules import JUMP_THRESHOLD


@dataclass
class Flag:
    rule: QualityRule
    row: int | None
    message: str

    def __str__(self) -> str:
        where = f"dòng {self.row}: " if self.row else ""
        return f"{self.rule.label} — {where}{self.message}"


def quality_flags(rows) -> list[Flag]:
    """Flags for the uploaded rows, judged together with what is already stored."""
    if not rows:
        return []
    unit_ids = {r.unit.pk for r in rows}
    years = {r.period.year for r in rows} | {r.period.year - 1 for r in rows}
    values: dict[tuple[int, int, Period], int] = {}
    for stored in MeasureValue.objects.filter(admin_unit_id__in=unit_ids, year__in=years).values(
        "measure_id", "admin_unit_id", "year", "period_kind", "period_number", "value"
    ):
        period = Period(stored["year"], PeriodKind(stored["period_kind"]), stored["period_number"])
        values[(stored["measure_id"], stored["admin_unit_id"], period)] = stored["value"]
    where: dict[tuple[int, int, Period], int | None] = {}
    names = {}
    for row in rows:
        key = (row.measure.pk, row.unit.pk, row.period)
        values[key] = row.value
        where[key] = row.row
        names[row.unit.pk] = row.unit.name
    measures = {m.pk: m for m in Measure.objects.all()}
    indicators = list(Indicator.objects.filter(is_active=True))
    flags: list[Flag] = []
    for (measure_id, unit_id, period), value in where_items(values, where):
        measure, row = measures[measure_id], where[(measure_id, unit_id, period)]
        label = f"{names[unit_id]}, {period.label}"
        if measure.part_of_id:
            whole = values.get((measure.part_of_id, unit_id, period))
            if whole is not None and value > whole:
                flags.append(
                    Flag(
                        QualityRule.PART_ABOVE_WHOLE,
                        row,
                        f"{label}: {measure.label} ({format_number(value)}) lớn hơn "
                        f"{measures[measure.part_of_id].label} ({format_number(whole)})",
                    )
                )
        previous = values.get((measure_id, unit_id, _previous(period)))
        if previous and abs(value - previous) > JUMP_THRESHOLD * previous:
            change = (value - previous) * 100 / previous
            flags.append(
                Flag(
                    QualityRule.JUMP,
                    row,
                    f"{label}: {measure.label} {format_number(previous)} → "
                    f"{format_number(value)} ({'+' if change > 0 else ''}"
                    f"{format_percent(change, 1)} so với kỳ trước)",
                )
            )
        for indicator in indicators:
            if indicator.numerator_id != measure_id:
                continue
            denominator = values.get((indicator.denominator_id, unit_id, period))
            if denominator is None:
                flags.append(
                    Flag(
                        QualityRule.MISSING_DENOMINATOR,
                        row,
                        f"{label}: có {measure.label} nhưng thiếu "
                        f"{measures[indicator.denominator_id].label} (mẫu số của "
                        f"{indicator.short_name})",
                    )
                )
            elif denominator and value > denominator:
                flags.append(
                    Flag(
                        QualityRule.RATE_ABOVE_100,
                        row,
                        f"{label}: tỷ lệ {indicator.short_name} = "
                        f"{format_percent(value * 100 / denominator)}, trên 100 %",
                    )
                )
    return flags


def where_items(values, where):
    for key in where:
        yield key, values[key]


def _previous(period: Period) -> Period | None:
    if period.number > 1:
        return Period(period.year, period.kind, period.number - 1)
    count = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2}.get(
        PeriodKind(period.kind), 1
    )
    return Period(period.year - 1, period.kind, count)
