"""Indicators as data: a rate is one named count (measure) over another."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.targets.enums import IndicatorKind, MeasureKind


@track
class Measure(TimeStampedModel):
    """A count reported per unit and period: participants, card holders, labour force…

    One measure serves every indicator that uses it (the labour force of working age is the
    denominator of both BHXH rates). `part_of` names the total a measure is a part of (voluntary
    BHXH participants are part of all BHXH participants); the data-quality check uses it.
    """

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=200)
    short_name = models.CharField("tên ngắn", max_length=80, blank=True)
    kind = models.CharField("đơn vị đếm", max_length=20, choices=MeasureKind.choices)
    part_of = models.ForeignKey(
        "self",
        verbose_name="là một phần của",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
    )
    description = models.TextField("ghi chú", blank=True)
    position = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "số liệu đếm"
        verbose_name_plural = "số liệu đếm"
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(part_of=F("pk")),
                name="measure_not_part_of_itself",
                violation_error_message="Một số liệu không thể là phần của chính nó.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


@track
class Indicator(TimeStampedModel):
    """A participation or coverage rate (numerator measure / denominator measure, in percent),
    or a count or amount reached over the year (one cumulative measure: money collected, new
    voluntary participants), whose target is a number instead of a percent."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=200)
    short_name = models.CharField("tên ngắn", max_length=60)
    kind = models.CharField(
        "loại chỉ số", max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.RATE
    )
    numerator = models.ForeignKey(
        Measure, verbose_name="tử số", on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        Measure,
        verbose_name="mẫu số",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    description = models.TextField("cách tính", blank=True)
    position = models.PositiveIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "chỉ số"
        verbose_name_plural = "chỉ số"
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(numerator=F("denominator")),
                name="indicator_numerator_not_denominator",
                violation_error_message="Tử số và mẫu số phải là hai số liệu khác nhau.",
            ),
            models.CheckConstraint(
                condition=Q(kind=IndicatorKind.RATE, denominator__isnull=False)
                | (~Q(kind=IndicatorKind.RATE) & Q(denominator__isnull=True)),
                name="indicator_denominator_for_rates_only",
                violation_error_message=(
                    "Chỉ số tỷ lệ cần mẫu số; chỉ số số lượng hoặc số tiền không có mẫu số."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        # Said per field here, so a form or a data file names the field to fix.
        if self.kind == IndicatorKind.RATE and self.denominator_id is None:
            raise ValidationError({"denominator": "Chỉ số tỷ lệ cần mẫu số."})
        if self.kind != IndicatorKind.RATE and self.denominator_id is not None:
            raise ValidationError(
                {"denominator": "Chỉ số số lượng hoặc số tiền chỉ có một số liệu, không có mẫu số."}
            )

    @property
    def is_rate(self) -> bool:
        return self.kind == IndicatorKind.RATE

    @property
    def unit_label(self) -> str:
        """What the target is written in: '%', 'người', 'đồng'."""
        if self.kind == IndicatorKind.RATE:
            return "%"
        if self.kind == IndicatorKind.AMOUNT:
            return "đồng"
        return self.numerator.get_kind_display() if self.numerator_id else "số lượng"
