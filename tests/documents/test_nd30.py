import datetime as dt
from io import BytesIO

from docx import Document

from ansinh.documents.nd30 import OfficialDocument


def build():
    doc = OfficialDocument(
        issuer_parent="UBND tỉnh Kon Tum",
        issuer="Ban Chỉ đạo thực hiện chính sách BHXH, BHYT",
        number="12/KH-BCĐ",
        place="Kon Tum",
        date=dt.date(2024, 4, 5),
        kind="Kế hoạch",
        summary="Thực hiện chính sách BHXH, BHYT, BHTN năm 2024",
    )
    doc.heading("I. MỤC ĐÍCH, YÊU CẦU")
    doc.paragraph("1. Nhằm tiếp tục chỉ đạo triển khai thực hiện hiệu quả …")
    doc.signature(authority="Trưởng ban", signer_title="Phó Chủ tịch UBND tỉnh", name="Y Ngọc")
    doc.recipients(["BHXH Việt Nam (b/c);", "Lưu: VT."])
    doc.appendix("Phụ lục 2", "Nhiệm vụ, giải pháp", "(Kèm theo Kế hoạch số 12/KH-BCĐ)")
    doc.table(
        ["STT", "Nội dung"],
        [["I", "Nhóm"], ["1", "Việc\nhai dòng"]],
        widths_cm=[1.5, 20],
        bold_rows={0},
    )
    return Document(BytesIO(doc.to_bytes()))


def test_official_layout_a4_times_new_roman_margins():
    document = build()
    first, appendix = document.sections[0], document.sections[1]

    def mm(length):
        return round(length.mm)

    assert (mm(first.page_width), mm(first.page_height)) == (210, 297)
    assert (mm(first.left_margin), mm(first.right_margin), mm(first.top_margin)) == (30, 15, 20)
    assert mm(appendix.page_width) == 297  # the appendix table is landscape
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_national_header_number_date_title_and_signature():
    document = build()
    header = document.tables[0]
    right = header.rows[0].cells[1].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right
    assert "Độc lập - Tự do - Hạnh phúc" in right
    assert "Kon Tum, ngày 05 tháng 04 năm 2024" in right
    assert "Số: 12/KH-BCĐ" in header.rows[0].cells[0].text
    texts = [p.text for p in document.paragraphs]
    assert "KẾ HOẠCH" in texts and "PHỤ LỤC 2" in texts
    signature = document.tables[1].rows[0].cells
    assert "TRƯỞNG BAN" in signature[1].text and "Y Ngọc" in signature[1].text
    assert "Nơi nhận:" in signature[0].text
    appendix = document.tables[2]
    assert appendix.rows[2].cells[1].text == "Việc\nhai dòng"


def test_column_widths_are_fixed_for_libreoffice_too():
    from docx.oxml.ns import qn

    document = build()
    grid = document.tables[2]._tbl.tblGrid.findall(qn("w:gridCol"))
    assert [round(int(c.get(qn("w:w"))) / 567, 1) for c in grid] == [1.5, 20.0]  # twips → cm
    assert document.tables[0].autofit is False
