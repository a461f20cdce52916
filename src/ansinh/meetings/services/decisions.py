"""Decisions: the question and its options, each voting member's opinion, and the outcome
computed by `meetings.outcome.decide` under the committee's rules."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ansinh.core.history import acting_as
from ansinh.meetings.enums import Attendance
from ansinh.meetings.enums import MeetingStatus as S
from ansinh.meetings.models import AgendaItem, Decision, Invitation, Meeting, Vote
from ansinh.meetings.outcome import Ballot, Outcome, decide
from ansinh.meetings.services.meetings import require_status
from ansinh.meetings.services.rules import rules_for
from ansinh.org.models import Membership


def clean_options(options: list[str]) -> list[str]:
    cleaned = []
    for option in options:
        option = option.strip()[:300]
        if option and option not in cleaned:
            cleaned.append(option)
    if len(cleaned) < 2:
        raise ValidationError(
            {"options": "Các phương án: cần ít nhất hai phương án khác nhau, mỗi dòng một."}
        )
    return cleaned


def decision_outcome(*, decision: Decision, rules) -> Outcome:
    ballots = [
        Ballot(v.invitation.membership_id, v.option, v.by_substitute)
        for v in decision.votes.select_related("invitation")
    ]
    return decide(
        options=decision.options,
        ballots=ballots,
        chair_seat=decision.meeting.chair_id,
        chair_decides=rules.chair_decides,
        substitutes_count=rules.substitute_votes,
    )


@transaction.atomic
def decision_create(
    *, meeting: Meeting, item: AgendaItem, question: str, options: list[str], user
) -> Decision:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_status(meeting, [S.HELD], "ghi biểu quyết (cần điểm danh trước)")
    if item.meeting_id != meeting.pk:
        raise ValidationError({"item": "Nội dung họp: nội dung này thuộc cuộc họp khác."})
    decision = Decision(
        meeting=meeting,
        item=item,
        question=question.strip(),
        options=clean_options(options),
        created_by=user,
        updated_by=user,
    )
    with acting_as(user):
        decision.full_clean()
        decision.save()
    return decision


def _seat_problem(invitation: Invitation | None, pk: int, option: str, decision, rules):
    if invitation is None:
        member = Membership.objects.filter(pk=pk).first()
        who = f"“{member.title}”" if member else f"Mã thành viên {pk}"
        return f"{who} không phải thành viên được mời dự cuộc họp này; ý kiến không được ghi nhận."
    if option not in decision.options:
        return f"{invitation.seat_label}: phương án “{option}” không có trong các phương án."
    if invitation.attendance == Attendance.PRESENT:
        return None
    if invitation.attendance == Attendance.SUBSTITUTE:
        if rules.substitute_votes:
            return None
        return (
            f"{invitation.seat_label}: người họp thay {invitation.substitute_name} dự họp để nắm "
            "tình hình, tiếp thu ý kiến; theo quy tắc của Ban Chỉ đạo, ý kiến của người họp "
            "thay không được tính khi biểu quyết."
        )
    status = invitation.get_attendance_display().lower()
    return f"{invitation.seat_label}: {status} tại cuộc họp; chỉ thành viên có mặt được biểu quyết."


@transaction.atomic
def decision_record(
    *, decision: Decision, choices: dict[int, str], user, conclusion: str | None = None
) -> Decision:
    """Record the opinions (keys are membership ids; a seat left out has none) and the outcome.
    Every opinion is checked before anything is written."""
    decision = Decision.objects.select_for_update().select_related("meeting").get(pk=decision.pk)
    meeting = decision.meeting
    require_status(meeting, [S.HELD], "ghi ý kiến biểu quyết")
    rules = rules_for(committee=meeting.committee)
    seats = {i.membership_id: i for i in meeting.invitations.select_related("membership__agency")}
    problems = [
        problem
        for pk, option in choices.items()
        if (problem := _seat_problem(seats.get(pk), pk, option, decision, rules))
    ]
    if problems:
        raise ValidationError(problems)
    existing = {v.invitation.membership_id: v for v in decision.votes.select_related("invitation")}
    with acting_as(user):
        for pk, vote in existing.items():
            if pk not in choices:
                vote.delete()
        for pk, option in choices.items():
            invitation = seats[pk]
            vote = existing.get(pk) or Vote(
                decision=decision, invitation=invitation, created_by=user
            )
            by_substitute = invitation.attendance == Attendance.SUBSTITUTE
            if vote.pk and vote.option == option and vote.by_substitute == by_substitute:
                continue
            vote.option, vote.by_substitute, vote.updated_by = option, by_substitute, user
            vote.full_clean()
            vote.save()
        outcome = decision_outcome(decision=decision, rules=rules)
        decision.outcome = outcome.option or ""
        decision.basis = outcome.basis
        decision.rule_words = " ".join([outcome.words, *outcome.notes])
        if conclusion is not None:
            decision.conclusion = conclusion.strip()
        decision.updated_by = user
        decision.full_clean()
        decision.save()
    return decision
