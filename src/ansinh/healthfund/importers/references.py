"""Region and country averages of the cost indicators, from BHXH Việt Nam's monthly warnings:

Chỉ số          | Tuyến | Hạng | Chuyên khoa | Tháng       | Giá trị   | Phạm vi
chi_luot_kham   | Huyện | III  | Đa khoa     | Tháng 9/2024 | 312.450   | Vùng
"""

from dataclasses import dataclass
from decimal import Decimal

from ansinh.core.vnformat import parse_number
from ansinh.healthfund.config import indicators
from ansinh.healthfund.enums import Scope
from ansinh.healthfund.importers.common import MAX_PROBLEMS, ImportProblems, RowProblem, read_table
from ansinh.healthfund.importers.facilities import parse_choice
from ansinh.healthfund.importers.spending import parse_month
from ansinh.org.text import compact_key

COLUMNS = {
    "indicator": ({"chiso", "machiso", "tenchiso"}, "Chỉ số"),
    "tier": ({"tuyen"}, "Tuyến"),
    "rank": ({"hang"}, "Hạng"),
    "specialty": ({"chuyenkhoa", "loaihinh"}, "Chuyên khoa"),
    "month": ({"thang", "ky"}, "Tháng"),
    "value": ({"giatri", "binhquan", "giatribinhquan"}, "Giá trị"),
    "scope": ({"phamvi"}, "Phạm vi"),
}
SCOPES = {"vung": Scope.REGION, "region": Scope.REGION, "toanquoc": Scope.COUNTRY,
          "country": Scope.COUNTRY, "canuoc": Scope.COUNTRY}  # fmt: skip


@dataclass
class ReferenceRow:
    indicator: str
    tier: str
    rank: str
    specialty: str
    month: int
    scope: str
    value: Decimal


def references_read(*, filename: str, content: bytes, year: int) -> list[ReferenceRow]:
    table = read_table(filename=filename, content=content)
    index = {f: table.index(names) for f, (names, _) in COLUMNS.items()}
    missing = [COLUMNS[f][1] for f, i in index.items() if i is None]
    if missing:
        raise ImportProblems([RowProblem(table.header_row, "", f"thiếu cột {', '.join(missing)}")])
    known = {}
    for indicator in indicators():
        known[compact_key(indicator.code)] = known[compact_key(indicator.name)] = indicator.code
    problems, rows, seen = [], [], {}
    for number, values in table.rows:
        if len(problems) >= MAX_PROBLEMS:
            break
        cells = {f: values[i] if i < len(values) else None for f, i in index.items()}
        header = {f: table.headers[i] for f, i in index.items()}
        parsed, before = {}, len(problems)
        parsed["indicator"] = known.get(compact_key(str(cells["indicator"] or "")))
        if parsed["indicator"] is None:
            problems.append(RowProblem(number, header["indicator"],
                                       f"không có chỉ số “{cells['indicator'] or ''}”"))  # fmt: skip  # noqa: E501
        for name in ("tier", "rank", "specialty"):
            try:
                parsed[name] = parse_choice(name, cells[name])
            except ValueError as exc:
                problems.append(RowProblem(number, header[name], str(exc)))
        try:
            parsed["month"] = parse_month(cells["month"], year)
        except ValueError as exc:
            problems.append(RowProblem(number, header["month"], str(exc)))
        parsed["scope"] = SCOPES.get(compact_key(str(cells["scope"] or "")))
        if parsed["scope"] is None:
            problems.append(
                RowProblem(number, header["scope"], "phạm vi phải là Vùng hoặc Toàn quốc")
            )
        try:
            parsed["value"] = parse_number(cells["value"])
            if parsed["value"] < 0:
                raise ValueError("giá trị không được âm")
            if parsed["value"] >= 10**15:  # the column holds 16 digits before the point
                raise ValueError(f"giá trị “{cells['value']}” quá lớn")
        except ValueError as exc:
            problems.append(RowProblem(number, header["value"], str(exc)))
        if len(problems) == before:
            row = ReferenceRow(**parsed)
            key = (row.indicator, row.tier, row.rank, row.specialty, row.month, row.scope)
            if key in seen:
                problems.append(RowProblem(number, header["indicator"],
                                           f"trùng với dòng {seen[key]}"))  # fmt: skip
            seen[key] = number
            rows.append(row)
    if not rows and not problems:
        problems.append(RowProblem(None, "", "tệp không có dòng số liệu nào"))
    if problems:
        raise ImportProblems(problems)
    return rows
