"""What agencies report on their tasks: progress by the lead, contributions by coordinators."""

from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.core.periods import Period, PeriodKind
from ansinh.plans.enums import ReportKind


@track
class ProgressReport(TimeStampedModel):
    task = models.ForeignKey(
        "plans.Task", verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="reports"
    )
    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("loại", max_length=20, choices=ReportKind.choices)
    period_year = models.PositiveSmallIntegerField("năm của kỳ")
    period_kind = models.CharField(
        "loại kỳ", max_length=10, choices=PeriodKind.choices, default=PeriodKind.QUARTER
    )
    period_number = models.PositiveSmallIntegerField("số kỳ", default=1)
    text = models.TextField("kết quả thực hiện")
    percent = models.PositiveSmallIntegerField("tỷ lệ hoàn thành (%)", null=True, blank=True)
    milestone = models.CharField("mốc đạt được", max_length=300, blank=True)
    reported_on = models.DateField("ngày báo cáo")

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["task", "reported_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100),
                name="progressreport_percent_range",
                violation_error_message="Tỷ lệ hoàn thành phải từ 0 đến 100%.",
            ),
            models.CheckConstraint(
                condition=Q(kind=ReportKind.PROGRESS) | Q(percent__isnull=True),
                name="progressreport_percent_only_for_lead",
                violation_error_message="Chỉ đơn vị chủ trì báo cáo tỷ lệ hoàn thành.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period.label}: {self.agency}"

    @property
    def period(self) -> Period:
        return Period(self.period_year, PeriodKind(self.period_kind), self.period_number)


def attachment_path(instance, filename: str) -> str:
    return f"plans/{instance.report.task.plan_id}/{instance.report.task_id}/{filename}"


@track
class Attachment(TimeStampedModel):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("tệp", upload_to=attachment_path, max_length=300)
    name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveIntegerField("dung lượng (byte)")

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["report", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__lte=10 * 1024 * 1024),
                name="attachment_size_limit",
                violation_error_message="Tệp đính kèm không được lớn hơn 10 MB.",
            )
        ]

    def __str__(self) -> str:
        return self.name
