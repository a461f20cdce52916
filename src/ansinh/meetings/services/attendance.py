"""Attendance recorded on the day: every seat marked, substitutes and approved absences only
with the chair's agreement (Thanh Hóa, Quy chế Điều 10.2.b)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ansinh.core.history import acting_as
from ansinh.meetings.enums import Attendance, ExcuseStatus
from ansinh.meetings.enums import MeetingStatus as S
from ansinh.meetings.models import Invitation, Meeting, Vote
from ansinh.meetings.services.meetings import meeting_day, meeting_transition, require_status


def _problem(invitation: Invitation, mark: str) -> str | None:
    approved = invitation.excuse_status == ExcuseStatus.APPROVED
    if mark == Attendance.SUBSTITUTE and not approved:
        return (
            f"{invitation.seat_label}: người họp thay chỉ dự họp khi Trưởng ban đồng ý cho "
            "thành viên vắng mặt; hãy ghi ý kiến đồng ý trước."
        )
    if mark == Attendance.SUBSTITUTE and not invitation.substitute_name:
        return f"{invitation.seat_label}: chưa có họ tên người họp thay."
    if mark == Attendance.ABSENT_APPROVED and not approved:
        return (
            f"{invitation.seat_label}: Trưởng ban chưa đồng ý cho vắng mặt; ghi “Vắng không "
            "phép”, hoặc ghi ý kiến đồng ý trước."
        )
    return None


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, marks: dict[int, str], user, now: dt.datetime | None = None
) -> Meeting:
    """Mark every seat (keys are invitation ids); the meeting is then held."""
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_status(meeting, [S.INVITED, S.HELD], "điểm danh")
    day = meeting_day(meeting)
    if timezone.localtime(now).date() < day:
        raise ValidationError(
            f"Điểm danh: cuộc họp diễn ra ngày {day:%d/%m/%Y}; chỉ điểm danh từ ngày họp."
        )
    invitations = list(meeting.invitations.select_related("membership__agency"))
    voted = set(
        Vote.objects.filter(decision__meeting=meeting).values_list("invitation_id", flat=True)
    )
    allowed = set(Attendance.values) - {Attendance.NONE}
    problems = []
    changed = []
    for invitation in invitations:
        mark = marks.get(invitation.pk, "")
        if mark not in allowed:
            problems.append(f"{invitation.seat_label}: chưa chọn điểm danh.")
            continue
        if (problem := _problem(invitation, mark)) is not None:
            problems.append(problem)
            continue
        if mark != invitation.attendance:
            if invitation.pk in voted:
                problems.append(
                    f"{invitation.seat_label}: đã có ý kiến biểu quyết, không đổi điểm danh được."
                )
                continue
            invitation.attendance = mark
            changed.append(invitation)
    if problems:
        raise ValidationError(problems)
    with acting_as(user):
        for invitation in changed:
            invitation.updated_by = user
            invitation.full_clean()
            invitation.save()
    if meeting.status == S.INVITED:
        meeting = meeting_transition(meeting=meeting, action="hold", user=user, now=now)
    return meeting
