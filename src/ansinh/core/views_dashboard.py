"""The leaders' overview (Tổng quan): a thin view over `core.dashboard`."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from ansinh.core import dashboard as reads
from ansinh.org.models import Committee
from ansinh.targets.perms import get_province_for_user


def dashboard(request):
    reads.check_may_see(request.user)
    today = timezone.localdate()
    province = get_province_for_user(request, request.GET.get("tinh"))
    committee = Committee.objects.filter(province=province).select_related("province").first()
    raw = request.GET.get("nam", "")
    if raw:
        try:
            year = int(raw)
        except ValueError as exc:
            raise Http404("Năm không hợp lệ.") from exc
        if not 2000 <= year <= 2100:
            raise Http404("Năm không hợp lệ.")
    else:
        year = reads.default_year(committee=committee, province=province, today=today)
    context = {
        "board": reads.dashboard(province=province, year=year, committee=committee),
        "province": province,
        "provinces": reads.dashboard_provinces(request.user),
        "years": sorted({year, *range(today.year - 5, today.year + 2)}, reverse=True),
        "year": year,
        "section": "dashboard",
    }
    return render(request, "core/dashboard.html", context)
