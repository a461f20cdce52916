"""Data-quality rules, run on every load of periodic values (upload preview, API, demo).

Flags are shown to the user; nothing is corrected. The rules:
- a part above its whole (voluntary BHXH participants above all BHXH participants);
- a rate above 100 % (numerator above denominator);
- a numerator without its denominator for the same unit and period;
- a jump: a count that moved by more than JUMP_THRESHOLD (rules.py) against the unit's previous
  period of the same kind — except the year-to-date measures of count and amount indicators,
  which grow from 0 every January by design.
"""

from dataclasses import dataclass

from ansinh.core.periods import Period, PeriodKind
from ansinh.core.vnformat import format_number, format_percent
from ansinh.org.models import AdminUnit
from ansinh.targets.enums import IndicatorKind, QualityRule
from ansinh.targets.models import Indicator, Measure, MeasureValue
from ansinh.targets.rules import JUMP_THRESHOLD


@dataclass
class Flag:
    rule: QualityRule
    row: int | None
    message: str
    unit: str = ""
    period: str = ""
    measure: str = ""
    values: str = ""

    def __str__(self) -> str:
        where = f"dòng {self.row}: " if self.row else ""
        return f"{self.rule.label} — {where}{self.message}"


Key = tuple[int, int, Period]  # measure, unit, period


def _stored(unit_ids, years) -> dict[Key, int]:
    values: dict[Key, int] = {}
    periods: dict[tuple, Period] = {}  # a few dozen periods shared by thousands of values
    for stored in (
        MeasureValue.objects.filter(admin_unit_id__in=unit_ids, year__in=years)
        .values_list("measure_id", "admin_unit_id", "year", "period_kind", "period_number", "value")
        .iterator(chunk_size=5000)
    ):
        measure_id, unit_id, year, kind, number, value = stored
        period = periods.get((year, kind, number))
        if period is None:
            period = periods[year, kind, number] = Period(year, PeriodKind(kind), number)
        values[(measure_id, unit_id, period)] = value
    return values


def quality_flags(rows) -> list[Flag]:
    """Flags for the uploaded rows, judged together with what is already stored."""
    if not rows:
        return []
    unit_ids = {r.unit.pk for r in rows}
    years = {r.period.year for r in rows} | {r.period.year - 1 for r in rows}
    values = _stored(unit_ids, years)
    where: dict[Key, int | None] = {}
    names = {}
    for row in rows:
        key = (row.measure.pk, row.unit.pk, row.period)
        values[key] = row.value
        where[key] = row.row
        names[row.unit.pk] = row.unit.name
    return _flags(values, where, names)


def stored_quality_flags(*, unit_ids, year: int) -> list[Flag]:
    """Flags on the values stored for these units in `year` (the previous year's values are
    read only to judge a jump in January or the first quarter)."""
    unit_ids = list(unit_ids)
    values = _stored(unit_ids, {year, year - 1})
    where: dict[Key, int | None] = {k: None for k in values if k[2].year == year}
    names = dict(AdminUnit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    flags = _flags(values, dict(sorted(where.items(), key=_order(names))), names)
    return flags


def _order(names):
    def key(item):
        (measure_id, unit_id, period), _ = item
        return (names.get(unit_id, ""), period.end, period.kind, measure_id)

    return key


def _flags(values: dict[Key, int], where: dict[Key, int | None], names) -> list[Flag]:
    measures = {m.pk: m for m in Measure.objects.all()}
    every = list(Indicator.objects.all())
    indicators = [i for i in every if i.is_active and i.kind == IndicatorKind.RATE]
    cumulative = {i.numerator_id for i in every if i.kind != IndicatorKind.RATE}
    flags: list[Flag] = []
    for measure_id, unit_id, period in where:
        value = values[(measure_id, unit_id, period)]
        measure, row = measures[measure_id], where[(measure_id, unit_id, period)]
        label = f"{names[unit_id]}, {period.label}"
        base = {"row": row, "unit": names[unit_id], "period": period.label}
        found: list[tuple] = []  # (rule, message, values shown, measures)
        if measure.part_of_id:
            whole = values.get((measure.part_of_id, unit_id, period))
            if whole is not None and value > whole:
                whole_label = measures[measure.part_of_id].label
                found.append(
                    (
                        QualityRule.PART_ABOVE_WHOLE,
                        f"{measure.label} ({format_number(value)}) lớn hơn {whole_label} "
                        f"({format_number(whole)})",
                        f"{format_number(value)} > {format_number(whole)}",
                        f"{measure.label} / {whole_label}",
                    )
                )
        previous = values.get((measure_id, unit_id, _previous(period)))
        if (
            previous
            and measure_id not in cumulative
            and abs(value - previous) > JUMP_THRESHOLD * previous
        ):
            change = (value - previous) * 100 / previous
            shown = (
                f"{format_number(previous)} → {format_number(value)} "
                f"({'+' if change > 0 else ''}{format_percent(change, 1)})"
            )
            found.append(
                (
                    QualityRule.JUMP,
                    f"{measure.label} {shown[:-1]} so với kỳ trước)",
                    shown,
                    measure.label,
                )
            )
        for indicator in indicators:
            if indicator.numerator_id != measure_id:
                continue
            denominator = values.get((indicator.denominator_id, unit_id, period))
            den_label = measures[indicator.denominator_id].label
            if denominator is None:
                found.append(
                    (
                        QualityRule.MISSING_DENOMINATOR,
                        f"có {measure.label} nhưng thiếu {den_label} (mẫu số của "
                        f"{indicator.short_name})",
                        f"{format_number(value)} / —",
                        f"{measure.label} / {den_label}",
                    )
                )
            elif denominator and value > denominator:
                rate = format_percent(value * 100 / denominator)
                found.append(
                    (
                        QualityRule.RATE_ABOVE_100,
                        f"tỷ lệ {indicator.short_name} = {rate}, trên 100 %",
                        f"{format_number(value)} / {format_number(denominator)} = {rate}",
                        f"{measure.label} / {den_label}",
                    )
                )
        flags += [
            Flag(rule, message=f"{label}: {message}", values=shown, measure=measure_label, **base)
            for rule, message, shown, measure_label in found
        ]
    return flags


def _previous(period: Period) -> Period | None:
    if period.number > 1:
        return Period(period.year, period.kind, period.number - 1)
    count = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF: 2}.get(
        PeriodKind(period.kind), 1
    )
    return Period(period.year - 1, period.kind, count)
