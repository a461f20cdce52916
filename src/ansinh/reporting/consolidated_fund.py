"""The health-insurance fund's part of the consolidated report (`quy_kcb`): the figures of
`ansinh.healthfund.selectors.report_figures`, cut at the period's data cut-off, as the plain
strings and numbers a Word template prints (`docs/report-template.md`)."""

import calendar
import datetime as dt
from decimal import Decimal

from django.db.models import Count

from ansinh.core.vnformat import format_number, format_percent
from ansinh.healthfund.enums import WarningStatus
from ansinh.healthfund.models import Facility, FundWarning
from ansinh.healthfund.selectors import burn_down, ratio, report_figures


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


NO_FUND = {
    "co_du_toan": False,
    "co_so_lieu": False,
    "nam": 0,
    "den_thang": "",
    "du_toan": "",
    "da_chi": "",
    "ty_le_chi": "",
    "du_bao": "",
    "ty_le_du_bao": "",
    "vuot_du_toan": False,
    "so_co_so": 0,
    "so_co_so_vuot": 0,
    "canh_bao": "",
    "minh_hoa": False,
    "thang": [],
}


def _last_month(year: int, day: dt.date) -> int:
    """The last month of `year` wholly before or on `day` (0 when none): spending is loaded
    per month, so a month the cut-off falls inside is not counted yet."""
    if day.year != year:
        return 12 if day.year > year else 0
    if day.day == calendar.monthrange(year, day.month)[1]:
        return day.month
    return day.month - 1


def fund_context(*, province, year: int, day: dt.date) -> dict:
    """The health-insurance fund to the cut-off: spending against the year's budget, the
    projection of that pace to December, facilities above their peers, warnings sent. Left
    out (`co_du_toan` false) when the province has no budget for the year."""
    burn = burn_down(province=province, year=year)
    if burn.budget is None:
        return dict(NO_FUND, nam=year)
    budget = burn.budget
    # burn_down covers every month loaded; the report stops at the cut-off month.
    last = _last_month(year, day)
    months = [m for m in burn.months if m.month <= last]
    figures = report_figures(province=province, year=year, month=months[-1].month if months else 1)
    fund = dict(
        NO_FUND,
        co_du_toan=True,
        nam=year,
        du_toan=format_number(budget),
        so_co_so=figures["facilities"],
        minh_hoa=Facility.objects.filter(province=province, illustrative=True).exists(),
    )
    if not months or not months[-1].cumulative:
        return fund
    now = months[-1]
    projected = now.projected
    warnings = dict(
        FundWarning.objects.filter(facility__province=province, year=year, month__lte=now.month)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    fund.update(
        co_so_lieu=True,
        den_thang=f"{now.month}/{year}",
        da_chi=format_number(now.cumulative),
        ty_le_chi=format_percent(now.percent),
        du_bao=format_number(projected),
        ty_le_du_bao=format_percent(ratio(projected, budget, Decimal(100))),
        vuot_du_toan=projected > budget,
        so_co_so_vuot=figures["facilities_above_peers"],
        canh_bao="; ".join(
            f"{_lower_first(s.label)}: {warnings[s.value]}"
            for s in WarningStatus
            if warnings.get(s.value)
        ),
        thang=[
            {
                "thang": str(m.month),
                "chi": format_number(m.spent),
                "luy_ke": format_number(m.cumulative),
                "ty_le": format_percent(m.percent),
            }
            for m in months
        ],
    )
    return fund
