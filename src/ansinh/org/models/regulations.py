from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.org.enums import ClauseLevel, Role


@track
class Regulation(TimeStampedModel):
    """The operating regulation (Quy chế hoạt động) of a committee."""

    committee = models.ForeignKey(
        "org.Committee", on_delete=models.CASCADE, related_name="regulations"
    )
    title = models.CharField("tên văn bản", max_length=400)
    decision_number = models.CharField("ban hành theo quyết định số", max_length=80, blank=True)
    decision_date = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = models.CharField("người ký", max_length=200, blank=True)
    is_current = models.BooleanField("đang có hiệu lực", default=True)

    class Meta:
        verbose_name = "quy chế"
        verbose_name_plural = "quy chế"
        ordering = ["committee", "-is_current", "-decision_date"]

    def __str__(self) -> str:
        return self.title


_LEVEL_WORD = {
    ClauseLevel.CHAPTER: "Chương",
    ClauseLevel.ARTICLE: "Điều",
    ClauseLevel.CLAUSE: "khoản",
    ClauseLevel.POINT: "điểm",
}


@track
class Clause(TimeStampedModel):
    """A node of a regulation: Chương, Điều, khoản or điểm."""

    history_select_related = ("parent__parent",)

    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="clauses")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    level = models.CharField("cấp", max_length=10, choices=ClauseLevel.choices)
    number = models.CharField("số", max_length=10)
    title = models.CharField("tiêu đề", max_length=400, blank=True)
    text = models.TextField("nội dung", blank=True)
    position = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "điều khoản"
        verbose_name_plural = "điều khoản"
        ordering = ["regulation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "level", "number"],
                condition=Q(level__in=[ClauseLevel.CHAPTER, ClauseLevel.ARTICLE]),
                name="clause_unique_article_number",
                violation_error_message="Số chương hoặc số điều bị trùng trong quy chế.",
            ),
            models.UniqueConstraint(
                fields=["parent", "number"],
                condition=Q(level__in=[ClauseLevel.CLAUSE, ClauseLevel.POINT]),
                name="clause_unique_child_number",
                violation_error_message="Số khoản hoặc điểm bị trùng trong cùng một điều.",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def label(self) -> str:
        word = _LEVEL_WORD[ClauseLevel(self.level)]
        return f"{word.capitalize() if self.level != ClauseLevel.ARTICLE else word} {self.number}"

    @property
    def reference(self) -> str:
        """'Điều 7, khoản 8, điểm c'. Needs parent and grandparent loaded to avoid queries."""
        if self.level == ClauseLevel.CHAPTER:
            return self.label
        parts = []
        node = self
        while node is not None:
            parts.append(f"{_LEVEL_WORD[ClauseLevel(node.level)]} {node.number}")
            # Stop at the article: it is the top of a reference, and its chapter is not loaded.
            node = None if node.level == ClauseLevel.ARTICLE else node.parent
        return ", ".join(reversed(parts))


@track
class Duty(TimeStampedModel):
    """A clause of the regulation that binds an agency, a group of agencies, a role or the
    committee as a whole."""

    history_select_related = ("clause__parent__parent", "agency", "agency_group")

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="duties")
    agency = models.ForeignKey(
        "org.Agency", on_delete=models.CASCADE, null=True, blank=True, related_name="duties"
    )
    agency_group = models.ForeignKey(
        "org.AgencyGroup",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="duties",
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices, blank=True)
    whole_committee = models.BooleanField("cả Ban Chỉ đạo", default=False)

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["clause__position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=False)
                | Q(agency_group__isnull=False)
                | ~Q(role="")
                | Q(whole_committee=True),
                name="duty_binds_someone",
                violation_error_message="Nhiệm vụ phải gắn với một cơ quan, nhóm, vai trò "
                "hoặc cả Ban Chỉ đạo.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.clause.reference}: {self.holder_label}"

    @property
    def holder_label(self) -> str:
        if self.agency_id:
            return self.agency.display_name
        if self.agency_group_id:
            return self.agency_group.name
        if self.role:
            return self.get_role_display()
        return "Ban Chỉ đạo"
