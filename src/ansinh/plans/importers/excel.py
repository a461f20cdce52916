"""The Excel template: one sheet, a header row naming the columns, then group and task rows.

A group row has its number in "Nhóm" (I, II…, a), b)…, *) and its title in "Nội dung"; a task row
has its content in "Nội dung" (and usually a number in "STT"). The header is found in the first
15 rows by its column names, compared without accents; the column order does not matter.
"""

from io import BytesIO

from openpyxl import load_workbook

from ansinh.org.text import search_key
from ansinh.plans.importers.draft import DraftBuilder

COLUMNS = [
    ("group", "Nhóm", False),
    ("number", "STT", False),
    ("content", "Nội dung", True),
    ("lead", "Đơn vị chủ trì", True),
    ("coordinators", "Đơn vị phối hợp", True),
    ("timeframe", "Thời gian thực hiện", True),
    ("refs", "Căn cứ", False),
]
_KEYS = {search_key(label): name for name, label, _ in COLUMNS}
_KEYS.update({"thoi gian": "timeframe", "nhom nhiem vu": "group", "so tt": "number"})


def plan_excel_read(*, data: bytes, filename: str, committee, year: int, title: str) -> dict:
    builder = DraftBuilder(
        committee=committee, year=year, source="xlsx", filename=filename, plan={"title": title}
    )
    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises several kinds for a file that is not a workbook
        builder.error("", "tệp không phải sổ Excel .xlsx đọc được")
        return builder.draft
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header_row, columns = None, {}
    for index, row in enumerate(rows, start=1):
        found = {_KEYS[k]: i for i, v in enumerate(row) if (k := search_key(str(v or ""))) in _KEYS}
        if "content" in found:
            header_row, columns = index, found
            break
        if index >= 15:
            break
    if header_row is None:
        builder.error(
            f"trang “{sheet.title}”",
            "không thấy dòng tiêu đề có cột “Nội dung” (tải mẫu Excel của ansinh để xem cách ghi)",
        )
        workbook.close()
        return builder.draft
    missing = [label for name, label, required in COLUMNS if required and name not in columns]
    for label in missing:
        builder.error(f"dòng {header_row}", f"thiếu cột “{label}”")
    if missing:
        workbook.close()
        return builder.draft

    def cell(row, name):
        index = columns.get(name)
        value = row[index] if index is not None and index < len(row) else None
        return "" if value is None else str(value).strip()

    for index, row in enumerate(rows, start=header_row + 1):
        content = cell(row, "content")
        group = cell(row, "group")
        if not content and not group and not cell(row, "lead"):
            continue
        where = f"dòng {index}"
        if group:
            builder.add_group(number=group, title=content, where=where)
            continue
        builder.add_task(
            where=where,
            number=cell(row, "number"),
            content=content,
            lead_text=cell(row, "lead"),
            coordinators_text=cell(row, "coordinators"),
            timeframe=cell(row, "timeframe"),
            legal_refs=cell(row, "refs"),
        )
    workbook.close()
    return builder.finish()
