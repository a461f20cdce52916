"""Resolve a meeting or an invitation for the current user, or refuse. Views call these first.

Another province's meetings do not exist for the user (404). The standing agency
(`accounts.perms.can_manage_committee`) schedules meetings, sends invitations, records the
chair's opinion on excuses, attendance and decisions; leaders and administrators read all; an
agency holding a seat reads the meetings it is invited to and answers for its own seats only;
other agencies see none (403).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from ansinh.accounts import perms
from ansinh.accounts.enums import UserRole
from ansinh.meetings.enums import MeetingStatus
from ansinh.meetings.models import Invitation, Meeting
from ansinh.org import perms as org_perms
from ansinh.org.models import Committee

MANAGE_ONLY = "Chỉ cán bộ cơ quan thường trực Ban Chỉ đạo được thực hiện việc này."
NOT_INVITED = "Cơ quan của bạn không được mời dự cuộc họp này."
NOT_YOUR_SEAT = "Giấy mời này gửi thành viên của cơ quan khác; bạn chỉ trả lời cho cơ quan mình."


def can_manage(user, committee) -> bool:
    return perms.can_manage_committee(user, committee)


def can_read_all(user, committee) -> bool:
    return can_manage(user, committee) or user.role == UserRole.LEADER or user.is_system_admin


def readable_committees(user) -> list[Committee]:
    return [c for c in Committee.objects.for_user(user) if can_read_all(user, c)]


def managed_committees(user) -> list[Committee]:
    return [c for c in Committee.objects.for_user(user) if can_manage(user, c)]


def meetings_for_user(user):
    """Every meeting of the committees the user reads all of, and the meetings the user's
    agency is invited to once the invitations are out."""
    readable = [c.pk for c in readable_committees(user)]
    invited = Q(pk__in=[])
    if user.agency_id:
        invited = Q(invitations__membership__agency_id=user.agency_id) & ~Q(
            status=MeetingStatus.DRAFT
        )
    ids = Meeting.objects.for_user(user).filter(Q(committee_id__in=readable) | invited)
    return Meeting.objects.filter(pk__in=ids.values("pk"))


def can_answer(user, invitation: Invitation) -> bool:
    return (
        user.is_authenticated
        and user.agency_id is not None
        and user.agency_id == invitation.membership.agency_id
    )


def get_meeting_for_user(request, pk: int, *, manage: bool = False) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.for_user(request.user).select_related(
            "committee__province", "committee__standing_agency", "chair__agency"
        ),
        pk=pk,
    )
    committee = meeting.committee
    if manage:
        if not can_manage(request.user, committee):
            raise PermissionDenied(MANAGE_ONLY)
        return meeting
    if can_read_all(request.user, committee):
        return meeting
    invited = (
        meeting.status != MeetingStatus.DRAFT
        and request.user.agency_id is not None
        and meeting.invitations.filter(membership__agency_id=request.user.agency_id).exists()
    )
    if not invited:
        raise PermissionDenied(NOT_INVITED)
    return meeting


def get_invitation_for_user(request, pk: int, invitation_pk: int, *, manage: bool = False):
    """The invitation of a meeting; answering is for the seat's own agency, deciding on an
    excuse for the standing agency."""
    meeting = get_meeting_for_user(request, pk, manage=manage)
    invitation = get_object_or_404(
        Invitation.objects.select_related("membership__agency", "meeting"),
        pk=invitation_pk,
        meeting=meeting,
    )
    if not manage and not can_answer(request.user, invitation):
        raise PermissionDenied(NOT_YOUR_SEAT)
    return invitation


def get_committee_for_user(request, pk: int) -> Committee:
    committee = get_object_or_404(
        Committee.objects.for_user(request.user).select_related("province", "standing_agency"),
        pk=pk,
    )
    if not can_read_all(request.user, committee):
        raise PermissionDenied("Chỉ cơ quan thường trực và lãnh đạo Ban Chỉ đạo xem quy tắc họp.")
    return committee


def get_managed_committee(request, pk: int) -> Committee:
    return org_perms.get_committee_for_user(request, pk, manage=True, refusal=MANAGE_ONLY)


def consultations_for_user(user):
    """Every consultation of the committees the user reads all of, and those a seat of the
    user's agency is asked in."""
    from ansinh.meetings.models import Consultation

    readable = [c.pk for c in readable_committees(user)]
    asked = Q(pk__in=[])
    if user.agency_id:
        asked = Q(members__membership__agency_id=user.agency_id)
    visible = Consultation.objects.filter(
        committee__province_id__in=perms.visible_province_ids(user)
    )
    ids = visible.filter(Q(committee_id__in=readable) | asked).values("pk")
    return Consultation.objects.filter(pk__in=ids)


def get_consultation_for_user(request, pk: int, *, manage: bool = False):
    from ansinh.meetings.models import Consultation

    consultation = get_object_or_404(
        Consultation.objects.filter(
            committee__province_id__in=perms.visible_province_ids(request.user)
        ).select_related("committee__province", "committee__standing_agency"),
        pk=pk,
    )
    committee = consultation.committee
    if manage and not can_manage(request.user, committee):
        raise PermissionDenied(MANAGE_ONLY)
    if can_read_all(request.user, committee):
        return consultation
    asked = (
        request.user.agency_id is not None
        and consultation.members.filter(membership__agency_id=request.user.agency_id).exists()
    )
    if not asked:
        raise PermissionDenied("Cơ quan của bạn không được xin ý kiến trong đợt này.")
    return consultation
