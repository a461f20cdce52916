"""The public pages (no login): the published list of late payers of a province and the lookup
by tax code for bid evaluation. Both show only the fields copied at publication, and both are
rate-limited per client IP (settings.LOOKUP_RATE_LIMIT) with the same limiter as the API."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from ansinh.compliance import selectors_inspections
from ansinh.compliance.forms_inspections import LookupForm
from ansinh.org.models import AdminUnit
from ansinh.org.views.common import paginate

LIMITED = "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau {wait} giây."


class ClientIpThrottle(SimpleRateThrottle):
    """Counts requests per client IP (logged in or not) in Django's cache; DRF's limiter, used
    by the API and, through `limited`, by the pages."""

    scope = "tra_cuu_no"

    def get_rate(self):
        return settings.LOOKUP_RATE_LIMIT

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def get_ident(self, request):
        # DRF trusts a client's X-Forwarded-For unless told how many proxies are in front
        # (REST_FRAMEWORK["NUM_PROXIES"]); without that, a forged header would reset the count.
        if api_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR", "")
        return super().get_ident(request)


class PageThrottle(ClientIpThrottle):
    scope = "trang_cong_khai"


def limited(request):
    """A 429 page when the client IP is over the limit, else None."""
    throttle = PageThrottle()
    if throttle.allow_request(request, None):
        return None
    wait = int(throttle.wait() or 60)
    response = render(
        request, "compliance/public_limited.html", {"message": LIMITED.format(wait=wait)},
        status=429,
    )  # fmt: skip
    response["Retry-After"] = str(wait)
    return response


@login_not_required
def public_disclosure(request, code):
    if response := limited(request):
        return response
    provinces = list(AdminUnit.objects.filter(code=code, parent__isnull=True).order_by("-edition"))
    if not provinces:
        raise Http404("Không có tỉnh với mã này.")
    current = None
    for province in provinces:
        found = selectors_inspections.current_disclosure(province=province)
        if found and (current is None or found.as_of > current.as_of):
            current = found
    query = request.GET.get("q", "").strip()[:100]
    page = querystring_base = None
    if current is not None:
        entries = selectors_inspections.disclosure_entries(disclosure=current, query=query)
        page, querystring_base = paginate(request, entries, per_page=50)
    return render(request, "compliance/public_disclosure.html", {
        "province": current.province if current else provinces[0], "disclosure": current,
        "page_obj": page, "querystring_base": querystring_base, "query": query,
    })  # fmt: skip


@login_not_required
def public_lookup(request):
    if response := limited(request):
        return response
    form = LookupForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        result = selectors_inspections.arrears_lookup(tax_code=form.cleaned_data["ma_so_thue"])
    return render(
        request,
        "compliance/public_lookup.html",
        {"form": form, "result": result},
        status=400 if form.is_bound and form.errors else 200,
    )
