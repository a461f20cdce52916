"""Excel and Word outputs: attainment table, lagging localities, upload templates."""

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from ansinh.core.excel import write_table
from ansinh.core.vnformat import format_date
from ansinh.documents.nd30 import OfficialDocument
from ansinh.targets.enums import Light
from ansinh.targets.models import Indicator, Measure

ILLUSTRATIVE = "Dữ liệu minh họa (không phải số liệu thật)."
FILLS = {
    Light.GREEN: PatternFill("solid", fgColor="D1E7DD"),
    Light.YELLOW: PatternFill("solid", fgColor="FFF3CD"),
    Light.RED: PatternFill("solid", fgColor="F8D7DA"),
}


def _subtitle(table) -> str:
    text = f"Tại ngày {format_date(table.day)}. {table.province.name}."
    return f"{text} {ILLUSTRATIVE}" if table.illustrative else text


def attainment_workbook(*, table) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kết quả thực hiện"
    headers = ["STT", "Đơn vị"]
    for indicator in table.indicators:
        name = indicator.short_name
        rate = indicator.is_rate
        headers += [
            f"{name}: {'tỷ lệ thực tế' if rate else 'thực hiện'}",
            f"{name}: chỉ tiêu",
            f"{name}: chênh lệch",
            f"{name}: {'% chỉ tiêu' if rate else '% kế hoạch'}",
            f"{name}: {'tỷ lệ kỳ vọng' if rate else 'kỳ vọng'}",
            f"{name}: đánh giá",
        ]
    rows = []
    for number, row in enumerate([*table.rows, table.total], start=1):
        line = [number if not row.is_total else "", row.unit.name]
        for cell in row.cells:
            line += [
                cell.rate_display,
                cell.target_display,
                cell.gap_display,
                cell.share_display,
                cell.expected_display,
                cell.light.label,
            ]
        rows.append(line)
    write_table(
        sheet,
        f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM {table.year}",
        _subtitle(table),
        headers,
        rows,
        [6, 28] + [12] * (6 * len(table.indicators)),
    )
    for r, row in enumerate([*table.rows, table.total], start=5):
        for c, cell in enumerate(row.cells):
            if cell.light in FILLS:
                sheet.cell(r, 3 + 6 * c + 5).fill = FILLS[cell.light]
        if row.is_total:
            for item in sheet[r]:
                item.font = Font(bold=True)
    sheet.append([])
    sheet.append([f"Cách đánh giá: {table.rule}"])
    return workbook


def _lagging_rows(table) -> list[list]:
    rows = []
    for number, row in enumerate(table.lagging, start=1):
        for index, cell in enumerate(row.lagging_cells):
            rows.append(
                [
                    number if index == 0 else "",
                    row.unit.name if index == 0 else "",
                    cell.indicator.short_name,
                    cell.rate_display + (f" ({cell.progress_display})" if not cell.is_rate else ""),
                    cell.expected_display,
                    cell.gap_to_expected_display,
                    cell.target_display,
                    cell.light.label,
                ]
            )
    return rows


LAGGING_HEADERS = [
    "STT",
    "Đơn vị",
    "Chỉ số",
    "Thực tế",
    "Kỳ vọng",
    "Thấp hơn kỳ vọng",
    "Chỉ tiêu năm",
    "Mức độ",
]


def lagging_workbook(*, table) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Địa phương chậm tiến độ"
    write_table(
        sheet,
        f"DANH SÁCH ĐỊA PHƯƠNG CHẬM TIẾN ĐỘ NĂM {table.year}",
        _subtitle(table),
        LAGGING_HEADERS,
        _lagging_rows(table),
        [6, 28, 18, 14, 14, 16, 14, 26],
    )
    sheet.append([])
    sheet.append([f"Cách đánh giá: {table.rule}"])
    return workbook


def lagging_document(*, table, committee=None) -> OfficialDocument:
    issuer = committee.name if committee else f"Ban Chỉ đạo {table.province.name}"
    doc = OfficialDocument(
        issuer_parent=f"UBND {table.province.name}",
        issuer=issuer,
        number="      /BC-BCĐ",
        place=table.province.short_name,
        date=table.day,
        kind="BÁO CÁO",
        summary=(
            f"Danh sách địa phương chậm tiến độ thực hiện chỉ tiêu "
            f"{'' if table.has_values else 'tỷ lệ '}tham gia BHXH, BHYT, BHTN đến ngày "
            f"{format_date(table.day)}"
        ),
    )
    if table.illustrative:
        doc.paragraph(ILLUSTRATIVE, italic=True)
    doc.heading("1. Cách đánh giá")
    doc.paragraph(table.rule)
    doc.heading("2. Kết quả")
    lagging = table.lagging
    doc.paragraph(
        f"Đến ngày {format_date(table.day)}, {len(lagging)}/{len(table.rows)} đơn vị có ít "
        f"nhất một chỉ tiêu chậm tiến độ (chi tiết tại Phụ lục kèm theo)."
        if lagging
        else f"Đến ngày {format_date(table.day)}, không có đơn vị nào chậm tiến độ."
    )
    doc.signature(authority="TM. BAN CHỈ ĐẠO", signer_title="TRƯỞNG BAN")
    doc.recipients(["Các thành viên Ban Chỉ đạo;", "UBND các huyện, thành phố;", "Lưu: VT."])
    if lagging:
        doc.appendix(
            "PHỤ LỤC",
            "ĐỊA PHƯƠNG CHẬM TIẾN ĐỘ THỰC HIỆN CHỈ TIÊU",
            f"(Đến ngày {format_date(table.day)})",
        )
        doc.table(
            LAGGING_HEADERS,
            _lagging_rows(table),
            widths_cm=[1.2, 5, 3.5, 2.8, 2.8, 3.2, 2.8, 4.2],
            size=11,
        )
    return doc


def target_template(*, province, units, year: int) -> Workbook:
    """The workbook to fill in targets: one row per unit, one column per indicator."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chỉ tiêu"
    indicators = list(Indicator.objects.filter(is_active=True).select_related("numerator"))
    rows = [[year, province.code, "Toàn tỉnh"] + [""] * len(indicators)]
    rows += [[year, u.code, u.name] + [""] * len(indicators) for u in units]
    write_table(
        sheet,
        f"CHỈ TIÊU THAM GIA BHXH, BHYT, BHTN NĂM {year} – {province.name.upper()}",
        "Cột (%): tỷ lệ % kiểu Việt Nam (24,88). Cột (đồng), (người): số nguyên "
        "(12.345.678.000). Giữ nguyên dòng tiêu đề.",
        ["Năm", "Mã ĐVHC", "Đơn vị"] + [f"{i.short_name} ({i.unit_label})" for i in indicators],
        rows,
        [8, 10, 32] + [14] * len(indicators),
    )
    return workbook


def value_template(*, province, units, period_label: str) -> Workbook:
    """The workbook to fill in counts: one row per unit and period, one column per measure."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Số liệu"
    measures = list(Measure.objects.all())
    rows = [[u.code, u.name, period_label] + [""] * len(measures) for u in units]
    write_table(
        sheet,
        f"SỐ LIỆU THAM GIA BHXH, BHYT, BHTN – {province.name.upper()}",
        "Số người (số nguyên, viết 1.017.308 hoặc 1017308); kỳ viết như Tháng 9/2024, "
        "Quý 3/2024, Năm 2023. Mỗi đơn vị một dòng cho mỗi kỳ.",
        ["Mã ĐVHC", "Đơn vị", "Kỳ"] + [m.code for m in measures],
        rows,
        [10, 32, 16] + [16] * len(measures),
    )
    sheet.insert_rows(4)
    for index, measure in enumerate(measures, start=4):
        sheet.cell(4, index, measure.label).font = Font(italic=True)
    sheet.freeze_panes = "A6"
    return workbook


def quality_workbook(*, province, year: int, flags) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chất lượng số liệu"
    rows = [
        [n, f.unit, f.period, f.measure, f.values, f.rule.label, f.message]
        for n, f in enumerate(flags, start=1)
    ]
    write_table(
        sheet,
        f"CẢNH BÁO CHẤT LƯỢNG SỐ LIỆU NĂM {year}",
        f"{province.name}. {len(flags)} cảnh báo; số liệu không bị sửa, cần rà soát.",
        ["STT", "Đơn vị", "Kỳ", "Số liệu", "Giá trị", "Quy tắc", "Chi tiết"],
        rows,
        [6, 28, 16, 30, 26, 30, 60],
    )
    return workbook
