"""Data-quality flags on the stored values of a province and year (page and Excel).

Flags are shown for review; no value is changed here.
"""

from django.shortcuts import render

from ansinh.core.excel import workbook_response
from ansinh.org.models import AdminUnit
from ansinh.targets import perms
from ansinh.targets.exports import quality_workbook
from ansinh.targets.rules import JUMP_THRESHOLD
from ansinh.targets.selectors.quality import province_flags
from ansinh.targets.views.targets import _year


def quality(request):
    province = perms.get_province_for_user(request, request.GET.get("tinh"))
    year = _year(request)
    unit_ids = perms.visible_unit_ids(request.user, province)
    flags = province_flags(province=province, year=year, unit_ids=unit_ids)
    if request.GET.get("xuat") == "excel":
        return workbook_response(
            quality_workbook(province=province, year=year, flags=flags),
            f"chat-luong-so-lieu-{year}.xlsx",
        )
    provinces = AdminUnit.objects.filter(pk__in=perms.target_province_ids(request.user)).order_by(
        "-edition", "name"
    )
    return render(
        request,
        "targets/quality.html",
        {
            "province": province,
            "provinces": provinces,
            "year": year,
            "years": range(year - 2, year + 3),
            "flags": flags,
            "jump_threshold": f"{JUMP_THRESHOLD * 100:.0f}",
            "sees_all": unit_ids is None,
            "section": "targets",
        },
    )
