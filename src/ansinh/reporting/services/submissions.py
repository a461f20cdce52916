"""The submission workflow: nháp → đã gửi → trả lại (with a reason) → đã tiếp nhận.

Every write names the version the user edited; a write based on an older version is refused
with a conflict message, nothing overwritten. An accepted report changes only by being reopened.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
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
STARTED = (
    "Báo cáo vừa được người khác trong cơ quan bắt đầu soạn nên thay đổi của bạn chưa được "
    "lưu. Hãy tải lại trang, xem nội dung mới rồi sửa tiếp."
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


def submission_draft(*, obligation: Obligation) -> Submission:
    """The unsaved draft a first save starts from, its sections pre-filled from the plan."""
    return Submission(obligation=obligation, sections=submission_sections(obligation=obligation))


def _create(draft: Submission, user) -> Submission:
    draft.created_by = draft.updated_by = user
    try:
        with transaction.atomic(), acting_as(user):  # a savepoint: the outer write goes on
            draft.full_clean(validate_unique=False)
            draft.save()
    except IntegrityError as error:  # another save created it between our read and write
        raise ValidationError(STARTED) from error
    return draft


def _claim(submission: Submission, version: int, allowed: list[str]) -> None:
    """Lock the row for this change, or refuse: a newer version, or a state that forbids it."""
    current = Submission.objects.select_for_update().get(pk=submission.pk)
    if current.version != version:
        raise ValidationError(CONFLICT.format(current=current.version, yours=version))
    if current.status not in allowed:
        raise ValidationError(
            f"Báo cáo đang ở trạng thái “{current.get_status_display()}”, không thực hiện được."
        )


def _edit(submission: Submission, *, user, version: int, narrative: str, difficulties: str,
          recommendations: str, section_texts: dict[int, str], files=()) -> None:  # fmt: skip
    """The draft's text and files changed in memory (files stored); the caller saves."""
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


def _save(submission: Submission, user) -> Submission:
    submission.updated_by = user
    submission.version = F("version") + 1
    with acting_as(user):
        submission.full_clean(exclude=["version"])
        submission.save()
    submission.refresh_from_db()
    return submission


def _move(submission: Submission, action: str, user, reason: str = "") -> None:
    """The state change in memory; the caller saves."""
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
    submission.status = TRANSITIONS[action][1]


@transaction.atomic
def submission_transition(
    *, submission: Submission, action: str, version: int, user, reason: str = ""
) -> Submission:
    _claim(submission, version, TRANSITIONS[action][0])
    _move(submission, action, user, reason)
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
def submission_save(*, submission: Submission, user, send: bool, **fields) -> Submission:
    """The form's one write: the draft created (on the first save), saved and, when the user
    sends it, sent, all or nothing; one new version either way. The figures are read once."""
    if submission.pk is None:
        submission = _create(submission, user)
    _edit(submission, user=user, **fields)
    if send:
        _move(submission, "submit", user)
    submission = _save(submission, user)
    if send:
        concern_from_submission(submission=submission, user=user)
    return submission
