"""Targets of a province and year, their consistency check, and the Excel templates."""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ansinh.core.excel import workbook_response
from ansinh.core.history import history_for
from ansinh.core.vnformat import format_number, parse_date
from ansinh.targets import perms, services
from ansinh.targets.exports import target_template, value_template
from ansinh.targets.forms import TargetForm, TargetValueForm
from ansinh.targets.models import Indicator, Target
from ansinh.targets.selectors.attainment import province_row_units
from ansinh.targets.selectors.consistency import target_consistency


def _year(request) -> int:
    try:
        return int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def target_list(request):
    province = perms.get_province_for_user(request, request.GET.get("tinh"))
    year = _year(request)
    unit_ids = perms.visible_unit_ids(request.user, province)
    day_error, day = "", None
    if raw := request.GET.get("ngay", "").strip():
        try:
            day = parse_date(raw)
        except ValueError as exc:
            day_error = str(exc)
    indicators = list(Indicator.objects.filter(is_active=True).select_related("numerator"))
    units = [province, *province_row_units(province)]
    if unit_ids is not None:
        units = [u for u in units if u.pk in unit_ids or u.pk == province.pk]
    targets = {
        (t.admin_unit_id, t.indicator_id): t
        for t in Target.objects.filter(year=year, admin_unit__in=units).select_related("indicator")
    }
    rows = [
        {"unit": u, "is_total": u.pk == province.pk,
         "targets": [targets.get((u.pk, i.pk)) for i in indicators]}
        for u in units
        if u.pk == province.pk or any((u.pk, i.pk) in targets for i in indicators)
    ]  # fmt: skip
    sources = sorted({t.source for t in targets.values() if t.source})
    return render(
        request,
        "targets/target_list.html",
        {
            "province": province,
            "year": year,
            "years": range(year - 2, year + 3),
            "indicators": indicators,
            "rows": rows,
            "sources": sources,
            "consistency": target_consistency(province=province, year=year, day=day)
            if unit_ids is None
            else [],
            "day": day,
            "day_error": day_error,
            "can_manage": perms.can_manage_targets(request.user, province),
            "section": "targets",
        },
    )


def template_download(request, kind):
    if kind not in ("chi-tieu", "so-lieu"):
        raise Http404
    province = perms.get_province_for_user(request, request.GET.get("tinh"))
    perms.check_may_manage(request.user, province)
    units = province_row_units(province)
    year = _year(request)
    if kind == "chi-tieu":
        return workbook_response(
            target_template(province=province, units=units, year=year),
            f"mau-chi-tieu-{year}.xlsx",
        )
    month = timezone.localdate().month
    label = f"Tháng {month}/{year}" if year == timezone.localdate().year else f"Năm {year}"
    return workbook_response(
        value_template(province=province, units=units, period_label=label),
        f"mau-so-lieu-{dt.date.today():%Y%m%d}.xlsx",
    )


def indicator_list(request):
    indicators = Indicator.objects.select_related("numerator", "denominator").order_by("position")
    return render(
        request,
        "targets/indicator_list.html",
        {"indicators": indicators, "section": "targets"},
    )


@require_http_methods(["GET", "POST"])
def target_edit(request, pk):
    """Change one target (standing officers): a percent 0–100 for a rate, a whole number for a
    count or an amount; Vietnamese number input, history kept."""
    province = perms.get_province_for_user(request, request.GET.get("tinh"))
    target = get_object_or_404(
        Target.objects.select_related("indicator__numerator", "admin_unit"), pk=pk
    )
    if target.admin_unit_id != province.pk and target.admin_unit not in province_row_units(
        province
    ):
        raise Http404("Chỉ tiêu không thuộc tỉnh này.")
    perms.check_may_manage(request.user, province)
    indicator = target.indicator
    if indicator.is_rate:
        initial = {"percent": format_number(target.percent, 2), "source": target.source}
        form = TargetForm(request.POST or None, initial=initial)
    else:
        initial = {"value": format_number(target.value), "source": target.source}
        form = TargetValueForm(
            request.POST or None, initial=initial, unit_label=indicator.unit_label
        )
    if request.method == "POST" and form.is_valid():
        _, outcome = services.target_save(
            indicator=indicator,
            admin_unit=target.admin_unit,
            year=target.year,
            percent=form.cleaned_data.get("percent"),
            value=form.cleaned_data.get("value"),
            source=form.cleaned_data["source"],
            user=request.user,
        )
        target.refresh_from_db()
        if outcome == "same":
            messages.info(request, "Chỉ tiêu không thay đổi.")
        else:
            messages.success(request, f"Đã lưu chỉ tiêu: {target}.")
        return redirect(f"{reverse('targets:target_list')}?tinh={province.pk}&nam={target.year}")
    return render(
        request,
        "targets/target_edit.html",
        {
            "target": target,
            "province": province,
            "form": form,
            "field": form["percent"] if indicator.is_rate else form["value"],
            "year": target.year,
            "history": history_for(target),
            "section": "targets",
        },
    )
