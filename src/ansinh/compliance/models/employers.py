"""Employers (đơn vị sử dụng lao động) and what each data partner said about them, quarter by
quarter (Quy chế Điều 7)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from ansinh.compliance.enums import RegistryStatus, Source
from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel


class EmployerQuerySet(models.QuerySet):
    def for_user(self, user):
        from ansinh.accounts.perms import visible_province_ids

        return self.filter(province_id__in=visible_province_ids(user))


@track
class Employer(TimeStampedModel):
    """One employer of the province, known by its tax code, its BHXH unit code or both."""

    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    tax_code = models.CharField(
        "mã số thuế", max_length=14, blank=True, help_text="10 chữ số, chi nhánh thêm -NNN."
    )
    insurer_code = models.CharField("mã đơn vị BHXH", max_length=20, blank=True)
    name = models.CharField("tên đơn vị", max_length=300)
    name_key = models.CharField(
        "tên chuẩn hóa", max_length=300, blank=True, db_index=True, editable=False
    )
    address = models.CharField("địa chỉ", max_length=400, blank=True)
    admin_unit = models.ForeignKey(
        "org.AdminUnit",
        verbose_name="địa bàn",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    sector = models.CharField("ngành nghề", max_length=200, blank=True)
    in_zone = models.BooleanField("trong khu kinh tế, khu công nghiệp", default=False)
    registry_status = models.CharField(
        "tình trạng theo đăng ký, thuế", max_length=15, choices=RegistryStatus.choices, blank=True
    )
    insured_headcount = models.PositiveIntegerField(
        "số lao động tham gia BHXH", null=True, blank=True
    )
    tax_headcount = models.PositiveIntegerField(
        "số lao động theo cơ quan thuế", null=True, blank=True
    )
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name="là cơ quan",
        help_text="Khi đơn vị sử dụng lao động là một cơ quan thành viên (xét khen thưởng).",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    illustrative = models.BooleanField(
        "dữ liệu minh họa", default=False, help_text="Đơn vị giả lập của bản demo."
    )

    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = "đơn vị sử dụng lao động"
        verbose_name_plural = "đơn vị sử dụng lao động"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "tax_code"],
                condition=~Q(tax_code=""),
                name="compliance_employer_unique_tax_code",
                violation_error_message="Mã số thuế này đã có trong tỉnh.",
            ),
            models.UniqueConstraint(
                fields=["province", "insurer_code"],
                condition=~Q(insurer_code=""),
                name="compliance_employer_unique_insurer_code",
                violation_error_message="Mã đơn vị BHXH này đã có trong tỉnh.",
            ),
            models.CheckConstraint(
                condition=~Q(tax_code="") | ~Q(insurer_code=""),
                name="compliance_employer_has_a_code",
                violation_error_message="Đơn vị phải có mã số thuế hoặc mã đơn vị BHXH.",
            ),
        ]
        indexes = [models.Index(fields=["province", "admin_unit"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.tax_code or self.insurer_code})"

    def save(self, *args, **kwargs):
        from ansinh.compliance.names import name_key

        self.name_key = name_key(self.name)[:300]
        super().save(*args, **kwargs)


@track
class RegistrySnapshot(TimeStampedModel):
    """One partner's quarterly list as uploaded; re-uploading a quarter replaces it whole."""

    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField("nguồn", max_length=15, choices=Source.choices)
    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan gửi", on_delete=models.PROTECT, related_name="+"
    )
    period_year = models.PositiveSmallIntegerField("năm")
    period_quarter = models.PositiveSmallIntegerField(
        "quý", validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    as_of = models.DateField("số liệu tại ngày")
    obligation = models.ForeignKey(
        "reporting.Obligation",
        verbose_name="nghĩa vụ báo cáo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    batch = models.ForeignKey(
        "core.ImportBatch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    row_count = models.PositiveIntegerField("số dòng", default=0)

    class Meta:
        verbose_name = "danh sách doanh nghiệp của cơ quan phối hợp"
        verbose_name_plural = "danh sách doanh nghiệp của cơ quan phối hợp"
        ordering = ["-period_year", "-period_quarter", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "agency", "source", "period_year", "period_quarter"],
                name="compliance_snapshot_unique_quarter",
                violation_error_message="Cơ quan đã gửi danh sách của quý này.",
            ),
            models.CheckConstraint(
                condition=Q(period_quarter__gte=1, period_quarter__lte=4),
                name="compliance_snapshot_quarter_range",
                violation_error_message="Quý phải từ 1 đến 4.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}, quý {self.period_quarter}/{self.period_year}"


class RegistryRecord(models.Model):
    """One row of a partner's list, as the partner wrote it (written in bulk, never edited:
    the snapshot's history covers it)."""

    snapshot = models.ForeignKey(RegistrySnapshot, on_delete=models.CASCADE, related_name="records")
    row_number = models.PositiveIntegerField("dòng trong tệp")
    tax_code = models.CharField("mã số thuế", max_length=14, blank=True, db_index=True)
    name = models.CharField("tên", max_length=300)
    address = models.CharField("địa chỉ", max_length=400, blank=True)
    admin_unit = models.ForeignKey(
        "org.AdminUnit",
        verbose_name="địa bàn",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    status = models.CharField(
        "tình trạng", max_length=15, choices=RegistryStatus.choices, blank=True
    )
    status_date = models.DateField("ngày của tình trạng", null=True, blank=True)
    sector = models.CharField("ngành nghề", max_length=200, blank=True)
    employees = models.PositiveIntegerField("số lao động", null=True, blank=True)
    wage_fund = models.BigIntegerField("quỹ lương (đồng)", null=True, blank=True)
    in_zone = models.BooleanField("trong khu kinh tế, khu công nghiệp", default=False)
    employer = models.ForeignKey(
        Employer,
        verbose_name="đơn vị đã khớp",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
    )

    class Meta:
        verbose_name = "dòng danh sách doanh nghiệp"
        verbose_name_plural = "dòng danh sách doanh nghiệp"
        ordering = ["snapshot", "row_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "row_number"], name="compliance_record_unique_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.tax_code or 'không có MST'})"


@track
class PartnerMapping(TimeStampedModel):
    """Which header of a partner's export holds which field of its list, remembered from the
    partner's last upload so the next one comes pre-filled."""

    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.CASCADE, related_name="+"
    )
    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan gửi", on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField("nguồn", max_length=15, choices=Source.choices)
    columns = models.JSONField("ghép cột", default=dict, blank=True)

    class Meta:
        verbose_name = "cách ghép cột của cơ quan phối hợp"
        verbose_name_plural = "cách ghép cột của cơ quan phối hợp"
        constraints = [
            models.UniqueConstraint(
                fields=["province", "agency", "source"],
                name="compliance_partner_mapping_unique",
                violation_error_message="Cơ quan này đã có cách ghép cột cho nguồn này.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.get_source_display()}"
