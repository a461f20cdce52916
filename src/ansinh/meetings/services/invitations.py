"""Invitations: sent to every seat of the committee on the meeting's date (in-app notice and
e-mail), answered by the member's agency, excuses approved or refused for the chair."""

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ansinh.accounts.models import User
from ansinh.core.history import acting_as
from ansinh.meetings.enums import Answer, ExcuseStatus
from ansinh.meetings.enums import MeetingStatus as S
from ansinh.meetings.models import Invitation, Meeting
from ansinh.meetings.services.meetings import meeting_day, meeting_transition, require_status
from ansinh.meetings.services.rules import rules_for
from ansinh.org.models import Membership
from ansinh.reporting.models import Notice

logger = logging.getLogger(__name__)


def _when(meeting: Meeting) -> str:
    local = timezone.localtime(meeting.starts_at)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def _link(meeting: Meeting) -> str:
    path = reverse("meetings:meeting_detail", args=[meeting.pk])
    return settings.ANSINH_SITE_URL.rstrip("/") + path


@transaction.atomic
def invitations_send(
    *, meeting: Meeting, user, now: dt.datetime | None = None, notify: bool = True
) -> list[Invitation]:
    """One invitation per seat held on the meeting's date, a notice to each user of the
    members' agencies and an e-mail per seat once committed. `notify=False` records the
    invitations without telling anyone (a past meeting entered afterwards)."""
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)
    require_status(meeting, [S.DRAFT], "gửi giấy mời")
    if meeting.starts_at <= now:
        raise ValidationError(
            {"starts_at": f"Thời gian họp: {_when(meeting)} đã qua; không gửi giấy mời được."}
        )
    if not meeting.agenda.exists():
        raise ValidationError(
            "Cuộc họp chưa có nội dung họp; thêm nội dung trước khi gửi giấy mời."
        )
    day = meeting_day(meeting)
    seats = list(
        Membership.objects.filter(committee=meeting.committee)
        .on(day)
        .select_related("agency")
        .order_by("position", "pk")
    )
    if not seats:
        raise ValidationError(f"Ban Chỉ đạo không có thành viên nào vào ngày {day:%d/%m/%Y}.")
    users = User.objects.filter(agency_id__in={s.agency_id for s in seats}, is_active=True)
    by_agency: dict[int, list] = {}
    for person in users:
        by_agency.setdefault(person.agency_id, []).append(person)
    invitations = []
    with acting_as(user):
        for seat in seats:
            addresses = [seat.agency.email] + [p.email for p in by_agency.get(seat.agency_id, [])]
            invitation = Invitation(
                meeting=meeting,
                membership=seat,
                sent_at=now,
                emailed_to=", ".join(sorted({a for a in addresses if a}))[:600] if notify else "",
                created_by=user,
                updated_by=user,
            )
            invitation.full_clean()
            invitation.save()
            invitations.append(invitation)
    meeting_transition(meeting=meeting, action="invite", user=user, now=now)
    if notify:
        _notify(meeting, invitations, by_agency)
        transaction.on_commit(lambda: _email(meeting, [i for i in invitations if i.emailed_to]))
    return invitations


def _notify(meeting: Meeting, invitations: list[Invitation], by_agency: dict) -> None:
    title = f"Giấy mời họp: {meeting.title}, {_when(meeting)}"[:300]
    url = reverse("meetings:meeting_detail", args=[meeting.pk])
    seats_of: dict[int, list[str]] = {}
    for invitation in invitations:
        for person in by_agency.get(invitation.membership.agency_id, []):
            seats_of.setdefault(person.pk, []).append(invitation.membership.title)
    people = {p.pk: p for group in by_agency.values() for p in group}
    Notice.objects.bulk_create(
        Notice(
            user=people[pk],
            title=title,
            body=f"Địa điểm: {meeting.place}. Mời: {'; '.join(seats)}. Trả lời dự họp hoặc xin "
            "vắng (cử người họp thay) trên trang cuộc họp.",
            url=url,
        )
        for pk, seats in seats_of.items()
    )


def _tell(*, agency_id: int, title: str, meeting: Meeting, besides=None) -> None:
    """A notice to the officers of an agency about a step they should act on or know of."""
    users = User.objects.filter(agency_id=agency_id, is_active=True)
    if besides is not None:
        users = users.exclude(pk=besides.pk)
    url = reverse("meetings:meeting_detail", args=[meeting.pk])
    Notice.objects.bulk_create(Notice(user=u, title=title[:300], url=url) for u in users)


def _email(meeting: Meeting, invitations: list[Invitation]) -> None:
    """After commit, so a slow or failing mail server never undoes the invitations; a failure
    is kept on the invitation and the in-app notice stays."""
    subject = f"Giấy mời họp: {meeting.title}"
    for invitation in invitations:
        text = render_to_string(
            "meetings/email/invitation.txt",
            {
                "meeting": meeting,
                "invitation": invitation,
                "when": _when(meeting),
                "link": _link(meeting),
                "agenda": list(meeting.agenda.all()),
            },
        )
        try:
            send_mail(
                subject,
                text,
                settings.DEFAULT_FROM_EMAIL,
                invitation.emailed_to.split(", "),
            )
        except Exception as error:  # any failure of the mail server; the notice stays
            logger.warning("Giấy mời %s không gửi e-mail được: %s", invitation.pk, error)
            Invitation.objects.filter(pk=invitation.pk).update(
                email_error=f"{type(error).__name__}: {error}"[:300]
            )


@transaction.atomic
def invitation_answer(
    *,
    invitation: Invitation,
    answer: str,
    user,
    reason: str = "",
    substitute_name: str = "",
    substitute_title: str = "",
    now: dt.datetime | None = None,
    notify: bool = True,
) -> Invitation:
    now = now or timezone.now()
    invitation = (
        Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    )
    meeting = invitation.meeting
    require_status(meeting, [S.INVITED], "trả lời giấy mời")
    if meeting.starts_at <= now:
        raise ValidationError("Cuộc họp đã bắt đầu; không trả lời giấy mời được nữa.")
    name, title = substitute_name.strip(), substitute_title.strip()
    if answer == Answer.EXCUSED:
        errors = {}
        required = rules_for(committee=meeting.committee).substitute_required
        if required and not name:
            errors["substitute_name"] = (
                "Họ tên người họp thay: thành viên vắng mặt phải cử cán bộ họp thay (quy tắc họp "
                "của Ban Chỉ đạo); hãy ghi họ tên."
            )
        if (required or name) and not title:
            errors["substitute_title"] = (
                "Chức vụ người họp thay: hãy ghi chức vụ của người họp thay."
            )
        if errors:
            raise ValidationError(errors)
        invitation.excuse_reason = reason.strip()
        invitation.excuse_status = ExcuseStatus.PENDING
    elif answer == Answer.ATTEND:
        invitation.excuse_reason, invitation.excuse_status = "", ExcuseStatus.NONE
        name = title = ""
    else:
        raise ValidationError({"answer": "Trả lời: chọn dự họp hoặc xin vắng."})
    invitation.answer = answer
    invitation.substitute_name, invitation.substitute_title = name, title
    invitation.excuse_note, invitation.excuse_decided_at, invitation.excuse_decided_by = (
        "",
        None,
        None,
    )
    invitation.answered_at, invitation.answered_by = now, user
    invitation.updated_by = user
    with acting_as(user):
        invitation.full_clean()
        invitation.save()
    if notify and answer == Answer.EXCUSED:
        _tell(
            agency_id=meeting.committee.standing_agency_id,
            title=f"Xin vắng mặt, cần ý kiến của Trưởng ban: {invitation.seat_label} — "
            f"{meeting.title}",
            meeting=meeting,
            besides=user,
        )
    return invitation


@transaction.atomic
def excuse_decide(
    *,
    invitation: Invitation,
    approve: bool,
    user,
    note: str = "",
    now: dt.datetime | None = None,
    notify: bool = True,
) -> Invitation:
    """The chair's opinion on an excuse, recorded by the standing agency acting for the chair."""
    invitation = (
        Invitation.objects.select_for_update().select_related("meeting").get(pk=invitation.pk)
    )
    require_status(invitation.meeting, [S.INVITED, S.HELD], "cho ý kiến về việc vắng mặt")
    if invitation.answer != Answer.EXCUSED:
        raise ValidationError(f"{invitation.seat_label} không xin vắng mặt.")
    invitation.excuse_status = ExcuseStatus.APPROVED if approve else ExcuseStatus.REFUSED
    invitation.excuse_note = note.strip()
    invitation.excuse_decided_at = now or timezone.now()
    invitation.excuse_decided_by = user
    invitation.updated_by = user
    with acting_as(user):
        invitation.full_clean()
        invitation.save()
    if notify:
        meeting = invitation.meeting
        verdict = invitation.get_excuse_status_display()
        _tell(
            agency_id=invitation.membership.agency_id,
            title=f"{verdict} việc vắng mặt: {meeting.title}",
            meeting=meeting,
            besides=user,
        )
    return invitation
