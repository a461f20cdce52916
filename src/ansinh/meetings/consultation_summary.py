"""The summary of a closed written consultation (.docx, Nghị định 30/2020 layout)."""

from django.utils import timezone

from ansinh.documents.nd30 import OfficialDocument
from ansinh.meetings.exports import _place


def summary_document(*, consultation, members, tally) -> OfficialDocument:
    committee = consultation.committee
    closes = timezone.localtime(consultation.closes_at)
    sent = timezone.localtime(consultation.sent_at)
    doc = OfficialDocument(
        issuer_parent=f"UBND {committee.province.name}",
        issuer="BAN CHỈ ĐẠO",
        number="      /BC-BCĐ",
        place=_place(committee.province),
        date=closes.date(),
        kind="BÁO CÁO",
        summary=f"Tổng hợp ý kiến thành viên Ban Chỉ đạo: {consultation.title}",
    )
    doc.paragraph(
        f"Ngày {sent:%d/%m/%Y}, cơ quan thường trực {committee.name} gửi tài liệu xin ý kiến "
        f"bằng văn bản tới {tally.invited} thành viên; hạn trả lời {closes:%H:%M} ngày "
        f"{closes:%d/%m/%Y}."
    )
    doc.heading("Nội dung xin ý kiến:")
    for line in consultation.questions.splitlines():
        if line.strip():
            doc.paragraph(line.strip())
    doc.heading("Kết quả:")
    doc.paragraph(f"Số thành viên đã trả lời: {tally.answered}/{tally.invited} ({tally.percent}%).")
    for label, count in tally.rows:
        doc.paragraph(f"- {label}: {count}.")
    doc.paragraph(tally.words, italic=True)
    doc.signature(
        authority="TL. TRƯỞNG BAN",
        signer_title=f"CƠ QUAN THƯỜNG TRỰC - {committee.standing_agency.name}",
    )
    doc.recipients(["Trưởng Ban Chỉ đạo (để báo cáo);", "Các thành viên Ban Chỉ đạo;", "Lưu: VT."])
    doc.appendix("Ý KIẾN CỦA CÁC THÀNH VIÊN", landscape=False)
    rows = [
        [
            index,
            m.seat_label,
            m.get_answer_display(),
            m.comment,
            f"{timezone.localtime(m.answered_at):%d/%m/%Y}" if m.answered_at else "",
        ]
        for index, m in enumerate(members, start=1)
    ]
    doc.table(
        ["STT", "Thành viên", "Ý kiến", "Ý kiến cụ thể", "Ngày trả lời"],
        rows,
        widths_cm=[1.2, 5.5, 2.8, 4.5, 2.5],
        size=11,
    )
    return doc
