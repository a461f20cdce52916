"""The burn-down as an Excel workbook: the province month by month (budget, spent, cumulative,
% of the budget, the year-end projection at that month) and every facility against its
expected spending."""

from openpyxl import Workbook

from ansinh.core.excel import write_table
from ansinh.core.vnformat import format_number


def burn_down_workbook(*, province, year: int, total, per_facility) -> Workbook:
    workbook = Workbook()
    months = workbook.active
    months.title = "Theo tháng"
    budget = f"{format_number(total.budget)} đồng" if total.budget else "chưa có"
    write_table(
        months,
        f"Tiến độ chi KCB BHYT năm {year} – {province.name}",
        f"Dự toán: {budget}. Dự báo cả năm = lũy kế × 12 / số tháng đã có số liệu.",
        ["Tháng", "Dự toán (đồng)", "Chi BHYT trong tháng (đồng)", "Lũy kế (đồng)",
         "% dự toán", "Dự báo cả năm (đồng)", "Dự báo vượt dự toán"],
        [[m.month, total.budget, m.spent, m.cumulative, m.percent, m.projected,
          _over(total.budget, m.projected)] for m in total.months],
        [8, 18, 20, 18, 11, 20, 12],
    )  # fmt: skip
    write_table(
        workbook.create_sheet("Theo cơ sở"),
        f"Tiến độ chi KCB BHYT theo cơ sở năm {year} – {province.name}",
        f"{len(per_facility)} cơ sở; so với dự kiến chi được thông báo.",
        ["Mã", "Tên cơ sở", "Dự kiến chi (đồng)", "Đã chi (đồng)", "% dự kiến chi",
         "Dự báo cả năm (đồng)", "% dự kiến chi (dự báo)", "Dự báo vượt dự kiến chi"],
        [[f.code, f.name, b.budget, b.spent, b.spent_percent, b.projected,
          b.projected_percent, "Có" if b.over_budget else ""] for f, b in per_facility],
        [10, 40, 18, 18, 11, 20, 12, 12],
    )  # fmt: skip
    return workbook


def _over(budget, projected) -> str:
    return "Có" if budget and projected > budget else ""
