from django.db import models

from ansinh.core.periods import PeriodKind

__all__ = ["ImportStatus", "PeriodKind"]


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", "Đã xem trước"
    REJECTED = "rejected", "Có lỗi, không nạp"
    APPLIED = "applied", "Đã nạp"
