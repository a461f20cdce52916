"""Resolve an obligation or a regime for the current user, or refuse. Views call these first.

Another province's reports do not exist for the user (404). A reporter's officers write their
own agency's reports; the standing agency (`accounts.perms.can_manage_committee`) reads all,
returns or accepts; leaders and administrators read all; other agencies see none (403).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ansinh.accounts import perms
from ansinh.accounts.enums import UserRole
from ansinh.reporting.models import Obligation, ReportingRegime

NOT_YOURS = "Báo cáo này của cơ quan khác; bạn không có quyền xem."
DECIDE_ONLY = "Chỉ cán bộ cơ quan thường trực Ban Chỉ đạo được trả lại hoặc tiếp nhận báo cáo."


def can_write(user, obligation: Obligation) -> bool:
    return (
        user.is_authenticated
        and user.agency_id == obligation.agency_id
        and user.role in (UserRole.AGENCY_OFFICER, UserRole.STANDING_OFFICER)
    )


def can_decide(user, obligation: Obligation) -> bool:
    return perms.can_manage_committee(user, obligation.kind.regime.committee)


def can_read_all(user, committee) -> bool:
    return (
        perms.can_manage_committee(user, committee)
        or user.role == UserRole.LEADER
        or user.is_system_admin
    )


def get_obligation_for_user(request, pk: int, *, decide: bool = False) -> Obligation:
    obligation = get_object_or_404(
        Obligation.objects.for_user(request.user).select_related(
            "kind__regime__committee__standing_agency", "kind__regime__plan", "agency"
        ),
        pk=pk,
    )
    committee = obligation.kind.regime.committee
    if decide and not can_decide(request.user, obligation):
        raise PermissionDenied(DECIDE_ONLY)
    if not (can_write(request.user, obligation) or can_read_all(request.user, committee)):
        raise PermissionDenied(NOT_YOURS)
    return obligation


def get_regime_for_user(request, pk: int) -> ReportingRegime:
    regime = get_object_or_404(
        ReportingRegime.objects.for_user(request.user).select_related("committee"), pk=pk
    )
    if not can_read_all(request.user, regime.committee):
        raise PermissionDenied("Chỉ cơ quan thường trực và lãnh đạo Ban Chỉ đạo xem bảng này.")
    return regime
