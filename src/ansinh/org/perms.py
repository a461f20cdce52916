"""Resolve an org object for the current user, or refuse. Views call these first."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ansinh.accounts import perms
from ansinh.org.enums import AdminLevel
from ansinh.org.models import AdminUnit, Agency, AgencyGroup, Committee, Regulation

MANAGE_ONLY = "Chỉ cán bộ cơ quan thường trực Ban Chỉ đạo được thực hiện việc này."


def get_committee_for_user(
    request, pk: int, *, manage: bool = False, refusal: str = MANAGE_ONLY
) -> Committee:
    """Another province's committee does not exist for the user (404); with `manage`, only its
    standing agency and administrators get it (403 with `refusal`)."""
    committee = get_object_or_404(
        Committee.objects.for_user(request.user).select_related("province", "standing_agency"),
        pk=pk,
    )
    if manage and not perms.can_manage_committee(request.user, committee):
        raise PermissionDenied(refusal)
    return committee


def get_province_for_user(request, pk=None) -> AdminUnit:
    """The province asked for (?tinh=<id>), else the user's own agency's; outside the user's
    provinces it does not exist for them (404). Pages that work province by province (the
    health fund, employer compliance) start here."""
    allowed = perms.visible_province_ids(request.user)
    if pk in (None, ""):
        agency = getattr(request.user, "agency", None)
        pk = agency.province_id if agency is not None else min(allowed, default=None)
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404("Tỉnh không hợp lệ.") from exc
    if pk not in allowed:
        raise Http404("Không có tỉnh này.")
    return get_object_or_404(AdminUnit, pk=pk, level=AdminLevel.PROVINCE)


def get_agency_for_user(request, pk: int, *, edit: bool = False) -> Agency:
    agency = get_object_or_404(
        Agency.objects.for_user(request.user).select_related("province", "admin_unit"), pk=pk
    )
    if edit and not perms.can_edit_agency(request.user, agency):
        raise PermissionDenied("Bạn không được sửa thông tin của cơ quan này.")
    return agency


def get_group_for_user(request, pk: int, *, edit: bool = False) -> AgencyGroup:
    group = get_object_or_404(
        AgencyGroup.objects.for_user(request.user).select_related("province"), pk=pk
    )
    if edit and not perms.can_manage_province(request.user, group.province_id):
        raise PermissionDenied("Chỉ cán bộ cơ quan thường trực được sửa nhóm cơ quan.")
    return group


def get_regulation_for_user(request, pk: int) -> Regulation:
    return get_object_or_404(
        Regulation.objects.filter(
            committee__province_id__in=perms.visible_province_ids(request.user)
        ).select_related("committee"),
        pk=pk,
    )
