"""The BHXH office's statement of contributions owed (its C12-TS-style export), one per data
date, and each unit's line with the arithmetic check, the months late and the late interest."""

from django.db import models
from django.db.models import Q

from ansinh.compliance.enums import ArrearsClass
from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel


@track
class ArrearsStatement(TimeStampedModel):
    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    as_of = models.DateField("số liệu tại ngày")
    batch = models.ForeignKey(
        "core.ImportBatch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    row_count = models.PositiveIntegerField("số đơn vị", default=0)
    disagreeing_rows = models.PositiveIntegerField("số dòng lệch số dư", default=0)
    total_closing = models.BigIntegerField("tổng số phải đóng cuối kỳ (đồng)", default=0)
    total_interest = models.BigIntegerField("tổng lãi chậm đóng (đồng)", default=0)
    illustrative = models.BooleanField("dữ liệu minh họa", default=False)

    class Meta:
        verbose_name = "bảng số phải đóng, nợ (C12-TS)"
        verbose_name_plural = "bảng số phải đóng, nợ (C12-TS)"
        ordering = ["-as_of"]
        get_latest_by = "as_of"
        constraints = [
            models.UniqueConstraint(
                fields=["province", "as_of"],
                name="compliance_statement_unique_date",
                violation_error_message="Đã có bảng số liệu nợ tại ngày này.",
            )
        ]

    def __str__(self) -> str:
        return f"Số liệu nợ tại {self.as_of:%d/%m/%Y}"


class ArrearsLine(models.Model):
    """One unit's line; `closing` is the file's figure, `computed_closing` ours, and `disagrees`
    marks a line where opening + due + adjustments − paid ≠ closing."""

    statement = models.ForeignKey(ArrearsStatement, on_delete=models.CASCADE, related_name="lines")
    employer = models.ForeignKey(
        "compliance.Employer", on_delete=models.PROTECT, related_name="arrears_lines"
    )
    row_number = models.PositiveIntegerField("dòng trong tệp")
    opening = models.BigIntegerField("số phải đóng đầu kỳ (đồng)", default=0)
    due = models.BigIntegerField("số phải đóng trong kỳ (đồng)", default=0)
    adjustments = models.BigIntegerField("điều chỉnh (đồng)", default=0)
    paid = models.BigIntegerField("số đã đóng (đồng)", default=0)
    closing = models.BigIntegerField("số phải đóng cuối kỳ (đồng)", default=0)
    computed_closing = models.BigIntegerField("cuối kỳ tính lại (đồng)", default=0)
    disagrees = models.BooleanField("số dư trong tệp lệch", default=False)
    ratio = models.DecimalField(
        "tỷ lệ nợ (%)", max_digits=9, decimal_places=2, null=True, blank=True
    )
    months_late = models.DecimalField(
        "số tháng chậm đóng", max_digits=6, decimal_places=1, default=0
    )
    arrears_class = models.CharField(
        "nhóm nợ", max_length=10, choices=ArrearsClass.choices, default=ArrearsClass.NONE
    )
    interest = models.BigIntegerField("lãi chậm đóng (đồng)", default=0)

    class Meta:
        verbose_name = "dòng nợ của đơn vị"
        verbose_name_plural = "dòng nợ của đơn vị"
        ordering = ["statement", "row_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "employer"],
                name="compliance_line_unique_employer",
                violation_error_message="Đơn vị xuất hiện hai lần trong cùng bảng.",
            ),
            models.CheckConstraint(
                condition=Q(months_late__gte=0, interest__gte=0),
                name="compliance_line_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer} — {self.closing}"

    @property
    def difference(self) -> int:
        """The file's closing balance minus ours (non-zero on a disagreeing line)."""
        return self.closing - self.computed_closing

    @property
    def owes(self) -> bool:
        return self.arrears_class != ArrearsClass.NONE
