"""Reminders: one digest per user per day, claimed by a unique row so that two workers running
the same schedule never send it twice; and the in-app notices users read."""

from django.conf import settings
from django.db import models

from ansinh.reporting.enums import DigestStatus


class ReminderDigest(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="digests",
    )
    day = models.DateField("ngày nhắc")
    subject = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung")
    items = models.JSONField("các báo cáo được nhắc", default=list)
    status = models.CharField(
        "trạng thái", max_length=10, choices=DigestStatus.choices, default=DigestStatus.PENDING
    )
    error = models.TextField("lỗi gửi e-mail", blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    sent_at = models.DateTimeField("gửi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thư nhắc hạn báo cáo"
        verbose_name_plural = "thư nhắc hạn báo cáo"
        ordering = ["-day", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day"],
                name="reminderdigest_once_a_day",
                violation_error_message="Người dùng đã có thư nhắc trong ngày này.",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class Notice(models.Model):
    """An in-app notice: shown under the bell until read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="notices",
    )
    title = models.CharField("tiêu đề", max_length=300)
    body = models.TextField("nội dung", blank=True)
    url = models.CharField("đường dẫn", max_length=300, blank=True)
    digest = models.ForeignKey(
        ReminderDigest, on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]

    def __str__(self) -> str:
        return self.title
