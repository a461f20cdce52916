"""An annual plan (Kế hoạch), its groups of tasks, and the units leading or coordinating each."""

from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.plans.enums import PlanStatus, UnitRole


class PlanQuerySet(models.QuerySet):
    def for_user(self, user):
        from ansinh.accounts.perms import visible_province_ids

        return self.filter(committee__province_id__in=visible_province_ids(user))


@track
class Plan(TimeStampedModel):
    committee = models.ForeignKey(
        "org.Committee", verbose_name="Ban Chỉ đạo", on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField("năm")
    kind = models.CharField("loại văn bản", max_length=60, default="KẾ HOẠCH")
    title = models.CharField("trích yếu", max_length=400)
    number = models.CharField("số, ký hiệu", max_length=80, blank=True)
    date = models.DateField("ngày ban hành", null=True, blank=True)
    place = models.CharField("địa danh", max_length=80, blank=True)
    signer_authority = models.CharField("thẩm quyền ký", max_length=120, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=200, blank=True)
    signer_name = models.CharField("người ký", max_length=120, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    preamble = models.JSONField("căn cứ", default=list, blank=True)
    body = models.JSONField(
        "nội dung", default=list, blank=True, help_text="Các mục: tiêu đề và các đoạn."
    )
    footnotes = models.JSONField("chú thích", default=dict, blank=True)
    appendix_title = models.CharField("tên phụ lục nhiệm vụ", max_length=400, blank=True)
    status = models.CharField(
        "trạng thái", max_length=20, choices=PlanStatus.choices, default=PlanStatus.ISSUED
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name="sao từ kế hoạch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "title"],
                name="plan_unique_title_per_year",
                violation_error_message="Ban Chỉ đạo đã có kế hoạch với trích yếu này trong năm.",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="plan_year_range",
                violation_error_message="Năm của kế hoạch phải từ 2000 đến 2100.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind.capitalize()} {self.title}"


@track
class TaskGroup(TimeStampedModel):
    """A heading of the task table ("I", "a)", "* Đối với nhóm …"), numbered as written."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="groups")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    number = models.CharField("số thứ tự", max_length=20, blank=True)
    title = models.TextField("tên nhóm")
    position = models.PositiveIntegerField("thứ tự trong văn bản")

    class Meta:
        verbose_name = "nhóm nhiệm vụ"
        verbose_name_plural = "nhóm nhiệm vụ"
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="taskgroup_unique_position",
                violation_error_message="Hai nhóm nhiệm vụ không thể cùng vị trí trong kế hoạch.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def get_additional_data(self) -> dict:
        # Read by django-auditlog: the plan's page lists this object's history, deleted or not.
        return {"plan": self.plan_id}


@track
class Task(TimeStampedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    group = models.ForeignKey(
        TaskGroup,
        verbose_name="nhóm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
    )
    number = models.CharField("số thứ tự", max_length=20, blank=True)
    position = models.PositiveIntegerField("thứ tự trong văn bản")
    content = models.TextField("nội dung")
    lead_text = models.TextField("đơn vị chủ trì (như văn bản)", blank=True)
    coordinators_text = models.TextField("đơn vị phối hợp (như văn bản)", blank=True)
    timeframe = models.CharField("thời gian thực hiện", max_length=200, blank=True)
    recurring = models.BooleanField("thường xuyên", default=False)
    due_date = models.DateField("hạn hoàn thành", null=True, blank=True)
    legal_refs = models.TextField("căn cứ", blank=True)

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="task_unique_position",
                violation_error_message="Hai nhiệm vụ không thể cùng vị trí trong kế hoạch.",
            ),
            models.CheckConstraint(
                condition=Q(recurring=False) | Q(due_date__isnull=True),
                name="task_recurring_without_due_date",
                violation_error_message="Nhiệm vụ thường xuyên không có một hạn duy nhất.",
            ),
            models.CheckConstraint(
                condition=~Q(content=""),
                name="task_content_not_empty",
                violation_error_message="Nhiệm vụ cần có nội dung.",
            ),
        ]

    def __str__(self) -> str:
        text = self.content if len(self.content) <= 80 else self.content[:77] + "…"
        return f"{self.number}. {text}" if self.number else text

    @property
    def timeframe_display(self) -> str:
        return self.timeframe or "Không xác định"

    def get_additional_data(self) -> dict:
        # Read by django-auditlog: the plan's page lists this object's history, deleted or not.
        return {"plan": self.plan_id}


@track
class TaskUnit(TimeStampedModel):
    """One lead or coordinating unit of a task, as written, and what it was resolved to: an agency,
    an agency group (expanded to its agencies when read), or nothing (kept as written only)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="units")
    role = models.CharField("vai trò", max_length=20, choices=UnitRole.choices)
    name = models.CharField("tên đơn vị (như văn bản)", max_length=300)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name="cơ quan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="task_units",
    )
    agency_group = models.ForeignKey(
        "org.AgencyGroup",
        verbose_name="nhóm cơ quan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="task_units",
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "đơn vị thực hiện"
        verbose_name_plural = "đơn vị thực hiện"
        ordering = ["task", "role", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agency__isnull=True) | Q(agency_group__isnull=True),
                name="taskunit_agency_or_group",
                violation_error_message="Đơn vị là một cơ quan hoặc một nhóm, không cả hai.",
            ),
            models.UniqueConstraint(
                fields=["task", "role", "name"],
                name="taskunit_unique_name",
                violation_error_message="Đơn vị này đã có trong nhiệm vụ với cùng vai trò.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"
