from django.db import models


class MeetingKind(models.TextChoices):
    REGULAR = "regular", "Họp định kỳ"
    EXTRAORDINARY = "extraordinary", "Họp đột xuất"


class MeetingStatus(models.TextChoices):
    """draft → invited → held → closed; draft or invited → cancelled."""

    DRAFT = "draft", "Dự thảo"
    INVITED = "invited", "Đã gửi giấy mời"
    HELD = "held", "Đã họp"
    CLOSED = "closed", "Đã kết thúc"
    CANCELLED = "cancelled", "Đã hủy"

    @property
    def css(self) -> str:
        return {
            "draft": "secondary",
            "invited": "primary",
            "held": "info",
            "closed": "success",
            "cancelled": "dark",
        }[self.value]


class Answer(models.TextChoices):
    PENDING = "pending", "Chưa trả lời"
    ATTEND = "attend", "Sẽ dự họp"
    EXCUSED = "excused", "Xin vắng, cử người họp thay"


class ExcuseStatus(models.TextChoices):
    NONE = "", "—"
    PENDING = "pending", "Chờ Trưởng ban cho ý kiến"
    APPROVED = "approved", "Trưởng ban đồng ý"
    REFUSED = "refused", "Trưởng ban không đồng ý"


class Attendance(models.TextChoices):
    NONE = "", "Chưa điểm danh"
    PRESENT = "present", "Có mặt"
    SUBSTITUTE = "substitute", "Người họp thay có mặt"
    ABSENT_APPROVED = "absent_approved", "Vắng có phép"
    ABSENT_UNAPPROVED = "absent_unapproved", "Vắng không phép"

    @property
    def css(self) -> str:
        return {
            "": "light",
            "present": "success",
            "substitute": "info",
            "absent_approved": "warning",
            "absent_unapproved": "danger",
        }[self.value]


class DecisionBasis(models.TextChoices):
    """What produced a decision's outcome; `meetings.outcome.decide` says it in words."""

    PENDING = "pending", "Chưa có ý kiến"
    MAJORITY = "majority", "Theo đa số"
    CHAIR = "chair", "Theo ý kiến người chủ trì"
    NONE = "none", "Chưa có kết luận"


class ConsultationAnswer(models.TextChoices):
    PENDING = "pending", "Chưa trả lời"
    AGREE = "agree", "Đồng ý"
    DISAGREE = "disagree", "Không đồng ý"
    COMMENT = "comment", "Có ý kiến khác"
