"""Reads for the findings pages: the list with its filters and counts by kind."""

from django.db.models import Count

from ansinh.compliance.enums import FindingKind
from ansinh.compliance.models import Finding


def findings(province, *, district=None, kind="", locality="", source="", status=""):
    """Findings of a province; a district's People's Committee sees its district's only."""
    rows = Finding.objects.filter(province=province).select_related(
        "admin_unit", "record__snapshot", "employer", "handled_by"
    )
    if district is not None:
        rows = rows.filter(admin_unit=district)
    if kind:
        rows = rows.filter(kind=kind)
    if locality:
        rows = rows.filter(admin_unit_id=locality)
    if source:
        rows = rows.filter(record__snapshot__source=source)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("kind", "admin_unit__name", "name", "pk")


def counts_by_kind(rows) -> list[tuple[str, str, int]]:
    found = dict(rows.order_by().values_list("kind").annotate(n=Count("pk")))
    return [(k.value, k.label, found.get(k.value, 0)) for k in FindingKind]
