from django.db.models import Count, Q

from ansinh.org.models import Agency, AgencyGroup
from ansinh.org.text import search_key


def agency_list(*, user, query: str = "", kind: str = "", province_id: int | None = None):
    agencies = Agency.objects.for_user(user).select_related("province", "admin_unit")
    if province_id:
        agencies = agencies.filter(province_id=province_id)
    if kind:
        agencies = agencies.filter(kind=kind)
    if query.strip():
        agencies = agencies.filter(search_name__contains=search_key(query))
    return agencies.order_by("province__name", "kind", "name")


def agency_group_list(*, user, province_id: int | None = None):
    groups = AgencyGroup.objects.for_user(user)
    if province_id:
        groups = groups.filter(province_id=province_id)
    return (
        groups.select_related("province")
        .annotate(explicit_members=Count("members", filter=Q(members__is_active=True)))
        .order_by("province__name", "name")
    )
