"""A data partner's quarterly list of enterprises (Sở KH&ĐT, Cục Thuế, BQL KKT), from its own
export: the partner maps its headers to our fields once (remembered per partner), then every row
is checked. Tax codes of the wrong shape, a tax code twice in the file (both rows named), an
unknown locality, status words we cannot read, bad numbers or dates: each a problem named by row
and column; a file with problems gives nothing to write."""

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP

from ansinh.compliance.enums import RegistryStatus
from ansinh.compliance.taxcode import normalize_tax_code, tax_code_problem
from ansinh.core.tables import Table
from ansinh.core.vnformat import parse_date, parse_number
from ansinh.org.enums import AdminLevel
from ansinh.org.models import AdminUnit
from ansinh.org.text import compact_key, search_key
from ansinh.targets.importers.common import ImportProblems, RowProblem, UnitResolver

MAX_PROBLEMS = 200

FIELDS = {
    "tax_code": "Mã số thuế",
    "name": "Tên doanh nghiệp",
    "address": "Địa chỉ",
    "locality": "Huyện, thành phố (tên hoặc mã)",
    "status": "Tình trạng",
    "status_date": "Ngày của tình trạng (dd/mm/yyyy)",
    "sector": "Ngành nghề",
    "employees": "Số lao động",
    "wage_fund": "Quỹ lương (đồng)",
    "in_zone": "Trong khu kinh tế, khu công nghiệp",
}
REQUIRED = ("tax_code", "name")
GUESSES = {
    "tax_code": {"mst", "masothue", "masodoanhnghiep", "masodn", "msdn", "madn", "mast"},
    "name": {"ten", "tendoanhnghiep", "tendn", "tendonvi", "tencongty", "tentochuc",
             "tennguoinopthue", "tennnt", "tenduan", "tendoanhnghiepduan"},
    "address": {"diachi", "diachitruso", "diachitrusochinh", "diachikinhdoanh", "diachidangky"},
    "locality": {"huyen", "quanhuyen", "huyenthanhpho", "diaban", "donvihanhchinh", "mahuyen",
                 "madvhc", "huyenthixathanhpho", "xaphuong"},
    "status": {"trangthai", "tinhtrang", "tinhtranghoatdong", "trangthaihoatdong", "tinhtrangmst",
               "trangthaimst", "trangthaidoanhnghiep"},
    "status_date": {"ngay", "ngaytrangthai", "ngaythaydoi", "ngaycapnhat", "ngayhieuluc",
                    "ngaythaydoitrangthai", "ngaythanhlap", "ngaydangky", "ngaycap"},
    "sector": {"nganh", "nganhnghe", "nganhnghekinhdoanh", "nganhkinhte", "nganhchinh",
               "linhvuc", "nganhnghechinh"},
    "employees": {"laodong", "solaodong", "sold", "tonglaodong", "solaodongtheothue",
                  "solaodongkekhai", "laodongkekhaithue"},
    "wage_fund": {"quyluong", "tongquyluong", "quytienluong", "tienluong", "tongthunhap",
                  "tongquyluongkekhai"},
    "in_zone": {"kkt", "kcn", "khukinhte", "khucongnghiep", "trongkkt", "trongkcn", "kktkcn",
                "trongkhukinhte", "trongkhucongnghiep"},
}  # fmt: skip

# Status words as partners write them, most specific first (compared without accents/spaces).
STATUS_WORDS = [
    ("phasan", RegistryStatus.BANKRUPT),
    ("giaithe", RegistryStatus.DISSOLVED),
    ("tamngung", RegistryStatus.SUSPENDED),
    ("tamdung", RegistryStatus.SUSPENDED),
    ("khonghoatdongtaidiachi", RegistryStatus.ABSENT),
    ("khongtaidiachi", RegistryStatus.ABSENT),
    ("botron", RegistryStatus.ABSENT),
    ("ngunghoatdong", RegistryStatus.CEASED),
    ("chamdut", RegistryStatus.CEASED),
    ("dongmst", RegistryStatus.CEASED),
    ("ngung", RegistryStatus.CEASED),
    ("thanhlap", RegistryStatus.NEW),
    ("dangkymoi", RegistryStatus.NEW),
    ("moi", RegistryStatus.NEW),
    ("hoatdong", RegistryStatus.ACTIVE),
    ("danghd", RegistryStatus.ACTIVE),
]
YES = {"x", "co", "c", "1", "true", "yes", "y", "trong", "trongkkt", "trongkcn", "kkt", "kcn"}
NO = {"", "khong", "k", "0", "false", "no", "n", "ngoai"}
# Locality written with its kind, shortened or not ("TP Kon Tum", "H. Đăk Hà", "huyện Đăk Hà").
_UNIT_PREFIX = re.compile(r"^(thanh pho|tp|thi xa|tx|huyen|h|quan|q|xa|phuong|thi tran|tt)\s+")


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Field → header, from header names; a header serves one field."""
    found, used = {}, set()
    for field_name, keys in GUESSES.items():
        for header in headers:
            if header and header not in used and compact_key(header) in keys:
                found[field_name] = header
                used.add(header)
                break
    # Then headers that merely start with a known name ("Mã số thuế (MST)", "Số lao động 2024").
    for field_name, keys in GUESSES.items():
        if field_name in found:
            continue
        for header in headers:
            key = compact_key(header)
            if header and header not in used and any(key.startswith(k) for k in keys if len(k) > 3):
                found[field_name] = header
                used.add(header)
                break
    return found


def parse_status(value) -> str:
    key = compact_key(str(value or ""))
    if not key:
        return ""
    for choice in RegistryStatus:
        if key in (compact_key(choice.value), compact_key(choice.label)):
            return choice.value
    for word, status in STATUS_WORDS:
        if word in key:
            return status.value
    raise ValueError(
        f"tình trạng “{value}” không đọc được (ghi: thành lập mới, đang hoạt động, tạm ngừng, "
        "giải thể, phá sản, ngừng hoạt động, không hoạt động tại địa chỉ đăng ký)"
    )


def parse_flag(value) -> bool:
    if isinstance(value, bool):
        return value
    key = compact_key(str(value if value is not None else ""))
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValueError(f"“{value}” không rõ có hay không (ghi x hoặc để trống)")


def parse_whole(value, what: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(f"{what}: cần một số")
    number = parse_number(value)
    if number < 0:
        raise ValueError(f"{what} không được âm ({value})")
    if what == "số lao động" and number != number.to_integral_value():
        raise ValueError(f"số lao động phải là số nguyên, “{value}” có phần lẻ")
    if what == "số lao động" and number >= 10**9:
        raise ValueError(f"số lao động “{value}” quá lớn")
    return int(number.quantize(1, ROUND_HALF_UP))


def _text(value, limit: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())[:limit]


class LocalityResolver:
    """District or commune of the province by code or by name, with or without its kind."""

    def __init__(self, province: AdminUnit):
        self.units = UnitResolver(province)
        self.province = province

    def find(self, value) -> tuple[AdminUnit | None, str]:
        text = _text(value, 200)
        if not text:
            return None, ""
        if re.fullmatch(r"\d{1,5}", text):
            return self.units.find(code=text.zfill(3) if len(text) < 3 else text)
        key = search_key(text)
        for name in (key, _UNIT_PREFIX.sub("", key)):
            # A locality of a list is never the province itself ("Kon Tum" is the city).
            found = [
                u for u in self.units.by_name.get(compact_key(name), []) if u.pk != self.province.pk
            ]
            districts = [u for u in found if u.level != AdminLevel.COMMUNE]
            found = districts or found
            if len(found) == 1:
                return found[0], ""
            if len(found) > 1:
                return None, f"“{text}” trùng tên nhiều đơn vị, hãy ghi mã đơn vị"
        return None, f"không có đơn vị “{text}” trong {self.province.name}"


@dataclass
class RegistryRow:
    row: int
    tax_code: str
    name: str
    address: str = ""
    admin_unit: AdminUnit | None = None
    status: str = ""
    status_date: dt.date | None = None
    sector: str = ""
    employees: int | None = None
    wage_fund: int | None = None
    in_zone: bool = False

    @property
    def status_label(self) -> str:
        return RegistryStatus(self.status).label if self.status else ""


@dataclass
class RegistryFile:
    rows: list[RegistryRow] = field(default_factory=list)
    encoding_name: str = ""

    @property
    def by_status(self) -> list[tuple[str, int]]:
        """(label, count) for each status present, in the order of the choices."""
        counts = Counter(r.status for r in self.rows)
        labelled = [(c.label, counts[c.value]) for c in RegistryStatus if counts[c.value]]
        if counts[""]:
            labelled.append(("Không ghi tình trạng", counts[""]))
        return labelled

    def summary(self) -> str:
        parts = ", ".join(f"{label.lower()} {n:,}".replace(",", ".") for label, n in self.by_status)
        total = f"{len(self.rows):,}".replace(",", ".")
        return f"{total} doanh nghiệp" + (f" ({parts})" if parts else "")


def registry_read(*, table: Table, mapping: dict[str, str], province: AdminUnit) -> RegistryFile:
    """Every row checked against the mapping (field → header); raises ImportProblems."""
    problems: list[RowProblem] = []
    headers = list(table.headers)
    missing = [FIELDS[f] for f in REQUIRED if mapping.get(f) not in headers]
    if missing:
        raise ImportProblems(
            [RowProblem(table.header_row, "", f"chưa chọn cột cho {', '.join(missing)}")]
        )
    index = {f: headers.index(h) for f, h in mapping.items() if f in FIELDS and h in headers}
    localities = LocalityResolver(province) if "locality" in index else None
    parsed = RegistryFile(encoding_name=table.encoding_name)
    first_row_of: dict[str, int] = {}

    def cell(values, name):
        position = index.get(name)
        return values[position] if position is not None and position < len(values) else None

    for number, values in table.rows:
        row_problems = []

        def problem(name, message, number=number, row_problems=row_problems):
            row_problems.append(RowProblem(number, mapping.get(name, ""), message))

        tax_code = normalize_tax_code(cell(values, "tax_code"))
        name = _text(cell(values, "name"), 300)
        if not name and not tax_code:
            continue  # a blank or subtotal row
        if not name:
            problem("name", "thiếu tên doanh nghiệp")
        if shape := tax_code_problem(tax_code):
            problem("tax_code", shape)
        elif tax_code in first_row_of:
            problem("tax_code", f"mã số thuế {tax_code} trùng với dòng {first_row_of[tax_code]}")
        elif tax_code:
            first_row_of[tax_code] = number
        row = RegistryRow(row=number, tax_code=tax_code, name=name)
        row.address = _text(cell(values, "address"), 400)
        row.sector = _text(cell(values, "sector"), 200)
        if localities is not None:
            row.admin_unit, message = localities.find(cell(values, "locality"))
            if message:
                problem("locality", message)
        for name_, parse in (
            ("status", parse_status),
            ("in_zone", parse_flag),
            ("employees", lambda v: parse_whole(v, "số lao động")),
            ("wage_fund", lambda v: parse_whole(v, "quỹ lương")),
        ):
            if name_ in index:
                try:
                    setattr(row, name_, parse(cell(values, name_)))
                except ValueError as exc:
                    problem(name_, str(exc))
        raw_date = cell(values, "status_date")
        if raw_date not in (None, "") and str(raw_date).strip():
            try:
                row.status_date = parse_date(raw_date)
            except ValueError as exc:
                problem("status_date", str(exc))
        problems += row_problems
        parsed.rows.append(row)
        if len(problems) >= MAX_PROBLEMS:
            problems.append(RowProblem(None, "", f"dừng kiểm tra sau {MAX_PROBLEMS} lỗi"))
            break
    if not parsed.rows and not problems:
        problems.append(RowProblem(None, "", "tệp không có dòng doanh nghiệp nào"))
    if problems:
        raise ImportProblems(problems)
    return parsed
