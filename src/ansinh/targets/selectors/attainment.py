"""The attainment table: units × indicators at a date, with the on-track assessment."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from ansinh.core.vnformat import format_date, format_number, format_percent
from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import AdminUnit
from ansinh.targets.enums import IndicatorKind, Light
from ansinh.targets.models import Indicator, Target
from ansinh.targets.rules import (
    expected_rate,
    expected_value,
    format_figure,
    format_figure_gap,
    format_rate,
    light,
    rule_text,
    value_light,
    value_rule_text,
)
from ansinh.targets.selectors.sums import Sum_, district_row, sums

HUNDRED = Decimal(100)


@dataclass
class Cell:
    """One unit × indicator. `actual` is the figure compared with the target: the rate of a
    rate indicator, the year-to-date count or amount of a count or amount indicator (then
    `numerator` holds the same sum and `denominator` stays None)."""

    indicator: Indicator
    numerator: int | None = None
    denominator: int | None = None
    actual: Decimal | None = None
    target: Decimal | None = None
    last_year: Decimal | None = None
    expected: Decimal | None = None
    light: Light = Light.GREY
    flags: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.indicator.kind

    @property
    def is_rate(self) -> bool:
        return self.indicator.kind == IndicatorKind.RATE

    @property
    def rate(self) -> Decimal | None:
        """The name report code reads: the actual figure, whatever the kind."""
        return self.actual

    @property
    def gap(self) -> Decimal | None:
        if self.actual is None or self.target is None:
            return None
        return self.actual - self.target

    @property
    def share(self) -> Decimal | None:
        """% chỉ tiêu of a rate; % kế hoạch of a count or amount."""
        if self.actual is None or not self.target:
            return None
        return self.actual / self.target * HUNDRED

    @property
    def is_lagging(self) -> bool:
        return self.light in (Light.YELLOW, Light.RED)

    @property
    def gap_to_expected(self) -> Decimal | None:
        if self.actual is None or self.expected is None:
            return None
        return self.actual - self.expected

    # Vietnamese display, so templates and exports say the same thing.
    @property
    def rate_display(self) -> str:
        return format_figure(self.actual, self.kind)

    actual_display = rate_display

    @property
    def target_display(self) -> str:
        return format_figure(self.target, self.kind)

    @property
    def gap_display(self) -> str:
        return format_figure_gap(self.gap, self.kind)

    @property
    def share_display(self) -> str:
        return format_percent(self.share, 1) if self.share is not None else ""

    @property
    def share_label(self) -> str:
        return "% chỉ tiêu" if self.is_rate else "% kế hoạch"

    @property
    def progress_display(self) -> str:
        """'đạt 65,0 % kế hoạch', as reports say it."""
        return f"đạt {self.share_display} {self.share_label[2:]}" if self.share_display else ""

    @property
    def expected_display(self) -> str:
        return format_figure(self.expected, self.kind)

    @property
    def last_year_display(self) -> str:
        return format_rate(self.last_year)

    @property
    def gap_to_expected_display(self) -> str:
        return format_figure_gap(self.gap_to_expected, self.kind)

    @property
    def explanation(self) -> str:
        """The rule applied to this cell, with its numbers."""
        if not self.is_rate:
            return self._value_explanation()
        if self.actual is None:
            return "Chưa có số liệu (tử số hoặc mẫu số) đến ngày này."
        base = (
            f"{format_number(self.numerator)} / {format_number(self.denominator)} = "
            f"{self.rate_display}."
        )
        if self.target is None:
            return base + " Chưa giao chỉ tiêu."
        if self.expected is None:
            return base + " Thiếu tỷ lệ cuối năm trước nên chưa tính được tỷ lệ kỳ vọng."
        verdict = "đúng tiến độ" if self.light == Light.GREEN else "chậm tiến độ"
        return (
            f"{base} Kỳ vọng {self.expected_display} = {self.last_year_display} + "
            f"({self.target_display} − {self.last_year_display}) × phần năm đã qua; {verdict} "
            f"({self.gap_to_expected_display} so với kỳ vọng)."
        )

    def _value_explanation(self) -> str:
        if self.actual is None:
            return "Chưa có số liệu đến ngày này."
        base = f"Thực hiện {self.rate_display}"
        if self.target is None:
            return base + ". Chưa giao chỉ tiêu."
        verdict = "đúng tiến độ" if self.light == Light.GREEN else "chậm tiến độ"
        return (
            f"{base}/{self.target_display}, {self.progress_display}. Kỳ vọng "
            f"{self.expected_display} = {self.target_display} × phần năm đã qua; {verdict} "
            f"({self.gap_to_expected_display} so với kỳ vọng)."
        )


@dataclass
class Row:
    unit: AdminUnit
    cells: list[Cell]
    is_total: bool = False
    data_until: dt.date | None = None

    @property
    def is_lagging(self) -> bool:
        return any(c.is_lagging for c in self.cells)

    @property
    def lagging_cells(self) -> list[Cell]:
        return [c for c in self.cells if c.is_lagging]


@dataclass
class Table:
    province: AdminUnit
    day: dt.date
    indicators: list[Indicator]
    rows: list[Row]
    total: Row | None  # None only for attainment_row's one-unit reading
    illustrative: bool

    @property
    def year(self) -> int:
        return self.day.year

    @property
    def rule(self) -> str:
        if self.has_values:
            return f"{rule_text(self.day)} {value_rule_text(self.day)}"
        return rule_text(self.day)

    @property
    def has_values(self) -> bool:
        """Some indicator is a count or an amount (its rule is stated too)."""
        return any(i.kind != IndicatorKind.RATE for i in self.indicators)

    @property
    def lagging(self) -> list[Row]:
        return [r for r in self.rows if r.is_lagging]

    @property
    def data_until_label(self) -> str:
        dates = [r.data_until for r in [*self.rows, self.total] if r.data_until]
        return format_date(max(dates)) if dates else ""


# Scope --------------------------------------------------------------------------------------


def province_row_units(province: AdminUnit) -> list[AdminUnit]:
    """The units a province's table lists: its districts (2024 structure) or its communes
    (2025 structure), and for a 2025 province the 2024 districts whose territory it took over."""
    units = AdminUnit.objects.filter(parent=province)
    if province.edition == AdminEdition.Y2025:
        units = AdminUnit.objects.filter(
            Q(parent=province)
            | Q(
                edition=AdminEdition.Y2024,
                level=AdminLevel.DISTRICT,
                successions__successor=province,
            )
        ).distinct()
    return list(units.order_by("-edition", "code"))


def value_unit_ids(rows: list[AdminUnit]) -> list[int]:
    """The rows and the 2024 communes under 2024 district rows (their counts add up into them)."""
    districts = [u.pk for u in rows if u.level == AdminLevel.DISTRICT]
    communes = AdminUnit.objects.filter(parent_id__in=districts).values_list("pk", flat=True)
    return [u.pk for u in rows] + list(communes)


# Table --------------------------------------------------------------------------------------


def attainment_table(
    *, province: AdminUnit, day: dt.date, unit_ids: set[int] | None = None
) -> Table:
    """Units × indicators at `day`. `unit_ids` limits the unit rows a user may see; the
    province total is always computed over every unit."""
    return _table(province, day, province_row_units(province), unit_ids, with_total=True)


def attainment_row(*, province: AdminUnit, day: dt.date, unit: AdminUnit) -> Row | None:
    """One unit's row of the table, read from that unit's values only: what a district's
    report shows, without the cost of the whole province (a report is sent many at a time)."""
    row_units = [u for u in province_row_units(province) if u.pk == unit.pk]
    if not row_units:
        return None
    table = _table(province, day, row_units, None, with_total=False)
    return table.rows[0] if table.rows else None


def _table(province, day, row_units, unit_ids, *, with_total: bool) -> Table:
    indicators = list(
        Indicator.objects.filter(is_active=True).select_related("numerator", "denominator")
    )
    measure_ids = {i.numerator_id for i in indicators} | {
        i.denominator_id for i in indicators if i.denominator_id
    }
    ids = value_unit_ids(row_units)
    year = day.year
    now = sums(year=year, day=day, row=district_row(), unit_ids=ids, measure_ids=measure_ids)
    before = sums(
        year=year - 1,
        day=dt.date(year - 1, 12, 31),
        row=district_row(),
        unit_ids=ids,
        measure_ids=measure_ids,
    )
    targets = {
        (t.indicator_id, t.admin_unit_id): t.figure
        for t in Target.objects.filter(
            year=year, admin_unit_id__in=[u.pk for u in row_units] + [province.pk]
        )
    }
    for indicator in indicators:
        # A count or amount adds up: a province without its own target gets its units' sum.
        parts = [targets.get((indicator.pk, u.pk)) for u in row_units]
        if not indicator.is_rate and (indicator.pk, province.pk) not in targets and any(parts):
            targets[(indicator.pk, province.pk)] = sum(p for p in parts if p is not None)
    with_data = {unit for _, unit in now} | {unit for _, unit in before}
    listed = [u for u in row_units if u.pk in with_data or any(
        (i.pk, u.pk) in targets for i in indicators)] or row_units  # fmt: skip
    rows = [
        _row(u, indicators, now, before, targets, day, [u.pk])
        for u in listed
        if unit_ids is None or u.pk in unit_ids
    ]
    total = None
    if with_total:
        total = _row(province, indicators, now, before, targets, day, [u.pk for u in row_units])
        total.is_total = True
    illustrative = any(s.illustrative for s in now.values())
    return Table(province, day, indicators, rows, total, illustrative)


def _add(parts: list[Sum_ | None]) -> int | None:
    present = [p.total for p in parts if p is not None]
    return sum(present) if present else None


def rate_of(numerator, denominator) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return Decimal(numerator) * HUNDRED / Decimal(denominator)


def _row(unit, indicators, now, before, targets, day, members) -> Row:
    cells = []
    ends = []
    for indicator in indicators:
        if not indicator.is_rate:
            target = targets.get((indicator.pk, unit.pk))
            cell, end = _value_cell(indicator, now, target, day, members)
            cells.append(cell)
            ends += [end] if end else []
            continue
        num_parts = [now.get((indicator.numerator_id, m)) for m in members]
        den_parts = [now.get((indicator.denominator_id, m)) for m in members]
        ends += [p.last_end for p in num_parts if p]
        numerator, denominator = _add(num_parts), _add(den_parts)
        cell = Cell(indicator, numerator, denominator, rate_of(numerator, denominator))
        cell.last_year = rate_of(
            _add([before.get((indicator.numerator_id, m)) for m in members]),
            _add([before.get((indicator.denominator_id, m)) for m in members]),
        )
        cell.target = targets.get((indicator.pk, unit.pk))
        if cell.target is not None and cell.last_year is not None:
            cell.expected = expected_rate(last_year=cell.last_year, target=cell.target, day=day)
        cell.light = light(
            rate=cell.rate, target=cell.target, last_year=cell.last_year, expected=cell.expected
        )
        if numerator is not None and denominator is None:
            cell.flags.append(f"Thiếu mẫu số ({indicator.denominator.label})")
        if cell.rate is not None and cell.rate > HUNDRED:
            cell.flags.append("Tỷ lệ trên 100 %, cần rà soát số liệu")
        if len(members) > 1:
            with_num = {m for m in members if now.get((indicator.numerator_id, m))}
            with_den = {m for m in members if now.get((indicator.denominator_id, m))}
            if with_num - with_den:
                cell.flags.append(f"{len(with_num - with_den)} đơn vị có tử số nhưng thiếu mẫu số")
        cells.append(cell)
    return Row(unit, cells, data_until=max(ends) if ends else None)


def _value_cell(indicator, now, target, day, members) -> tuple[Cell, dt.date | None]:
    """A count or an amount: the sum of the units' year-to-date figures."""
    parts = [now.get((indicator.numerator_id, m)) for m in members]
    total = _add(parts)
    cell = Cell(indicator, total, None, Decimal(total) if total is not None else None, target)
    if target is not None:
        cell.last_year = Decimal(0)
        cell.expected = expected_value(target=Decimal(target), day=day)
    cell.light = value_light(value=cell.actual, target=cell.target, expected=cell.expected)
    ends = [p.last_end for p in parts if p]
    return cell, max(ends) if ends else None
