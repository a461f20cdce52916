"""A Word plan whose task appendix is a table like Phụ lục 2 (python-docx).

The task table is the first table whose header row names "Nội dung" and "Đơn vị chủ trì".
Rows repeating the header (Word repeats it on each page) are skipped. A row whose STT is a roman
numeral, "a)" or whose content starts with "*" and that names no unit is a group; other rows
with content are tasks.
"""

import re
from io import BytesIO

from docx import Document

from ansinh.org.text import search_key
from ansinh.plans.importers.draft import DraftBuilder

_HEADERS = {
    "stt": "number",
    "noi dung": "content",
    "don vi chu tri": "lead",
    "don vi phoi hop": "coordinators",
    "thoi gian thuc hien": "timeframe",
    "thoi gian": "timeframe",
    "can cu": "refs",
}
_GROUP_NUMBER = re.compile(r"^([IVXLC]+\.?|[a-zđ]\s*[).])$", re.IGNORECASE)


def _text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs).strip()


def _header_map(row) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(row.cells):
        name = _HEADERS.get(search_key(_text(cell)))
        if name and name not in found:
            found[name] = index
    return found


def plan_word_read(*, data: bytes, filename: str, committee, year: int, title: str) -> dict:
    builder = DraftBuilder(
        committee=committee, year=year, source="docx", filename=filename, plan={"title": title}
    )
    try:
        document = Document(BytesIO(data))
    except Exception:  # python-docx raises several kinds for a file that is not .docx
        builder.error("", "tệp không phải văn bản Word .docx đọc được")
        return builder.draft
    table, columns = None, {}
    for candidate in document.tables:
        for row in candidate.rows[:2]:
            found = _header_map(row)
            if "content" in found and "lead" in found:
                table, columns = candidate, found
                break
        if table is not None:
            break
    if table is None:
        builder.error(
            "",
            "không tìm thấy bảng nhiệm vụ (bảng có cột “Nội dung” và “Đơn vị chủ trì”) "
            "trong văn bản",
        )
        return builder.draft
    for column, label in (
        ("coordinators", "Đơn vị phối hợp"),
        ("timeframe", "Thời gian thực hiện"),
    ):
        if column not in columns:
            builder.warning("bảng nhiệm vụ", f"không có cột “{label}”")
    _read_body(document, builder)
    for index, row in enumerate(table.rows, start=1):
        cells = row.cells

        def get(name, cells=cells):
            i = columns.get(name)
            return _text(cells[i]) if i is not None and i < len(cells) else ""

        if _header_map(row).keys() >= {"content", "lead"}:
            continue
        number, content = get("number"), get("content")
        lead, coordinators = get("lead"), get("coordinators")
        distinct = {id(c._tc) for c in cells}
        where = f"bảng nhiệm vụ, hàng {index}"
        if not content and not number:
            continue
        merged = len(distinct) <= 2  # a group row often spans the whole table
        named_like_group = bool(_GROUP_NUMBER.match(number)) or number.startswith("*")
        is_group = not (lead and lead != content) and (
            named_like_group or content.startswith("*") or merged
        )
        if is_group:
            if content.startswith("*") and not number:
                number, content = "*", content.lstrip("* ").strip()
            builder.add_group(number=number, title=content or number, where=where)
            continue
        builder.add_task(
            where=where,
            number=number,
            content=content,
            lead_text=lead,
            coordinators_text=coordinators,
            timeframe=get("timeframe"),
            legal_refs=get("refs"),
        )
    return builder.finish()


def _read_body(document, builder: DraftBuilder) -> None:
    """The body's sections (bold roman-numbered headings and their paragraphs), before the
    appendices, so the exported plan has its text too."""
    body: list[dict] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        if search_key(text).startswith("phu luc"):
            break
        if re.match(r"^[IVX]+\.\s", text):
            body.append({"heading": text, "paragraphs": []})
        elif body:
            body[-1]["paragraphs"].append(text)
    builder.draft["plan"]["body"] = body
