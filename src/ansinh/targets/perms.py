"""Who sees and changes which targets and figures.

- another province's users see nothing of it;
- standing-agency officers of the province's committee (and administrators) set targets and
  load values;
- leaders, standing officers and administrators see every unit of the province;
- an officer of a district (or commune) People's Committee sees their own unit and the province
  total; an officer of a provincial department sees the province total.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ansinh.accounts import perms
from ansinh.accounts.enums import UserRole
from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import AdminUnit


def target_province_ids(user) -> set[int]:
    """Provinces whose targets a user may see: those of their agency and the 2025 provinces
    these became."""
    own = perms.visible_province_ids(user)
    if not own:
        return set()
    successors = AdminUnit.objects.filter(
        level=AdminLevel.PROVINCE,
        edition=AdminEdition.Y2025,
        predecessions__predecessor_id__in=own,
    ).values_list("pk", flat=True)
    return own | set(successors)


def _own_2024_province_ids(user, province: AdminUnit) -> set[int]:
    if province.edition == AdminEdition.Y2024:
        return {province.pk}
    return set(
        AdminUnit.objects.filter(
            level=AdminLevel.PROVINCE, successions__successor=province
        ).values_list("pk", flat=True)
    ) | {province.pk}


def can_manage_targets(user, province: AdminUnit) -> bool:
    return any(perms.can_manage_province(user, pk) for pk in _own_2024_province_ids(user, province))


def sees_all_units(user, province: AdminUnit) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_system_admin or user.role == UserRole.LEADER:
        return True
    return can_manage_targets(user, province)


def visible_unit_ids(user, province: AdminUnit) -> set[int] | None:
    """None for every unit; otherwise the set of unit rows the user may see (maybe empty)."""
    if sees_all_units(user, province):
        return None
    agency = getattr(user, "agency", None)
    if agency is not None and agency.admin_unit_id:
        return {agency.admin_unit_id}
    return set()


def get_province_for_user(request, pk=None) -> AdminUnit:
    """The province asked for (?tinh=<id>), else the user's own; 404 when not visible."""
    allowed = target_province_ids(request.user)
    if pk in (None, ""):
        agency = getattr(request.user, "agency", None)
        if agency is not None:
            pk = agency.province_id
        elif allowed:
            pk = min(allowed)
        else:
            raise Http404("Không có tỉnh nào để xem.")
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404("Tỉnh không hợp lệ.") from exc
    if pk not in allowed:
        raise Http404("Không có tỉnh này.")
    return AdminUnit.objects.get(pk=pk)


def check_may_manage(user, province: AdminUnit):
    if not can_manage_targets(user, province):
        raise PermissionDenied("Chỉ cán bộ cơ quan thường trực được giao chỉ tiêu và nạp số liệu.")


def check_may_see_unit(user, province: AdminUnit, unit: AdminUnit):
    allowed = visible_unit_ids(user, province)
    if allowed is not None and unit.pk not in allowed and unit.pk != province.pk:
        raise PermissionDenied("Bạn chỉ xem được số liệu của đơn vị mình và của toàn tỉnh.")
