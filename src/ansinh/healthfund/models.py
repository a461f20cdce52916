"""Medical facilities under health insurance, the year's budget and its split, monthly spending,
reference averages from BHXH Việt Nam and the warnings sent to facilities."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.healthfund.enums import Ownership, Rank, Scope, Span, Specialty, Tier, WarningStatus

MONTH = [MinValueValidator(1), MaxValueValidator(12)]


@track
class Facility(TimeStampedModel):
    """A cơ sở khám chữa bệnh BHYT; its peers share tier, class and specialty in the province."""

    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("mã cơ sở KCB", max_length=20)
    name = models.CharField("tên cơ sở", max_length=250)
    tier = models.CharField("tuyến", max_length=20, choices=Tier.choices)
    rank = models.CharField("hạng", max_length=10, choices=Rank.choices)
    specialty = models.CharField("chuyên khoa", max_length=20, choices=Specialty.choices)
    ownership = models.CharField("hình thức sở hữu", max_length=10, choices=Ownership.choices)
    admin_unit = models.ForeignKey(
        "org.AdminUnit",
        verbose_name="địa bàn",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    illustrative = models.BooleanField(
        "dữ liệu minh họa", default=False, help_text="Cơ sở giả lập của bản demo."
    )

    class Meta:
        verbose_name = "cơ sở KCB BHYT"
        verbose_name_plural = "cơ sở KCB BHYT"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "code"],
                name="healthfund_facility_unique_code",
                violation_error_message="Mã cơ sở KCB này đã có trong tỉnh.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def peer_key(self) -> tuple[str, str, str]:
        return (self.tier, self.rank, self.specialty)

    @property
    def peer_label(self) -> str:
        return " · ".join(
            [self.get_tier_display(), self.get_rank_display(), self.get_specialty_display()]
        )


@track
class Budget(TimeStampedModel):
    """Dự toán chi KCB BHYT the Prime Minister assigns the province for a year."""

    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("năm")
    amount = models.BigIntegerField("dự toán (đồng)", validators=[MinValueValidator(1)])
    source_document = models.CharField("căn cứ giao dự toán", max_length=300, blank=True)

    class Meta:
        verbose_name = "dự toán chi KCB BHYT"
        verbose_name_plural = "dự toán chi KCB BHYT"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year"],
                name="healthfund_budget_unique_year",
                violation_error_message="Tỉnh đã có dự toán của năm này.",
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="healthfund_budget_positive",
                violation_error_message="Dự toán phải lớn hơn 0.",
            ),
        ]

    def __str__(self) -> str:
        return f"Dự toán chi KCB BHYT năm {self.year}"


@track
class Allocation(TimeStampedModel):
    """The expected spending a facility is notified of within the budget."""

    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="allocations")
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="allocations")
    amount = models.BigIntegerField("dự kiến chi (đồng)")

    class Meta:
        verbose_name = "dự kiến chi của cơ sở"
        verbose_name_plural = "dự kiến chi của cơ sở"
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "facility"],
                name="healthfund_allocation_unique",
                violation_error_message="Cơ sở đã có dự kiến chi trong dự toán này.",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="healthfund_allocation_not_negative",
                violation_error_message="Dự kiến chi không được âm.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility.code}: {self.amount}"


class MonthlySpending(models.Model):
    """One facility's appraised spending of one month; cost groups keyed by the codes of
    data/healthfund/cost_groups.yaml."""

    facility = models.ForeignKey(Facility, on_delete=models.CASCADE, related_name="spending")
    year = models.PositiveSmallIntegerField("năm")
    month = models.PositiveSmallIntegerField("tháng", validators=MONTH)
    outpatient_visits = models.PositiveIntegerField("lượt khám ngoại trú", default=0)
    inpatient_days = models.PositiveIntegerField("ngày giường", default=0)
    inpatient_cases = models.PositiveIntegerField("lượt điều trị nội trú", default=0)
    total_cost = models.BigIntegerField("tổng chi phí (đồng)", default=0)
    outpatient_cost = models.BigIntegerField("chi phí ngoại trú (đồng)", default=0)
    insured_cost = models.BigIntegerField("BHYT thanh toán (đồng)", default=0)
    cost_groups = models.JSONField("chi phí theo nhóm", default=dict, blank=True)
    batch = models.ForeignKey(
        "core.ImportBatch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "chi KCB BHYT tháng"
        verbose_name_plural = "chi KCB BHYT tháng"
        ordering = ["year", "month", "facility__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "year", "month"],
                name="healthfund_spending_unique_month",
                violation_error_message="Tháng này của cơ sở đã có số liệu.",
            ),
            models.CheckConstraint(
                condition=Q(insured_cost__lte=F("total_cost"), insured_cost__gte=0),
                name="healthfund_spending_insured_within_total",
                violation_error_message="Chi phí BHYT thanh toán không được vượt tổng chi phí.",
            ),
            models.CheckConstraint(
                condition=Q(outpatient_cost__lte=F("total_cost"), outpatient_cost__gte=0),
                name="healthfund_spending_outpatient_within_total",
                violation_error_message="Chi phí ngoại trú không được vượt tổng chi phí.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility.code} {self.month:02d}/{self.year}"


class ColumnMapping(TimeStampedModel):
    """Which header of a source's export holds which field, remembered for the next upload."""

    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField("nguồn dữ liệu", max_length=120)
    columns = models.JSONField("ghép cột", default=dict)

    class Meta:
        verbose_name = "ghép cột theo nguồn"
        verbose_name_plural = "ghép cột theo nguồn"
        constraints = [
            models.UniqueConstraint(
                fields=["province", "source"],
                name="healthfund_mapping_unique_source",
                violation_error_message="Nguồn này đã có cách ghép cột.",
            )
        ]

    def __str__(self) -> str:
        return self.source


class ReferenceAverage(models.Model):
    """A region or country average of a cost indicator for a peer group, from BHXH Việt Nam."""

    indicator = models.CharField("chỉ số", max_length=40)
    tier = models.CharField("tuyến", max_length=20, choices=Tier.choices)
    rank = models.CharField("hạng", max_length=10, choices=Rank.choices)
    specialty = models.CharField("chuyên khoa", max_length=20, choices=Specialty.choices)
    year = models.PositiveSmallIntegerField("năm")
    month = models.PositiveSmallIntegerField("tháng", validators=MONTH)
    scope = models.CharField("phạm vi", max_length=10, choices=Scope.choices)
    value = models.DecimalField("giá trị", max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = "bình quân vùng, toàn quốc"
        verbose_name_plural = "bình quân vùng, toàn quốc"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "tier", "rank", "specialty", "year", "month", "scope"],
                name="healthfund_reference_unique",
                violation_error_message="Đã có bình quân này.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.get_scope_display()} {self.month:02d}/{self.year}"


@track
class FundSetting(TimeStampedModel):
    committee = models.OneToOneField(
        "org.Committee", on_delete=models.CASCADE, related_name="healthfund_setting"
    )
    margin_percent = models.DecimalField(
        "ngưỡng cảnh báo vượt bình quân (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal(10),
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )

    class Meta:
        verbose_name = "thiết lập cảnh báo chi KCB"
        verbose_name_plural = "thiết lập cảnh báo chi KCB"

    def __str__(self) -> str:
        return f"Ngưỡng {self.margin_percent} %"


@track
class FundWarning(TimeStampedModel):
    """A facility's indicator above its peer average, sent and followed until explained."""

    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="warnings")
    indicator = models.CharField("chỉ số", max_length=40)
    indicator_name = models.CharField("tên chỉ số", max_length=200)
    year = models.PositiveSmallIntegerField("năm")
    month = models.PositiveSmallIntegerField("tháng", validators=MONTH)
    span = models.CharField("kỳ", max_length=10, choices=Span.choices)
    facility_value = models.DecimalField("giá trị của cơ sở", max_digits=18, decimal_places=2)
    peer_average = models.DecimalField("bình quân cùng nhóm", max_digits=18, decimal_places=2)
    excess_percent = models.DecimalField("vượt (%)", max_digits=9, decimal_places=2)
    status = models.CharField(
        "trạng thái", max_length=12, choices=WarningStatus.choices, default=WarningStatus.OPEN
    )
    explanation = models.TextField("giải trình của cơ sở", blank=True)
    explained_at = models.DateTimeField("ghi nhận giải trình lúc", null=True, blank=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "cảnh báo chi KCB"
        verbose_name_plural = "cảnh báo chi KCB"
        ordering = ["-year", "-month", "facility__code", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "indicator", "year", "month", "span"],
                name="healthfund_warning_unique",
                violation_error_message="Cảnh báo này đã được gửi.",
            ),
            models.CheckConstraint(
                condition=~Q(status=WarningStatus.EXPLAINED) | ~Q(explanation=""),
                name="healthfund_warning_explained_has_text",
                violation_error_message="Cảnh báo đã giải trình phải có nội dung giải trình.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.facility.code} {self.indicator_name} {self.month:02d}/{self.year}"
