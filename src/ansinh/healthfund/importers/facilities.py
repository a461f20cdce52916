"""Facilities from a workbook, one row each:

    Mã CSKCB | Tên cơ sở | Tuyến | Hạng | Chuyên khoa | Sở hữu | Mã ĐVHC
    62001    | Bệnh viện Đa khoa tỉnh | Tỉnh | I | Đa khoa | Công lập | 608

Tier, class, specialty and ownership are read by their label with or without accents; the unit
is a district or commune of the province by code or name (optional)."""

from dataclasses import dataclass

from ansinh.healthfund.enums import Ownership, Rank, Specialty, Tier
from ansinh.healthfund.importers.common import (
    MAX_PROBLEMS,
    ImportProblems,
    RowProblem,
    read_table,
)
from ansinh.org.models import AdminUnit
from ansinh.org.text import compact_key
from ansinh.targets.importers.common import UnitResolver

COLUMNS = {
    "code": {"ma", "macskcb", "macosokcb", "macoso", "makcb", "mabenhvien"},
    "name": {"ten", "tencoso", "tencskcb", "tencosokcb", "tenbenhvien", "coso"},
    "tier": {"tuyen", "tuyenchuyenmonkythuat", "tuyenkythuat"},
    "rank": {"hang", "hangbenhvien", "xephang"},
    "specialty": {"chuyenkhoa", "loaihinh", "dakhoachuyenkhoa"},
    "ownership": {"sohuu", "hinhthucsohuu", "loaisohuu"},
}
UNIT_COLUMNS = {"madvhc", "diaban", "donvihanhchinh", "huyen", "madiaban"}
LABELS = {"code": "Mã CSKCB", "name": "Tên cơ sở", "tier": "Tuyến", "rank": "Hạng",
          "specialty": "Chuyên khoa", "ownership": "Sở hữu"}  # fmt: skip
ALIASES = {
    "rank": {"dacbiet": Rank.SPECIAL, "i": Rank.I, "1": Rank.I, "ii": Rank.II, "2": Rank.II,
             "iii": Rank.III, "3": Rank.III, "iv": Rank.IV, "4": Rank.IV,
             "chuaxephang": Rank.UNRANKED, "khonghang": Rank.UNRANKED, "": Rank.UNRANKED},
    "ownership": {"ngoaiconglap": Ownership.PRIVATE, "tu": Ownership.PRIVATE},
}  # fmt: skip
CHOICES = {"tier": Tier, "rank": Rank, "specialty": Specialty, "ownership": Ownership}


@dataclass
class FacilityRow:
    row: int
    code: str
    name: str
    tier: str
    rank: str
    specialty: str
    ownership: str
    admin_unit: AdminUnit | None


def parse_choice(field: str, value) -> str:
    choices = CHOICES[field]
    key = compact_key(str(value or "")).removeprefix("hang").removeprefix("tuyen")
    for choice in choices:
        if key in (compact_key(choice.label).removeprefix("hang"), choice.value):
            return choice.value
    if key in ALIASES.get(field, {}):
        return ALIASES[field][key]
    labels = ", ".join(c.label for c in choices)
    raise ValueError(f"“{value or ''}” không phải {LABELS[field].lower()} hợp lệ ({labels})")


def facilities_read(*, filename: str, content: bytes, province: AdminUnit) -> list[FacilityRow]:
    table = read_table(filename=filename, content=content)
    columns = {field: table.index(names) for field, names in COLUMNS.items()}
    missing = [LABELS[f] for f, i in columns.items() if i is None]
    if missing:
        raise ImportProblems([RowProblem(table.header_row, "", f"thiếu cột {', '.join(missing)}")])
    unit_column = table.index(UNIT_COLUMNS)
    resolver = UnitResolver(province)
    problems, rows, seen = [], [], {}
    for number, values in table.rows:
        if len(problems) >= MAX_PROBLEMS:
            break
        cells = {f: values[i] if i < len(values) else None for f, i in columns.items()}
        parsed = {}
        code = str(cells["code"] or "").strip()
        if not code:
            problems.append(RowProblem(number, table.headers[columns["code"]], "thiếu mã cơ sở"))
        elif code in seen:
            problems.append(
                RowProblem(number, table.headers[columns["code"]],
                           f"mã {code} đã có ở dòng {seen[code]} (dòng trùng)")
            )  # fmt: skip
        seen.setdefault(code, number)
        name = str(cells["name"] or "").strip()
        if not name:
            problems.append(RowProblem(number, table.headers[columns["name"]], "thiếu tên cơ sở"))
        for field in CHOICES:
            try:
                parsed[field] = parse_choice(field, cells[field])
            except ValueError as exc:
                problems.append(RowProblem(number, table.headers[columns[field]], str(exc)))
        unit = None
        raw_unit = (
            values[unit_column] if unit_column is not None and unit_column < len(values) else None
        )
        if raw_unit not in (None, ""):
            raw = str(raw_unit).strip()
            unit, error = resolver.find(code=raw if raw.isdigit() else "", name=raw)
            if unit is None:
                problems.append(RowProblem(number, table.headers[unit_column], error))
        if len(parsed) == len(CHOICES) and code and name:
            rows.append(FacilityRow(number, code, name, admin_unit=unit, **parsed))
    if not rows and not problems:
        problems.append(RowProblem(None, "", "tệp không có cơ sở nào"))
    if problems:
        raise ImportProblems(problems)
    return rows
