"""Inspection cases (thanh tra, kiểm tra) and the published list of late payers."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from ansinh.compliance.enums import InspectionOutcome, InspectionStatus
from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel


@track(m2m_fields=["employers"])
class InspectionCase(TimeStampedModel):
    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("tên đợt thanh tra, kiểm tra", max_length=300)
    decision_number = models.CharField("số quyết định", max_length=100, blank=True)
    team = models.TextField("thành phần đoàn", help_text="Mỗi người một dòng: họ tên — cơ quan.")
    lead_agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan chủ trì", on_delete=models.PROTECT, related_name="+"
    )
    employers = models.ManyToManyField(
        "compliance.Employer", verbose_name="đơn vị được thanh tra", related_name="inspections"
    )
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    status = models.CharField(
        "trạng thái",
        max_length=15,
        choices=InspectionStatus.choices,
        default=InspectionStatus.PLANNED,
    )
    outcome = models.CharField(
        "kết quả",
        max_length=15,
        choices=InspectionOutcome.choices,
        default=InspectionOutcome.PENDING,
    )
    fined_amount = models.BigIntegerField("số tiền xử phạt (đồng)", default=0)
    recovered_amount = models.BigIntegerField("số tiền thu hồi, đơn vị đã nộp (đồng)", default=0)
    referred_on = models.DateField("ngày chuyển cơ quan công an", null=True, blank=True)
    follow_up = models.TextField("theo dõi sau thanh tra", blank=True)

    class Meta:
        verbose_name = "đợt thanh tra, kiểm tra"
        verbose_name_plural = "đợt thanh tra, kiểm tra"
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="compliance_inspection_dates_ordered",
                violation_error_message="Ngày kết thúc không được trước ngày bắt đầu.",
            ),
            models.CheckConstraint(
                condition=Q(fined_amount__gte=0, recovered_amount__gte=0),
                name="compliance_inspection_amounts_not_negative",
                violation_error_message="Số tiền không được âm.",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=InspectionOutcome.POLICE_REFERRAL)
                | Q(referred_on__isnull=False),
                name="compliance_inspection_referral_has_date",
                violation_error_message="Chuyển cơ quan công an phải có ngày chuyển.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


@track
class Disclosure(TimeStampedModel):
    """A published list of late payers, frozen at publication from one arrears statement."""

    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    statement = models.ForeignKey(
        "compliance.ArrearsStatement",
        verbose_name="bảng số liệu nợ",
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    as_of = models.DateField("số liệu tại ngày")
    min_months = models.PositiveSmallIntegerField("công khai đơn vị nợ từ (tháng)", default=3)
    published_at = models.DateTimeField("công khai lúc", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người công khai",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField("gỡ xuống lúc", null=True, blank=True)

    class Meta:
        verbose_name = "danh sách công khai đơn vị chậm đóng"
        verbose_name_plural = "danh sách công khai đơn vị chậm đóng"
        ordering = ["-as_of"]

    def __str__(self) -> str:
        return f"Công khai đơn vị chậm đóng tại {self.as_of:%d/%m/%Y}"


class DisclosureEntry(models.Model):
    """Only the published fields, copied, so a later statement does not change what was said."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="entries")
    tax_code = models.CharField("mã số thuế", max_length=14, blank=True, db_index=True)
    insurer_code = models.CharField("mã đơn vị BHXH", max_length=20, blank=True)
    name = models.CharField("tên đơn vị", max_length=300)
    address = models.CharField("địa chỉ", max_length=400, blank=True)
    months_late = models.DecimalField("số tháng chậm đóng", max_digits=6, decimal_places=1)
    amount = models.BigIntegerField("số tiền chậm đóng (đồng)")

    class Meta:
        verbose_name = "đơn vị được công khai"
        verbose_name_plural = "đơn vị được công khai"
        ordering = ["-months_late", "name"]

    def __str__(self) -> str:
        return self.name
