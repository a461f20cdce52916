"""The consolidated report (báo cáo tổng hợp) the standing agency drafts for a period, and the
Word template it is rendered through, which an operator may replace per committee."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel


def template_path(instance, filename: str) -> str:
    return f"mau-bao-cao/{instance.committee_id}/{filename}"


def consolidated_path(instance, filename: str) -> str:
    return f"bao-cao-tong-hop/{instance.kind_id}/{instance.period_year}/{filename}"


@track
class ReportTemplate(TimeStampedModel):
    committee = models.ForeignKey(
        "org.Committee", verbose_name="Ban Chỉ đạo", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField("tên mẫu", max_length=200)
    file = models.FileField("tệp mẫu (.docx)", upload_to=template_path, max_length=300)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "mẫu báo cáo tổng hợp"
        verbose_name_plural = "mẫu báo cáo tổng hợp"
        ordering = ["committee", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(is_active=True),
                name="reporttemplate_one_active",
                violation_error_message="Ban Chỉ đạo chỉ dùng một mẫu báo cáo tổng hợp.",
            )
        ]

    def __str__(self) -> str:
        return self.name


@track
class ConsolidatedReport(TimeStampedModel):
    """One generated draft consolidating the agency reports of one kind and period (e.g. the
    6-month reports of 2024). Generating again adds a new draft; earlier ones stay listed."""

    kind = models.ForeignKey(
        "reporting.ReportKind",
        verbose_name="loại báo cáo được tổng hợp",
        on_delete=models.CASCADE,
        related_name="drafts",
    )
    period_year = models.PositiveSmallIntegerField("năm của kỳ")
    period_number = models.PositiveSmallIntegerField("số kỳ", default=1)
    template = models.ForeignKey(
        ReportTemplate,
        verbose_name="mẫu đã dùng",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    docx = models.FileField("bản Word", upload_to=consolidated_path, max_length=300)
    pdf = models.FileField("bản PDF", upload_to=consolidated_path, max_length=300, blank=True)
    received = models.PositiveIntegerField("số báo cáo đã tiếp nhận", default=0)
    missing = models.JSONField("cơ quan chưa có báo cáo", default=list, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "dự thảo báo cáo tổng hợp"
        verbose_name_plural = "dự thảo báo cáo tổng hợp"
        ordering = ["kind", "-period_year", "-period_number", "-created_at"]

    def __str__(self) -> str:
        return f"Dự thảo tổng hợp {self.kind.name} {self.period_number}/{self.period_year}"

    def get_additional_data(self) -> dict:
        return {"kind": self.kind_id}
