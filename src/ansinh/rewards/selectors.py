"""Reads of the rewards capability: rounds with their counts, proposals with their checks."""

import datetime as dt
from collections import Counter

from django.db.models import Count

from ansinh.core.history import history_for_objects
from ansinh.rewards.eligibility import RoundFacts, rule_labels
from ansinh.rewards.enums import ProposalStatus
from ansinh.rewards.models import CommendationLevel, Proposal, ReviewRound


def round_list(*, rounds):
    return rounds.annotate(proposal_count=Count("proposals")).order_by("-year", "-pk")


def proposals_with_checks(*, review_round: ReviewRound, proposals, today: dt.date) -> list:
    """The proposals, each with `.checks` and `.failed` (the rules it does not meet)."""
    facts = RoundFacts(review_round=review_round, today=today)
    proposals = list(
        proposals.select_related("proposer", "nominee_agency__admin_unit", "nominee_unit", "level")
    )
    facts.prepare(proposals)
    for proposal in proposals:
        proposal.checks = facts.checks(proposal)
        proposal.failed = [c for c in proposal.checks if c.failed]
    return proposals


def status_counts(proposals) -> list[tuple[ProposalStatus, int]]:
    counts = Counter(p.status for p in proposals)
    return [(s, counts[s]) for s in ProposalStatus if counts[s]]


def round_rules(review_round: ReviewRound) -> list[str]:
    return rule_labels(review_round.rules or {}, review_round.year)


def round_history(*, review_round: ReviewRound):
    # Proposals keep their own history on their page: a draft is not shown to other agencies.
    children = [(CommendationLevel, "round", review_round.pk)]
    return history_for_objects([review_round], children=children, limit=150)


def proposal_history(*, proposal: Proposal):
    return history_for_objects([proposal], limit=100)
