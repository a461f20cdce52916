"""Ad hoc reports (báo cáo đột xuất): the standing agency asks chosen reporters for a report on
one subject by a date of its choosing."""

from django.db import models

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel


@track
class AdHocRequest(TimeStampedModel):
    kind = models.ForeignKey(
        "reporting.ReportKind",
        verbose_name="loại báo cáo",
        on_delete=models.CASCADE,
        related_name="requests",
    )
    year = models.PositiveSmallIntegerField("năm")
    number = models.PositiveSmallIntegerField("số thứ tự trong năm")
    title = models.CharField("nội dung yêu cầu báo cáo", max_length=300)
    content = models.TextField("yêu cầu chi tiết", blank=True)
    due_date = models.DateField("hạn gửi (trước ngày)")

    class Meta:
        verbose_name = "yêu cầu báo cáo đột xuất"
        verbose_name_plural = "yêu cầu báo cáo đột xuất"
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "number"],
                name="adhocrequest_unique_number",
                violation_error_message="Số thứ tự yêu cầu báo cáo đột xuất đã có trong năm.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"kind": self.kind_id}
