"""Who sees and changes the health-insurance fund figures of a province.

- another province's users see nothing (404);
- the standing agency (provincial BHXH) and administrators manage: facilities, budget,
  spending, warnings;
- officers of the health department (the agency whose key data/healthfund/settings.yaml names)
  read everything and record facilities' explanations;
- leaders read; any other officer is refused (403).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ansinh.accounts import perms
from ansinh.accounts.enums import UserRole
from ansinh.healthfund.config import fund_settings
from ansinh.org.models import AdminUnit
from ansinh.org.perms import get_province_for_user


def province_ids(user) -> set[int]:
    return perms.visible_province_ids(user)


def can_manage(user, province: AdminUnit) -> bool:
    return perms.can_manage_province(user, province.pk)


def is_health_officer(user, province: AdminUnit) -> bool:
    agency = getattr(user, "agency", None)
    return (
        agency is not None
        and agency.province_id == province.pk
        and agency.key == fund_settings()["department_agency"]
    )


def can_explain(user, province: AdminUnit) -> bool:
    return can_manage(user, province) or is_health_officer(user, province)


def can_read(user, province: AdminUnit) -> bool:
    if not user.is_authenticated:
        return False
    return user.role == UserRole.LEADER or can_explain(user, province)


def get_province(request, pk=None) -> AdminUnit:
    """The province asked for (?tinh=<id>), else the user's own; 404 outside the user's
    provinces, 403 for a role that does not read the fund."""
    province = get_province_for_user(request, pk)
    check_read(request.user, province)
    return province


def check_read(user, province: AdminUnit):
    if not can_read(user, province):
        raise PermissionDenied("Chỉ cơ quan thường trực, Sở Y tế và lãnh đạo xem được quỹ KCB.")


def check_manage(user, province: AdminUnit):
    if not can_manage(user, province):
        raise PermissionDenied("Chỉ cán bộ cơ quan thường trực (BHXH tỉnh) được thay đổi.")


def check_explain(user, province: AdminUnit):
    if not can_explain(user, province):
        raise PermissionDenied("Chỉ Sở Y tế và cơ quan thường trực ghi nhận giải trình.")


def facilities_for_user(user):
    from ansinh.healthfund.models import Facility

    return Facility.objects.filter(province_id__in=province_ids(user))


def get_facility(request, pk):
    facility = get_object_or_404(facilities_for_user(request.user), pk=pk)
    check_read(request.user, facility.province)
    return facility


def get_warning(request, pk):
    from ansinh.healthfund.models import FundWarning

    warning = get_object_or_404(
        FundWarning.objects.select_related("facility__province").filter(
            facility__province_id__in=province_ids(request.user)
        ),
        pk=pk,
    )
    check_read(request.user, warning.facility.province)
    return warning
