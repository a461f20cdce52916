"""The inspections' part of the consolidated report (`thanh_tra`): the figures of
`ansinh.compliance.selectors_inspections.inspection_figures` from the period's first day to its
data cut-off, as the plain strings and numbers a Word template prints
(`docs/report-template.md`)."""

import datetime as dt

from ansinh.compliance.selectors_inspections import inspection_figures
from ansinh.core.vnformat import format_date, format_number

NO_INSPECTIONS = {
    "co_so_lieu": False,
    "tu_ngay": "",
    "den_ngay": "",
    "so_dot_bat_dau": 0,
    "so_dot_ket_luan": 0,
    "so_don_vi": 0,
    "tien_phat": "0",
    "tien_thu_hoi": "0",
    "so_chuyen_cong_an": 0,
}


def compliance_context(*, province, start: dt.date, end: dt.date) -> dict:
    """Inspections of employers started, under way or concluded in the period; left out
    (`co_so_lieu` false) when there were none."""
    figures = inspection_figures(province=province, start=start, end=end)
    context = dict(NO_INSPECTIONS, tu_ngay=format_date(start), den_ngay=format_date(end))
    if not any(figures.values()):
        return context
    context.update(
        co_so_lieu=True,
        so_dot_bat_dau=figures["started"],
        so_dot_ket_luan=figures["concluded"],
        so_don_vi=figures["employers"],
        tien_phat=format_number(figures["fined"]),
        tien_thu_hoi=format_number(figures["recovered"]),
        so_chuyen_cong_an=figures["referrals"],
    )
    return context
