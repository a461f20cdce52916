"""Employers (đơn vị sử dụng lao động) of a province: the list with search, filters and Excel
export, and one employer's page with the timeline of what each source said about it. Read by
the standing agency and leaders only (perms.check_read)."""

from django.shortcuts import get_object_or_404, render
from openpyxl import Workbook

from ansinh.compliance import perms, selectors_employers
from ansinh.compliance.enums import RegistryStatus
from ansinh.compliance.models import Employer
from ansinh.core.excel import workbook_response, write_table
from ansinh.core.history import history_for_objects
from ansinh.org.views.common import paginate


def employer_list(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    perms.check_read(request.user, province)
    filters = {
        "query": request.GET.get("q", "").strip(),
        "locality": request.GET.get("dia_ban", ""),
        "status": request.GET.get("tinh_trang", ""),
        "zone": request.GET.get("kkt", ""),
    }
    employers = selectors_employers.employer_list(province=province, **filters)
    if request.GET.get("xuat") == "xlsx":
        workbook = Workbook()
        write_table(
            workbook.active, f"Đơn vị sử dụng lao động – {province.name}",
            f"{employers.count()} đơn vị",
            ["Mã số thuế", "Mã đơn vị BHXH", "Tên đơn vị", "Địa chỉ", "Địa bàn", "Ngành nghề",
             "Tình trạng", "Trong KKT, KCN", "Lao động tham gia BHXH", "Lao động theo thuế"],
            ([e.tax_code, e.insurer_code, e.name, e.address,
              e.admin_unit.name if e.admin_unit else "", e.sector, e.get_registry_status_display(),
              "x" if e.in_zone else "", e.insured_headcount, e.tax_headcount]
             for e in employers.iterator()),
            [14, 14, 40, 40, 20, 24, 22, 8, 12, 12],
        )  # fmt: skip
        return workbook_response(workbook, "don-vi-su-dung-lao-dong.xlsx")
    page, querystring_base = paginate(request, employers, per_page=50)
    return render(request, "compliance/employer_list.html", {
        "province": province, "page_obj": page, "querystring_base": querystring_base,
        **filters, "statuses": RegistryStatus.choices,
        "localities": selectors_employers.employer_localities(province=province),
    })  # fmt: skip


def employer_detail(request, pk):
    employer = get_object_or_404(Employer.objects.select_related("admin_unit", "province"), pk=pk)
    province = perms.get_province(request, employer.province_id)
    perms.check_read(request.user, province)
    return render(request, "compliance/employer_detail.html", {
        "employer": employer, "province": province,
        "timeline": selectors_employers.employer_timeline(employer=employer),
        "arrears": selectors_employers.employer_arrears(employer=employer),
        "findings": employer.findings.all(),
        "inspections": employer.inspections.all(),
        "history": history_for_objects([employer]),
    })  # fmt: skip
