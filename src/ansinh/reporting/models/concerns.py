"""Difficulties and recommendations (khó khăn, vướng mắc, kiến nghị) raised to the committee,
in a report or on their own (Quy chế Điều 15), and the standing agency's answer."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.reporting.enums import ConcernStatus, ConcernTopic


class ConcernQuerySet(models.QuerySet):
    def for_user(self, user):
        from ansinh.accounts.perms import visible_province_ids

        return self.filter(committee__province_id__in=visible_province_ids(user))


@track
class Concern(TimeStampedModel):
    committee = models.ForeignKey(
        "org.Committee", verbose_name="Ban Chỉ đạo", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        "org.Agency", verbose_name="cơ quan nêu", on_delete=models.PROTECT, related_name="+"
    )
    submission = models.ForeignKey(
        "reporting.Submission",
        verbose_name="nêu trong báo cáo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
    )
    topic = models.CharField(
        "lĩnh vực", max_length=20, choices=ConcernTopic.choices, default=ConcernTopic.OTHER
    )
    title = models.CharField("tóm tắt", max_length=300)
    content = models.TextField("khó khăn, vướng mắc")
    recommendation = models.TextField("kiến nghị, đề xuất", blank=True)
    status = models.CharField(
        "trạng thái", max_length=12, choices=ConcernStatus.choices, default=ConcernStatus.OPEN
    )
    answer = models.TextField("trả lời của cơ quan thường trực", blank=True)
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người trả lời",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ConcernQuerySet.as_manager()

    class Meta:
        verbose_name = "khó khăn, vướng mắc, kiến nghị"
        verbose_name_plural = "khó khăn, vướng mắc, kiến nghị"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=[ConcernStatus.ANSWERED, ConcernStatus.CLOSED])
                | ~Q(answer=""),
                name="concern_answered_has_answer",
                violation_error_message=(
                    "Kiến nghị đã trả lời hoặc đã đóng phải có nội dung trả lời."
                ),
            ),
            models.UniqueConstraint(
                fields=["submission"],
                condition=Q(submission__isnull=False),
                name="concern_one_per_submission",
                violation_error_message="Báo cáo này đã có kiến nghị đi kèm.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_css(self) -> str:
        return ConcernStatus(self.status).css
