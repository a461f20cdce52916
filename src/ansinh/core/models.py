"""Base models shared by every capability: timestamps, authorship and change history."""

from django.conf import settings
from django.db import models

from ansinh.core.enums import ImportStatus


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người cập nhật",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class ImportBatch(models.Model):
    """One uploaded file: what it was, who sent it, what the check found and what was written."""

    kind = models.CharField("loại dữ liệu", max_length=40)
    filename = models.CharField("tên tệp", max_length=255)
    content = models.TextField("nội dung")
    status = models.CharField(
        "trạng thái", max_length=20, choices=ImportStatus.choices, default=ImportStatus.PREVIEWED
    )
    summary = models.TextField("kết quả", blank=True)
    problems = models.JSONField("lỗi", default=list, blank=True)
    created_at = models.DateTimeField("tải lên lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    applied_at = models.DateTimeField("nạp lúc", null=True, blank=True)

    class Meta:
        verbose_name = "lần nạp dữ liệu"
        verbose_name_plural = "lần nạp dữ liệu"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"
