"""Reconciliation runs of partners' lists against insured employers, the pairs they scored,
the decisions people took on uncertain pairs (remembered for the next runs) and the findings."""

from django.conf import settings
from django.db import models

from ansinh.compliance.enums import (
    FindingKind,
    FindingStatus,
    MatchMethod,
    MatchStatus,
    RunStatus,
)
from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel


class Reconciliation(TimeStampedModel):
    """One run; its progress is read by the page (htmx polling) and the console."""

    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    stage = models.CharField("bước", max_length=200, blank=True)
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    counts = models.JSONField("kết quả", default=dict, blank=True)
    error = models.TextField("lỗi", blank=True)

    class Meta:
        verbose_name = "lượt đối chiếu"
        verbose_name_plural = "lượt đối chiếu"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Đối chiếu {self.created_at:%d/%m/%Y %H:%M}"


class MatchCandidate(models.Model):
    """A registry row paired with an employer, with its score and how it was found."""

    run = models.ForeignKey(Reconciliation, on_delete=models.CASCADE, related_name="candidates")
    record = models.ForeignKey(
        "compliance.RegistryRecord", on_delete=models.CASCADE, related_name="candidates"
    )
    employer = models.ForeignKey(
        "compliance.Employer", on_delete=models.CASCADE, related_name="candidates"
    )
    score = models.FloatField("điểm")
    name_score = models.FloatField("điểm tên", default=0)
    address_score = models.FloatField("điểm địa chỉ", default=0)
    method = models.CharField("cách khớp", max_length=10, choices=MatchMethod.choices)
    status = models.CharField("trạng thái", max_length=10, choices=MatchStatus.choices)

    class Meta:
        verbose_name = "cặp đối chiếu"
        verbose_name_plural = "cặp đối chiếu"
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["run", "record"], name="compliance_candidate_unique")
        ]
        indexes = [models.Index(fields=["run", "status"])]

    def __str__(self) -> str:
        return f"{self.record} ~ {self.employer} ({self.score:.2f})"


@track
class MatchDecision(TimeStampedModel):
    """A person's verdict on a pair, keyed so that the next run applies it to the same row of a
    later list: by tax code when the row has one, else by normalised name and locality."""

    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    record_key = models.CharField("khóa dòng", max_length=400)
    employer = models.ForeignKey(
        "compliance.Employer", on_delete=models.CASCADE, related_name="match_decisions"
    )
    accepted = models.BooleanField("là cùng một đơn vị")
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "quyết định đối chiếu"
        verbose_name_plural = "quyết định đối chiếu"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "record_key", "employer"],
                name="compliance_decision_unique",
                violation_error_message="Cặp này đã được xem xét.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_key} → {self.employer_id}: {'có' if self.accepted else 'không'}"


@track
class Finding(TimeStampedModel):
    """A signal worth following up, with the evidence that produced it."""

    province = models.ForeignKey(
        "org.AdminUnit", verbose_name="tỉnh", on_delete=models.PROTECT, related_name="+"
    )
    run = models.ForeignKey(
        Reconciliation, on_delete=models.SET_NULL, null=True, blank=True, related_name="findings"
    )
    kind = models.CharField("loại", max_length=15, choices=FindingKind.choices)
    status = models.CharField(
        "trạng thái", max_length=15, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    employer = models.ForeignKey(
        "compliance.Employer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="findings",
    )
    record = models.ForeignKey(
        "compliance.RegistryRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    admin_unit = models.ForeignKey(
        "org.AdminUnit",
        verbose_name="địa bàn",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField("đơn vị", max_length=300)
    tax_code = models.CharField("mã số thuế", max_length=14, blank=True)
    evidence = models.JSONField("căn cứ", default=list, blank=True)
    note = models.TextField("ghi chú xử lý", blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xử lý",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "phát hiện"
        verbose_name_plural = "phát hiện"
        ordering = ["kind", "admin_unit", "name"]
        indexes = [models.Index(fields=["province", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"
