from django.db import models


class NomineeKind(models.TextChoices):
    UNIT = "unit", "Cơ quan, đơn vị"
    LOCALITY = "locality", "Địa phương"
    INDIVIDUAL = "individual", "Cá nhân"


class ProposalStatus(models.TextChoices):
    """draft → submitted → agreed → approved | rejected; submitted → returned → submitted."""

    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Đã gửi, chờ thẩm định"
    RETURNED = "returned", "Bị trả lại"
    AGREED = "agreed", "Cơ quan thường trực đồng ý, chờ phê duyệt"
    APPROVED = "approved", "Được phê duyệt"
    REJECTED = "rejected", "Không phê duyệt"

    @property
    def css(self) -> str:
        return {
            "draft": "secondary",
            "submitted": "primary",
            "returned": "warning",
            "agreed": "info",
            "approved": "success",
            "rejected": "danger",
        }[self.value]


class Outcome(models.TextChoices):
    """What one eligibility rule says about one proposal."""

    PASS = "pass", "Đạt"
    FAIL = "fail", "Không đạt"
    UNCHECKABLE = "uncheckable", "Chưa kiểm tra được"
    NOT_APPLICABLE = "not_applicable", "Không áp dụng"

    @property
    def css(self) -> str:
        return {
            "pass": "success",
            "fail": "danger",
            "uncheckable": "warning",
            "not_applicable": "light",
        }[self.value]
