"""Monthly spending from the appraisal system's export (Excel or CSV), whose headers differ by
source: the user maps them once per source (ColumnMapping) and the mapping is reused.

Every row names a facility by its code and a month of the year chosen at upload. Unknown codes,
a facility twice in a month, negative costs, insurance-paid or outpatient cost above the total,
text in number cells are problems named by row and column; nothing is returned with problems.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from ansinh.healthfund.config import BASE_FIELDS, GROUP_PREFIX, cost_groups
from ansinh.healthfund.importers.common import (
    MAX_PROBLEMS,
    ImportProblems,
    RowProblem,
    Table,
    parse_amount,
    parse_whole,
)
from ansinh.healthfund.models import Facility, MonthlySpending
from ansinh.org.text import compact_key, search_key

FACILITY, MONTH = "facility", "month"
COUNTS = ("outpatient_visits", "inpatient_days", "inpatient_cases")
REQUIRED = (FACILITY, MONTH, "total_cost", "insured_cost")
GUESSES = {
    FACILITY: {"macskcb", "macoso", "makcb", "macosokcb", "ma", "mabenhvien"},
    MONTH: {"thang", "ky", "kybaocao", "thangquyettoan", "thangnam"},
    "outpatient_visits": {"luotkham", "luotkhamngoaitru", "soluotkham", "luotngoaitru"},
    "inpatient_days": {"ngaygiuong", "songaygiuong", "ngaydieutri", "songaydieutri"},
    "inpatient_cases": {"luotnoitru", "luotdieutrinoitru", "soluotnoitru", "luotdieutri"},
    "total_cost": {"tongchi", "tongchiphi", "tongcong", "tongchiphikcb", "tongchiphikcbbhyt"},
    "outpatient_cost": {"chingoaitru", "chiphingoaitru", "tongchingoaitru"},
    "insured_cost": {"bhyttt", "bhytthanhtoan", "quybhyt", "chibhyt", "quybhytthanhtoan"},
}


def mapping_fields() -> dict[str, str]:
    """Field → label, in the order of the mapping form."""
    labels = {FACILITY: "Mã cơ sở KCB", MONTH: "Tháng", **BASE_FIELDS}
    labels.update({GROUP_PREFIX + c: f"Chi {n.lower()}" for c, n in cost_groups().items()})
    return labels


def guess_mapping(headers: list[str]) -> dict[str, str]:
    guesses = dict(GUESSES)
    for code, name in cost_groups().items():
        key = compact_key(name)
        guesses[GROUP_PREFIX + code] = {code.replace("_", ""), key, "chi" + key, "tien" + key}
    found = {}
    for header in headers:
        for field_name, keys in guesses.items():
            if compact_key(header) in keys and field_name not in found:
                found[field_name] = header
    return found


def parse_month(value, year: int) -> int:
    """'9', 9, 'T9', 'Tháng 9/2024', '09/2024', a date cell."""
    if isinstance(value, dt.date):
        month, in_year = value.month, value.year
    else:
        text = search_key(str(value or ""))
        match = re.fullmatch(r"(?:thang |t ?)?(\d{1,2})(?: (\d{4}))?", text)
        if not match:
            raise ValueError(f"tháng “{value or ''}” không đọc được (viết 9, T9 hoặc 9/{year})")
        month, in_year = int(match[1]), int(match[2] or year)
    if not 1 <= month <= 12:
        raise ValueError(f"tháng {month} không có (1–12)")
    if in_year != year:
        raise ValueError(f"tháng {month}/{in_year} không thuộc năm {year} đã chọn")
    return month


@dataclass
class SpendingRow:
    row: int
    facility: Facility
    month: int
    amounts: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)


@dataclass
class SpendingFile:
    year: int
    rows: list[SpendingRow]

    @property
    def months(self) -> list[int]:
        return sorted({r.month for r in self.rows})

    def loaded_months(self, province) -> list[int]:
        return sorted(
            set(
                MonthlySpending.objects.filter(
                    facility__province=province, year=self.year, month__in=self.months
                ).values_list("month", flat=True)
            )
        )

    def summary(self) -> str:
        facilities = len({r.facility.pk for r in self.rows})
        months = ", ".join(str(m) for m in self.months)
        return f"{len(self.rows)} dòng số liệu của {facilities} cơ sở, tháng {months}/{self.year}"


def spending_read(*, table: Table, mapping: dict[str, str], province, year: int) -> SpendingFile:
    fields = mapping_fields()
    missing = [fields[f] for f in REQUIRED if not mapping.get(f)]
    absent = [h for h in mapping.values() if h and h not in table.headers]
    if missing or absent:
        problems = (
            [RowProblem(None, "", f"chưa chọn cột cho: {', '.join(missing)}")] if missing else []
        )
        problems += [RowProblem(table.header_row, h, "tệp không có cột này") for h in absent]
        raise ImportProblems(problems)
    index = {f: table.headers.index(h) for f, h in mapping.items() if h}
    by_code = {f.code: f for f in Facility.objects.filter(province=province)}
    problems, rows, seen = [], [], {}

    def cell(values, name):
        position = index.get(name)
        return values[position] if position is not None and position < len(values) else None

    for number, values in table.rows:
        if len(problems) >= MAX_PROBLEMS:
            break
        before = len(problems)
        code = str(cell(values, FACILITY) or "").strip()
        facility = by_code.get(code)
        if facility is None:
            message = f"mã cơ sở “{code}” không có trong danh sách cơ sở KCB của tỉnh"
            problems.append(
                RowProblem(number, mapping[FACILITY], message if code else "thiếu mã cơ sở")
            )
        try:
            month = parse_month(cell(values, MONTH), year)
        except ValueError as exc:
            problems.append(RowProblem(number, mapping[MONTH], str(exc)))
            month = None
        row = SpendingRow(number, facility, month)
        for name in index:
            if name in (FACILITY, MONTH):
                continue
            try:
                amount = (parse_whole if name in COUNTS else parse_amount)(cell(values, name))
            except ValueError as exc:
                problems.append(RowProblem(number, mapping[name], str(exc)))
                continue
            if name.startswith(GROUP_PREFIX):
                row.groups[name[len(GROUP_PREFIX) :]] = amount
            else:
                row.amounts[name] = amount
        total = row.amounts.get("total_cost", 0)
        for name in ("insured_cost", "outpatient_cost"):
            if row.amounts.get(name, 0) > total and "total_cost" in row.amounts:
                problems.append(
                    RowProblem(number, mapping[name],
                               f"{fields[name]} lớn hơn tổng chi phí ({mapping['total_cost']})")
                )  # fmt: skip
        if facility is not None and month is not None:
            key = (facility.pk, month)
            if key in seen:
                problems.append(
                    RowProblem(number, mapping[FACILITY],
                               f"cơ sở {code}, tháng {month} đã có ở dòng {seen[key]} (dòng trùng)")
                )  # fmt: skip
            seen.setdefault(key, number)
        if len(problems) == before:
            rows.append(row)
    if not rows and not problems:
        problems.append(RowProblem(None, "", "tệp không có dòng số liệu nào"))
    if problems:
        raise ImportProblems(problems[:MAX_PROBLEMS])
    return SpendingFile(year=year, rows=rows)
