"""The submission workflow: nháp → đã gửi → trả lại (with a reason) → đã tiếp nhận.

Every write names the version the user edited; a write based on an older version is refused
with a conflict message, nothing overwritten. An accepted report changes only by being reopened.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ansinh.core.history import acting_as
from ansinh.core.periods import Period
from ansinh.plans.enums import ReportKind as ProgressKind
from ansinh.plans.models import ProgressReport
from ansinh.plans.selectors import agency_tasks
from ansinh.reporting.enums import SubmissionStatus as S
from ansinh.reporting.figures import locality_figures
from ansinh.reporting.models import Obligation, Submission
from ansinh.reporting.services.attachments import attachment_remove, attachments_add
from ansinh.reporting.services.concerns import concern_from_submission

CONFLICT = (
    "Báo cáo vừa được người khác thay đổi (phiên bản {current}); thay đổi của bạn dựa trên "
    "phiên bản {yours} nên chưa được lưu. Hãy tải lại trang, xem nội dung mới rồi sửa tiếp."
)
TRANSITIONS = {
    "submit": ([S.DRAFT, S.RETURNED], S.SUBMITTED),
    "return": ([S.SUBMITTED], S.RETURNED),
    "accept": ([S.SUBMITTED], S.ACCEPTED),
    "reopen": ([S.ACCEPTED], S.DRAFT),
}
EDITABLE = [S.DRAFT, S.RETURNED]


def _covers(report: ProgressReport, period: Period) -> bool:
    return report.period.start <= period.end and report.period.end >= period.start


def submission_sections(*, obligation: Obligation) -> list[dict]:
    """One section per task of the regime's plan the agency leads or coordinates, with the
    progress it recorded for the period."""
    plan = obligation.kind.regime.plan
    if plan is None:
        return []
    today = timezone.localdate()
    tasks = agency_tasks(agency=obligation.agency, plan=plan, today=today)
    sections = []
    for task in tasks:
        kind = ProgressKind.PROGRESS if task.role == "lead" else ProgressKind.CONTRIBUTION
        mine = [
            r
            for r in task.reports.all()
            if r.agency_id == obligation.agency_id
            and r.kind == kind
            and _covers(r, obligation.period)
        ]
        progress = "; ".join(
            f"{r.reported_on:%d/%m/%Y}: {r.text}"
            + (f" ({r.percent}%)" if r.percent is not None else "")
            for r in mine
        )
        sections.append(
            {
                "task": task.pk,
                "number": task.number,
                "content": task.content,
                "role": "Chủ trì" if task.role == "lead" else "Phối hợp",
                "progress": progress,
                "text": progress,
            }
        )
    return sections


@transaction.atomic
def submission_start(*, obligation: Obligation, user) -> Submission:
    """The draft of the obligation, created pre-filled on first use."""
    existing = Submission.objects.filter(obligation=obligation).first()
    if existing:
        return existing
    with acting_as(user):
        submission = Submission(
            obligation=obligation,
            sections=submission_sections(obligation=obligation),
            figures=locality_figures(obligation=obligation),
            created_by=user,
            updated_by=user,
        )
        submission.full_clean()
        submission.save()
    return submission


def _claim(submission: Submission, version: int, allowed: list[str]) -> None:
    """Lock the row for this change, or refuse: a newer version, or a state that forbids it."""
    current = Submission.objects.select_for_update().get(pk=submission.pk)
    if current.version != version:
        raise ValidationError(CONFLICT.format(current=current.version, yours=version))
    if current.status not in allowed:
        raise ValidationError(
            f"Báo cáo đang ở trạng thái “{current.get_status_display()}”, không thực hiện được."
        )


@transaction.atomic
def submission_update(
    *,
    submission: Submission,
    version: int,
    user,
    narrative: str,
    difficulties: str,
    recommendations: str,
    section_texts: dict[int, str],
    files=(),
) -> Submission:
    """Save the draft's text and add the uploaded files, all or nothing. The locality's
    indicator figures are read again, so a draft shows the latest data until it is sent."""
    _claim(submission, version, EDITABLE)
    if files:
        attachments_add(submission=submission, user=user, files=files)
    submission.figures = locality_figures(obligation=submission.obligation)
    submission.narrative = narrative
    submission.difficulties = difficulties
    submission.recommendations = recommendations
    submission.sections = [
        {**s, "text": section_texts.get(s["task"], s.get("text", ""))} for s in submission.sections
    ]
    return _save(submission, user)


def _save(submission: Submission, user) -> Submission:
    submission.updated_by = user
    submission.version = F("version") + 1
    with acting_as(user):
        submission.full_clean(exclude=["version"])
        submission.save()
    submission.refresh_from_db()
    return submission


@transaction.atomic
def submission_transition(
    *, submission: Submission, action: str, version: int, user, reason: str = ""
) -> Submission:
    allowed, target = TRANSITIONS[action]
    _claim(submission, version, allowed)
    now = timezone.now()
    if action == "submit":
        submission.submitted_at = now
        submission.first_submitted_at = submission.first_submitted_at or now
        submission.late = timezone.localdate(now) > submission.obligation.last_day
        submission.return_reason = ""
    elif action == "return":
        if not reason.strip():
            raise ValidationError("Trả lại báo cáo phải nêu lý do.")
        submission.return_reason = reason.strip()
    if action in ("return", "accept", "reopen"):
        submission.decided_at, submission.decided_by = now, user
    if action == "reopen":
        submission.submitted_at = None
    submission.status = target
    submission = _save(submission, user)
    if action == "submit":
        # Difficulties raised in a report reach the standing agency's list of concerns.
        concern_from_submission(submission=submission, user=user)
    return submission


@transaction.atomic
def submission_remove_attachment(
    *, submission: Submission, version: int, user, attachment_pk: int
) -> Submission:
    _claim(submission, version, EDITABLE)
    attachment = submission.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise ValidationError("Tệp đính kèm không còn trong báo cáo.")
    attachment_remove(attachment=attachment, user=user)
    return _save(submission, user)


@transaction.atomic
def submission_save(*, submission: Submission, version: int, user, send: bool, **fields):
    """The form's one write: the draft saved and, when the user sends it, sent, both or neither
    (a refused sending leaves the draft as it was before this save)."""
    submission = submission_update(submission=submission, version=version, user=user, **fields)
    if send:
        submission = submission_transition(
            submission=submission, action="submit", version=submission.version, user=user
        )
    return submission
