"""The minutes (biên bản) of a held meeting, drafted from what was recorded: attendance by
status with the substitutes named, the agenda, each decision's opinions, tally, outcome and the
rule that produced it, the conclusions and the tasks they became."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from ansinh.documents.nd30 import OfficialDocument
from ansinh.meetings import selectors
from ansinh.meetings.enums import Attendance
from ansinh.meetings.enums import MeetingStatus as S
from ansinh.meetings.exports import _place
from ansinh.meetings.models import ConclusionTask, Meeting


def _person(invitation) -> str:
    member = invitation.membership
    who = member.person_name or member.title
    return f"{who}, {member.title} ({member.agency.display_name})"


def _attendance(doc: OfficialDocument, invitations, quorum) -> None:
    doc.heading("I. THÀNH PHẦN DỰ HỌP")
    groups = [
        (Attendance.PRESENT, "Thành viên có mặt"),
        (Attendance.SUBSTITUTE, "Thành viên vắng mặt, có người họp thay"),
        (Attendance.ABSENT_APPROVED, "Thành viên vắng mặt có phép"),
        (Attendance.ABSENT_UNAPPROVED, "Thành viên vắng mặt không phép"),
    ]
    for status, label in groups:
        seats = [i for i in invitations if i.attendance == status]
        doc.paragraph(f"{label}: {len(seats)}/{len(invitations)}.")
        for invitation in seats:
            line = f"- {_person(invitation)}"
            if status == Attendance.SUBSTITUTE:
                line += (
                    f"; người họp thay: {invitation.substitute_name}, {invitation.substitute_title}"
                )
            elif invitation.excuse_reason:
                line += f"; lý do: {invitation.excuse_reason}"
            doc.paragraph(line + ".")
    if quorum is not None:
        doc.paragraph(quorum.words, italic=True)


def _decisions(doc: OfficialDocument, decisions) -> None:
    doc.heading("III. Ý KIẾN BIỂU QUYẾT")
    if not decisions:
        doc.paragraph("Cuộc họp không biểu quyết vấn đề nào.")
    for index, row in enumerate(decisions, start=1):
        decision, outcome = row.decision, row.outcome
        doc.paragraph(f"{index}. {decision.question} (nội dung họp: {decision.item.title}).")
        tally = "; ".join(f"{option}: {count}" for option, count, _ in outcome.rows)
        doc.paragraph(f"Số ý kiến được tính — {tally}.")
        for vote in row.votes:
            by = " (người họp thay)" if vote.by_substitute else ""
            doc.paragraph(f"- {_person(vote.invitation)}{by}: {vote.option}.")
        result = decision.outcome or "chưa có kết luận"
        doc.paragraph(f"Kết quả: {result} ({decision.get_basis_display().lower()}).")
        doc.paragraph(outcome.words, italic=True)
        for note in outcome.notes:
            doc.paragraph(note, italic=True)


def _conclusions(doc: OfficialDocument, decisions, links) -> None:
    doc.heading("IV. KẾT LUẬN")
    concluded = [row.decision for row in decisions if row.decision.conclusion]
    if not concluded and not links:
        doc.paragraph("Chưa ghi kết luận.")
    for index, decision in enumerate(concluded, start=1):
        doc.paragraph(f"{index}. {decision.conclusion}")
    if links:
        doc.paragraph("Nhiệm vụ giao theo kết luận:")
        for link in links:
            task = link.task
            coordinators = f"; phối hợp: {task.coordinators_text}" if task.coordinators_text else ""
            doc.paragraph(
                f"- {task.content} Chủ trì: {task.lead_text}{coordinators}; hạn hoàn thành: "
                f"{task.timeframe_display}."
            )


def minutes_document(*, meeting: Meeting) -> OfficialDocument:
    if meeting.status not in (S.HELD, S.CLOSED):
        raise ValidationError(
            f"Cuộc họp đang ở trạng thái “{meeting.get_status_display()}”: biên bản chỉ lập "
            "cho cuộc họp đã họp (đã điểm danh)."
        )
    committee = meeting.committee
    rules = selectors.rules_of(committee=committee)
    invitations = selectors.meeting_invitations(meeting=meeting)
    decisions = selectors.meeting_decisions(meeting=meeting, rules=rules)
    links = list(
        ConclusionTask.objects.filter(decision__meeting=meeting)
        .select_related("task")
        .order_by("decision__item__position", "pk")
    )
    local = timezone.localtime(meeting.starts_at)
    doc = OfficialDocument(
        issuer_parent=f"UBND {committee.province.name}",
        issuer="BAN CHỈ ĐẠO",
        number="      /BB-BCĐ",
        place=_place(committee.province),
        date=local.date(),
        kind="BIÊN BẢN",
        summary=meeting.title,
    )
    chair = meeting.chair
    doc.paragraph(
        f"Vào hồi {local:%H} giờ {local:%M} ngày {local:%d/%m/%Y}, tại {meeting.place}, "
        f"{committee.name} họp ({meeting.get_kind_display().lower()})."
    )
    doc.paragraph(f"Chủ trì: {chair.person_name or chair.title}, {chair.get_role_display()}.")
    _attendance(doc, invitations, selectors.meeting_quorum(invitations=invitations, rules=rules))
    doc.heading("II. NỘI DUNG HỌP")
    for index, item in enumerate(selectors.meeting_agenda(meeting=meeting), start=1):
        doc.paragraph(f"{index}. {item.title} (trình bày: {item.presenter}).")
    _decisions(doc, decisions)
    _conclusions(doc, decisions, links)
    doc.paragraph(
        "Biên bản được lập từ điểm danh và ý kiến biểu quyết ghi nhận trên hệ thống ansinh.",
        italic=True,
    )
    doc.signature(authority="CHỦ TRÌ CUỘC HỌP", name=chair.person_name)
    return doc
