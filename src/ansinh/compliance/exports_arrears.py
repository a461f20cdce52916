"""A statement as an Excel workbook: the summary by class and by locality, then the lines (those
the page's filters chose), or one sheet per locality."""

from openpyxl import Workbook

from ansinh.compliance.enums import ArrearsClass
from ansinh.compliance.selectors_arrears import locality_of
from ansinh.core.excel import write_table
from ansinh.core.vnformat import format_date

LINE_HEADERS = ["Dòng", "Mã đơn vị", "Tên đơn vị", "Mã số thuế", "Địa chỉ", "Địa bàn",
                "Đầu kỳ (đồng)", "Phải đóng trong kỳ (đồng)", "Điều chỉnh (đồng)",
                "Đã đóng (đồng)", "Cuối kỳ theo tệp (đồng)", "Cuối kỳ tính lại (đồng)",
                "Lệch số dư", "Số tháng chậm đóng", "Nhóm nợ", "Lãi chậm đóng (đồng)"]  # fmt: skip
LINE_WIDTHS = [7, 12, 40, 14, 36, 20, 15, 15, 14, 15, 16, 16, 9, 10, 20, 15]


def _line_row(line) -> list:
    employer = line.employer
    return [
        line.row_number, employer.insurer_code, employer.name, employer.tax_code,
        employer.address, employer.admin_unit.name if employer.admin_unit else "",
        line.opening, line.due, line.adjustments, line.paid, line.closing,
        line.computed_closing, "Có" if line.disagrees else "", float(line.months_late),
        line.get_arrears_class_display(), line.interest,
    ]  # fmt: skip


def _subtitle(statement, rate) -> str:
    return (
        f"Số liệu tại ngày {format_date(statement.as_of)}. Lãi chậm đóng "
        f"{str(rate.daily_percent).replace('.', ',')}%/ngày — {rate.reference}"
    )


def statement_workbook(*, statement, summary, lines, rate, per_locality: bool) -> Workbook:
    workbook = Workbook()
    province = statement.province.name
    classes = list(ArrearsClass)
    write_table(
        workbook.active,
        f"Tổng hợp đơn vị chậm đóng – {province}",
        _subtitle(statement, rate),
        ["Địa bàn", "Số đơn vị", *[k.label for k in classes], "Tổng cuối kỳ (đồng)",
         "Số tiền nợ (đồng)", "Lãi chậm đóng (đồng)", "Dòng lệch số dư"],
        [*[[row.name, row.figures.units, *row.counts, row.figures.closing, row.figures.owed,
            row.figures.interest, row.figures.disagreeing] for row in summary.localities],
         ["Tổng cộng", summary.total.units, *summary.total_counts, summary.total.closing,
          summary.total.owed, summary.total.interest, summary.total.disagreeing]],
        [24, 10, *[12] * len(classes), 18, 18, 16, 10],
    )  # fmt: skip
    workbook.active.title = "Tổng hợp"
    if not per_locality:
        write_table(
            workbook.create_sheet("Các đơn vị"),
            f"Các đơn vị – {province}",
            _subtitle(statement, rate),
            LINE_HEADERS,
            (_line_row(line) for line in lines),
            LINE_WIDTHS,
        )
        return workbook
    groups: dict = {}
    for line in lines:
        unit = locality_of(line.employer.admin_unit)
        groups.setdefault(unit.name if unit else "Chưa rõ địa bàn", []).append(line)
    for name in sorted(groups):
        # Sheet titles: at most 31 characters and none of []:*?/\ (Excel's rule).
        title = "".join(c for c in name if c not in "[]:*?/\\")[:31]
        write_table(
            workbook.create_sheet(title),
            f"Các đơn vị – {name}",
            _subtitle(statement, rate),
            LINE_HEADERS,
            (_line_row(line) for line in groups[name]),
            LINE_WIDTHS,
        )
    return workbook
