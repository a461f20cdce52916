"""What the target and value importers share: finding units by code or name, reading cells."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from ansinh.core.periods import Period, PeriodKind
from ansinh.core.vnformat import parse_number
from ansinh.org.enums import AdminLevel
from ansinh.org.models import AdminUnit
from ansinh.org.text import compact_key, search_key

PROVINCE_WORDS = {"toantinh", "tongtinh", "toanthanhpho", "tinh", "cong", "tong", "tongcong"}


@dataclass
class RowProblem:
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = []
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class UnitResolver:
    """The units a file about one province may name: the province, its districts and communes
    (and, for a 2025 province, the 2024 districts it took over). Codes first, then names
    compared without accents or spaces ("Huyện IaHDrai" is "Huyện Ia H'Drai")."""

    def __init__(self, province: AdminUnit | None):
        """`province=None`: every unit of the 2025 structure (a national file, by code)."""
        self.province = province
        if province is None:
            units = AdminUnit.objects.filter(edition="2025")
        else:
            units = AdminUnit.objects.filter(
                Q(pk=province.pk)
                | Q(parent=province)
                | Q(parent__parent=province)
                | Q(successions__successor=province, level=AdminLevel.DISTRICT)
            ).distinct()
        self.by_code: dict[str, AdminUnit] = {}
        self.by_name: dict[str, list[AdminUnit]] = {}
        for unit in units.only("pk", "code", "name", "division_type", "level", "edition"):
            self.by_code.setdefault(unit.code, unit)
            for name in {unit.name, unit.short_name}:
                self.by_name.setdefault(compact_key(name), []).append(unit)

    def find(self, *, code: str = "", name: str = "") -> tuple[AdminUnit | None, str]:
        code = str(code or "").strip()
        if code:
            unit = self.by_code.get(code) or self.by_code.get(code.zfill(2))
            if unit is None:
                return None, f"mã đơn vị “{code}” không thuộc {self.scope}"
            return unit, ""
        key = compact_key(name)
        if not key:
            return None, "thiếu tên hoặc mã đơn vị"
        if key in PROVINCE_WORDS and self.province is not None:
            return self.province, ""
        found = self.by_name.get(key, [])
        if len(found) > 1:
            found = [u for u in found if u.level != AdminLevel.COMMUNE] or found
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1:
            return None, f"“{name}” trùng tên nhiều đơn vị, hãy ghi mã đơn vị"
        return None, f"không có đơn vị “{name}” trong {self.scope}"

    @property
    def scope(self) -> str:
        return self.province.name if self.province else "cấu trúc đơn vị hành chính 2025"


_PERIOD_PATTERNS = [
    (re.compile(r"^(?:thang|t) ?(\d{1,2}) (\d{4})$"), PeriodKind.MONTH),
    (re.compile(r"^(?:quy|q) ?(\d) (\d{4})$"), PeriodKind.QUARTER),
]


def parse_period(text) -> Period:
    """'Tháng 9/2024', 'T9/2024', 'Quý 3/2024', '6 tháng đầu năm 2024', 'Năm 2023'."""
    raw = str(text or "").strip()
    key = search_key(raw)
    for pattern, kind in _PERIOD_PATTERNS:
        match = pattern.match(key)
        if match:
            return Period(int(match[2]), kind, int(match[1]))
    match = re.fullmatch(r"6 thang (dau|cuoi) nam (\d{4})", key)
    if match:
        return Period(int(match[2]), PeriodKind.HALF, 1 if match[1] == "dau" else 2)
    match = re.fullmatch(r"nam (\d{4})", key)
    if match:
        return Period(int(match[1]), PeriodKind.YEAR, 1)
    raise ValueError(
        f"kỳ “{raw}” không đọc được (viết như Tháng 9/2024, Quý 3/2024, "
        "6 tháng đầu năm 2024, Năm 2023)"
    )


def parse_count(value, number_format: str = "") -> int:
    """A count of people: a whole number, never a percentage."""
    if (isinstance(value, str) and value.strip().endswith("%")) or "%" in (number_format or ""):
        raise ValueError("cần số người (số đếm), không phải tỷ lệ phần trăm")
    if isinstance(value, bool):
        raise ValueError("cần một số")
    number = parse_number(value)
    if number < 0:
        raise ValueError("số đếm không được âm")
    if number != number.to_integral_value():
        raise ValueError(
            f"cần số người (số nguyên), “{value}” có phần lẻ — có phải là tỷ lệ % không?"
        )
    return int(number)


def parse_percent(value, number_format: str = "") -> Decimal:
    """A target in percent: '24,88', 24.88, or a cell formatted as percent (0.2488)."""
    if isinstance(value, bool):
        raise ValueError("cần một tỷ lệ %")
    number = parse_number(value)
    if "%" in (number_format or "") and not isinstance(value, str):
        number *= 100
    if number < 0 or number > 100:
        raise ValueError(f"tỷ lệ {value} nằm ngoài khoảng 0–100 %")
    return number.quantize(Decimal("0.01"))


class ImportProblems(Exception):
    """A file that cannot be loaded as it is; every problem names its row and column."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


@dataclass
class Sheet:
    """A worksheet's table: the header row found by its unit column, cells with their formats."""

    headers: list[str]
    header_row: int
    rows: list[tuple[int, list]]  # (row number, [(value, number_format), …])

    def column_letter(self, index: int) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(index + 1)


UNIT_NAME_HEADERS = {"donvi", "tendonvi", "diaban", "donvihanhchinh"}
UNIT_CODE_HEADERS = {"madvhc", "madonvi", "madonvihanhchinh", "ma"}
PERIOD_HEADERS = {"ky", "kybaocao", "thoiky"}
YEAR_HEADERS = {"nam"}


def read_sheet(content: bytes, *, max_rows: int | None = None) -> Sheet:
    from io import BytesIO
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ImportProblems(
            [RowProblem(None, "", "tệp không phải bảng tính Excel (.xlsx) đọc được")]
        ) from exc
    sheet = workbook.worksheets[0]
    headers: list[str] | None = None
    header_row = 0
    rows = []
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        values = [(c.value, getattr(c, "number_format", "") or "") for c in cells]
        if headers is None:
            keys = {compact_key(str(v)) for v, _ in values if v is not None}
            if keys & (UNIT_NAME_HEADERS | UNIT_CODE_HEADERS):
                headers = [str(v).strip() if v is not None else "" for v, _ in values]
                header_row = number
            elif number > 15:
                break
            continue
        if all(v is None or str(v).strip() == "" for v, _ in values):
            continue
        rows.append((number, values))
    workbook.close()
    if headers is None:
        raise ImportProblems(
            [RowProblem(None, "", "không thấy dòng tiêu đề có cột “Mã ĐVHC” hoặc “Đơn vị”")]
        )
    return Sheet(headers=headers, header_row=header_row, rows=rows)


def header_index(headers: list[str], names: set[str]) -> int | None:
    for index, header in enumerate(headers):
        if compact_key(header) in names:
            return index
    return None


def match_header(header: str, candidates: dict[str, object]) -> object | None:
    """The object a column header names: its code, short name or name, with or without '(%)'
    and a leading 'Chỉ tiêu' or 'Số'."""
    key = compact_key(header)
    for prefix in ("chitieu", "tyle", "so"):
        if key.startswith(prefix) and key[len(prefix) :] in candidates:
            return candidates[key[len(prefix) :]]
    return candidates.get(key)


def cell(values: list, index: int | None):
    if index is None or index >= len(values):
        return None, ""
    return values[index]
