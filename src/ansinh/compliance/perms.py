"""Who sees and changes employer compliance data of a province.

- another province's users see nothing (404);
- the standing agency (provincial BHXH) and administrators manage everything: the arrears
  statement, reconciliation, the review queue, findings, inspections, the public list;
- a data partner's officers (Sở KH&ĐT, Cục Thuế, BQL KKT, named in data/compliance/) upload their
  own quarterly lists and see their uploads;
- leaders read everything; the People's Committee of a district reads its district's findings;
- any other officer is refused (403).
The public disclosure page and the tax-code lookup need no account (views/public.py).
"""

from django.core.exceptions import PermissionDenied

from ansinh.accounts import perms
from ansinh.accounts.enums import UserRole
from ansinh.compliance.config import Partner, rules_for
from ansinh.org.models import AdminUnit
from ansinh.org.perms import get_province_for_user


def can_manage(user, province: AdminUnit) -> bool:
    return perms.can_manage_province(user, province.pk)


def partner_roles(user, province: AdminUnit) -> tuple[Partner, ...]:
    """The partner roles (sources) the user's agency holds in the province."""
    agency = getattr(user, "agency", None)
    if not user.is_authenticated or agency is None or agency.province_id != province.pk:
        return ()
    return rules_for(province).partner_for(agency.key)


def district_of(user, province: AdminUnit):
    """The district whose People's Committee the user works for, else None."""
    agency = getattr(user, "agency", None)
    if agency is None or agency.province_id != province.pk:
        return None
    if agency.admin_unit_id and agency.admin_unit_id != province.pk:
        return agency.admin_unit
    return None


def can_read(user, province: AdminUnit) -> bool:
    """Reads every list and page of the province (findings, arrears, employers, inspections)."""
    if not user.is_authenticated:
        return False
    return can_manage(user, province) or (
        user.role == UserRole.LEADER and perms.can_view_province(user, province.pk)
    )


def may_open(user) -> bool:
    """For the menu: someone who has anything to open here."""
    if not user.is_authenticated:
        return False
    if user.is_system_admin or user.role in (UserRole.LEADER, UserRole.STANDING_OFFICER):
        return True
    agency = getattr(user, "agency", None)
    if agency is None:
        return False
    province = agency.province
    return bool(partner_roles(user, province)) or district_of(user, province) is not None


def get_province(request, pk=None) -> AdminUnit:
    """The province asked for (?tinh=<id>), else the user's own; 404 outside the user's
    provinces."""
    return get_province_for_user(request, pk)


def check_read(user, province: AdminUnit) -> None:
    if not can_read(user, province):
        raise PermissionDenied("Bạn không có quyền xem dữ liệu đôn đốc thu của tỉnh này.")


def check_manage(user, province: AdminUnit) -> None:
    if not can_manage(user, province):
        raise PermissionDenied("Chỉ cơ quan thường trực (BHXH tỉnh) thực hiện được việc này.")
