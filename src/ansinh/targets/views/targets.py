"""Targets of a province and year, their consistency check, and the Excel templates."""

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from ansinh.core.vnformat import parse_date
from ansinh.org.exports import workbook_response
from ansinh.targets import perms
from ansinh.targets.exports import target_template, value_template
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
    indicators = list(Indicator.objects.filter(is_active=True))
    units = [province, *province_row_units(province)]
    if unit_ids is not None:
        units = [u for u in units if u.pk in unit_ids or u.pk == province.pk]
    targets = {
        (t.admin_unit_id, t.indicator_id): t
        for t in Target.objects.filter(year=year, admin_unit__in=units)
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
