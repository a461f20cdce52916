"""Annual targets per unit, and the periodic counts the rates are computed from."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.core.periods import Period, PeriodKind
from ansinh.core.vnformat import format_number
from ansinh.targets.enums import IndicatorKind, MeasureKind
from ansinh.targets.rules import format_figure


@track
class Target(TimeStampedModel):
    """What a unit must reach by the end of a year: a rate in percent for a rate indicator, a
    count or an amount in đồng (`value`) for the other kinds.

    Two columns rather than one: a percent has two decimals and a range of 0–100, a count or an
    amount is a whole number of any size. The database keeps exactly one of them set; which one
    depends on the indicator's kind, in another table, so `clean()` checks that (a check
    constraint cannot join)."""

    indicator = models.ForeignKey(
        "targets.Indicator", verbose_name="chỉ số", on_delete=models.PROTECT, related_name="targets"
    )
    admin_unit = models.ForeignKey(
        "org.AdminUnit", verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("năm")
    percent = models.DecimalField(
        "chỉ tiêu (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    value = models.PositiveBigIntegerField("chỉ tiêu (số lượng, số tiền)", null=True, blank=True)
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
            models.CheckConstraint(
                condition=Q(percent__isnull=False, value__isnull=True)
                | Q(percent__isnull=True, value__isnull=False),
                name="target_percent_or_value",
                violation_error_message=(
                    "Chỉ tiêu là một tỷ lệ % hoặc một số lượng, số tiền — đúng một trong hai."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.short_name} {self.year} – {self.admin_unit}: {self.display}"

    def clean(self):
        if self.indicator_id is None:
            return
        if self.indicator.kind == IndicatorKind.RATE:
            if self.percent is None:
                raise ValidationError({"percent": "Chỉ số tỷ lệ cần chỉ tiêu là tỷ lệ %."})
            if self.value is not None:
                raise ValidationError(
                    {"value": "Chỉ số tỷ lệ có chỉ tiêu là tỷ lệ %, không phải số lượng."}
                )
        else:
            what = self.indicator.get_kind_display().lower()
            if self.percent is not None:
                raise ValidationError(
                    {"percent": f"Chỉ số {what}: chỉ tiêu là một số, không phải tỷ lệ %."}
                )
            if self.value is None:
                raise ValidationError({"value": f"Chỉ số {what} cần chỉ tiêu là một số."})

    @property
    def figure(self):
        """The target whatever the kind: the percent of a rate, else the count or amount."""
        return self.percent if self.percent is not None else self.value

    @property
    def display(self) -> str:
        return format_figure(self.figure, self.indicator.kind)

    @property
    def percent_display(self) -> str:
        return self.display


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
            ),
            # A province's pages read its units' values of a year or two: without this, a scan
            # of the whole country's values (1.7 M rows at national scale).
            models.Index(fields=["admin_unit", "year"], name="measurevalue_unit_year"),
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
        if self.measure.kind == MeasureKind.DONG:
            return f"{format_number(self.value)} đ"
        return format_number(self.value)
