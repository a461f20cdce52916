"""Reads of administrative units: search, hierarchy and the 2024 → 2025 succession."""

import unicodedata

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Replace

from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import AdminUnit
from ansinh.org.text import compact_key, search_key


def admin_unit_search(
    *,
    query: str,
    edition: str | None = None,
    level: str | None = None,
    parent: AdminUnit | int | None = None,
    limit: int = 50,
) -> QuerySet[AdminUnit]:
    """Units whose name matches `query`, ignoring accents, case and spacing.

    "dak glei" and "Đăk Glei" find "Huyện Đắk Glei"; "iahdrai" finds "Huyện Ia H'Drai".
    `parent` keeps units under it at any depth (a province's districts and communes).
    Names that end with the query (the name itself, whatever its type) come first, then names
    with a word starting with it, then any other match; within each, names spelled with the
    query's own accents ("Thanh Hóa" before "Thanh Hòa"), the 2025 structure, higher levels.
    """
    key = search_key(query)
    if not key:
        return AdminUnit.objects.none()
    compact = compact_key(query)
    units = AdminUnit.objects.annotate(
        compact_name=Replace("search_name", Value(" "), Value(""))
    ).filter(Q(search_name__contains=key) | Q(compact_name__contains=compact))
    if edition:
        units = units.filter(edition=edition)
    if level:
        units = units.filter(level=level)
    if parent is not None:
        units = units.filter(Q(parent=parent) | Q(parent__parent=parent))
    rank = Case(
        When(Q(search_name=key) | Q(search_name__endswith=f" {key}"), then=Value(0)),
        When(Q(search_name__startswith=key) | Q(search_name__contains=f" {key}"), then=Value(1)),
        When(search_name__contains=key, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )
    spelled = unicodedata.normalize("NFC", " ".join(query.split()))
    # SQLite folds only ASCII case, so also try the title case Vietnamese names are written in.
    same_accents = Q(name__icontains=spelled) | Q(name__contains=spelled.title())
    accents = Case(When(same_accents, then=Value(0)), default=Value(1))
    level_order = Case(
        *(When(level=value, then=Value(i)) for i, value in enumerate(AdminLevel.values)),
        output_field=IntegerField(),
    )
    return (
        units.select_related("parent")
        .annotate(rank=rank, accents=accents, level_order=level_order)
        .order_by("rank", "accents", "-edition", "level_order", "name")[:limit]
    )


def admin_unit_children(unit: AdminUnit) -> QuerySet[AdminUnit]:
    return AdminUnit.objects.filter(parent=unit).order_by("code")


def admin_unit_successors(unit: AdminUnit) -> QuerySet[AdminUnit]:
    """The 2025 units that took over all or part of a 2024 unit's territory."""
    return AdminUnit.objects.filter(predecessions__predecessor=unit).order_by("level", "code")


def admin_unit_predecessors(unit: AdminUnit) -> QuerySet[AdminUnit]:
    """The 2024 units whose territory is now (partly) in a 2025 unit."""
    return AdminUnit.objects.filter(successions__successor=unit).order_by("level", "code")


def admin_unit_current(unit: AdminUnit) -> QuerySet[AdminUnit]:
    """Where a unit's territory is now: a 2024 commune's 2025 communes, a 2024 district's or
    province's 2025 provinces; a 2025 unit is its own answer."""
    if unit.edition == AdminEdition.Y2025:
        return AdminUnit.objects.filter(pk=unit.pk)
    successors = admin_unit_successors(unit)
    if unit.level == AdminLevel.COMMUNE:
        return successors.filter(level=AdminLevel.COMMUNE)
    return successors.filter(level=AdminLevel.PROVINCE)


def admin_unit_province_for(unit: AdminUnit) -> AdminUnit:
    """The province a unit lies in (itself for a province).

    No query when the parents are already loaded (`select_related("parent__parent")`),
    otherwise exactly one, whatever the level.
    """
    parent_field = AdminUnit._meta.get_field("parent")
    node = unit
    while node.parent_id is not None and parent_field.is_cached(node):
        node = node.parent
    if node.parent_id is None:
        return node
    # The unit's parent is either the province or a district whose parent is.
    grandparent = AdminUnit.objects.filter(pk=node.parent_id).values("parent_id")
    return AdminUnit.objects.get(
        Q(pk=node.parent_id) | Q(pk__in=grandparent), level=AdminLevel.PROVINCE
    )
