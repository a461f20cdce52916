"""A year-end review round (đợt xét khen thưởng) of a committee, its commendation levels and the
proposals (đề nghị khen thưởng) made in it.

The levels, the proposing agencies and the eligibility rules are copied from the province's data
file (data/rewards/<tỉnh>.yaml) when the round opens, so that editing the file later does not
change a round already under way.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.rewards.enums import NomineeKind, ProposalStatus


class RoundQuerySet(models.QuerySet):
    def for_user(self, user):
        from ansinh.accounts.perms import visible_province_ids

        return self.filter(committee__province_id__in=visible_province_ids(user))


@track(m2m_fields={"proposers"})
class ReviewRound(TimeStampedModel):
    committee = models.ForeignKey(
        "org.Committee", verbose_name="Ban Chỉ đạo", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("năm được xét")
    title = models.CharField("tên đợt xét", max_length=300)
    closes_on = models.DateField("hạn nhận đề nghị")
    proposers = models.ManyToManyField(
        "org.Agency", verbose_name="cơ quan đề xuất", related_name="+", blank=True
    )
    rules = models.JSONField("tiêu chí", default=dict, blank=True)
    source = models.TextField("căn cứ", blank=True)
    data_file = models.CharField("tệp dữ liệu", max_length=120, blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = "đợt xét khen thưởng"
        verbose_name_plural = "đợt xét khen thưởng"
        ordering = ["-year", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year"],
                name="reviewround_unique_year",
                violation_error_message="Năm: Ban Chỉ đạo đã có đợt xét khen thưởng của năm này.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


@track
class CommendationLevel(TimeStampedModel):
    """A form of commendation the round may propose (Bằng khen, Giấy khen…)."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="levels")
    key = models.SlugField("mã", max_length=60)
    name = models.CharField("hình thức khen thưởng", max_length=250)
    authority = models.CharField("cấp quyết định", max_length=250, blank=True)
    nominee_kinds = models.JSONField("đối tượng", default=list, blank=True)
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "hình thức khen thưởng"
        verbose_name_plural = "hình thức khen thưởng"
        ordering = ["round", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "key"],
                name="commendationlevel_unique_key",
                violation_error_message="Mã hình thức khen thưởng đã có trong đợt xét này.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"round": self.round_id}


@track(exclude_fields=["nominee_key"])
class Proposal(TimeStampedModel):
    round = models.ForeignKey(
        ReviewRound, verbose_name="đợt xét", on_delete=models.CASCADE, related_name="proposals"
    )
    proposer = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan đề nghị", on_delete=models.PROTECT, related_name="+"
    )
    nominee_kind = models.CharField("đối tượng", max_length=12, choices=NomineeKind.choices)
    nominee_agency = models.ForeignKey(
        "org.Agency",
        verbose_name="cơ quan, đơn vị được đề nghị",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    nominee_unit = models.ForeignKey(
        "org.AdminUnit",
        verbose_name="địa phương được đề nghị",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    person_name = models.CharField("họ và tên", max_length=150, blank=True)
    person_title = models.CharField("chức vụ", max_length=200, blank=True)
    workplace = models.CharField("nơi công tác", max_length=250, blank=True)
    # Who is nominated, as one comparable string: one proposal per nominee and round.
    nominee_key = models.CharField(max_length=300, editable=False)
    achievement = models.TextField("thành tích")
    level = models.ForeignKey(
        CommendationLevel,
        verbose_name="hình thức đề nghị",
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    justification = models.TextField(
        "giải trình khi chưa đạt tiêu chí",
        blank=True,
        help_text="Bắt buộc khi đề nghị không đạt một tiêu chí; người thẩm định sẽ đọc.",
    )
    status = models.CharField(
        "trạng thái", max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    review_note = models.TextField("ý kiến thẩm định", blank=True)
    reviewed_at = models.DateTimeField("thẩm định lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thẩm định",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.TextField("ý kiến phê duyệt", blank=True)
    decided_at = models.DateTimeField("phê duyệt lúc", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người phê duyệt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        ordering = ["round", "level__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "nominee_key"],
                name="proposal_unique_nominee",
                violation_error_message=(
                    "Đối tượng này đã được đề nghị khen thưởng trong đợt xét này; mỗi đối tượng "
                    "chỉ có một đề nghị."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(nominee_kind=NomineeKind.UNIT) | Q(nominee_agency__isnull=False),
                name="proposal_unit_has_agency",
                violation_error_message="Cơ quan, đơn vị được đề nghị: chọn cơ quan, đơn vị.",
            ),
            models.CheckConstraint(
                condition=~Q(nominee_kind=NomineeKind.LOCALITY) | Q(nominee_unit__isnull=False),
                name="proposal_locality_has_unit",
                violation_error_message="Địa phương được đề nghị: chọn địa phương.",
            ),
            models.CheckConstraint(
                condition=~Q(nominee_kind=NomineeKind.INDIVIDUAL) | ~Q(person_name=""),
                name="proposal_individual_has_name",
                violation_error_message=(
                    "Họ và tên: đề nghị khen thưởng cá nhân phải có họ và tên người được đề nghị."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nominee_label} — {self.level}" if self.level_id else self.nominee_label

    @property
    def nominee_label(self) -> str:
        if self.nominee_kind == NomineeKind.UNIT and self.nominee_agency_id:
            return self.nominee_agency.name
        if self.nominee_kind == NomineeKind.LOCALITY and self.nominee_unit_id:
            return self.nominee_unit.name
        parts = [self.person_name, self.person_title, self.workplace]
        return ", ".join(p for p in parts if p)

    @property
    def status_css(self) -> str:
        return ProposalStatus(self.status).css

    def get_additional_data(self) -> dict:
        return {"round": self.round_id}
