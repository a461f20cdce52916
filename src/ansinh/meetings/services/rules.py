"""Writes of a committee's meeting rules."""

from django.db import transaction

from ansinh.core.history import acting_as
from ansinh.meetings.models import MeetingRules
from ansinh.org.models import Committee


def rules_for(*, committee: Committee, user=None) -> MeetingRules:
    """The committee's rules, created with the regulation's defaults on first use."""
    rules = MeetingRules.objects.filter(committee=committee).first()
    if rules is not None:
        return rules
    with transaction.atomic(), acting_as(user):
        rules, _ = MeetingRules.objects.get_or_create(
            committee=committee, defaults={"created_by": user, "updated_by": user}
        )
    return rules


def rules_update(*, rules: MeetingRules, user, **values) -> MeetingRules:
    """Save the rules as edited (a committee's first save creates them)."""
    with transaction.atomic(), acting_as(user):
        for name, value in values.items():
            setattr(rules, name, value)
        if rules.pk is None:
            rules.created_by = user
        rules.updated_by = user
        rules.full_clean()
        rules.save()
    return rules
