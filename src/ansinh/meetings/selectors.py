"""Reads of meetings: lists, the next regular date, the quorum, the decisions with their tally."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from ansinh.core.history import history_for_objects
from ansinh.meetings.enums import Answer, Attendance, ExcuseStatus, MeetingKind, MeetingStatus
from ansinh.meetings.models import (
    AgendaItem,
    ConclusionTask,
    Decision,
    Invitation,
    Material,
    Meeting,
    MeetingRules,
    Vote,
)
from ansinh.meetings.outcome import Quorum, quorum
from ansinh.meetings.services.decisions import decision_outcome
from ansinh.org.models import Committee, Membership

UPCOMING, PAST = "sap-toi", "da-qua"


def rules_of(*, committee: Committee) -> MeetingRules:
    """The committee's rules, or the regulation's defaults (unsaved) when none were set."""
    return MeetingRules.objects.filter(committee=committee).first() or MeetingRules(
        committee=committee
    )


def meeting_list(*, meetings, when: str, now: dt.datetime):
    """Upcoming meetings soonest first; past ones latest first."""
    meetings = meetings.select_related("committee", "chair").annotate(
        seats=Count("invitations"),
        present=Count("invitations", filter=Q(invitations__attendance=Attendance.PRESENT)),
        substitutes=Count("invitations", filter=Q(invitations__attendance=Attendance.SUBSTITUTE)),
    )
    if when == PAST:
        return meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    return meetings.filter(starts_at__gte=now).order_by("starts_at", "pk")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter (31/8 → 28/2)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass
class RegularSuggestion:
    day: dt.date | None
    words: str


def next_regular(*, committee: Committee, interval_months: int, today: dt.date):
    """The date the next regular meeting is due: the last regular meeting held or planned,
    plus the interval of the committee's rules."""
    last = (
        Meeting.objects.filter(committee=committee, kind=MeetingKind.REGULAR)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    rule = f"họp định kỳ {interval_months} tháng một lần"
    if last is None:
        return RegularSuggestion(
            None, f"Chưa có cuộc họp định kỳ nào được ghi nhận; quy tắc của Ban Chỉ đạo: {rule}."
        )
    last_day = timezone.localtime(last.starts_at).date()
    due = add_months(last_day, interval_months)
    words = (
        f"Cuộc họp định kỳ gần nhất ngày {last_day:%d/%m/%Y}; {rule}, nên kỳ tiếp theo vào "
        f"khoảng ngày {due:%d/%m/%Y}"
    )
    if due <= today:
        return RegularSuggestion(
            today + dt.timedelta(days=1), words + " — đã đến hạn, đề xuất họp sớm."
        )
    return RegularSuggestion(due, words + ".")


def chair_choices(*, committee: Committee, day: dt.date):
    from ansinh.meetings.services.meetings import CHAIR_ROLES

    return (
        Membership.objects.filter(committee=committee, role__in=CHAIR_ROLES)
        .on(day)
        .select_related("agency")
        .order_by("position", "pk")
    )


def meeting_agenda(*, meeting: Meeting) -> list[AgendaItem]:
    return list(
        meeting.agenda.select_related(
            "presenter_member__agency", "presenter_agency"
        ).prefetch_related(
            Prefetch("materials", queryset=Material.objects.select_related("report__kind"))
        )
    )


def meeting_invitations(*, meeting: Meeting) -> list[Invitation]:
    return list(
        meeting.invitations.select_related("membership__agency", "answered_by").order_by(
            "membership__position", "pk"
        )
    )


def meeting_quorum(*, invitations: list[Invitation], rules) -> Quorum | None:
    """From the attendance once recorded; before that, what the answers lead one to expect."""
    if not invitations:
        return None
    recorded = any(i.attendance for i in invitations)
    if recorded:
        members = sum(i.attendance == Attendance.PRESENT for i in invitations)
        substitutes = sum(i.attendance == Attendance.SUBSTITUTE for i in invitations)
    else:
        members = sum(i.answer == Answer.ATTEND for i in invitations)
        substitutes = sum(
            i.answer == Answer.EXCUSED
            and i.excuse_status == ExcuseStatus.APPROVED
            and bool(i.substitute_name)
            for i in invitations
        )
    return quorum(
        seats=len(invitations),
        members_present=members,
        substitutes_present=substitutes,
        percent=rules.quorum_percent,
        counts_substitutes=rules.quorum_counts_substitutes,
        expected=not recorded,
    )


def answer_counts(invitations: list[Invitation]) -> dict[str, int]:
    counts = dict.fromkeys(Answer.values, 0)
    for invitation in invitations:
        counts[invitation.answer] += 1
    return counts


def attendance_defaults(invitations: list[Invitation]) -> dict[int, str]:
    """The mark proposed for each seat: what was recorded, else what the answer implies; a
    seat with no answer or a refused excuse is left for the recorder to choose."""
    marks = {}
    for i in invitations:
        if i.attendance:
            marks[i.pk] = i.attendance
        elif i.answer == Answer.ATTEND:
            marks[i.pk] = Attendance.PRESENT
        elif i.excuse_status == ExcuseStatus.APPROVED:
            marks[i.pk] = Attendance.SUBSTITUTE if i.substitute_name else Attendance.ABSENT_APPROVED
        else:
            marks[i.pk] = Attendance.NONE
    return marks


@dataclass
class DecisionView:
    decision: Decision
    outcome: object
    votes: list[Vote]


def meeting_decisions(*, meeting: Meeting, rules) -> list[DecisionView]:
    decisions = meeting.decisions.select_related("item", "meeting").prefetch_related(
        Prefetch("votes", queryset=Vote.objects.select_related("invitation__membership__agency"))
    )
    return [
        DecisionView(d, decision_outcome(decision=d, rules=rules), list(d.votes.all()))
        for d in decisions
    ]


def conclusion_tasks(*, decision: Decision) -> list[ConclusionTask]:
    return list(
        decision.conclusion_tasks.select_related("task__plan", "task__group").order_by("pk")
    )


def voters(*, meeting: Meeting, rules) -> list[Invitation]:
    """The seats whose opinion counts: members present, and substitutes where the rules say."""
    allowed = [Attendance.PRESENT]
    if rules.substitute_votes:
        allowed.append(Attendance.SUBSTITUTE)
    return list(
        meeting.invitations.filter(attendance__in=allowed)
        .select_related("membership__agency")
        .order_by("membership__position", "pk")
    )


def meeting_history(*, meeting: Meeting):
    children = [
        (model, "meeting", meeting.pk)
        for model in (AgendaItem, Material, Invitation, Decision, Vote, ConclusionTask)
    ]
    return history_for_objects([meeting], children=children, limit=150)


def rules_words(rules) -> list[str]:
    share = "quá một nửa" if rules.quorum_percent == 50 else f"quá {rules.quorum_percent}%"
    substitutes = "tính" if rules.quorum_counts_substitutes else "không tính"
    return [
        f"Họp định kỳ {rules.interval_months} tháng một lần; họp đột xuất khi cần.",
        f"Cuộc họp hợp lệ khi có {share} số thành viên được mời có mặt ({substitutes} người "
        "họp thay).",
        "Xin vắng phải cử người họp thay (họ tên, chức vụ)."
        if rules.substitute_required
        else "Xin vắng không bắt buộc cử người họp thay.",
        "Ý kiến của người họp thay được tính khi biểu quyết."
        if rules.substitute_votes
        else "Người họp thay dự họp để nắm tình hình, tiếp thu ý kiến; ý kiến không được tính "
        "khi biểu quyết.",
        "Kết luận theo đa số thành viên có mặt biểu quyết; khi ý kiến khác nhau (không phương "
        "án nào quá một nửa), ý kiến của người chủ trì là kết luận."
        if rules.chair_decides
        else "Kết luận theo đa số thành viên có mặt biểu quyết; không phương án nào quá một nửa "
        "thì chưa có kết luận.",
    ]
