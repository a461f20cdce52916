"""The capability's landing page: where each list stands, and what is waiting."""

from django.shortcuts import render

from ansinh.compliance import perms, selectors


def home(request):
    province = perms.get_province(request, request.GET.get("tinh"))
    partner = perms.partner_roles(request.user, province)
    if not partner:
        perms.check_read(request.user, province)
    return render(
        request,
        "compliance/home.html",
        {
            "province": province,
            "manage": perms.can_manage(request.user, province),
            "partner": partner,
            "overview": selectors.overview(province=province),
        },
    )
