from .decisions import Decision, Vote
from .invitations import Invitation
from .meetings import AgendaItem, Material, Meeting
from .rules import MeetingRules

__all__ = ["AgendaItem", "Decision", "Invitation", "Material", "Meeting", "MeetingRules", "Vote"]
