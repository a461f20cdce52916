"""Reads for the employer pages: the filtered list, and one employer's timeline of what each
source said about it, its arrears lines, findings and inspections."""

from django.db.models import Q

from ansinh.compliance.enums import RegistryStatus
from ansinh.compliance.models import Employer, RegistryRecord
from ansinh.org.models import AdminUnit


def employer_list(*, province, query: str = "", locality: str = "", status: str = "",
                  zone: str = ""):  # fmt: skip
    employers = Employer.objects.filter(province=province).select_related("admin_unit")
    if query:
        employers = employers.filter(
            Q(name__icontains=query) | Q(tax_code__icontains=query)
            | Q(insurer_code__icontains=query)
        )  # fmt: skip
    if locality.isdigit():
        employers = employers.filter(admin_unit_id=int(locality))
    if status in RegistryStatus.values:
        employers = employers.filter(registry_status=status)
    if zone in ("1", "0"):
        employers = employers.filter(in_zone=zone == "1")
    return employers.order_by("name", "pk")


def employer_localities(*, province):
    ids = Employer.objects.filter(province=province).exclude(admin_unit=None).values("admin_unit")
    return AdminUnit.objects.filter(pk__in=ids.distinct()).order_by("name")


def employer_timeline(*, employer: Employer):
    """What each partner's list said about the employer, newest quarter first."""
    return (
        RegistryRecord.objects.filter(employer=employer)
        .select_related("snapshot__agency", "admin_unit")
        .order_by("-snapshot__period_year", "-snapshot__period_quarter", "snapshot__source")
    )


def employer_arrears(*, employer: Employer):
    return employer.arrears_lines.select_related("statement").order_by("-statement__as_of")
