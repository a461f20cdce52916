"""Read targets from the Excel template or a YAML data file (data/targets/*.yaml).

Nothing is written here: readers return rows or raise ImportProblems naming row and column;
`services.targets_apply` writes them.
"""

from dataclasses import dataclass
from decimal import Decimal

from ansinh.core.vnformat import parse_number
from ansinh.org.enums import AdminLevel
from ansinh.org.importers.yamlfile import FileProblems, read_located, shape_problem
from ansinh.org.models import AdminUnit
from ansinh.org.text import compact_key
from ansinh.targets.enums import IndicatorKind
from ansinh.targets.importers.common import (
    UNIT_CODE_HEADERS,
    UNIT_NAME_HEADERS,
    YEAR_HEADERS,
    ImportProblems,
    RowProblem,
    UnitResolver,
    cell,
    header_index,
    match_header,
    parse_percent,
    read_sheet,
)
from ansinh.targets.models import Indicator


@dataclass
class TargetRow:
    indicator: Indicator
    unit: AdminUnit
    year: int
    percent: Decimal | None  # a rate indicator's target
    row: int | None = None
    value: int | None = None  # a count or amount indicator's target


def target_row(indicator, unit, year, raw, number_format="", row=None) -> TargetRow:
    """The row for one cell, read as the indicator's kind asks: a percent for a rate, a whole
    number for a count or an amount (a percent there is refused)."""
    if indicator.kind == IndicatorKind.RATE:
        return TargetRow(indicator, unit, year, parse_percent(raw, number_format), row)
    what = "số tiền (đồng)" if indicator.kind == IndicatorKind.AMOUNT else "số lượng"
    head = f"chỉ tiêu {indicator.short_name} là {what}"
    if (isinstance(raw, str) and raw.strip().endswith("%")) or "%" in (number_format or ""):
        raise ValueError(f"{head}, không phải tỷ lệ % (“{raw}”)")
    if isinstance(raw, bool):
        raise ValueError(f"{head}, cần một số")
    number = parse_number(raw)
    if number < 0:
        raise ValueError(f"{head}, không được âm")
    if number != number.to_integral_value():
        raise ValueError(f"{head}, cần số nguyên (“{raw}” có phần lẻ)")
    value = int(number)
    return TargetRow(indicator, unit, year, None, row, value)


def indicator_headers(indicator: Indicator) -> list[str]:
    """Column headers that name an indicator, as the template writes them."""
    return [
        indicator.code,
        indicator.short_name,
        f"{indicator.short_name} ({indicator.unit_label})",
    ]


@dataclass
class TargetFile:
    province: AdminUnit
    source: str
    rows: list[TargetRow]

    def summary(self) -> str:
        units = {r.unit.pk for r in self.rows}
        years = sorted({r.year for r in self.rows})
        return (
            f"{len(self.rows)} chỉ tiêu của {len(units)} đơn vị, năm "
            f"{', '.join(str(y) for y in years)} ({self.province.name})"
        )


def _indicator_keys() -> dict[str, Indicator]:
    keys = {}
    for indicator in Indicator.objects.filter(is_active=True).select_related("numerator"):
        for text in indicator_headers(indicator):
            keys[compact_key(text)] = indicator
    return keys


def _check_duplicates(rows: list[TargetRow], problems: list[RowProblem]):
    seen: dict[tuple, int | None] = {}
    for row in rows:
        key = (row.indicator.pk, row.unit.pk, row.year)
        if key in seen:
            problems.append(
                RowProblem(
                    row.row,
                    row.indicator.short_name,
                    f"{row.unit.name} đã có chỉ tiêu {row.indicator.short_name} năm {row.year} "
                    f"ở dòng {seen[key]}",
                )
            )
        seen[key] = row.row


def targets_read_workbook(*, content: bytes, province: AdminUnit) -> TargetFile:
    sheet = read_sheet(content)
    problems: list[RowProblem] = []
    year_col = header_index(sheet.headers, YEAR_HEADERS)
    code_col = header_index(sheet.headers, UNIT_CODE_HEADERS)
    name_col = header_index(sheet.headers, UNIT_NAME_HEADERS)
    indicators = _indicator_keys()
    columns = {
        i: ind for i, h in enumerate(sheet.headers) if h and (ind := match_header(h, indicators))
    }
    if year_col is None:
        problems.append(RowProblem(sheet.header_row, "", "thiếu cột “Năm”"))
    if not columns:
        problems.append(RowProblem(sheet.header_row, "", "không có cột chỉ tiêu nào (BHXH, BHYT…)"))
    if problems:
        raise ImportProblems(problems)
    resolver = UnitResolver(province)
    rows: list[TargetRow] = []
    for number, values in sheet.rows:
        code = cell(values, code_col)[0] or ""
        unit, error = resolver.find(code=code, name=cell(values, name_col)[0] or "")
        if unit is None:
            column = sheet.headers[code_col if code or name_col is None else name_col]
            problems.append(RowProblem(number, column, error))
            continue
        raw_year = cell(values, year_col)[0]
        try:
            year = int(str(raw_year).strip())
            if not 2000 <= year <= 2100:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(RowProblem(number, "Năm", f"năm “{raw_year or ''}” không hợp lệ"))
            continue
        for index, indicator in columns.items():
            value, number_format = cell(values, index)
            if value is None or str(value).strip() == "":
                continue
            try:
                rows.append(target_row(indicator, unit, year, value, number_format, number))
            except ValueError as exc:
                problems.append(RowProblem(number, sheet.headers[index], str(exc)))
    _check_duplicates(rows, problems)
    if not rows and not problems:
        problems.append(RowProblem(None, "", "tệp không có chỉ tiêu nào"))
    if problems:
        raise ImportProblems(problems)
    return TargetFile(province=province, source="", rows=rows)


def targets_read_yaml(*, text: str, filename: str) -> TargetFile:
    located = read_located(text, filename)
    data = located.data if isinstance(located.data, dict) else {}

    def fail(path, message):
        raise ImportProblems([RowProblem(located.line(path), "", message)])

    edition = str(data.get("edition", "2024"))
    code = str(data.get("province", "")).zfill(2)
    province = AdminUnit.objects.filter(
        edition=edition, level=AdminLevel.PROVINCE, code=code
    ).first()
    if province is None:
        fail(("province",), f"không có tỉnh mã “{code}” trong cấu trúc {edition}")
    try:
        year = int(data.get("year"))
    except (TypeError, ValueError):
        fail(("year",), "thiếu năm (year)")
    indicators = {i.code: i for i in Indicator.objects.select_related("numerator")}
    columns = data.get("columns") or []
    unknown = [c for c in columns if c not in indicators]
    if unknown or not columns:
        fail(("columns",), f"chỉ số không có: {', '.join(map(str, unknown)) or '(trống)'}")
    resolver = UnitResolver(province)
    problems: list[RowProblem] = []
    rows: list[TargetRow] = []
    for index, entry in enumerate(data.get("units") or []):
        line = located.line(("units", index))
        if not isinstance(entry, list) or len(entry) != len(columns) + 1:
            problems.append(
                RowProblem(line, "", f"cần tên đơn vị và {len(columns)} chỉ tiêu theo `columns`")
            )
            continue
        name, *values = entry
        unit, error = resolver.find(name=str(name))
        if unit is None:
            problems.append(RowProblem(line, "đơn vị", error))
            continue
        for code_, value in zip(columns, values, strict=True):
            try:
                rows.append(target_row(indicators[code_], unit, year, value, row=line))
            except ValueError as exc:
                problems.append(RowProblem(line, code_, str(exc)))
    _check_duplicates(rows, problems)
    if problems:
        raise ImportProblems(problems)
    return TargetFile(province=province, source=str(data.get("source", "")), rows=rows)


def read_yaml_or_raise(text: str, filename: str) -> TargetFile:
    """Same as targets_read_yaml, with YAML syntax errors reported as ImportProblems."""
    try:
        return targets_read_yaml(text=text, filename=filename)
    except FileProblems as exc:
        raise ImportProblems([RowProblem(p.line, "", p.message) for p in exc.problems]) from exc
    except (KeyError, TypeError, AttributeError) as exc:
        # Valid YAML of another shape: refused with what was wrong, not a server error.
        raise ImportProblems([RowProblem(None, "", shape_problem(exc))]) from exc
