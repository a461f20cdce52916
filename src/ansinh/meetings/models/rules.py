"""How a committee meets and decides, held as data: each province's regulation says it its own
way (Thanh Hóa, Quy chế Điều 10), so nothing of it is in code."""

from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel


@track
class MeetingRules(TimeStampedModel):
    committee = models.OneToOneField(
        "org.Committee",
        verbose_name="Ban Chỉ đạo",
        on_delete=models.CASCADE,
        related_name="meeting_rules",
    )
    interval_months = models.PositiveSmallIntegerField(
        "họp định kỳ mỗi (tháng)",
        default=6,
        help_text="Quy chế Thanh Hóa Điều 10.2.a: “họp định kỳ 06 tháng một lần”.",
    )
    quorum_percent = models.PositiveSmallIntegerField(
        "cuộc họp hợp lệ khi có quá (% thành viên)",
        default=50,
        help_text="50 nghĩa là quá một nửa số thành viên được mời có mặt.",
    )
    quorum_counts_substitutes = models.BooleanField(
        "tính người họp thay (được đồng ý) vào số có mặt", default=False
    )
    substitute_required = models.BooleanField(
        "xin vắng phải cử người họp thay",
        default=True,
        help_text="Điều 10.2.b: vắng mặt “phải cử cán bộ họp thay”.",
    )
    substitute_votes = models.BooleanField(
        "ý kiến của người họp thay được tính khi biểu quyết",
        default=False,
        help_text="Mặc định không: người họp thay dự họp “để nắm tình hình, tham gia và tiếp thu "
        "các ý kiến của cuộc họp” (Điều 10.2.b).",
    )
    chair_decides = models.BooleanField(
        "khi ý kiến khác nhau, ý kiến của người chủ trì là kết luận",
        default=True,
        help_text="Điều 10.1: “những vấn đề có ý kiến khác nhau thì ý kiến của Trưởng Ban Chỉ "
        "đạo là kết luận của Ban Chỉ đạo”.",
    )
    source = models.CharField(
        "căn cứ", max_length=300, blank=True, help_text="Ví dụ: Quy chế hoạt động, Điều 10."
    )

    class Meta:
        verbose_name = "quy tắc họp"
        verbose_name_plural = "quy tắc họp"
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_months__gte=1, interval_months__lte=24),
                name="meetingrules_interval_range",
                violation_error_message="Số tháng giữa hai kỳ họp định kỳ phải từ 1 đến 24.",
            ),
            models.CheckConstraint(
                condition=Q(quorum_percent__lt=100),
                name="meetingrules_quorum_below_100",
                violation_error_message="Tỷ lệ có mặt tối thiểu phải nhỏ hơn 100%.",
            ),
        ]

    def __str__(self) -> str:
        return f"Quy tắc họp của {self.committee}"
