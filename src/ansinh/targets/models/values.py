"""Annual targets per unit, and the periodic counts the rates are computed from."""

from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.core.periods import Period, PeriodKind
from ansinh.core.vnformat import format_number, format_percent


@track
class Target(TimeStampedModel):
    """The rate (in percent) a unit must reach by the end of a year."""

    indicator = models.ForeignKey(
        "targets.Indicator", verbose_name="chỉ số", on_delete=models.PROTECT, related_name="targets"
    )
    admin_unit = models.ForeignKey(
        "org.AdminUnit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("năm")
    percent = models.DecimalField("chỉ tiêu (%)", max_digits=5, decimal_places=2)
    source = models.CharField("căn cứ", max_length=300, blank=True)

    history_select_related = ("indicator", "admin_unit")

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["year", "admin_unit__code", "indicator__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "admin_unit", "year"],
                name="target_unique_indicator_unit_year",
                violation_error_message="Đơn vị này đã có chỉ tiêu cho chỉ số này trong năm.",
            ),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                name="target_percent_range",
                violation_error_message="Chỉ tiêu là tỷ lệ phần trăm, từ 0 đến 100.",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.indicator.short_name} {self.year} – {self.admin_unit}: {self.percent_display}"
        )

    @property
    def percent_display(self) -> str:
        return format_percent(self.percent)


@track
class MeasureValue(TimeStampedModel):
    """One count for one unit and period ("người tham gia BHYT, Huyện Đắk Hà, Tháng 9/2024")."""

    measure = models.ForeignKey(
        "targets.Measure", verbose_name="số liệu", on_delete=models.PROTECT, related_name="values"
    )
    admin_unit = models.ForeignKey(
        "org.AdminUnit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("năm")
    period_kind = models.CharField("loại kỳ", max_length=10, choices=PeriodKind.choices)
    period_number = models.PositiveSmallIntegerField("kỳ số")
    period_end = models.DateField("hết ngày", editable=False)
    value = models.PositiveBigIntegerField("giá trị")
    is_illustrative = models.BooleanField(
        "dữ liệu minh họa", default=False, help_text="Số liệu giả lập cho bản demo."
    )

    history_select_related = ("measure", "admin_unit")

    class Meta:
        verbose_name = "số liệu kỳ"
        verbose_name_plural = "số liệu kỳ"
        ordering = ["measure__position", "admin_unit__code", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "admin_unit", "year", "period_kind", "period_number"],
                name="measurevalue_unique_period",
                violation_error_message="Đơn vị này đã có số liệu này cho kỳ này.",
            )
        ]
        indexes = [
            models.Index(
                fields=["measure", "admin_unit", "year", "period_end"], name="measurevalue_latest"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.measure.label} – {self.admin_unit} – {self.period.label}: {self.value_display}"
        )

    @property
    def period(self) -> Period:
        return Period(self.year, PeriodKind(self.period_kind), self.period_number)

    @property
    def value_display(self) -> str:
        return format_number(self.value)
