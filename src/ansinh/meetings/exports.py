"""The invitation (giấy mời) in the Nghị định 30/2020 layout, and the meeting list in Excel."""

from django.utils import timezone
from openpyxl import Workbook

from ansinh.core.excel import write_table
from ansinh.documents.nd30 import OfficialDocument


def _place(province) -> str:
    """“Thanh Hóa” from “Tỉnh Thanh Hóa”: the place line of a document names the locality."""
    for prefix in ("Tỉnh ", "Thành phố ", "tỉnh ", "thành phố "):
        if province.name.startswith(prefix):
            return province.name[len(prefix) :]
    return province.name


def invitation_document(*, meeting, agenda, invitations) -> OfficialDocument:
    committee = meeting.committee
    local = timezone.localtime(meeting.starts_at)
    issued = timezone.localtime(meeting.invited_at).date() if meeting.invited_at else None
    doc = OfficialDocument(
        issuer_parent=f"UBND {committee.province.name}",
        issuer="BAN CHỈ ĐẠO",
        number=meeting.number or "      /GM-BCĐ",
        place=_place(committee.province),
        date=issued,
        kind="GIẤY MỜI",
        summary=meeting.title,
    )
    doc.paragraph(
        f"{committee.name} trân trọng kính mời các thành viên Ban Chỉ đạo (danh sách kèm theo) "
        "dự cuộc họp."
    )
    chair = meeting.chair
    doc.paragraph(f"Chủ trì: {chair.person_name or chair.title}, {chair.get_role_display()}.")
    doc.paragraph(f"Thời gian: {local:%H} giờ {local:%M}, ngày {local:%d/%m/%Y}.")
    doc.paragraph(f"Địa điểm: {meeting.place}.")
    doc.heading("Nội dung:")
    for index, item in enumerate(agenda, start=1):
        doc.paragraph(
            f"{index}. {item.title} (trình bày: {item.presenter}; thời lượng {item.minutes} phút)."
        )
    if meeting.note:
        doc.paragraph(meeting.note)
    doc.paragraph(
        "Đề nghị các thành viên bố trí thời gian dự họp đầy đủ, đúng thành phần; trường hợp vắng "
        "mặt phải được sự đồng ý của Trưởng Ban Chỉ đạo và cử cán bộ họp thay; trả lời giấy mời "
        "trên hệ thống ansinh. Tài liệu họp được đăng trên trang cuộc họp.",
        italic=True,
    )
    doc.signature(
        authority="TL. TRƯỞNG BAN",
        signer_title=f"CƠ QUAN THƯỜNG TRỰC - {committee.standing_agency.name}",
    )
    doc.recipients(["Như thành phần mời;", "Lưu: VT."])
    doc.appendix(
        "DANH SÁCH THÀNH VIÊN ĐƯỢC MỜI",
        "",
        f"(Kèm theo Giấy mời số {meeting.number or '      /GM-BCĐ'} của {committee.name})",
        landscape=False,
    )
    rows = [
        [
            index,
            i.membership.get_role_display(),
            i.membership.person_name,
            i.membership.title,
            i.membership.agency.name,
        ]
        for index, i in enumerate(invitations, start=1)
    ]
    doc.table(
        ["STT", "Vai trò", "Họ và tên", "Chức danh", "Cơ quan"],
        rows,
        widths_cm=[1.2, 3.2, 3.3, 4.3, 4.5],
        size=11,
    )
    return doc


def meetings_workbook(*, meetings, subtitle: str) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cuộc họp"
    rows = []
    for m in meetings:
        local = timezone.localtime(m.starts_at)
        rows.append(
            [
                f"{local:%d/%m/%Y %H:%M}",
                m.get_kind_display(),
                m.title,
                str(m.committee),
                m.place,
                m.chair.person_name or m.chair.title,
                m.get_status_display(),
                m.seats,
                m.present,
                m.substitutes,
            ]
        )
    write_table(
        sheet,
        "DANH SÁCH CUỘC HỌP BAN CHỈ ĐẠO",
        subtitle,
        [
            "Thời gian",
            "Loại",
            "Tên cuộc họp",
            "Ban Chỉ đạo",
            "Địa điểm",
            "Chủ trì",
            "Trạng thái",
            "Thành viên được mời",
            "Có mặt",
            "Người họp thay",
        ],
        rows,
        [17, 14, 50, 30, 30, 26, 16, 12, 10, 10],
    )
    return workbook
