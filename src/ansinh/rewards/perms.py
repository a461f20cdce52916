"""Resolve a round or a proposal for the current user, or refuse. Views call these first.

Another province's rounds do not exist for the user (404). The standing agency
(`accounts.perms.can_manage_committee`) opens rounds and reviews proposals; leaders read all and
approve; officers of a proposing agency named by the round (and of the standing agency) write
their own agency's proposals and read them; anyone else is refused (403). A draft stays with the
agency writing it until it is sent.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from ansinh.accounts import perms
from ansinh.accounts.enums import UserRole
from ansinh.org.models import Committee
from ansinh.org.perms import get_committee_for_user
from ansinh.rewards.enums import ProposalStatus
from ansinh.rewards.models import Proposal, ReviewRound

MANAGE_ONLY = "Chỉ cán bộ cơ quan thường trực Ban Chỉ đạo được thực hiện việc này."
LEADERS_ONLY = "Chỉ lãnh đạo Ban Chỉ đạo phê duyệt đề nghị khen thưởng."
NOT_PROPOSER = "Cơ quan của bạn không là cơ quan đề xuất khen thưởng của đợt xét này."
NOT_YOURS = "Đề nghị này của cơ quan khác; bạn chỉ xem, sửa đề nghị của cơ quan mình."


def can_manage(user, committee) -> bool:
    return perms.can_manage_committee(user, committee)


def can_approve(user) -> bool:
    return user.is_authenticated and (user.role == UserRole.LEADER or user.is_system_admin)


def can_read_all(user, committee) -> bool:
    return can_manage(user, committee) or can_approve(user)


def can_propose(user, review_round: ReviewRound) -> bool:
    if not user.is_authenticated or user.agency_id is None:
        return False
    if user.role not in (UserRole.AGENCY_OFFICER, UserRole.STANDING_OFFICER):
        return False
    if user.agency_id == review_round.committee.standing_agency_id:
        return True
    return review_round.proposers.filter(pk=user.agency_id).exists()


def can_edit(user, proposal: Proposal) -> bool:
    return (
        user.is_authenticated
        and user.agency_id == proposal.proposer_id
        and proposal.status in (ProposalStatus.DRAFT, ProposalStatus.RETURNED)
    )


def managed_committees(user) -> list[Committee]:
    return [c for c in Committee.objects.for_user(user) if can_manage(user, c)]


def rounds_for_user(user):
    rounds = ReviewRound.objects.for_user(user).select_related("committee")
    readable = [c.pk for c in Committee.objects.for_user(user) if can_read_all(user, c)]
    mine = Q(proposers=user.agency_id) if user.agency_id else Q(pk__in=[])
    ids = rounds.filter(Q(committee_id__in=readable) | mine).values("pk")
    return rounds.filter(pk__in=ids)


def proposals_for_user(user, review_round: ReviewRound):
    proposals = review_round.proposals.all()
    own = Q(proposer_id=user.agency_id) if user.agency_id else Q(pk__in=[])
    if user.is_system_admin:
        return proposals
    if can_read_all(user, review_round.committee):
        return proposals.filter(~Q(status=ProposalStatus.DRAFT) | own)
    return proposals.filter(own)


def get_round_for_user(request, pk: int, *, manage: bool = False) -> ReviewRound:
    review_round = get_object_or_404(
        ReviewRound.objects.for_user(request.user).select_related(
            "committee__province", "committee__standing_agency"
        ),
        pk=pk,
    )
    committee = review_round.committee
    if manage:
        if not can_manage(request.user, committee):
            raise PermissionDenied(MANAGE_ONLY)
    elif not (can_read_all(request.user, committee) or can_propose(request.user, review_round)):
        raise PermissionDenied(NOT_PROPOSER)
    return review_round


def get_proposal_for_user(request, pk: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.filter(
            round__in=ReviewRound.objects.for_user(request.user)
        ).select_related(
            "round__committee__province",
            "round__committee__standing_agency",
            "proposer",
            "nominee_agency",
            "nominee_unit",
            "level",
        ),
        pk=pk,
    )
    if not proposals_for_user(request.user, proposal.round).filter(pk=pk).exists():
        raise PermissionDenied(NOT_YOURS)
    return proposal


def get_managed_committee(request, pk: int) -> Committee:
    return get_committee_for_user(request, pk, manage=True, refusal=MANAGE_ONLY)
