"""Writes of meetings: schedule, change, cancel, close.

`now` is the moment the action happens: views leave it to the clock; the demo replays a past
meeting at the dates it would have happened.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ansinh.core.history import acting_as
from ansinh.meetings.enums import MeetingStatus as S
from ansinh.meetings.models import Meeting
from ansinh.org.enums import Role
from ansinh.org.models import Committee, Membership

CHAIR_ROLES = [Role.CHAIR, Role.STANDING_DEPUTY, Role.DEPUTY]
TRANSITIONS = {
    "invite": ([S.DRAFT], S.INVITED),
    "hold": ([S.INVITED, S.HELD], S.HELD),
    "close": ([S.HELD], S.CLOSED),
    "cancel": ([S.DRAFT, S.INVITED], S.CANCELLED),
}


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.starts_at).date()


def require_status(meeting: Meeting, allowed: list[str], doing: str) -> None:
    if meeting.status not in allowed:
        raise ValidationError(
            f"Cuộc họp đang ở trạng thái “{meeting.get_status_display()}”, không {doing} được."
        )


def _check(meeting: Meeting, now: dt.datetime) -> None:
    errors = {}
    if meeting.starts_at is not None and meeting.starts_at <= now:
        when = timezone.localtime(meeting.starts_at)
        errors["starts_at"] = (
            f"Thời gian họp: {when:%H:%M} ngày {when:%d/%m/%Y} đã qua; chỉ lên lịch cuộc họp "
            "từ bây giờ trở đi."
        )
    chair = meeting.chair if meeting.chair_id else None
    if chair is not None and meeting.starts_at is not None:
        day = meeting_day(meeting)
        in_force = Membership.objects.filter(pk=chair.pk, committee=meeting.committee).on(day)
        if not in_force.exists():
            errors["chair"] = (
                f"Người chủ trì: {chair} không là thành viên Ban Chỉ đạo vào ngày {day:%d/%m/%Y}."
            )
        elif chair.role not in CHAIR_ROLES:
            errors["chair"] = (
                "Người chủ trì: chỉ Trưởng ban hoặc Phó Trưởng ban (khi được ủy quyền) chủ trì "
                "cuộc họp (Quy chế Điều 10.2.b)."
            )
    if errors:
        raise ValidationError(errors)


def meeting_create(
    *,
    committee: Committee,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    place: str,
    chair: Membership,
    number: str = "",
    note: str = "",
    user,
    now: dt.datetime | None = None,
) -> Meeting:
    meeting = Meeting(
        committee=committee,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        place=place.strip(),
        chair=chair,
        number=number.strip(),
        note=note.strip(),
        created_by=user,
        updated_by=user,
    )
    _check(meeting, now or timezone.now())
    with transaction.atomic(), acting_as(user):
        meeting.full_clean()
        meeting.save()
    return meeting


def meeting_update(*, meeting: Meeting, user, now: dt.datetime | None = None) -> Meeting:
    """Save the details edited on the form. Only a draft changes: once invitations are out,
    the members were told a date and place, so the meeting is cancelled and scheduled again."""
    current = Meeting.objects.get(pk=meeting.pk)
    require_status(current, [S.DRAFT], "sửa thời gian, địa điểm")
    _check(meeting, now or timezone.now())
    with transaction.atomic(), acting_as(user):
        meeting.updated_by = user
        meeting.full_clean()
        meeting.save()
    return meeting


@transaction.atomic
def meeting_transition(
    *, meeting: Meeting, action: str, user, reason: str = "", now: dt.datetime | None = None
) -> Meeting:
    allowed, target = TRANSITIONS[action]
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    labels = {
        "invite": "gửi giấy mời",
        "hold": "ghi nhận đã họp",
        "close": "kết thúc",
        "cancel": "hủy",
    }
    require_status(meeting, allowed, labels[action])
    now = now or timezone.now()
    if action == "cancel":
        if not reason.strip():
            raise ValidationError({"cancel_reason": "Lý do hủy: hãy nêu lý do hủy cuộc họp."})
        meeting.cancel_reason = reason.strip()
    if action == "invite":
        meeting.invited_at = now
    meeting.status = target
    meeting.updated_by = user
    with acting_as(user):
        meeting.full_clean()
        meeting.save()
    return meeting
