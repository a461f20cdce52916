"""The round's proposals in Excel, and the "Danh sách đề nghị khen thưởng" in the Nghị định
30/2020 layout."""

from django.utils import timezone
from openpyxl import Workbook

from ansinh.core.excel import write_table
from ansinh.documents.nd30 import OfficialDocument
from ansinh.meetings.exports import _place


def _facts(proposal) -> str:
    return "\n".join(f"{c.label}: {c.outcome.label} — {c.detail}" for c in proposal.checks)


def rounds_workbook(*, rounds) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đợt xét khen thưởng"
    rows = [
        [r.year, r.title, str(r.committee), f"{r.closes_on:%d/%m/%Y}", r.proposal_count]
        for r in rounds
    ]
    write_table(
        sheet,
        "ĐỢT XÉT KHEN THƯỞNG",
        f"Tại {timezone.localtime():%H:%M %d/%m/%Y}",
        ["Năm", "Tên đợt xét", "Ban Chỉ đạo", "Hạn nhận đề nghị", "Số đề nghị"],
        rows,
        [8, 60, 36, 16, 12],
    )
    return workbook


def proposals_workbook(*, review_round, proposals) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đề nghị khen thưởng"
    rows = [
        [
            index,
            p.get_nominee_kind_display(),
            p.nominee_label,
            p.level.name,
            p.achievement,
            p.proposer.name,
            p.get_status_display(),
            "Đạt" if not p.failed else "Chưa đạt: " + "; ".join(c.label for c in p.failed),
            _facts(p),
            p.justification,
            p.review_note,
            p.decision_note,
        ]
        for index, p in enumerate(proposals, start=1)
    ]
    subtitle = (
        f"{review_round.committee.name} — hạn nhận đề nghị {review_round.closes_on:%d/%m/%Y}; "
        f"số liệu tại {timezone.localtime():%H:%M %d/%m/%Y}"
    )
    write_table(
        sheet,
        f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM {review_round.year}",
        subtitle,
        [
            "STT",
            "Đối tượng",
            "Tên đơn vị, địa phương, cá nhân",
            "Hình thức đề nghị",
            "Thành tích",
            "Cơ quan đề nghị",
            "Trạng thái",
            "Tiêu chí",
            "Số liệu trên hệ thống",
            "Giải trình",
            "Ý kiến thẩm định",
            "Ý kiến phê duyệt",
        ],
        rows,
        [6, 14, 36, 28, 50, 30, 22, 30, 60, 40, 30, 30],
    )
    return workbook


def proposals_document(*, review_round, proposals) -> OfficialDocument:
    committee = review_round.committee
    doc = OfficialDocument(
        issuer_parent=f"UBND {committee.province.name}".upper(),
        issuer="BAN CHỈ ĐẠO",
        number="      /DS-BCĐ",
        place=_place(committee.province),
        date=timezone.localdate(),
        kind="DANH SÁCH",
        summary=(
            f"Đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc trong thực hiện chính "
            f"sách BHXH, BHYT, BHTN năm {review_round.year}"
        ),
    )
    if review_round.source:
        doc.paragraph(f"Căn cứ: {review_round.source}", italic=True)
    doc.paragraph(
        f"{committee.name} tổng hợp {len(proposals)} đề nghị khen thưởng của đợt “"
        f"{review_round.title}” như sau (số liệu báo cáo, nhiệm vụ, chỉ tiêu lấy từ hệ thống "
        "ansinh):"
    )
    rows = [
        [
            index,
            p.nominee_label,
            p.achievement,
            p.level.name,
            p.proposer.display_name,
            "\n".join(f"{c.label}: {c.outcome.label}. {c.detail}" for c in p.checks)
            + (f"\nGiải trình: {p.justification}" if p.justification else ""),
            p.get_status_display(),
        ]
        for index, p in enumerate(proposals, start=1)
    ]
    doc.appendix("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", f"Năm {review_round.year}")
    doc.table(
        [
            "STT",
            "Tập thể, cá nhân",
            "Thành tích",
            "Hình thức",
            "Cơ quan đề nghị",
            "Tiêu chí, số liệu",
            "Trạng thái",
        ],
        rows,
        widths_cm=[1.2, 4.5, 6.5, 3.5, 3, 5.5, 2.8],
        size=11,
    )
    doc.signature(
        authority="TL. TRƯỞNG BAN",
        signer_title=f"CƠ QUAN THƯỜNG TRỰC - {committee.standing_agency.name}".upper(),
    )
    doc.recipients(["Hội đồng Thi đua - Khen thưởng tỉnh;", "Lưu: VT."])
    return doc
