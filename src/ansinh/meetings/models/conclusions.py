"""A conclusion of the committee that asks someone to act, and the plan task it became.

The task itself lives in the plans capability (tracked like any plan task: lead and
coordinating agencies, due date, progress); this link says which decision it came from.
"""

from django.db import models

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel


@track
class ConclusionTask(TimeStampedModel):
    decision = models.ForeignKey(
        "meetings.Decision",
        verbose_name="biểu quyết",
        on_delete=models.PROTECT,
        related_name="conclusion_tasks",
    )
    task = models.OneToOneField(
        "plans.Task",
        verbose_name="nhiệm vụ",
        on_delete=models.CASCADE,
        related_name="conclusion",
    )

    class Meta:
        verbose_name = "nhiệm vụ từ kết luận"
        verbose_name_plural = "nhiệm vụ từ kết luận"
        ordering = ["decision", "pk"]

    def __str__(self) -> str:
        return f"Nhiệm vụ từ kết luận: {self.task}"

    def get_additional_data(self) -> dict:
        # Read by django-auditlog: the meeting's page lists this link's history.
        return {"meeting": self.decision.meeting_id}
