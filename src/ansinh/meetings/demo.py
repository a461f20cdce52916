"""Demo meetings read from data/meetings/*.yaml (illustrative, never real minutes).

A past meeting is replayed through the services at the dates it would have happened:
invitations a few days before (recorded without notices, which would have gone out then),
answers and the chair's opinions on excuses the following days, attendance and decisions on
the day. Nothing province-specific is in this module; the files say it all.
"""

import datetime as dt
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ansinh.meetings import services
from ansinh.meetings.enums import Answer, Attendance, ExcuseStatus, MeetingStatus
from ansinh.meetings.models import AgendaItem, Meeting
from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import Agency, Committee, Membership


class DemoProblem(Exception):
    pass


def _committee(spec: dict, name: str) -> Committee:
    committee = Committee.objects.filter(
        province__edition=AdminEdition.Y2024,
        province__level=AdminLevel.PROVINCE,
        province__code=str(spec["province"]),
        key=spec["committee"],
    ).first()
    if committee is None:
        raise DemoProblem(
            f"{name}: chưa có Ban Chỉ đạo “{spec['committee']}” của tỉnh mã {spec['province']} "
            "— hãy nạp tệp dữ liệu của tỉnh trước."
        )
    return committee


def _seat(committee: Committee, key: str, day: dt.date, name: str) -> Membership:
    agency, _, role = key.partition("/")
    seats = Membership.objects.filter(committee=committee, agency__key=agency).on(day)
    if role:
        seats = seats.filter(role=role)
    seat = seats.order_by("position").first()
    if seat is None:
        raise DemoProblem(f"{name}: không có thành viên “{key}” vào ngày {day:%d/%m/%Y}.")
    return seat


def _starts_at(spec: dict, today: dt.date) -> dt.datetime:
    day = spec["date"] if "date" in spec else today + dt.timedelta(days=int(spec["in_days"]))
    hour, minute = (int(part) for part in str(spec.get("time", "08:00")).split(":"))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _agenda(meeting: Meeting, items: list[dict], day: dt.date, name: str) -> list[AgendaItem]:
    created = []
    for entry in items:
        presenter = entry["presenter"]
        item = AgendaItem(meeting=meeting, title=entry["title"], minutes=int(entry["minutes"]))
        if "member" in presenter:
            item.presenter_member = _seat(meeting.committee, presenter["member"], day, name)
        else:
            item.presenter_agency = Agency.objects.get(
                province_id=meeting.committee.province_id, key=presenter["agency"]
            )
        created.append(services.agenda_item_save(item=item, user=None))
    return created


def _replay(meeting: Meeting, spec: dict, agenda: list[AgendaItem], day: dt.date, name: str):
    """Answers, excuses, attendance, decisions and closing of a meeting that already took place."""
    committee, at = meeting.committee, meeting.starts_at
    invitations = {i.membership_id: i for i in meeting.invitations.all()}
    for entry in spec.get("answers", []):
        invitation = invitations[_seat(committee, entry["seat"], day, name).pk]
        substitute = entry.get("substitute", {})
        services.invitation_answer(
            invitation=invitation,
            answer=Answer.EXCUSED,
            user=None,
            reason=entry.get("reason", ""),
            substitute_name=substitute.get("name", ""),
            substitute_title=substitute.get("title", ""),
            now=at - dt.timedelta(days=3),
            notify=False,
        )
        if "approved" in entry:
            services.excuse_decide(
                invitation=invitation,
                approve=bool(entry["approved"]),
                user=None,
                now=at - dt.timedelta(days=2),
                notify=False,
            )
    absent = {_seat(committee, key, day, name).pk for key in spec.get("absent", [])}
    marks = {}
    for invitation in meeting.invitations.all():
        if invitation.membership_id in absent:
            marks[invitation.pk] = Attendance.ABSENT_UNAPPROVED
        elif invitation.excuse_status == ExcuseStatus.APPROVED:
            marks[invitation.pk] = Attendance.SUBSTITUTE
        else:
            if invitation.answer == Answer.PENDING:
                services.invitation_answer(
                    invitation=invitation,
                    answer=Answer.ATTEND,
                    user=None,
                    now=at - dt.timedelta(days=4),
                    notify=False,
                )
            marks[invitation.pk] = Attendance.PRESENT
    services.attendance_record(meeting=meeting, marks=marks, user=None, now=at)
    present = [i.membership_id for i in meeting.invitations.filter(attendance=Attendance.PRESENT)]
    for entry in spec.get("decisions", []):
        decision = services.decision_create(
            meeting=meeting,
            item=agenda[int(entry["item"]) - 1],
            question=entry["question"],
            options=entry["options"],
            user=None,
        )
        choices = dict.fromkeys(present, entry["default"])
        for key, option in (entry.get("votes") or {}).items():
            choices[_seat(committee, key, day, name).pk] = option
        services.decision_record(
            decision=decision, choices=choices, user=None, conclusion=entry.get("conclusion", "")
        )
    if spec.get("status") == MeetingStatus.CLOSED:
        services.meeting_transition(meeting=meeting, action="close", user=None)


def load_meeting(committee: Committee, spec: dict, name: str, now: dt.datetime) -> str:
    starts_at = _starts_at(spec, timezone.localtime(now).date())
    day = timezone.localtime(starts_at).date()
    title = spec["title"].format(month=f"{day.month:02d}", year=day.year)
    if Meeting.objects.filter(committee=committee, title=title).exists():
        return f"{title}: đã có, bỏ qua."
    past = starts_at <= now
    if past and spec.get("status") not in (MeetingStatus.HELD, MeetingStatus.CLOSED):
        raise DemoProblem(f"{name}: “{title}” đã qua nhưng trạng thái không phải đã họp.")
    if not past and spec.get("status") in (MeetingStatus.HELD, MeetingStatus.CLOSED):
        raise DemoProblem(f"{name}: “{title}” chưa diễn ra nên chưa thể ghi là đã họp.")
    scheduled = starts_at - dt.timedelta(days=int(spec.get("invite_days_before", 7)) + 1)
    meeting = services.meeting_create(
        committee=committee,
        kind=spec["kind"],
        title=title,
        starts_at=starts_at,
        place=spec["place"],
        chair=_seat(committee, spec["chair"], day, name),
        number=spec.get("number", ""),
        user=None,
        now=min(now, scheduled),
    )
    agenda = _agenda(meeting, spec.get("agenda", []), day, name)
    if spec.get("status", MeetingStatus.DRAFT) == MeetingStatus.DRAFT:
        return f"{title}: đã tạo (dự thảo)."
    services.invitations_send(
        meeting=meeting, user=None, now=min(now, scheduled + dt.timedelta(days=1)), notify=not past
    )
    if past:
        _replay(meeting, spec, agenda, day, name)
    meeting.refresh_from_db()
    return f"{title}: đã tạo ({meeting.get_status_display().lower()})."


def load_file(path: Path, *, now: dt.datetime | None = None) -> list[str]:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    committee = _committee(spec, path.name)
    lines = []
    if spec.get("rules"):
        rules = services.rules_for(committee=committee)
        services.rules_update(rules=rules, user=None, **spec["rules"])
    for index, meeting in enumerate(spec.get("meetings", [])):
        name = f"{path.name}, meetings[{index}]"
        try:
            with transaction.atomic():
                lines.append(load_meeting(committee, meeting, name, now or timezone.now()))
        except ValidationError as error:
            raise DemoProblem(f"{name}: {' '.join(error.messages)}") from error
    # Imported here: the consultations module builds on this one's seats and problems.
    from ansinh.meetings.demo_consultations import load_consultations

    lines += load_consultations(committee, spec, path.name, now)
    return lines
