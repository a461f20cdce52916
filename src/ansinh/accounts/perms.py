"""Who may see and change what. Every view asks these before it does anything else.

Province is the boundary: a user sees the committee, agencies and regulation of the province of
their agency, and of provinces they were explicitly given. Within it:
- a standing-agency officer (of the committee's standing agency) manages the committee's data;
- an agency officer changes only their own agency's records;
- a leader reads everything of the committee;
- a system administrator manages everything.
"""

from django.db.models import Q

from ansinh.accounts.enums import UserRole


def visible_province_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    if getattr(user, "is_system_admin", False):
        from ansinh.org.models import AdminUnit

        return set(AdminUnit.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    cached = getattr(user, "_visible_province_ids", None)
    if cached is None:
        cached = set(user.extra_provinces.values_list("pk", flat=True))
        if user.agency_id:
            cached.add(user.agency.province_id)
        user._visible_province_ids = cached
    return cached


def can_view_province(user, province_id: int) -> bool:
    return province_id in visible_province_ids(user)


def _standing_rights(user) -> bool | None:
    """True for an administrator, False for anyone who is not a standing officer, None for a
    standing officer (whose rights then depend on the committee or province)."""
    if not user.is_authenticated:
        return False
    if user.is_system_admin:
        return True
    if user.role != UserRole.STANDING_OFFICER or user.agency_id is None:
        return False
    return None


def can_manage_committee(user, committee) -> bool:
    """Create and change the committee's members, agencies, groups and regulation."""
    if (rights := _standing_rights(user)) is not None:
        return rights
    # Whoever set up a committee for another province runs it until that province's own
    # standing agency has accounts.
    return user.agency_id == committee.standing_agency_id or committee.created_by_id == user.pk


def can_manage_province(user, province_id: int) -> bool:
    """Standing officers manage agencies and groups of the province their committee is in."""
    if (rights := _standing_rights(user)) is not None:
        return rights
    from ansinh.org.models import Committee

    return (
        Committee.objects.filter(province_id=province_id)
        .filter(Q(standing_agency_id=user.agency_id) | Q(created_by=user))
        .exists()
    )


def can_edit_agency(user, agency) -> bool:
    if can_manage_province(user, agency.province_id):
        return True
    return (
        user.is_authenticated
        and user.role == UserRole.AGENCY_OFFICER
        and (user.agency_id == agency.pk)
    )


def can_create_committee(user) -> bool:
    """A standing-agency officer may set up a committee for another province (issue: any
    province adopts ansinh without code changes); an administrator may too."""
    if not user.is_authenticated:
        return False
    return user.is_system_admin or user.role == UserRole.STANDING_OFFICER
