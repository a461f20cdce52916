"""Reads of written consultations: the list, the members' answers, the share who answered and,
after closing, the outcome with the rule in words."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from ansinh.core.history import history_for_objects
from ansinh.meetings.enums import ConsultationAnswer as CA
from ansinh.meetings.models import Consultation, ConsultationDocument, ConsultationMember


def consultation_list(*, consultations):
    return (
        consultations.select_related("committee")
        .annotate(
            invited=Count("members"),
            answered=Count("members", filter=~Q(members__answer=CA.PENDING)),
        )
        .order_by("-closes_at", "-pk")
    )


def consultation_members(*, consultation: Consultation) -> list[ConsultationMember]:
    return list(
        consultation.members.select_related("membership__agency", "answered_by").order_by(
            "membership__position", "pk"
        )
    )


@dataclass
class Tally:
    invited: int
    counts: dict[str, int]
    closed: bool
    words: str = ""

    @property
    def answered(self) -> int:
        return self.invited - self.counts[CA.PENDING]

    @property
    def percent(self) -> int:
        return round(self.answered * 100 / self.invited) if self.invited else 0

    @property
    def rows(self) -> list[tuple[str, int]]:
        return [(choice.label, self.counts[choice.value]) for choice in CA]


def tally(*, members: list[ConsultationMember], closes_at: dt.datetime, now: dt.datetime):
    """The counts; once closed, the outcome: an answer given by more than half of the members
    asked is the majority; otherwise there is none and the standing agency reports so."""
    counts = dict.fromkeys(CA.values, 0)
    for member in members:
        counts[member.answer] += 1
    result = Tally(len(members), counts, now >= closes_at)
    if not result.closed:
        return result
    half = f"quá một nửa trong {result.invited} thành viên được xin ý kiến"
    for answer in (CA.AGREE, CA.DISAGREE):
        if counts[answer] * 2 > result.invited:
            result.words = (
                f"Đa số {answer.label.lower()}: {counts[answer]}/{result.invited} thành viên "
                f"{answer.label.lower()}, {half}."
            )
            return result
    result.words = (
        f"Không có đa số: không ý kiến nào được {half} (đồng ý {counts[CA.AGREE]}, không đồng "
        f"ý {counts[CA.DISAGREE]}, ý kiến khác {counts[CA.COMMENT]}, chưa trả lời "
        f"{counts[CA.PENDING]})."
    )
    return result


def consultation_history(*, consultation: Consultation):
    children = [
        (model, "consultation", consultation.pk)
        for model in (ConsultationDocument, ConsultationMember)
    ]
    return history_for_objects([consultation], children=children, limit=150)
