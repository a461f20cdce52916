from .conclusions import ConclusionTask
from .consultations import (
    Consultation,
    ConsultationDocument,
    ConsultationMember,
)
from .decisions import Decision, Vote
from .invitations import Invitation
from .meetings import AgendaItem, Material, Meeting
from .rules import MeetingRules

__all__ = [
    "AgendaItem",
    "ConclusionTask",
    "Consultation",
    "ConsultationDocument",
    "ConsultationMember",
    "Decision",
    "Invitation",
    "Material",
    "Meeting",
    "MeetingRules",
    "Vote",
]
