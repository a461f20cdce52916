"""What each reporter owes for each period, and what it sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.core.periods import Period, PeriodKind
from ansinh.reporting import deadlines
from ansinh.reporting.enums import SubmissionStatus


class ObligationQuerySet(models.QuerySet):
    def for_user(self, user):
        from ansinh.accounts.perms import visible_province_ids

        return self.filter(kind__regime__committee__province_id__in=visible_province_ids(user))


@track
class Obligation(TimeStampedModel):
    kind = models.ForeignKey(
        "reporting.ReportKind",
        verbose_name="loại báo cáo",
        on_delete=models.CASCADE,
        related_name="obligations",
    )
    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan báo cáo", on_delete=models.PROTECT, related_name="+"
    )
    period_year = models.PositiveSmallIntegerField("năm của kỳ")
    period_kind = models.CharField("loại kỳ", max_length=10, choices=PeriodKind.choices)
    period_number = models.PositiveSmallIntegerField("số kỳ", default=1)
    due_date = models.DateField("hạn gửi (trước ngày)")
    last_day = models.DateField("ngày gửi cuối cùng đúng hạn")
    cutoff = models.DateField("chốt số liệu đến ngày")
    request = models.ForeignKey(
        "reporting.AdHocRequest",
        verbose_name="yêu cầu báo cáo đột xuất",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="obligations",
    )

    objects = ObligationQuerySet.as_manager()

    class Meta:
        verbose_name = "nghĩa vụ báo cáo"
        verbose_name_plural = "nghĩa vụ báo cáo"
        ordering = ["due_date", "kind", "agency"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "agency", "period_year", "period_number"],
                name="obligation_unique_period",
                violation_error_message="Cơ quan đã có nghĩa vụ báo cáo cho kỳ này.",
            ),
            models.CheckConstraint(
                condition=Q(last_day__lte=models.F("due_date")),
                name="obligation_last_day_not_after_due",
                violation_error_message="Ngày gửi cuối cùng không thể sau hạn gửi.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} — {self.agency}"

    @property
    def label(self) -> str:
        """ "Báo cáo quý, Quý 1/2025", or the title of an ad hoc request."""
        if self.request_id:
            return f"{self.kind.name}: {self.request.title}"
        return f"{self.kind.name}, {self.period.label}"

    @property
    def period(self) -> Period:
        """The period the report covers; an ad hoc report covers its year so far (its number
        counts the year's requests, not periods)."""
        if self.request_id:
            return Period(self.period_year, PeriodKind.YEAR, 1)
        return Period(self.period_year, PeriodKind(self.period_kind), self.period_number)

    @property
    def deadline_words(self) -> str:
        return deadlines.deadline_words(due=self.due_date, reading=self.kind.regime.reading)


@track
class Submission(TimeStampedModel):
    """One per obligation: the report an agency drafts, sends, gets returned or accepted."""

    obligation = models.OneToOneField(
        Obligation, verbose_name="nghĩa vụ", on_delete=models.CASCADE, related_name="submission"
    )
    status = models.CharField(
        "trạng thái",
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    narrative = models.TextField("kết quả thực hiện chung", blank=True)
    difficulties = models.TextField("khó khăn, vướng mắc", blank=True)
    recommendations = models.TextField("kiến nghị, đề xuất", blank=True)
    sections = models.JSONField("nội dung theo nhiệm vụ", default=list, blank=True)
    figures = models.JSONField("số liệu chỉ tiêu của địa bàn", default=list, blank=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    first_submitted_at = models.DateTimeField("gửi lần đầu lúc", null=True, blank=True)
    late = models.BooleanField("gửi muộn", default=False)
    return_reason = models.TextField("lý do trả lại", blank=True)
    decided_at = models.DateTimeField("xử lý lúc", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xử lý",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField("phiên bản", default=1)

    class Meta:
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        ordering = ["obligation"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=SubmissionStatus.RETURNED) | ~Q(return_reason=""),
                name="submission_returned_has_reason",
                violation_error_message="Trả lại báo cáo phải nêu lý do.",
            ),
            models.CheckConstraint(
                condition=Q(status=SubmissionStatus.DRAFT) | Q(submitted_at__isnull=False),
                name="submission_sent_has_time",
                violation_error_message="Báo cáo đã gửi phải có thời điểm gửi.",
            ),
        ]

    def __str__(self) -> str:
        return f"Báo cáo {self.obligation}"

    def get_additional_data(self) -> dict:
        return {"obligation": self.obligation_id}


def attachment_path(instance, filename: str) -> str:
    return f"bao-cao/{instance.submission.obligation_id}/{filename}"


@track
class Attachment(TimeStampedModel):
    """A file sent with a report. Served only through the report's own access check."""

    submission = models.ForeignKey(
        Submission, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("tệp", upload_to=attachment_path, max_length=300)
    name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveIntegerField("dung lượng (byte)")

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["submission", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"submission": self.submission_id}
