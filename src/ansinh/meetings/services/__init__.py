from ansinh.meetings.services.agenda import agenda_item_delete, agenda_item_save, material_remove
from ansinh.meetings.services.attendance import attendance_record
from ansinh.meetings.services.decisions import decision_create, decision_record
from ansinh.meetings.services.invitations import (
    excuse_decide,
    invitation_answer,
    invitations_send,
)
from ansinh.meetings.services.meetings import meeting_create, meeting_transition, meeting_update
from ansinh.meetings.services.rules import rules_for, rules_update

__all__ = [
    "agenda_item_delete",
    "agenda_item_save",
    "attendance_record",
    "decision_create",
    "decision_record",
    "excuse_decide",
    "invitation_answer",
    "invitations_send",
    "material_remove",
    "meeting_create",
    "meeting_transition",
    "meeting_update",
    "rules_for",
    "rules_update",
]
