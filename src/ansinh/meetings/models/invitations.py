"""One invitation per seat of the committee on the meeting's date: the member's answer, the
excuse and its approval, and the attendance recorded on the day."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.meetings.enums import Answer, Attendance, ExcuseStatus


@track
class Invitation(TimeStampedModel):
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="cuộc họp",
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    membership = models.ForeignKey(
        "org.Membership",
        verbose_name="thành viên",
        on_delete=models.PROTECT,
        related_name="meeting_invitations",
    )
    sent_at = models.DateTimeField("gửi lúc")
    emailed_to = models.CharField("gửi e-mail tới", max_length=600, blank=True)
    email_error = models.CharField("lỗi gửi e-mail", max_length=300, blank=True)
    answer = models.CharField(
        "trả lời", max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    answered_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người trả lời",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    excuse_reason = models.CharField("lý do vắng mặt", max_length=400, blank=True)
    substitute_name = models.CharField("họ tên người họp thay", max_length=120, blank=True)
    substitute_title = models.CharField("chức vụ người họp thay", max_length=200, blank=True)
    excuse_status = models.CharField(
        "ý kiến của Trưởng ban về việc vắng mặt",
        max_length=10,
        choices=ExcuseStatus.choices,
        default=ExcuseStatus.NONE,
        blank=True,
    )
    excuse_note = models.CharField("ghi chú của Trưởng ban", max_length=400, blank=True)
    excuse_decided_at = models.DateTimeField("cho ý kiến lúc", null=True, blank=True)
    excuse_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi ý kiến của Trưởng ban",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    attendance = models.CharField(
        "điểm danh",
        max_length=20,
        choices=Attendance.choices,
        default=Attendance.NONE,
        blank=True,
    )

    class Meta:
        verbose_name = "giấy mời"
        verbose_name_plural = "giấy mời"
        ordering = ["meeting", "membership__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                name="invitation_one_per_seat",
                violation_error_message="Thành viên này đã có giấy mời dự cuộc họp.",
            ),
            models.CheckConstraint(
                condition=Q(excuse_status=ExcuseStatus.NONE) | Q(answer=Answer.EXCUSED),
                name="invitation_excuse_needs_request",
                violation_error_message="Chỉ cho ý kiến về việc vắng mặt khi thành viên xin vắng.",
            ),
            models.CheckConstraint(
                condition=~Q(attendance=Attendance.SUBSTITUTE) | ~Q(substitute_name=""),
                name="invitation_substitute_named",
                violation_error_message="Người họp thay có mặt phải có họ tên người họp thay.",
            ),
        ]

    def __str__(self) -> str:
        return f"Giấy mời {self.seat_label}"

    @property
    def seat_label(self) -> str:
        return self.membership.seat_label

    @property
    def attendance_css(self) -> str:
        return Attendance(self.attendance).css

    def get_additional_data(self) -> dict:
        return {"meeting": self.meeting_id}
