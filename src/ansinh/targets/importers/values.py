"""Read periodic counts from a workbook: one row per unit and period, one column per measure.

    Mã ĐVHC | Đơn vị | Kỳ          | bhxh  | bhxh_tn | llld   | …
    608     | Thành phố Kon Tum | Tháng 9/2024 | 25.104 | 4.512 | 78.930 | …

Bad input is reported by row and column and nothing is returned: unknown units, duplicate
unit/period rows, text in number cells, a percentage where a count is expected, counts of a unit
whose parent or children have counts of the same measure and period (overlap.py).
"""

from dataclasses import dataclass

from ansinh.core.periods import Period
from ansinh.org.enums import AdminLevel
from ansinh.org.importers.yamlfile import read_located
from ansinh.org.models import AdminUnit
from ansinh.org.text import compact_key
from ansinh.targets.importers.common import (
    PERIOD_HEADERS,
    UNIT_CODE_HEADERS,
    UNIT_NAME_HEADERS,
    ImportProblems,
    RowProblem,
    UnitResolver,
    header_index,
    match_header,
    parse_count,
    parse_period,
    read_sheet,
)
from ansinh.targets.importers.overlap import overlap_problems
from ansinh.targets.models import Measure

MAX_PROBLEMS = 200


@dataclass
class ValueRow:
    measure: Measure
    unit: AdminUnit
    period: Period
    value: int
    row: int | None = None


@dataclass
class ValueFile:
    province: AdminUnit | None
    rows: list[ValueRow]
    illustrative: bool = False

    def summary(self) -> str:
        units = {r.unit.pk for r in self.rows}
        periods = sorted({r.period for r in self.rows})
        span = f"{periods[0].label} – {periods[-1].label}" if periods else ""
        where = self.province.name if self.province else "toàn quốc"
        return f"{len(self.rows)} số liệu của {len(units)} đơn vị, {span} ({where})"


def measure_keys() -> dict[str, Measure]:
    keys = {}
    for measure in Measure.objects.all():
        for text in (measure.code, measure.short_name, measure.name):
            if text:
                keys[compact_key(text)] = measure
    return keys


def values_read_workbook(*, content: bytes, province: AdminUnit | None) -> ValueFile:
    sheet = read_sheet(content)
    code_col = header_index(sheet.headers, UNIT_CODE_HEADERS)
    name_col = header_index(sheet.headers, UNIT_NAME_HEADERS)
    period_col = header_index(sheet.headers, PERIOD_HEADERS)
    measures = measure_keys()
    columns = {i: m for i, h in enumerate(sheet.headers) if h and (m := match_header(h, measures))}
    problems: list[RowProblem] = []
    if period_col is None:
        problems.append(RowProblem(sheet.header_row, "", "thiếu cột “Kỳ” (ví dụ Tháng 9/2024)"))
    if not columns:
        problems.append(RowProblem(sheet.header_row, "", "không có cột số liệu nào (bhxh, llld…)"))
    if problems:
        raise ImportProblems(problems)
    resolver = UnitResolver(province)
    unit_column = sheet.headers[code_col if code_col is not None else name_col]
    period_header = sheet.headers[period_col]
    rows: list[ValueRow] = []
    seen: dict[tuple, int] = {}
    for number, values in sheet.rows:
        if len(problems) >= MAX_PROBLEMS:
            break
        code = values[code_col][0] if code_col is not None and code_col < len(values) else None
        name = values[name_col][0] if name_col is not None and name_col < len(values) else None
        unit, error = resolver.find(code=code or "", name=name or "")
        if unit is None:
            column = unit_column if code or name_col is None else sheet.headers[name_col]
            problems.append(RowProblem(number, column, error))
            continue
        raw_period = values[period_col][0] if period_col < len(values) else None
        try:
            period = parse_period(raw_period)
        except ValueError as exc:
            problems.append(RowProblem(number, period_header, str(exc)))
            continue
        key = (unit.pk, period)
        if key in seen:
            problems.append(
                RowProblem(
                    number,
                    unit_column,
                    f"{unit.name}, {period.label} đã có ở dòng {seen[key]} (dòng trùng)",
                )
            )
            continue
        seen[key] = number
        for index, measure in columns.items():
            if index >= len(values):
                continue
            value, number_format = values[index]
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            try:
                count = parse_count(value, number_format)
            except ValueError as exc:
                problems.append(RowProblem(number, sheet.headers[index], str(exc)))
                continue
            rows.append(ValueRow(measure, unit, period, count, number))
    if not rows and not problems:
        problems.append(RowProblem(None, "", "tệp không có số liệu nào"))
    if not problems:
        header = {m.pk: sheet.headers[i] for i, m in columns.items()}
        problems = overlap_problems(rows, lambda row: header[row.measure.pk])[:MAX_PROBLEMS]
    if problems:
        raise ImportProblems(problems)
    return ValueFile(province=province, rows=rows)


def values_read_yaml(*, text: str, filename: str) -> ValueFile:
    """Series of one province's values from a data file (data/targets/values/*.yaml): for each
    measure and unit, one value per period listed in `periods`. Same checks as the workbook."""
    located = read_located(text, filename)
    data = located.data if isinstance(located.data, dict) else {}

    def fail(path, message):
        raise ImportProblems([RowProblem(located.line(path), "", message)])

    edition, code = str(data.get("edition", "2024")), str(data.get("province", "")).zfill(2)
    province = AdminUnit.objects.filter(
        edition=edition, level=AdminLevel.PROVINCE, code=code
    ).first()
    if province is None:
        fail(("province",), f"không có tỉnh mã “{code}” trong cấu trúc {edition}")
    try:
        periods = [parse_period(p) for p in data.get("periods") or []]
    except ValueError as exc:
        fail(("periods",), str(exc))
    measures = {m.code: m for m in Measure.objects.all()}
    resolver = UnitResolver(province)
    problems: list[RowProblem] = []
    rows: list[ValueRow] = []
    for measure_code, series in (data.get("measures") or {}).items():
        measure = measures.get(measure_code)
        if measure is None or not isinstance(series, dict):
            line = located.line(("measures", measure_code))
            problems.append(RowProblem(line, measure_code, f"không có số liệu “{measure_code}”"))
            continue
        for name, values in series.items():
            line = located.line(("measures", measure_code, name))
            unit, error = resolver.find(name=str(name))
            if unit is None or not isinstance(values, list) or len(values) != len(periods):
                message = error or f"cần {len(periods)} giá trị theo `periods`"
                problems.append(RowProblem(line, measure_code, message))
                continue
            for period, value in zip(periods, values, strict=True):
                try:
                    rows.append(ValueRow(measure, unit, period, parse_count(value), line))
                except ValueError as exc:
                    problems.append(RowProblem(line, f"{measure_code}, {period.label}", str(exc)))
    if not problems:
        problems = overlap_problems(rows, lambda row: row.measure.code)[:MAX_PROBLEMS]
    if problems:
        raise ImportProblems(problems)
    return ValueFile(province=province, rows=rows, illustrative=bool(data.get("illustrative")))
