"""A meeting of the committee, its agenda and the materials sent with each item."""

from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.meetings.enums import MeetingKind, MeetingStatus


class MeetingQuerySet(models.QuerySet):
    def for_user(self, user):
        from ansinh.accounts.perms import visible_province_ids

        return self.filter(committee__province_id__in=visible_province_ids(user))


@track
class Meeting(TimeStampedModel):
    committee = models.ForeignKey(
        "org.Committee",
        verbose_name="Ban Chỉ đạo",
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    kind = models.CharField("loại cuộc họp", max_length=20, choices=MeetingKind.choices)
    title = models.CharField("tên cuộc họp", max_length=300)
    starts_at = models.DateTimeField("thời gian họp")
    place = models.CharField("địa điểm", max_length=300)
    chair = models.ForeignKey(
        "org.Membership",
        verbose_name="người chủ trì",
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(
        "số giấy mời", max_length=80, blank=True, help_text="Ví dụ: 15/GM-BCĐ."
    )
    note = models.TextField("ghi chú", blank=True)
    status = models.CharField(
        "trạng thái", max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    invited_at = models.DateTimeField("gửi giấy mời lúc", null=True, blank=True)
    cancel_reason = models.TextField("lý do hủy", blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "cuộc họp"
        verbose_name_plural = "cuộc họp"
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="meeting_cancelled_has_reason",
                violation_error_message="Hủy cuộc họp phải nêu lý do.",
            ),
            models.CheckConstraint(
                condition=Q(status=MeetingStatus.DRAFT)
                | Q(status=MeetingStatus.CANCELLED)
                | Q(invited_at__isnull=False),
                name="meeting_invited_has_time",
                violation_error_message="Cuộc họp đã gửi giấy mời phải có thời điểm gửi.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def status_css(self) -> str:
        return MeetingStatus(self.status).css


@track
class AgendaItem(TimeStampedModel):
    """One item of the agenda. Someone presents it: a committee member or an agency."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="cuộc họp", on_delete=models.CASCADE, related_name="agenda"
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    title = models.CharField("nội dung", max_length=400)
    presenter_member = models.ForeignKey(
        "org.Membership",
        verbose_name="thành viên trình bày",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    presenter_agency = models.ForeignKey(
        "org.Agency",
        verbose_name="cơ quan trình bày",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    minutes = models.PositiveSmallIntegerField("thời lượng (phút)")

    class Meta:
        verbose_name = "nội dung họp"
        verbose_name_plural = "nội dung họp"
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(presenter_member__isnull=False) | Q(presenter_agency__isnull=False),
                name="agendaitem_has_presenter",
                violation_error_message=(
                    "Người trình bày: mỗi nội dung họp phải có thành viên hoặc cơ quan trình bày."
                ),
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=1),
                name="agendaitem_minutes_positive",
                violation_error_message="Thời lượng phải từ 1 phút trở lên.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def presenter(self) -> str:
        if self.presenter_member_id:
            member = self.presenter_member
            who = member.person_name or member.title
            return f"{who} ({member.agency.display_name})"
        return self.presenter_agency.name if self.presenter_agency_id else ""

    def get_additional_data(self) -> dict:
        return {"meeting": self.meeting_id}


def material_path(instance, filename: str) -> str:
    return f"hop/{instance.item.meeting_id}/{filename}"


@track
class Material(TimeStampedModel):
    """A document sent with an agenda item: an uploaded file or a consolidated report draft.
    Served only through the meeting's own access check."""

    item = models.ForeignKey(
        AgendaItem, verbose_name="nội dung họp", on_delete=models.CASCADE, related_name="materials"
    )
    file = models.FileField("tệp", upload_to=material_path, max_length=300, blank=True)
    name = models.CharField("tên tài liệu", max_length=255)
    size = models.PositiveIntegerField("dung lượng (byte)", default=0)
    report = models.ForeignKey(
        "reporting.ConsolidatedReport",
        verbose_name="dự thảo báo cáo tổng hợp",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "tài liệu họp"
        verbose_name_plural = "tài liệu họp"
        ordering = ["item", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | Q(report__isnull=False),
                name="material_file_or_report",
                violation_error_message=(
                    "Tài liệu họp là một tệp hoặc một dự thảo báo cáo tổng hợp."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"meeting": self.item.meeting_id}
