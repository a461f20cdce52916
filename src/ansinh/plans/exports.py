"""Exports of plans: the Word document (Nghị định 30/2020 layout), Excel sheets, the template."""

from openpyxl import Workbook
from openpyxl.styles import Font

from ansinh.core.excel import write_table
from ansinh.documents.nd30 import OfficialDocument
from ansinh.plans.importers.excel import COLUMNS

TASK_HEADERS = ["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"]


def _group_rows(plan, tasks, *, with_status=False):
    """Rows of the task table in document order: a group row, then its tasks, then sub-groups."""
    by_group: dict = {}
    for task in tasks:
        by_group.setdefault(task.group_id, []).append(task)
    groups = list(plan.groups.order_by("position"))
    children: dict = {}
    for group in groups:
        children.setdefault(group.parent_id, []).append(group)
    rows, bold = [], set()

    def task_row(task):
        row = [task.number, task.content, task.lead_text, task.coordinators_text, task.timeframe]
        if with_status:
            row += [task.due_date.strftime("%d/%m/%Y") if task.due_date else "", task.state.label]
        return row

    def walk(parent_id):
        for group in children.get(parent_id, []):
            bold.add(len(rows))
            rows.append([group.number, group.title, "", "", ""] + (["", ""] if with_status else []))
            rows.extend(task_row(t) for t in by_group.get(group.pk, []))
            walk(group.pk)

    rows.extend(task_row(t) for t in by_group.get(None, []))
    walk(None)
    return rows, bold


def plan_document(*, plan, tasks) -> OfficialDocument:
    committee = plan.committee
    doc = OfficialDocument(
        issuer_parent=f"UBND {committee.province.name}",  # "UBND Tỉnh Kon Tum"; printed in capitals
        issuer="BAN CHỈ ĐẠO",
        number=plan.number or "      /KH-BCĐ",
        place=plan.place or committee.province.name,
        date=plan.date,
        kind=plan.kind,
        summary=plan.title,
    )
    for paragraph in plan.preamble:
        doc.paragraph(paragraph, italic=True)
    for section in plan.body:
        if section.get("heading"):
            doc.heading(section["heading"])
        for paragraph in section.get("paragraphs", []):
            doc.paragraph(paragraph)
    doc.signature(
        authority=plan.signer_authority or "TRƯỞNG BAN",
        signer_title=plan.signer_title,
        name=plan.signer_name,
    )
    doc.recipients(plan.recipients or ["Các cơ quan thành viên Ban Chỉ đạo;", "Lưu: VT."])
    rows, bold = _group_rows(plan, tasks)
    doc.appendix(
        "PHỤ LỤC 2",
        plan.appendix_title or f"NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN NĂM {plan.year}",
        f"(Kèm theo Kế hoạch số {plan.number or '      /KH-BCĐ'} của {committee.name})",
    )
    doc.table(TASK_HEADERS, rows, widths_cm=[1.3, 12, 4.2, 5, 2.8], bold_rows=bold)
    if plan.footnotes:
        doc.heading("Ghi chú")
        for number, text in plan.footnotes.items():
            doc.paragraph(f"({number}) {text}")
    return doc


def plan_workbook(*, plan, tasks) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ"
    rows, bold = _group_rows(plan, tasks, with_status=True)
    write_table(
        sheet,
        f"{plan.kind} {plan.title}".upper(),
        plan.committee.name,
        [*TASK_HEADERS, "Hạn", "Trạng thái"],
        rows,
        [6, 70, 30, 40, 16, 12, 22],
    )
    for index in bold:
        for cell in sheet[5 + index]:
            cell.font = Font(bold=True)
    return workbook


def agency_tasks_workbook(*, agency, plan, tasks) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nhiệm vụ của đơn vị"
    rows = [
        [
            t.number,
            f"{t.group.number} {t.group.title}" if t.group else "",
            t.content,
            t.get_role_display() if hasattr(t, "get_role_display") else _role_label(t.role),
            t.timeframe or "Không xác định",
            t.due_date.strftime("%d/%m/%Y") if t.due_date else "",
            t.state.label,
        ]
        for t in tasks
    ]
    write_table(
        sheet,
        f"NHIỆM VỤ CỦA {agency.name.upper()}",
        f"{plan.kind} {plan.title}",
        ["STT", "Nhóm", "Nội dung", "Vai trò", "Thời gian thực hiện", "Hạn", "Trạng thái"],
        rows,
        [6, 40, 70, 12, 18, 12, 22],
    )
    return workbook


def _role_label(role: str) -> str:
    from ansinh.plans.enums import UnitRole

    return UnitRole(role).label


def template_workbook() -> Workbook:
    """The Excel template users fill in: the header row, two example groups and tasks, and a
    sheet explaining each column."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kế hoạch"
    examples = [
        ["I", "", "Đẩy mạnh công tác thông tin tuyên truyền", "", "", "", ""],
        [
            "",
            "1",
            "Tham mưu UBND tỉnh ban hành Kế hoạch truyền thông",
            "Sở Thông tin và Truyền thông",
            "Các Sở, ban, ngành, Hội, đoàn thể liên quan, Bảo hiểm xã hội tỉnh",
            "Thường xuyên",
            "",
        ],
        ["a)", "", "Nhóm con (nếu có)", "", "", "", ""],
        ["", "2", "Nội dung nhiệm vụ", "Bảo hiểm xã hội tỉnh", "", "Quý 2/2024", ""],
    ]
    write_table(
        sheet,
        "KẾ HOẠCH — NHIỆM VỤ, GIẢI PHÁP",
        "Mỗi dòng một nhóm (ghi số nhóm ở cột Nhóm) hoặc một nhiệm vụ. Xóa các dòng ví dụ.",
        [label for _, label, _ in COLUMNS],
        examples,
        [8, 6, 70, 30, 40, 18, 30],
    )
    help_sheet = workbook.create_sheet("Hướng dẫn")
    for row in [
        ["Cột", "Cách ghi"],
        ["Nhóm", "Chỉ ghi ở dòng nhóm: I, II… (nhóm), a), b)… (nhóm con), * (Đối với nhóm …)."],
        ["STT", "Số thứ tự nhiệm vụ, ghi như văn bản."],
        ["Nội dung", "Nội dung nhiệm vụ; ở dòng nhóm là tên nhóm. Bắt buộc."],
        ["Đơn vị chủ trì", "Ghi như văn bản; có thể nhiều đơn vị, cách nhau bằng dấu phẩy."],
        ["Đơn vị phối hợp", "Ghi như văn bản, kể cả cách gọi chung (UBND các huyện, thành phố)."],
        [
            "Thời gian thực hiện",
            "Thường xuyên; Quý 2/2024; Tháng 8/2024; 6 tháng đầu năm 2024; Năm 2024; "
            "15/10/2024; để trống nếu không xác định.",
        ],
        ["Căn cứ", "Văn bản làm căn cứ (không bắt buộc)."],
    ]:
        help_sheet.append(row)
    help_sheet["A1"].font = help_sheet["B1"].font = Font(bold=True)
    help_sheet.column_dimensions["A"].width = 22
    help_sheet.column_dimensions["B"].width = 100
    return workbook
