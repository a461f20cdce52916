from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.org.enums import AdminLevel, AgencyKind
from ansinh.org.text import search_key


class ProvinceScopedQuerySet(models.QuerySet):
    """Rows of a model with a `province`, limited to the provinces a user may see."""

    def for_user(self, user):
        from ansinh.accounts.perms import visible_province_ids

        return self.filter(province_id__in=visible_province_ids(user))


@track
class Agency(TimeStampedModel):
    """A body that can lead or coordinate work: a department, a People's Committee, a union…"""

    province = models.ForeignKey(
        "org.AdminUnit",
        verbose_name="tỉnh",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": AdminLevel.PROVINCE},
    )
    key = models.SlugField("mã", max_length=60, help_text="Mã ngắn dùng trong tệp dữ liệu.")
    name = models.CharField("tên cơ quan", max_length=250)
    short_name = models.CharField("tên viết tắt", max_length=120, blank=True)
    kind = models.CharField("loại", max_length=40, choices=AgencyKind.choices)
    admin_unit = models.ForeignKey(
        "org.AdminUnit",
        verbose_name="địa bàn",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        help_text="Địa bàn của UBND huyện, xã; để trống với cơ quan cấp tỉnh.",
    )
    aliases = models.JSONField(
        "tên gọi khác", default=list, blank=True, help_text="Cách văn bản gọi cơ quan này."
    )
    email = models.EmailField("thư điện tử", blank=True)
    phone = models.CharField("điện thoại", max_length=40, blank=True)
    address = models.CharField("địa chỉ", max_length=250, blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)
    search_name = models.CharField(max_length=400, editable=False, db_index=True)

    objects = ProvinceScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["province", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "key"],
                name="agency_unique_key",
                violation_error_message="Mã cơ quan đã được dùng trong tỉnh này.",
            ),
            models.UniqueConstraint(
                fields=["province", "name"],
                name="agency_unique_name",
                violation_error_message="Tên cơ quan đã có trong tỉnh này.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.refresh_search_name()
        super().save(*args, **kwargs)

    def refresh_search_name(self) -> None:
        """What the agency is found by; `bulk_create` skips `save`, so bulk loaders call it."""
        names = [self.name, self.short_name, *(self.aliases or [])]
        self.search_name = " | ".join(search_key(n) for n in names if n)

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


@track(m2m_fields={"members"})
class AgencyGroup(TimeStampedModel):
    """Collective wording of the documents ("UBND các huyện, thành phố") and what it covers.

    A group covers every agency of its `kinds` in the province, plus the agencies named in
    `members`; the expansion is done by `org.selectors.agency_group_expand`.
    """

    province = models.ForeignKey(
        "org.AdminUnit",
        verbose_name="tỉnh",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": AdminLevel.PROVINCE},
    )
    key = models.SlugField("mã", max_length=60)
    name = models.CharField("cách gọi trong văn bản", max_length=250)
    aliases = models.JSONField("cách gọi khác", default=list, blank=True)
    kinds = models.JSONField(
        "gồm mọi cơ quan thuộc loại",
        default=list,
        blank=True,
        help_text="Danh sách loại cơ quan (ví dụ district_people_committee).",
    )
    members = models.ManyToManyField(
        Agency, verbose_name="gồm các cơ quan", blank=True, related_name="groups"
    )

    objects = ProvinceScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "nhóm cơ quan"
        verbose_name_plural = "nhóm cơ quan"
        ordering = ["province", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "key"],
                name="agencygroup_unique_key",
                violation_error_message="Mã nhóm cơ quan đã được dùng trong tỉnh này.",
            ),
            models.UniqueConstraint(
                fields=["province", "name"],
                name="agencygroup_unique_name",
                violation_error_message="Nhóm cơ quan với cách gọi này đã có.",
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="agencygroup_name_not_empty",
                violation_error_message="Nhóm cơ quan cần có cách gọi.",
            ),
        ]

    def __str__(self) -> str:
        return self.name
