"""A Word plan whose task appendix is a table like Phụ lục 2 (python-docx).

The task table is the first table whose header row names "Nội dung" and "Đơn vị chủ trì".
Footnotes referenced in a task's cells (its legal references, as in Phụ lục 2) become the task's
legal references, "(n) text", numbered as Word shows them (in order of reference); python-docx
does not read footnotes, so `word/footnotes.xml` is read from the package with lxml.
Rows repeating the header (Word repeats it on each page) are skipped. A row whose STT is a roman
numeral, "a)" or whose content starts with "*" and that names no unit is a group; other rows
with content are tasks.
"""

import re
from io import BytesIO

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

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
_SEPARATORS = {"separator", "continuationSeparator", "continuationNotice"}
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


def _footnotes(document) -> dict[str, str]:
    """Footnote id → its text, from the part the document relates to as its footnotes."""
    part = next(
        (
            rel.target_part
            for rel in document.part.rels.values()
            if rel.reltype == RT.FOOTNOTES and not rel.is_external
        ),
        None,
    )
    if part is None:
        return {}
    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return {}
    notes = {}
    for note in root.iter(qn("w:footnote")):
        if note.get(qn("w:type")) in _SEPARATORS:
            continue
        paragraphs = (
            "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in note.iter(qn("w:p"))
        )
        notes[note.get(qn("w:id"))] = " ".join(" ".join(paragraphs).split())
    return notes


def _footnote_numbers(document) -> dict[str, int]:
    """Footnote id → the number Word shows: the order of first reference in the body."""
    numbers: dict[str, int] = {}
    for ref in document.element.body.iter(qn("w:footnoteReference")):
        numbers.setdefault(ref.get(qn("w:id")), len(numbers) + 1)
    return numbers


def _row_footnotes(cells, notes, numbers) -> list[str]:
    """The footnotes referenced in a table row's cells (a merged cell counted once)."""
    found, seen = [], set()
    for cell in cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        for ref in cell._tc.iter(qn("w:footnoteReference")):
            key = ref.get(qn("w:id"))
            if key in notes and key not in found:
                found.append(key)
    return [f"({numbers[key]}) {notes[key]}" for key in found]


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
    notes, numbers = _footnotes(document), _footnote_numbers(document)
    builder.draft["plan"]["footnotes"] = {
        str(numbers[key]): notes[key] for key in numbers if key in notes
    }
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
            legal_refs="\n".join(
                r for r in [get("refs"), *_row_footnotes(cells, notes, numbers)] if r
            ),
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
