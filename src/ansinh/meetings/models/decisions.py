"""A question put to the vote on an agenda item, the members' opinions and the outcome.

A decision is what later capabilities point to: the minutes list it, and a conclusion that asks
someone to act becomes a plan task referring to it.
"""

from django.db import models
from django.db.models import Q

from ansinh.core.history import track
from ansinh.core.models import TimeStampedModel
from ansinh.meetings.enums import DecisionBasis


def default_options() -> list[str]:
    return ["Đồng ý", "Không đồng ý"]


@track
class Decision(TimeStampedModel):
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name="cuộc họp",
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name="nội dung họp",
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    question = models.CharField("vấn đề biểu quyết", max_length=500)
    options = models.JSONField("các phương án", default=default_options)
    outcome = models.CharField("kết quả", max_length=300, blank=True)
    basis = models.CharField(
        "căn cứ kết quả",
        max_length=10,
        choices=DecisionBasis.choices,
        default=DecisionBasis.PENDING,
    )
    rule_words = models.TextField("quy tắc đã áp dụng", blank=True)
    conclusion = models.TextField("kết luận", blank=True)

    class Meta:
        verbose_name = "biểu quyết"
        verbose_name_plural = "biểu quyết"
        ordering = ["meeting", "item__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="")
                | Q(basis__in=[DecisionBasis.MAJORITY, DecisionBasis.CHAIR]),
                name="decision_outcome_has_basis",
                violation_error_message=(
                    "Kết quả biểu quyết phải theo đa số hoặc ý kiến người chủ trì."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.question

    def get_additional_data(self) -> dict:
        return {"meeting": self.meeting_id}


@track
class Vote(TimeStampedModel):
    """The opinion of one seat, given by the member or, where the rules allow, the substitute."""

    decision = models.ForeignKey(
        Decision, verbose_name="biểu quyết", on_delete=models.CASCADE, related_name="votes"
    )
    invitation = models.ForeignKey(
        "meetings.Invitation",
        verbose_name="thành viên",
        on_delete=models.CASCADE,
        related_name="votes",
    )
    option = models.CharField("ý kiến", max_length=300)
    by_substitute = models.BooleanField("do người họp thay nêu", default=False)

    class Meta:
        verbose_name = "ý kiến biểu quyết"
        verbose_name_plural = "ý kiến biểu quyết"
        ordering = ["decision", "invitation__membership__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "invitation"],
                name="vote_one_per_seat",
                violation_error_message="Thành viên này đã có ý kiến về vấn đề này.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.invitation.membership.title}: {self.option}"

    def get_additional_data(self) -> dict:
        return {"meeting": self.decision.meeting_id}
