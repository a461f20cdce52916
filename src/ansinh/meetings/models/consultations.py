"""Written consultation (lấy ý kiến bằng văn bản): when no meeting is held, the standing agency
sends the documents and the question to the members, who answer in writing by a closing date
(Thanh Hóa, Quy chế Điều 10.2.a)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.meetings.enums import ConsultationAnswer


@track
class Consultation(TimeStampedModel):
    committee = models.ForeignKey(
        "org.Committee",
        verbose_name="Ban Chỉ đạo",
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    title = models.CharField("trích yếu", max_length=300)
    questions = models.TextField("nội dung xin ý kiến")
    closes_at = models.DateTimeField("hạn trả lời")
    sent_at = models.DateTimeField("gửi lúc")

    class Meta:
        verbose_name = "lấy ý kiến bằng văn bản"
        verbose_name_plural = "lấy ý kiến bằng văn bản"
        ordering = ["-closes_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("sent_at")),
                name="consultation_closes_after_sent",
                violation_error_message="Hạn trả lời phải sau thời điểm gửi.",
            )
        ]

    def __str__(self) -> str:
        return self.title


def consultation_path(instance, filename: str) -> str:
    return f"lay-y-kien/{instance.consultation_id}/{filename}"


@track
class ConsultationDocument(TimeStampedModel):
    """Served only through the consultation's own access check."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name="đợt lấy ý kiến",
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.FileField("tệp", upload_to=consultation_path, max_length=300)
    name = models.CharField("tên tài liệu", max_length=255)
    size = models.PositiveIntegerField("dung lượng (byte)", default=0)

    class Meta:
        verbose_name = "tài liệu xin ý kiến"
        verbose_name_plural = "tài liệu xin ý kiến"
        ordering = ["consultation", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"consultation": self.consultation_id}


@track
class ConsultationMember(TimeStampedModel):
    """One invited seat and its answer; a changed answer before closing stays in the history."""

    consultation = models.ForeignKey(
        Consultation,
        verbose_name="đợt lấy ý kiến",
        on_delete=models.CASCADE,
        related_name="members",
    )
    membership = models.ForeignKey(
        "org.Membership",
        verbose_name="thành viên",
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    answer = models.CharField(
        "ý kiến",
        max_length=10,
        choices=ConsultationAnswer.choices,
        default=ConsultationAnswer.PENDING,
    )
    comment = models.TextField("ý kiến cụ thể", blank=True)
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người trả lời",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reminded_at = models.DateTimeField("nhắc lần cuối lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thành viên được xin ý kiến"
        verbose_name_plural = "thành viên được xin ý kiến"
        ordering = ["consultation", "membership__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "membership"],
                name="consultationmember_one_per_seat",
                violation_error_message="Thành viên này đã được xin ý kiến trong đợt này.",
            ),
            models.CheckConstraint(
                condition=~Q(answer=ConsultationAnswer.COMMENT) | ~Q(comment=""),
                name="consultationmember_comment_written",
                violation_error_message="Ý kiến khác phải ghi nội dung ý kiến.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat_label}: {self.get_answer_display()}"

    @property
    def seat_label(self) -> str:
        return self.membership.seat_label

    def get_additional_data(self) -> dict:
        return {"consultation": self.consultation_id}
