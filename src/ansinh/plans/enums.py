from django.db import models


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ISSUED = "issued", "Đã ban hành"


class UnitRole(models.TextChoices):
    LEAD = "lead", "Chủ trì"
    COORDINATOR = "coordinator", "Phối hợp"


class ReportKind(models.TextChoices):
    PROGRESS = "progress", "Tiến độ (đơn vị chủ trì)"
    CONTRIBUTION = "contribution", "Phối hợp (đơn vị phối hợp)"


class TaskStatus(models.TextChoices):
    """The government task-tracking convention; computed by `selectors.task_status`."""

    NOT_DUE = "not_due", "Chưa đến hạn"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE_ON_TIME = "done_on_time", "Hoàn thành đúng hạn"
    DONE_LATE = "done_late", "Hoàn thành quá hạn"
    OVERDUE = "overdue", "Quá hạn chưa hoàn thành"

    @property
    def css(self) -> str:
        return {
            "not_due": "secondary",
            "in_progress": "primary",
            "done_on_time": "success",
            "done_late": "warning",
            "overdue": "danger",
        }[self.value]
