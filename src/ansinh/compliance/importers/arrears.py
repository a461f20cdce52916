"""Reading the BHXH office's list of insured units and their arrears, as its own software exports
it (C12-TS-style): one row per unit with its code, name, address, optional tax code, locality and
headcount, and the balances opening, due in the period, adjustments, paid, closing, plus the
debt ratio / months owed.

Columns are found by the words of their headers, without accents or spaces ("Số phải đóng đầu
kỳ", "SỐ PHẢI ĐÓNG ĐẦU KỲ" and a two-row header "Số phải đóng | Đầu kỳ" are one column), so the
export is loaded as it comes out of the office's system. Nothing is written here: the reader
returns every line with its arithmetic, or raises ImportProblems naming each bad cell by row and
column. A closing balance that differs from opening + due + adjustments − paid is not an error:
the line is flagged for the user to see.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ansinh.compliance import arrears
from ansinh.compliance.enums import ArrearsClass
from ansinh.compliance.taxcode import normalize_tax_code, tax_code_problem
from ansinh.core.tables import read_table
from ansinh.core.vnformat import parse_number
from ansinh.org.text import compact_key, search_key
from ansinh.targets.importers.common import ImportProblems, RowProblem, UnitResolver

MAX_PROBLEMS = 200
MONEY = ("opening", "due", "adjustments", "paid", "closing")
# Bounds that keep a mistyped figure out of the database columns (a 1e20 amount overflows a
# 64-bit integer; months and ratios have 5 digits before the point) with a message instead.
MAX_MONEY = 10**15
MAX_MONTHS = Decimal("99999.9")

# (field, label shown in messages, required, words any of which in the header marks the column).
# Order matters: "Số đã đóng trong kỳ" is the paid column, not the due one, and "Số phải đóng
# đầu kỳ" the opening one, so the narrower words are tried first.
COLUMNS = [
    ("tax_code", "Mã số thuế", False, ("masothue", "mst")),
    ("code", "Mã đơn vị", True, ("madonvi", "madv", "madvi", "madvsd")),
    ("name", "Tên đơn vị", True, ("tendonvi", "tendv", "ten")),
    ("address", "Địa chỉ", True, ("diachi",)),
    ("locality", "Địa bàn", False, ("diaban", "quanhuyen", "huyen", "khuvuc")),
    ("headcount", "Số lao động", False, ("laodong", "songuoi", "sold")),
    ("adjustments", "Điều chỉnh", True, ("dieuchinh",)),
    ("paid", "Số đã đóng", True, ("dadong", "danop", "datra")),
    ("closing", "Số phải đóng cuối kỳ", True, ("cuoiky", "kysau")),
    ("opening", "Số phải đóng đầu kỳ", True, ("dauky", "kytruoc")),
    ("due", "Phải đóng trong kỳ", True, ("trongky", "phatsinh", "phaidong")),
    ("ratio", "Tỷ lệ nợ / số tháng nợ", False, ("tyleno", "tyle", "thangno")),
]
LABELS = {name: label for name, label, _, _ in COLUMNS}
_NUMBERING = re.compile(r"^\(?[0-9a-zA-Z]{1,2}\)?$")
_TOTAL = re.compile(r"^(tong cong|tong so|tong|cong|cong toan tinh)\b(?! ty)")


@dataclass
class ParsedLine:
    row: int
    code: str
    name: str
    address: str
    tax_code: str
    locality: object  # AdminUnit or None
    headcount: int | None
    opening: int
    due: int
    adjustments: int
    paid: int
    closing: int
    ratio: Decimal | None
    computed_closing: int = 0
    disagrees: bool = False
    months_late: Decimal = Decimal(0)
    arrears_class: str = ArrearsClass.NONE
    interest: int = 0

    @property
    def difference(self) -> int:
        return self.closing - self.computed_closing


@dataclass
class ArrearsFile:
    lines: list[ParsedLine]
    columns: dict[str, str]  # field → the file's header
    header_row: int

    @property
    def disagreeing(self) -> list[ParsedLine]:
        return [line for line in self.lines if line.disagrees]

    @property
    def total_closing(self) -> int:
        return sum(line.closing for line in self.lines)

    @property
    def total_interest(self) -> int:
        return sum(line.interest for line in self.lines)

    @property
    def owing(self) -> list[ParsedLine]:
        return [line for line in self.lines if line.arrears_class != ArrearsClass.NONE]

    def classes(self) -> list[tuple[str, int, int]]:
        """(class label, units, Σ closing) for each class, in order."""
        return [
            (klass.label, len(found), sum(line.closing for line in found))
            for klass in ArrearsClass
            for found in [[line for line in self.lines if line.arrears_class == klass]]
        ]

    def summary(self) -> str:
        return (
            f"{len(self.lines)} đơn vị, {len(self.owing)} đơn vị còn nợ, tổng số phải đóng cuối "
            f"kỳ {_money(self.total_closing)} đồng, lãi chậm đóng {_money(self.total_interest)} "
            f"đồng; {len(self.disagreeing)} dòng lệch số dư"
        )


def _money(value: int) -> str:
    from ansinh.core.vnformat import format_number

    return format_number(value)


def column_of(header: str) -> str | None:
    key = compact_key(header)
    if not key:
        return None
    for name, _label, _required, words in COLUMNS:
        # Short words ("ten", "mst") only open a header, so "Số tiền" is never a name column.
        if any(key.startswith(w) if len(w) <= 4 else w in key for w in words):
            return name
    return None


def find_columns(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for position, header in enumerate(headers):
        name = column_of(header)
        if name and name not in found:
            found[name] = position
    return found


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


class _Row:
    """One row's cells by field, collecting the problems of its cells."""

    def __init__(self, number: int, values: list, columns: dict[str, int], problems: list):
        self.number, self.values, self.columns, self.problems = number, values, columns, problems

    def raw(self, name: str):
        position = self.columns.get(name)
        if position is None or position >= len(self.values):
            return None
        value = self.values[position]
        return None if value is None or (isinstance(value, str) and not value.strip()) else value

    def text(self, name: str) -> str:
        return _text(self.raw(name))

    def problem(self, name: str, message: str) -> None:
        self.problems.append(RowProblem(self.number, LABELS[name], message))

    def number_of(self, name: str) -> Decimal | None:
        raw = self.raw(name)
        if raw is None:
            return None
        try:
            return parse_number(raw)
        except ValueError as exc:
            self.problem(name, str(exc))
            return None

    def money(self, name: str) -> int:
        value = self.number_of(name)
        if value is None:
            return 0
        if abs(value) >= MAX_MONEY:
            self.problem(name, f"số tiền “{self.text(name)}” quá lớn")
            return 0
        return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _skipped(values: list, columns: dict[str, int], first: bool) -> bool:
    """Rows that are not units: column numbering under the header ("(1) (2) (3)"), group
    headings ("I. Huyện Đăk Hà") and totals ("Tổng cộng")."""
    filled = [_text(v) for v in values if _text(v)]
    if first and len(filled) >= 3 and all(_NUMBERING.match(v) for v in filled):
        return True
    row = _Row(0, values, columns, [])
    if row.text("code"):
        return bool(_TOTAL.match(search_key(row.text("code"))))
    if _TOTAL.match(search_key(row.text("name"))):
        return True
    return all(row.raw(money) is None for money in MONEY)


def arrears_read(
    *, filename: str, content: bytes, province, as_of, period_months: int = 1
) -> ArrearsFile:
    table = read_table(filename=filename, content=content, required=4)
    columns = find_columns(table.headers)
    missing = [label for name, label, required, _ in COLUMNS if required and name not in columns]
    if missing:
        raise ImportProblems([
            RowProblem(table.header_row, "", f"không thấy cột “{label}” trong dòng tiêu đề")
            for label in missing
        ])  # fmt: skip
    resolver = UnitResolver(province) if "locality" in columns else None
    problems: list[RowProblem] = []
    lines: list[ParsedLine] = []
    seen_codes: dict[str, int] = {}
    seen_tax: dict[str, int] = {}
    for index, (number, values) in enumerate(table.rows):
        if _skipped(values, columns, first=index == 0):
            continue
        row = _Row(number, values, columns, problems)
        line = _line(row, resolver, seen_codes, seen_tax)
        if line is not None:
            _compute(line, as_of=as_of, period_months=period_months)
            lines.append(line)
        if len(problems) > MAX_PROBLEMS:
            break
    if problems:
        if len(problems) > MAX_PROBLEMS:
            problems = [*problems[:MAX_PROBLEMS], RowProblem(None, "", "… và các lỗi khác")]
        raise ImportProblems(problems)
    if not lines:
        raise ImportProblems([RowProblem(None, "", "tệp không có dòng đơn vị nào")])
    return ArrearsFile(
        lines=lines,
        columns={name: table.headers[position] for name, position in columns.items()},
        header_row=table.header_row,
    )


def _line(row: _Row, resolver, seen_codes: dict, seen_tax: dict) -> ParsedLine | None:
    before = len(row.problems)
    code = row.text("code")
    if not code:
        row.problem("code", "thiếu mã đơn vị")
    elif code.upper() in seen_codes:
        row.problem("code", f"mã đơn vị “{code}” trùng với dòng {seen_codes[code.upper()]}")
    else:
        seen_codes[code.upper()] = row.number
    name = row.text("name")
    if not name:
        row.problem("name", "thiếu tên đơn vị")
    tax_code = normalize_tax_code(row.raw("tax_code"))
    if problem := tax_code_problem(tax_code):
        row.problem("tax_code", problem)
    elif tax_code and tax_code in seen_tax:
        row.problem("tax_code", f"mã số thuế “{tax_code}” trùng với dòng {seen_tax[tax_code]}")
    elif tax_code:
        seen_tax[tax_code] = row.number
    locality = None
    if resolver is not None and row.text("locality"):
        wording = row.text("locality")
        locality, problem = (
            resolver.find(code=wording) if wording.isdigit() else resolver.find(name=wording)
        )
        if problem:
            row.problem("locality", problem)
    headcount = row.number_of("headcount")
    if headcount is not None and (
        headcount < 0 or headcount != headcount.to_integral_value() or headcount >= 10**9
    ):
        row.problem("headcount", f"số lao động “{row.text('headcount')}” phải là số nguyên ≥ 0")
    amounts = {column: row.money(column) for column in MONEY}
    for column in ("opening", "paid"):
        if amounts[column] < 0:
            row.problem(column, f"số tiền không được âm ({row.text(column)})")
    ratio = row.number_of("ratio")
    if ratio is not None and ratio < 0:
        row.problem("ratio", f"tỷ lệ nợ không được âm ({row.text('ratio')})")
    elif ratio is not None and ratio > MAX_MONTHS:
        row.problem("ratio", f"tỷ lệ nợ “{row.text('ratio')}” quá lớn")
    if len(row.problems) > before:
        return None
    return ParsedLine(
        row=row.number, code=code, name=name[:300], address=row.text("address")[:400],
        tax_code=tax_code, locality=locality,
        headcount=int(headcount) if headcount is not None else None, ratio=ratio, **amounts,
    )  # fmt: skip


def _compute(line: ParsedLine, *, as_of, period_months: int) -> None:
    line.computed_closing = arrears.computed_closing(
        opening=line.opening, due=line.due, adjustments=line.adjustments, paid=line.paid
    )
    line.disagrees = line.computed_closing != line.closing
    line.months_late = min(
        arrears.months_late(
            closing=line.closing, due=line.due, period_months=period_months, ratio=line.ratio
        ),
        MAX_MONTHS,
    )
    line.arrears_class = arrears.arrears_class(months=line.months_late, closing=line.closing)
    if line.arrears_class != ArrearsClass.NONE:
        line.interest = arrears.late_interest(
            closing=line.closing, due=line.due, as_of=as_of, period_months=period_months,
            ratio=line.ratio,
        )  # fmt: skip
