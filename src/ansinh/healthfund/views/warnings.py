"""Facilities above their peer average (month and year to date), sending the warnings, and
following each warning until the facility's explanation is recorded."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from ansinh.core.excel import workbook_response, write_table
from ansinh.core.history import history_for_objects
from ansinh.healthfund import perms, selectors, services
from ansinh.healthfund.documents import warning_letter
from ansinh.healthfund.enums import WarningStatus
from ansinh.healthfund.forms import ExplanationForm, MarginForm
from ansinh.healthfund.models import FundWarning
from ansinh.healthfund.views import year_month
from ansinh.org.models import Committee
from ansinh.org.views.common import paginate


def _list_url(province, year, month):
    return f"{reverse('healthfund:warning_list')}?tinh={province.pk}&nam={year}&thang={month}"


def warning_list(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    year, month = year_month(request, province=province)
    months = selectors.loaded_months(province=province, year=year)
    month = month or (months[-1] if months else None)
    found = selectors.exceedances(province=province, year=year, month=month) if month else []
    sent = FundWarning.objects.filter(facility__province=province, year=year).select_related(
        "facility"
    )
    status = request.GET.get("trang_thai", "")
    if status in WarningStatus.values:
        sent = sent.filter(status=status)
    if request.GET.get("xuat") == "xlsx":
        workbook = Workbook()
        write_table(
            workbook.active, f"Cảnh báo chi KCB BHYT năm {year} – {province.name}", "",
            ["Tháng", "Kỳ", "Mã", "Cơ sở", "Chỉ số", "Giá trị", "Bình quân", "Vượt (%)",
             "Trạng thái", "Giải trình"],
            ([w.month, w.get_span_display(), w.facility.code, w.facility.name, w.indicator_name,
              w.facility_value, w.peer_average, w.excess_percent, w.get_status_display(),
              w.explanation] for w in sent),
            [7, 16, 10, 36, 36, 14, 14, 10, 16, 40],
        )  # fmt: skip
        return workbook_response(workbook, f"canh-bao-chi-kcb-{year}.xlsx")
    page, querystring_base = paginate(request, sent, per_page=50)
    margin = selectors.margin_for(province)
    return render(request, "healthfund/warning_list.html", {
        "province": province, "year": year, "month": month, "months": months, "found": found,
        "page_obj": page, "querystring_base": querystring_base, "statuses": WarningStatus,
        "status": status, "margin": margin,
        "manage": perms.can_manage(request.user, province),
        "margin_form": MarginForm(initial={"margin": margin}),
    })  # fmt: skip


@require_POST
def warnings_send(request):
    province = perms.get_province(request, request.POST.get("tinh"))
    perms.check_manage(request.user, province)
    try:
        year, month = int(request.POST["nam"]), int(request.POST["thang"])
    except (KeyError, ValueError):
        # A hand-made or truncated form: a bad request, not a server error.
        return HttpResponseBadRequest("Thiếu hoặc sai năm, tháng.")
    new = services.warnings_send(province=province, year=year, month=month, user=request.user)
    if new:
        messages.success(request, f"Đã gửi {len(new)} cảnh báo tới Sở Y tế.")
    else:
        messages.info(request, "Không có cảnh báo mới (các cảnh báo của tháng đã gửi trước đó).")
    return redirect(_list_url(province, year, month))


@require_POST
def margin_save(request):
    province = perms.get_province(request, request.POST.get("tinh"))
    perms.check_manage(request.user, province)
    form = MarginForm(request.POST)
    committee = Committee.objects.filter(province=province).first()
    if form.is_valid() and committee is not None:
        services.margin_save(committee=committee, margin_percent=form.cleaned_data["margin"],
                             user=request.user)  # fmt: skip
        messages.success(request, f"Ngưỡng cảnh báo: {form.cleaned_data['margin']} %.")
    else:
        messages.error(request, "; ".join(form.errors.get("margin", ["Tỉnh chưa có Ban Chỉ đạo."])))
    return redirect(f"{reverse('healthfund:warning_list')}?tinh={province.pk}")


def warning_detail(request, pk):
    warning = perms.get_warning(request, pk)
    province = warning.facility.province
    form = ExplanationForm(initial={"explanation": warning.explanation})
    if request.method == "POST":
        perms.check_explain(request.user, province)
        form = ExplanationForm(request.POST)
        if form.is_valid():
            try:
                services.warning_explain(warning=warning, user=request.user,
                                         explanation=form.cleaned_data["explanation"])  # fmt: skip
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Đã ghi nhận giải trình.")
                return redirect("healthfund:warning_detail", pk=warning.pk)
    return render(request, "healthfund/warning_detail.html", {
        "warning": warning, "province": province, "form": form, "statuses": WarningStatus,
        "can_explain": perms.can_explain(request.user, province)
        and warning.status != WarningStatus.CLOSED,
        "manage": perms.can_manage(request.user, province),
        "history": history_for_objects([warning]),
    })  # fmt: skip


@require_POST
def warning_close(request, pk):
    warning = perms.get_warning(request, pk)
    perms.check_manage(request.user, warning.facility.province)
    try:
        services.warning_close(warning=warning, user=request.user)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Đã đóng cảnh báo.")
    return redirect("healthfund:warning_detail", pk=warning.pk)


def warning_letter_view(request, pk):
    warning = perms.get_warning(request, pk)
    doc = warning_letter(warning, today=dt.date.today())
    return doc.response(f"canh-bao-chi-kcb-{warning.facility.code}-{warning.month}.docx")
