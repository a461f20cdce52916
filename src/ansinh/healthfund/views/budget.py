"""The year's budget and its split per facility (notice .docx, Excel list), and the burn-down
of spending against it for the province and every facility."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from openpyxl import Workbook

from ansinh.core.excel import workbook_response, write_table
from ansinh.core.history import history_for_objects
from ansinh.core.vnformat import format_number
from ansinh.healthfund import perms, selectors, services
from ansinh.healthfund.charts import burn_chart
from ansinh.healthfund.documents import allocation_notice
from ansinh.healthfund.exports import burn_down_workbook
from ansinh.healthfund.forms import BudgetForm, parse_money
from ansinh.healthfund.models import Allocation, Budget, Facility
from ansinh.healthfund.views import year_month


def _shown(amount) -> str:
    """An amount as typed back after an error, or formatted the Vietnamese way."""
    return format_number(amount) if isinstance(amount, int) else amount


def _url(name, province, year):
    from django.urls import reverse

    return f"{reverse(name)}?tinh={province.pk}&nam={year}"


@require_http_methods(["GET", "POST"])
def budget(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    year, _ = year_month(request, province=province)
    manage = perms.can_manage(request.user, province)
    current = Budget.objects.filter(province=province, year=year).first()
    facilities = list(Facility.objects.filter(province=province))
    allocations = list(current.allocations.all()) if current else []
    amounts = {a.facility_id: a.amount for a in allocations}
    notices = {a.facility_id: a.pk for a in allocations}
    initial = (
        {"amount": format_number(current.amount), "source_document": current.source_document}
        if current
        else None
    )
    form, errors = BudgetForm(initial=initial), []
    if request.method == "POST":
        perms.check_manage(request.user, province)
        if "amount" in request.POST:
            form = BudgetForm(request.POST)
            if form.is_valid():
                try:
                    services.budget_save(province=province, year=year, user=request.user,
                                         **form.cleaned_data)  # fmt: skip
                except ValidationError as exc:
                    form.add_error("amount", exc.message_dict.get("amount", exc.messages))
                else:
                    messages.success(request, "Đã lưu dự toán.")
                    return redirect(_url("healthfund:budget", province, year))
        elif current is not None:
            posted = {}
            for facility in facilities:
                raw = request.POST.get(f"f{facility.pk}", "").strip()
                try:
                    posted[facility.pk] = parse_money(
                        raw or "0", f"{facility.code} {facility.name}"
                    )
                except forms.ValidationError as exc:
                    errors.extend(exc.messages)
                amounts[facility.pk] = raw
            if not errors:
                try:
                    changed = services.allocations_save(budget=current, amounts=posted,
                                                        user=request.user)  # fmt: skip
                except ValidationError as exc:
                    errors.extend(exc.messages)
                else:
                    messages.success(request, f"Đã lưu dự kiến chi ({changed} cơ sở thay đổi).")
                    return redirect(_url("healthfund:budget", province, year))
    rows = [(f, _shown(amounts.get(f.pk, "")), notices.get(f.pk)) for f in facilities]
    allocated = sum(a for a in amounts.values() if isinstance(a, int))
    if current and request.GET.get("xuat") == "xlsx":
        workbook = Workbook()
        write_table(
            workbook.active, f"Dự kiến chi KCB BHYT năm {year} – {province.name}",
            f"Dự toán {format_number(current.amount)} đồng; {current.source_document}",
            ["Mã", "Tên cơ sở", "Tuyến", "Hạng", "Dự kiến chi (đồng)"],
            [[f.code, f.name, f.get_tier_display(), f.get_rank_display(), amounts.get(f.pk, 0)] for f in facilities]  # noqa: E501
            + [["", "Tổng cộng", "", "", allocated]],
            [10, 40, 12, 14, 20],
        )  # fmt: skip
        return workbook_response(workbook, f"du-kien-chi-kcb-{year}.xlsx")
    return render(request, "healthfund/budget.html", {
        "province": province, "year": year, "budget": current, "form": form, "rows": rows,
        "errors": errors, "allocated": allocated, "manage": manage,
        "remaining": current.amount - allocated if current else None,
        "history": history_for_objects([current, *allocations]) if current else [],
    })  # fmt: skip


def allocation_notice_view(request, pk):
    allocation = get_object_or_404(
        Allocation.objects.select_related("budget__province", "facility"), pk=pk
    )
    province = perms.get_province(request, allocation.budget.province_id)
    if allocation.facility.province_id != province.pk:
        raise Http404
    doc = allocation_notice(allocation, today=dt.date.today())
    return doc.response(f"thong-bao-du-kien-chi-{allocation.facility.code}.docx")


def burn_down(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    year, _ = year_month(request, province=province)
    total, per_facility = selectors.burn_downs(province=province, year=year)
    if request.GET.get("xuat") == "xlsx":
        workbook = burn_down_workbook(province=province, year=year, total=total,
                                      per_facility=per_facility)  # fmt: skip
        return workbook_response(workbook, f"tien-do-chi-kcb-{year}.xlsx")
    return render(request, "healthfund/burn_down.html", {
        "province": province, "year": year, "burn": total, "per_facility": per_facility,
        "chart": burn_chart(total, title=f"Chi BHYT lũy kế so với dự toán năm {year}"),
    })  # fmt: skip
