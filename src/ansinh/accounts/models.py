from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from ansinh.accounts.enums import UserRole
from ansinh.core.history import track
from ansinh.org.enums import AdminLevel


@track(m2m_fields={"extra_provinces"}, exclude_fields=["password", "last_login"])
class User(AbstractUser):
    """A person who works in ansinh on behalf of one agency."""

    full_name = models.CharField("họ và tên", max_length=150, blank=True)
    agency = models.ForeignKey(
        "org.Agency",
        verbose_name="cơ quan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    role = models.CharField(
        "vai trò", max_length=30, choices=UserRole.choices, default=UserRole.AGENCY_OFFICER
    )
    extra_provinces = models.ManyToManyField(
        "org.AdminUnit",
        verbose_name="được xem thêm các tỉnh",
        blank=True,
        related_name="+",
        limit_choices_to={"level": AdminLevel.PROVINCE},
    )

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
        constraints = [
            models.CheckConstraint(
                condition=Q(role=UserRole.ADMIN) | Q(agency__isnull=False),
                name="user_agency_required_unless_admin",
                violation_error_message=(
                    "Người dùng phải thuộc một cơ quan (trừ quản trị hệ thống)."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_system_admin(self) -> bool:
        return self.role == UserRole.ADMIN or self.is_superuser
