"""A reporting regime (chế độ báo cáo): who reports what, to whom, by when."""

from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.core.periods import Period
from ansinh.reporting import deadlines
from ansinh.reporting.enums import (
    CutoffRule,
    DeadlineReading,
    DeadlineRule,
    ReportLevel,
    ReportPeriod,
)


def default_remind_before() -> list[int]:
    return [7, 1]


def default_remind_after() -> list[int]:
    return [1, 3, 7]


class RegimeQuerySet(models.QuerySet):
    def for_user(self, user):
        from ansinh.accounts.perms import visible_province_ids

        return self.filter(committee__province_id__in=visible_province_ids(user))


@track(m2m_fields=["reporters", "reporter_groups"])
class ReportingRegime(TimeStampedModel):
    committee = models.ForeignKey(
        "org.Committee",
        verbose_name="Ban Chỉ đạo",
        on_delete=models.PROTECT,
        related_name="regimes",
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name="kế hoạch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="regimes",
    )
    key = models.SlugField("mã", max_length=60)
    name = models.CharField("tên chế độ báo cáo", max_length=300)
    source = models.CharField("căn cứ", max_length=400, blank=True)
    reading = models.CharField(
        "cách hiểu “trước ngày X”",
        max_length=20,
        choices=DeadlineReading.choices,
        default=DeadlineReading.STRICTLY_BEFORE,
    )
    reporters = models.ManyToManyField(
        "org.Agency", verbose_name="cơ quan báo cáo", blank=True, related_name="+"
    )
    reporter_groups = models.ManyToManyField(
        "org.AgencyGroup", verbose_name="nhóm cơ quan báo cáo", blank=True, related_name="+"
    )
    remind_before = models.JSONField(
        "nhắc trước hạn (số ngày)",
        default=default_remind_before,
        blank=True,
        help_text="Số ngày trước ngày gửi cuối cùng thì nhắc, ví dụ [7, 1].",
    )
    remind_after = models.JSONField(
        "nhắc sau hạn (số ngày)",
        default=default_remind_after,
        blank=True,
        help_text="Số ngày sau ngày gửi cuối cùng mà chưa gửi thì nhắc, ví dụ [1, 3, 7].",
    )

    objects = RegimeQuerySet.as_manager()

    class Meta:
        verbose_name = "chế độ báo cáo"
        verbose_name_plural = "chế độ báo cáo"
        ordering = ["committee", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "key"],
                name="regime_unique_key",
                violation_error_message="Ban Chỉ đạo đã có chế độ báo cáo với mã này.",
            )
        ]

    def __str__(self) -> str:
        return self.name


@track
class ReportKind(TimeStampedModel):
    regime = models.ForeignKey(ReportingRegime, on_delete=models.CASCADE, related_name="kinds")
    name = models.CharField("tên loại báo cáo", max_length=200)
    period_kind = models.CharField("kỳ báo cáo", max_length=10, choices=ReportPeriod.choices)
    level = models.CharField("cấp báo cáo", max_length=10, choices=ReportLevel.choices)
    rule = models.CharField("cách tính hạn", max_length=10, choices=DeadlineRule.choices)
    offset_months = models.PositiveSmallIntegerField(
        "số tháng sau tháng cuối kỳ", null=True, blank=True
    )
    month = models.PositiveSmallIntegerField("tháng", null=True, blank=True)
    day = models.PositiveSmallIntegerField("ngày", null=True, blank=True)
    year_offset = models.PositiveSmallIntegerField("năm sau năm của kỳ", default=0)
    cutoff = models.CharField(
        "chốt số liệu", max_length=12, choices=CutoffRule.choices, default=CutoffRule.PERIOD_END
    )
    numbers = models.JSONField(
        "kỳ phải báo cáo trong năm",
        default=list,
        blank=True,
        help_text="Số các kỳ (1 = quý 1, 6 tháng đầu năm); để trống: mọi kỳ.",
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "loại báo cáo"
        verbose_name_plural = "loại báo cáo"
        ordering = ["regime", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "period_kind", "level"],
                name="reportkind_unique_period_level",
                violation_error_message="Chế độ báo cáo đã có loại báo cáo này ở cấp này.",
            ),
            models.CheckConstraint(
                condition=Q(day__isnull=True) | Q(day__gte=1, day__lte=31),
                name="reportkind_day_range",
                violation_error_message="Ngày của hạn gửi phải từ 1 đến 31.",
            ),
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="reportkind_month_range",
                violation_error_message="Tháng của hạn gửi phải từ 1 đến 12.",
            ),
            models.CheckConstraint(
                condition=Q(rule=DeadlineRule.NONE, day__isnull=True)
                | Q(
                    rule=DeadlineRule.RELATIVE,
                    day__isnull=False,
                    offset_months__isnull=False,
                    month__isnull=True,
                )
                | Q(rule=DeadlineRule.FIXED, day__isnull=False, month__isnull=False),
                name="reportkind_rule_fields",
                violation_error_message=(
                    "Hạn theo tháng sau kỳ cần số tháng và ngày; hạn cố định cần ngày và tháng; "
                    "báo cáo không có hạn định kỳ thì không ghi ngày."
                ),
            ),
            models.CheckConstraint(
                condition=Q(rule=DeadlineRule.NONE) | ~Q(period_kind=ReportPeriod.AD_HOC),
                name="reportkind_ad_hoc_without_deadline",
                violation_error_message="Báo cáo đột xuất không có hạn định kỳ.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_level_display()})"

    def periods(self, year: int) -> list[Period]:
        every = deadlines.periods_of(kind=self.period_kind, year=year)
        return [p for p in every if not self.numbers or p.number in self.numbers]

    def due_for(self, period: Period):
        return deadlines.deadline_for(
            rule=self.rule,
            period=period,
            day=self.day,
            offset_months=self.offset_months,
            month=self.month,
            year_offset=self.year_offset,
        )

    @property
    def rule_words(self) -> str:
        if self.rule == DeadlineRule.RELATIVE:
            nth = "đầu tiên" if self.offset_months == 1 else f"thứ {self.offset_months}"
            return f"trước ngày {self.day:02d} của tháng {nth} sau kỳ báo cáo"
        if self.rule == DeadlineRule.FIXED:
            year = " năm sau" if self.year_offset == 1 else ""
            return f"trước ngày {self.day:02d}/{self.month:02d}{year}"
        return "không có hạn định kỳ"

    def get_additional_data(self) -> dict:
        return {"regime": self.regime_id}
