"""Attainment table, one unit's charts, lagging localities (page, Excel, Word)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from ansinh.core.excel import workbook_response
from ansinh.core.history import history_for_objects
from ansinh.org.models import AdminUnit, Committee
from ansinh.org.views.common import day_from_request
from ansinh.targets import perms
from ansinh.targets.charts import ChartPoint, line_chart
from ansinh.targets.exports import attainment_workbook, lagging_document, lagging_workbook
from ansinh.targets.models import Indicator, MeasureValue, Target
from ansinh.targets.selectors.attainment import attainment_table, province_row_units
from ansinh.targets.selectors.quality import province_flags
from ansinh.targets.selectors.series import series_unit_ids, unit_series


def _context(request):
    province = perms.get_province_for_user(request, request.GET.get("tinh"))
    day, day_error = day_from_request(request)
    unit_ids = perms.visible_unit_ids(request.user, province)
    table = attainment_table(province=province, day=day, unit_ids=unit_ids)
    provinces = AdminUnit.objects.filter(pk__in=perms.target_province_ids(request.user)).order_by(
        "-edition", "name"
    )
    return {
        "table": table,
        "province": province,
        "provinces": provinces,
        "day": day,
        "day_error": day_error,
        "sees_all": unit_ids is None,
        "can_manage": perms.can_manage_targets(request.user, province),
        "section": "targets",
    }


def attainment_context(request):
    context = _context(request)
    context["quality_count"] = len(
        province_flags(province=context["province"], year=context["day"].year,
                       unit_ids=perms.visible_unit_ids(request.user, context["province"]))
    )  # fmt: skip
    return context


def attainment(request):
    context = attainment_context(request)
    if request.GET.get("xuat") == "excel":
        return workbook_response(
            attainment_workbook(table=context["table"]),
            f"ket-qua-chi-tieu-{context['day']:%Y%m%d}.xlsx",
        )
    template = "targets/attainment.html#table" if request.htmx else "targets/attainment.html"
    return render(request, template, context)


def lagging(request):
    context = _context(request)
    table = context["table"]
    export = request.GET.get("xuat")
    if export == "excel":
        return workbook_response(
            lagging_workbook(table=table), f"dia-phuong-cham-tien-do-{table.day:%Y%m%d}.xlsx"
        )
    if export == "word":
        committee = Committee.objects.filter(province=table.province).first()
        return lagging_document(table=table, committee=committee).response(
            f"dia-phuong-cham-tien-do-{table.day:%Y%m%d}.docx"
        )
    template = "targets/lagging.html#list" if request.htmx else "targets/lagging.html"
    return render(request, template, context)


def unit_detail(request, pk):
    province = perms.get_province_for_user(request, request.GET.get("tinh"))
    unit = get_object_or_404(AdminUnit, pk=pk)
    if unit.pk != province.pk and unit not in province_row_units(province):
        raise PermissionDenied("Đơn vị không thuộc tỉnh này.")
    perms.check_may_see_unit(request.user, province, unit)
    day, day_error = day_from_request(request)
    years = [day.year - 1, day.year]
    targets = {
        t.indicator_id: t
        for t in Target.objects.filter(admin_unit=unit, year=day.year).select_related(
            "indicator", "admin_unit"
        )
    }
    ids = series_unit_ids(unit)
    table = attainment_table(province=province, day=day, unit_ids={unit.pk})
    row = table.total if unit.pk == province.pk else next(
        (r for r in table.rows if r.unit.pk == unit.pk), None)  # fmt: skip
    cells = {c.indicator.pk: c for c in row.cells} if row else {}
    charts = []
    for indicator in Indicator.objects.filter(is_active=True):
        target = targets.get(indicator.pk)
        points = [
            ChartPoint(p.label, p.rate)
            for p in unit_series(unit=unit, indicator=indicator, years=years, ids=ids)
        ]
        charts.append(
            {
                "indicator": indicator,
                "target": target,
                "cell": cells.get(indicator.pk),
                "svg": line_chart(
                    title=f"{indicator.short_name} – {unit.name}",
                    points=points,
                    target=target.figure if target else None,
                    kind=indicator.kind,
                ),
            }
        )
    own = [unit.pk] if unit.pk != province.pk else []
    values = list(
        MeasureValue.objects.filter(admin_unit_id__in=ids if own else [])
        .filter(year__in=years)
        .select_related("measure", "admin_unit")
        .order_by("-period_end", "measure__position")[:60]
    )
    all_targets = list(
        Target.objects.filter(admin_unit=unit).select_related("indicator", "admin_unit")
    )
    return render(
        request,
        "targets/unit_detail.html",
        {
            "unit": unit,
            "province": province,
            "day": day,
            "day_error": day_error,
            "charts": charts,
            "values": values,
            "illustrative": any(v.is_illustrative for v in values),
            "history": history_for_objects([*all_targets, *values]),
            "section": "targets",
        },
    )
