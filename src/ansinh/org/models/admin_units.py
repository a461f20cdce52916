from django.db import models
from django.db.models import Q

from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.text import admin_unit_search_name


class AdminUnit(models.Model):
    """A province, district or commune of one edition (2024 or 2025) of the national structure.

    Reference data loaded from the administrative-unit libraries, never typed by hand; so it has
    no change history of its own.
    """

    edition = models.CharField("cấu trúc", max_length=4, choices=AdminEdition.choices)
    level = models.CharField("cấp", max_length=10, choices=AdminLevel.choices)
    code = models.CharField("mã", max_length=10)
    name = models.CharField("tên", max_length=120)
    division_type = models.CharField("loại", max_length=40, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="trực thuộc",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    search_name = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["edition", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "level", "code"],
                name="adminunit_unique_code",
                violation_error_message="Mã đơn vị hành chính đã có trong cấu trúc này.",
            ),
            models.CheckConstraint(
                condition=Q(level=AdminLevel.PROVINCE, parent__isnull=True)
                | (~Q(level=AdminLevel.PROVINCE) & Q(parent__isnull=False)),
                name="adminunit_parent_by_level",
                violation_error_message="Chỉ cấp tỉnh không có đơn vị cấp trên.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = admin_unit_search_name(self.division_type, self.name)
        super().save(*args, **kwargs)

    @property
    def short_name(self) -> str:
        prefix = f"{self.division_type} "
        if self.division_type and self.name.startswith(prefix):
            return self.name[len(prefix) :]
        return self.name


class AdminUnitSuccession(models.Model):
    """A 2024 unit and the 2025 unit that took over (all or part of) its territory."""

    predecessor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(AdminUnit, on_delete=models.CASCADE, related_name="predecessions")
    is_whole = models.BooleanField(
        "toàn bộ", default=True, help_text="Sai khi đơn vị cũ bị chia cho nhiều đơn vị mới."
    )

    class Meta:
        verbose_name = "kế thừa đơn vị hành chính"
        verbose_name_plural = "kế thừa đơn vị hành chính"
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="adminunitsuccession_unique",
                violation_error_message="Quan hệ kế thừa này đã có.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
