"""Word documents in the layout of Nghị định 30/2020/NĐ-CP (administrative documents).

A4, Times New Roman, margins 20/20/30/15 mm (top/bottom/left/right), the national header beside
the issuing body, the document type and summary, a justified body, the signature block and
"Nơi nhận". Appendices (wide tables) go in landscape sections. Built with python-docx, so the
result opens in Word and LibreOffice alike.

    doc = OfficialDocument(issuer_parent="UBND TỈNH KON TUM", issuer="BAN CHỈ ĐẠO …",
                           number="…/KH-BCĐ", place="Kon Tum", date=day,
                           kind="KẾ HOẠCH", summary="Thực hiện chính sách BHXH … năm 2024")
    doc.heading("I. MỤC ĐÍCH, YÊU CẦU")
    doc.paragraph("1. Nhằm …")
    doc.signature(authority="TRƯỞNG BAN", signer_title="PHÓ CHỦ TỊCH UBND TỈNH", name="Y Ngọc")
    doc.recipients(["BHXH Việt Nam (b/c);", "Lưu: VT."])
    doc.appendix("PHỤ LỤC 2", "NHIỆM VỤ, GIẢI PHÁP …")
    doc.table(["STT", "Nội dung", …], rows, widths_cm=[1.2, 12, …], bold_rows={0, 5})
    return doc.response("ke-hoach-2024.docx")
"""

import datetime as dt
from io import BytesIO

from django.http import HttpResponse
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
BODY_SIZE = Pt(14)


class OfficialDocument:
    def __init__(
        self,
        *,
        issuer: str,
        kind: str,
        summary: str = "",
        issuer_parent: str = "",
        number: str = "",
        place: str = "",
        date: dt.date | None = None,
    ):
        self.doc = Document()
        self._set_base_style()
        self._set_page(self.doc.sections[0], landscape=False)
        self._header(issuer_parent, issuer, number, place, date)
        self._title(kind, summary)

    # Page and style -------------------------------------------------------------------------

    def _set_base_style(self):
        style = self.doc.styles["Normal"]
        style.font.name = FONT
        style.font.size = BODY_SIZE
        # East-Asian and complex-script fonts too, or Word substitutes for Vietnamese letters.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.line_spacing = 1.1

    @staticmethod
    def _set_page(section, *, landscape: bool):
        width, height = Mm(210), Mm(297)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)

    # Header, title ------------------------------------------------------------------------------

    def _header(self, issuer_parent, issuer, number, place, date):
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _set_widths(table, [6.0, 10.5])
        left, right = table.rows[0].cells
        self._cell_lines(
            left,
            [(issuer_parent.upper(), False, False, 13), (issuer.upper(), True, False, 13)]
            if issuer_parent
            else [(issuer.upper(), True, False, 13)],
        )
        self._rule(left)
        if number:
            self._cell_lines(left, [(f"Số: {number}", False, False, 13)], first=False)
        self._cell_lines(
            right,
            [
                ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, 13),
                ("Độc lập - Tự do - Hạnh phúc", True, False, 14),
            ],
        )
        self._rule(right)
        if place or date:
            when = (
                f"ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
                if date
                else "ngày     tháng     năm     "
            )
            text = f"{place}, {when}" if place else when
            self._cell_lines(right, [(text, False, True, 14)], first=False)

    def _title(self, kind, summary):
        self.doc.add_paragraph()
        self._centered(kind.upper(), bold=True, size=14, space_after=0)
        if summary:
            self._centered(summary, bold=True, size=14, space_after=12)

    @staticmethod
    def _cell_lines(cell, lines, *, first=True):
        for index, (text, bold, italic, size) in enumerate(lines):
            paragraph = cell.paragraphs[0] if first and index == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(0)
            run = paragraph.add_run(text)
            run.bold, run.italic, run.font.size = bold, italic, Pt(size)

    @staticmethod
    def _rule(cell):
        """The short line under the issuing body and under the motto."""
        paragraph = cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(4)
        run = paragraph.add_run("—" * 6)
        run.font.size = Pt(8)

    def _centered(self, text, *, bold=False, italic=False, size=14, space_after=6):
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(space_after)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        return paragraph

    # Body ---------------------------------------------------------------------------------------

    def heading(self, text: str):
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.add_run(text).bold = True
        return paragraph

    def paragraph(self, text: str, *, italic: bool = False):
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.add_run(text).italic = italic
        return paragraph

    def signature(self, *, authority: str, signer_title: str = "", name: str = ""):
        table = self.doc.add_table(rows=1, cols=2)
        _set_widths(table, [8.0, 8.5])
        left, right = table.rows[0].cells
        self._recipients_cell = left
        lines = [(authority.upper(), True, False, 14)]
        if signer_title:
            lines.append((signer_title.upper(), True, False, 14))
        lines += [("", False, False, 14)] * 3
        if name:
            lines.append((name, True, False, 14))
        self._cell_lines(right, lines)

    def recipients(self, entries: list[str]):
        cell = getattr(self, "_recipients_cell", None)
        if cell is None:
            cell = self.doc.add_table(rows=1, cols=1).rows[0].cells[0]
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run("Nơi nhận:")
        run.bold, run.italic, run.font.size = True, True, Pt(12)
        for entry in entries:
            line = cell.add_paragraph()
            line.paragraph_format.space_after = Pt(0)
            line.add_run(f"- {entry}").font.size = Pt(11)

    def appendix(self, title: str, subtitle: str = "", note: str = "", *, landscape=True):
        """Start an appendix on a new page (landscape for wide tables)."""
        section = self.doc.add_section()
        self._set_page(section, landscape=landscape)
        self._centered(title.upper(), bold=True, size=14, space_after=0)
        if subtitle:
            self._centered(subtitle.upper(), bold=True, size=13, space_after=0)
        if note:
            self._centered(note, italic=True, size=13, space_after=12)

    def table(
        self,
        headers: list[str],
        rows: list[list],
        *,
        widths_cm: list[float] | None = None,
        bold_rows: set[int] | frozenset = frozenset(),
        size: int = 12,
    ):
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        self._repeat_header(table.rows[0])
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            self._cell_text(cell, header, bold=True, size=size, center=True)
        for index, row in enumerate(rows):
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                self._cell_text(
                    cell, "" if value is None else str(value), bold=index in bold_rows, size=size
                )
        if widths_cm:
            _set_widths(table, widths_cm)
        return table

    @staticmethod
    def _cell_text(cell, text, *, bold=False, size=12, center=False):
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.first_line_indent = None
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for index, line in enumerate(text.split("\n")):
            run = paragraph.add_run(line)
            run.bold, run.font.size = bold, Pt(size)
            if index < len(text.split("\n")) - 1:
                run.add_break(WD_BREAK.LINE)

    @staticmethod
    def _repeat_header(row):
        properties = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        properties.append(header)

    # Output -------------------------------------------------------------------------------------

    def save(self, stream):
        self.doc.save(stream)

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.save(buffer)
        return buffer.getvalue()

    def response(self, filename: str) -> HttpResponse:
        response = HttpResponse(self.to_bytes(), content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def _set_widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths that Word and LibreOffice both honour: LibreOffice reads the grid
    (w:tblGrid), Word the cells, and neither may autofit them away."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)
