"""Facilities: the list (filters, Excel export) and one facility's page (indicators against
its peers, burn-down of its expected spending, change history)."""

from django.db.models import Q
from django.shortcuts import render
from openpyxl import Workbook

from ansinh.core.excel import workbook_response, write_table
from ansinh.core.history import history_for_objects
from ansinh.healthfund import perms, selectors
from ansinh.healthfund.charts import burn_chart
from ansinh.healthfund.enums import Tier
from ansinh.healthfund.models import Facility
from ansinh.healthfund.views import year_month
from ansinh.org.views.common import paginate


def facility_list(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    facilities = Facility.objects.filter(province=province).select_related("admin_unit")
    query, tier = request.GET.get("q", "").strip(), request.GET.get("tuyen", "")
    if query:
        facilities = facilities.filter(Q(code__icontains=query) | Q(name__icontains=query))
    if tier in Tier.values:
        facilities = facilities.filter(tier=tier)
    if request.GET.get("xuat") == "xlsx":
        workbook = Workbook()
        write_table(
            workbook.active, f"Cơ sở KCB BHYT – {province.name}", f"{facilities.count()} cơ sở",
            ["Mã", "Tên cơ sở", "Tuyến", "Hạng", "Chuyên khoa", "Sở hữu", "Địa bàn"],
            ([f.code, f.name, f.get_tier_display(), f.get_rank_display(),
              f.get_specialty_display(), f.get_ownership_display(),
              f.admin_unit.name if f.admin_unit else ""] for f in facilities),
            [10, 40, 12, 14, 16, 12, 24],
        )  # fmt: skip
        return workbook_response(workbook, "co-so-kcb-bhyt.xlsx")
    page, querystring_base = paginate(request, facilities, per_page=50)
    return render(request, "healthfund/facility_list.html", {
        "province": province, "page_obj": page, "querystring_base": querystring_base,
        "query": query, "tier": tier, "tiers": Tier, "manage": perms.can_manage(request.user, province),  # noqa: E501
    })  # fmt: skip


def facility_detail(request, pk):
    facility = perms.get_facility(request, pk)
    province = facility.province
    year, month = year_month(request, province=province)
    months = selectors.loaded_months(province=province, year=year)
    month = month or (months[-1] if months else None)
    peers = list(Facility.objects.filter(province=province, tier=facility.tier,
                                         rank=facility.rank, specialty=facility.specialty))  # fmt: skip  # noqa: E501
    figures = (
        selectors.figures(facilities=[facility], peers=peers, year=year, month=month)
        if month else []
    )  # fmt: skip
    burn = selectors.burn_down(province=province, year=year, facility=facility)
    return render(request, "healthfund/facility_detail.html", {
        "facility": facility, "province": province, "year": year, "month": month,
        "months": months, "figures": figures, "peers": len(peers), "burn": burn,
        "chart": burn_chart(burn, title=f"Chi BHYT lũy kế so với dự kiến chi – {facility.name}"),
        "history": history_for_objects([facility, *facility.allocations.all()]),
        "warnings": facility.warnings.filter(year=year),
    })  # fmt: skip
