"""Difficulties and recommendations (khó khăn, vướng mắc, kiến nghị) raised to the committee
(Quy chế Điều 15): on their own or in a report, answered by the standing agency."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ansinh.core.history import acting_as
from ansinh.reporting.enums import ConcernStatus, ConcernTopic
from ansinh.reporting.models import Concern, Submission
from ansinh.reporting.services.notices import notify_concern_answered, notify_concern_raised

TITLE_LENGTH = 120
CONCERN_CONFLICT = (
    "Kiến nghị vừa được người khác cập nhật (lúc {at}); thay đổi của bạn chưa được lưu. "
    "Hãy tải lại trang, xem nội dung mới rồi trả lời lại."
)
NEEDS_ANSWER = [ConcernStatus.ANSWERED, ConcernStatus.CLOSED]


def _title_from(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= TITLE_LENGTH else first[: TITLE_LENGTH - 1].rstrip() + "…"


def _save(concern: Concern, user) -> Concern:
    concern.updated_by = user
    with acting_as(user):
        concern.full_clean()
        concern.save()
    return concern


@transaction.atomic
def concern_raise(
    *,
    committee,
    agency,
    user,
    topic: str,
    title: str,
    content: str,
    recommendation: str = "",
) -> Concern:
    """A difficulty an agency raises on its own, outside any report."""
    if agency is None:
        raise ValidationError("Tài khoản không thuộc cơ quan nào nên không nêu kiến nghị được.")
    if agency.province_id != committee.province_id:
        raise ValidationError("Cơ quan nêu kiến nghị không thuộc tỉnh của Ban Chỉ đạo.")
    concern = Concern(
        committee=committee,
        agency=agency,
        topic=topic,
        title=title.strip(),
        content=content.strip(),
        recommendation=recommendation.strip(),
        created_by=user,
    )
    concern = _save(concern, user)
    notify_concern_raised(concern=concern, user=user)
    return concern


@transaction.atomic
def concern_from_submission(*, submission: Submission, user) -> Concern | None:
    """The concern a sent report carries: created on first sending, its text brought up to date
    when the report is sent again. A report with neither difficulties nor recommendations
    carries none, and an existing one is left as it is."""
    difficulties = submission.difficulties.strip()
    recommendation = submission.recommendations.strip()
    if not difficulties and not recommendation:
        return None
    obligation = submission.obligation
    concern = Concern.objects.select_for_update().filter(submission=submission).first()
    if concern is None:
        concern = Concern(
            submission=submission,
            committee=obligation.kind.regime.committee,
            agency=obligation.agency,
            topic=ConcernTopic.OTHER,
            created_by=user,
        )
    text = (
        _title_from(difficulties or recommendation),
        difficulties or "Không nêu khó khăn, vướng mắc; xem kiến nghị, đề xuất.",
        recommendation,
    )
    if concern.pk and text == (concern.title, concern.content, concern.recommendation):
        return concern
    if concern.pk and concern.status in NEEDS_ANSWER:
        # New text after an answer is a new question: it goes back to the standing agency's
        # queue, and the earlier answer stays visible beside it.
        concern.status = ConcernStatus.OPEN
    concern.title, concern.content, concern.recommendation = text
    is_news = concern.pk is None or concern.status == ConcernStatus.OPEN
    concern = _save(concern, user)
    if is_news:
        notify_concern_raised(concern=concern, user=user)
    return concern


@transaction.atomic
def concern_answer(
    *,
    concern: Concern,
    user,
    answer: str,
    status: str,
    topic: str,
    seen_updated_at: dt.datetime | None = None,
) -> Concern:
    """The standing agency classifies, answers and moves a concern on. `seen_updated_at` is the
    version the user answered; a concern changed since then is refused, nothing overwritten."""
    current = Concern.objects.select_for_update().get(pk=concern.pk)
    if seen_updated_at is not None and current.updated_at != seen_updated_at:
        local = timezone.localtime(current.updated_at)
        raise ValidationError(CONCERN_CONFLICT.format(at=f"{local:%H:%M:%S %d/%m/%Y}"))
    answer = answer.strip()
    if status in NEEDS_ANSWER and not answer:
        label = ConcernStatus(status).label
        raise ValidationError(
            {"answer": f"Trả lời của cơ quan thường trực: cần nội dung khi chuyển sang “{label}”."}
        )
    answered = bool(answer) and answer != current.answer
    if answered:
        current.answered_by = user
        current.answered_at = timezone.now()
    current.answer, current.status, current.topic = answer, status, topic
    if not answer:
        current.answered_by = current.answered_at = None
    current = _save(current, user)
    if answered:
        notify_concern_answered(concern=current, user=user)
    return current
