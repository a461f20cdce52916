from django.db import models


class DeadlineReading(models.TextChoices):
    """How "trước ngày X" is read: the one setting of a regime that every deadline follows."""

    STRICTLY_BEFORE = "strictly_before", "Gửi chậm nhất ngày liền trước ngày X"
    ON_OR_BEFORE = "on_or_before", "Gửi chậm nhất trong ngày X"


class ReportPeriod(models.TextChoices):
    QUARTER = "quarter", "Quý"
    HALF = "half", "6 tháng"
    YEAR = "year", "Năm"
    AD_HOC = "ad_hoc", "Đột xuất"


class ReportLevel(models.TextChoices):
    AGENCY = "agency", "Cơ quan, đơn vị → cơ quan thường trực"
    STANDING = "standing", "Cơ quan thường trực → UBND tỉnh, Ban Chỉ đạo"


class DeadlineRule(models.TextChoices):
    RELATIVE = "relative", "Ngày D của tháng thứ M sau tháng cuối kỳ"
    FIXED = "fixed", "Ngày, tháng cố định"
    NONE = "none", "Không có hạn định kỳ"


class CutoffRule(models.TextChoices):
    PERIOD_END = "period_end", "Hết ngày cuối kỳ"
    DAY_14 = "day_14", "Từ ngày 15 tháng trước kỳ đến ngày 14 tháng cuối kỳ (Nghị định 09/2019)"


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", "Nháp"
    SUBMITTED = "submitted", "Đã gửi"
    RETURNED = "returned", "Bị trả lại"
    ACCEPTED = "accepted", "Đã tiếp nhận"


class ObligationStatus(models.TextChoices):
    NOT_DUE = "not_due", "Chưa đến hạn"
    DUE = "due", "Đến hạn"
    OVERDUE = "overdue", "Quá hạn"
    SENT = "sent", "Đã gửi"
    SENT_LATE = "sent_late", "Đã gửi muộn"
    ACCEPTED = "accepted", "Đã tiếp nhận"
    RETURNED = "returned", "Bị trả lại"

    @property
    def css(self) -> str:
        return {
            "not_due": "secondary",
            "due": "primary",
            "overdue": "danger",
            "sent": "success",
            "sent_late": "warning",
            "accepted": "success",
            "returned": "danger",
        }[self.value]


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", "Đúng hạn"
    LATE = "late", "Muộn"
    MISSING = "missing", "Thiếu"
    NOT_DUE = "not_due", "Chưa đến hạn"

    @property
    def css(self) -> str:
        return {"on_time": "success", "late": "warning", "missing": "danger", "not_due": "light"}[
            self.value
        ]


class ConcernTopic(models.TextChoices):
    """What a difficulty is about; the standing agency lists concerns by these."""

    COLLECTION = "collection", "Thu, nợ đóng BHXH, BHYT, BHTN"
    COVERAGE = "coverage", "Phát triển người tham gia"
    POLICY = "policy", "Cơ chế, chính sách"
    HEALTH_CARE = "health_care", "Khám, chữa bệnh BHYT"
    BENEFITS = "benefits", "Giải quyết chế độ, chi trả"
    DATA = "data", "Dữ liệu, công nghệ thông tin"
    INSPECTION = "inspection", "Thanh tra, kiểm tra"
    COMMUNICATION = "communication", "Tuyên truyền"
    FUNDING = "funding", "Kinh phí, tổ chức thực hiện"
    OTHER = "other", "Khác"


class ConcernStatus(models.TextChoices):
    OPEN = "open", "Mới nhận"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    ANSWERED = "answered", "Đã trả lời"
    CLOSED = "closed", "Đã đóng"

    @property
    def css(self) -> str:
        return {
            "open": "danger",
            "in_progress": "warning",
            "answered": "success",
            "closed": "secondary",
        }[self.value]


class DocumentFormat(models.TextChoices):
    DOCX = "docx", "Word (.docx)"
    PDF = "pdf", "PDF"


class DigestStatus(models.TextChoices):
    PENDING = "pending", "Đang gửi"
    SENT = "sent", "Đã gửi"
    NO_EMAIL = "no_email", "Chỉ thông báo trên hệ thống (chưa có e-mail)"
    FAILED = "failed", "Gửi e-mail lỗi"
