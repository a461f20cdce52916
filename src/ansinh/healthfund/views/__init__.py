"""Helpers every view of the fund uses: year and month from the query string."""

from django.http import Http404

from ansinh.healthfund.selectors import default_year


def year_month(request, *, province, default_month: int | None = None) -> tuple[int, int | None]:
    """The year asked for, or the latest year the province has fund data for (so the pages
    open on figures, not on an empty current year)."""
    try:
        raw = request.GET.get("nam")
        year = int(raw) if raw else default_year(province=province)
        month = request.GET.get("thang")
        month = int(month) if month else default_month
    except ValueError as exc:
        raise Http404("Năm hoặc tháng không hợp lệ.") from exc
    if month is not None and not 1 <= month <= 12:
        raise Http404("Tháng không hợp lệ.")
    return year, month
