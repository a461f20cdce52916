"""Findings: the list by kind with counts and filters, each finding's evidence, the follow-up
(status and note, tracked) and the Excel export, one sheet per locality. The People's Committee
of a district sees and exports its district's findings only; only the standing agency changes a
finding's status."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from ansinh.compliance import perms, selectors_findings
from ansinh.compliance.enums import FindingKind, FindingStatus, Source
from ansinh.compliance.models import Finding
from ansinh.compliance.services_findings import finding_update
from ansinh.core.excel import workbook_response, write_table
from ansinh.core.history import history_for_objects
from ansinh.org.models import AdminUnit
from ansinh.org.views.common import paginate


class FindingForm(forms.Form):
    status = forms.ChoiceField(label="Trạng thái", choices=FindingStatus.choices)
    note = forms.CharField(label="Ghi chú xử lý", required=False, widget=forms.Textarea(
        attrs={"rows": 2}))  # fmt: skip


def _access(request, province):
    """The district the user is limited to, or None for the whole province."""
    district = perms.district_of(request.user, province)
    if district is None:
        perms.check_read(request.user, province)
    return district


def _filters(request) -> dict:
    return {
        "kind": request.GET.get("loai", ""),
        "locality": request.GET.get("dia_ban", ""),
        "source": request.GET.get("nguon", ""),
        "status": request.GET.get("trang_thai", ""),
    }


def finding_list(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    district = _access(request, province)
    filters = _filters(request)
    rows = selectors_findings.findings(province, district=district, **filters)
    if request.GET.get("xuat") == "xlsx":
        return _export(province, rows)
    counts = selectors_findings.counts_by_kind(
        selectors_findings.findings(province, district=district)
    )
    page, querystring_base = paginate(request, rows, per_page=50)
    return render(
        request,
        "compliance/finding_list.html",
        {
            "province": province,
            "district": district,
            "filters": filters,
            "counts": counts,
            "page_obj": page,
            "querystring_base": querystring_base,
            "kinds": FindingKind.choices,
            "statuses": FindingStatus.choices,
            "sources": Source.choices,
            "districts": [district] if district else
            AdminUnit.objects.filter(parent=province).order_by("name"),
            "manage": perms.can_manage(request.user, province),
            "export_query": request.GET.urlencode(),
        },
    )  # fmt: skip


def finding_detail(request, pk: int):
    finding = get_object_or_404(
        Finding.objects.select_related("admin_unit", "record__snapshot", "employer"), pk=pk
    )
    province = perms.get_province(request, finding.province_id)
    district = _access(request, province)
    if district is not None and finding.admin_unit_id != district.pk:
        raise PermissionDenied("Phát hiện này thuộc địa bàn khác.")
    manage = perms.can_manage(request.user, province)
    form = FindingForm(initial={"status": finding.status, "note": finding.note})
    return render(
        request,
        "compliance/finding_detail.html",
        {
            "province": province,
            "finding": finding,
            "form": form,
            "manage": manage,
            "history": history_for_objects([finding]),
        },
    )


@require_POST
def finding_status(request, pk: int):
    finding = get_object_or_404(Finding, pk=pk)
    province = perms.get_province(request, finding.province_id)
    perms.check_manage(request.user, province)
    form = FindingForm(request.POST)
    if form.is_valid():
        finding_update(
            finding=finding, status=form.cleaned_data["status"],
            note=form.cleaned_data["note"], user=request.user,
        )  # fmt: skip
        messages.success(request, "Đã cập nhật tình trạng xử lý.")
    else:
        messages.error(request, "Chọn một trạng thái hợp lệ.")
    return redirect(reverse("compliance:finding_detail", args=[finding.pk]))


def _export(province, rows):
    """One sheet per locality (a filtered list exports only what it shows)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets: dict[str, list] = {}
    for f in rows.iterator():
        place = f.admin_unit.name if f.admin_unit else "Không rõ địa bàn"
        source = f.record.snapshot.get_source_display() if f.record_id else "BHXH tỉnh"
        sheets.setdefault(place, []).append(
            [f.get_kind_display(), f.tax_code, f.name, source, "\n".join(f.evidence),
             f.get_status_display(), f.note]
        )  # fmt: skip
    if not sheets:
        sheets["Không có phát hiện"] = []
    used = set()
    for place, lines in sorted(sheets.items()):
        title = place[:31]
        while title in used:
            title = title[:28] + f"-{len(used)}"
        used.add(title)
        write_table(
            workbook.create_sheet(title), f"Phát hiện qua đối chiếu – {place}",
            f"{province.name}: {len(lines)} phát hiện",
            ["Loại", "Mã số thuế", "Đơn vị", "Nguồn", "Căn cứ", "Tình trạng xử lý", "Ghi chú"],
            lines, [30, 14, 40, 24, 60, 18, 30],
        )  # fmt: skip
    return workbook_response(workbook, "phat-hien-doi-chieu.xlsx")
