import datetime as dt

from django.core.paginator import Paginator
from django.utils import timezone

from ansinh.core.vnformat import parse_date


def day_from_request(request) -> tuple[dt.date, str]:
    """The date asked for with ?ngay=dd/mm/yyyy (today by default), and an error if unreadable."""
    raw = request.GET.get("ngay", "").strip()
    if not raw:
        return timezone.localdate(), ""
    try:
        return parse_date(raw), ""
    except ValueError as exc:
        return timezone.localdate(), str(exc)


def paginate(request, queryset, per_page: int = 50):
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    base = params.urlencode()
    return page, (base + "&") if base else ""
