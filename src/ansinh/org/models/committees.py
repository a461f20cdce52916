import datetime as dt

from django.db import models
from django.db.models import F, Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.org.enums import AdminLevel, Role
from ansinh.org.models.agencies import ProvinceScopedQuerySet


@track
class Committee(TimeStampedModel):
    """A provincial Ban Chỉ đạo thực hiện chính sách BHXH, BHYT, BHTN."""

    province = models.ForeignKey(
        "org.AdminUnit",
        verbose_name="tỉnh",
        on_delete=models.PROTECT,
        related_name="committees",
        limit_choices_to={"level": AdminLevel.PROVINCE},
    )
    key = models.SlugField("mã", max_length=60)
    name = models.CharField("tên Ban Chỉ đạo", max_length=300)
    short_name = models.CharField("tên ngắn", max_length=120, blank=True)
    standing_agency = models.ForeignKey(
        "org.Agency",
        verbose_name="cơ quan thường trực",
        on_delete=models.PROTECT,
        related_name="standing_for",
    )
    established_by = models.CharField("quyết định thành lập", max_length=250, blank=True)

    objects = ProvinceScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "Ban Chỉ đạo"
        verbose_name_plural = "Ban Chỉ đạo"
        ordering = ["province__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "key"],
                name="committee_unique_key",
                violation_error_message="Mã Ban Chỉ đạo đã được dùng trong tỉnh này.",
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


@track
class CommitteeDecision(TimeStampedModel):
    """A decision that constitutes or re-constitutes (kiện toàn) the committee."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="decisions")
    number = models.CharField("số, ký hiệu", max_length=80)
    date = models.DateField("ngày ký")
    issuer = models.CharField("cấp ban hành", max_length=200, blank=True)
    title = models.CharField("trích yếu", max_length=400, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "quyết định kiện toàn"
        verbose_name_plural = "quyết định kiện toàn"
        ordering = ["committee", "date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number"],
                name="committeedecision_unique_number",
                violation_error_message="Quyết định với số này đã được ghi nhận.",
            )
        ]

    def __str__(self) -> str:
        return f"Quyết định số {self.number} ngày {self.date:%d/%m/%Y}"


class MembershipQuerySet(models.QuerySet):
    def on(self, day: dt.date):
        """Memberships in force on `day`: started on or before it, not yet ended."""
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gt=day)
        )


@track
class Membership(TimeStampedModel):
    """A seat on the committee: a role held by the head of an agency, for a term."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    title = models.CharField("chức danh", max_length=250)
    person_name = models.CharField("họ và tên", max_length=120, blank=True)
    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan", on_delete=models.PROTECT, related_name="memberships"
    )
    position = models.PositiveIntegerField("thứ tự", default=0)
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày", null=True, blank=True)
    appointed_by = models.ForeignKey(
        CommitteeDecision,
        verbose_name="theo quyết định",
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    ended_by = models.ForeignKey(
        CommitteeDecision,
        verbose_name="thôi theo quyết định",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="removals",
    )
    note = models.CharField("ghi chú", max_length=400, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "thành viên"
        verbose_name_plural = "thành viên"
        ordering = ["committee", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_end_after_start",
                violation_error_message="Ngày thôi không được trước ngày bắt đầu.",
            ),
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(role=Role.CHAIR, end_date__isnull=True),
                name="membership_one_current_chair",
                violation_error_message="Ban Chỉ đạo chỉ có một Trưởng ban đương nhiệm.",
            ),
        ]

    def __str__(self) -> str:
        who = self.person_name or self.title
        return f"{self.get_role_display()}: {who}"

    @property
    def role_rank(self) -> int:
        return Role.rank(self.role)

    @property
    def seat_label(self) -> str:
        """ "Giám đốc Sở Y tế — Nguyễn Văn A (Sở Y tế)": how invitations and consultations name
        the seat they go to."""
        who = f"{self.title} — {self.person_name}" if self.person_name else self.title
        return f"{who} ({self.agency.display_name})"
