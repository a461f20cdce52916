"""Excel exports of org lists (openpyxl)."""

import datetime as dt

from openpyxl import Workbook

from ansinh.core.excel import write_table


def composition_workbook(*, committee, day: dt.date, groups) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thành phần"
    rows = []
    number = 0
    for group in groups:
        for membership in group.memberships:
            number += 1
            rows.append(
                [
                    number,
                    group.label,
                    membership.person_name,
                    membership.title,
                    membership.agency.name,
                    f"{membership.appointed_by.number} ({membership.start_date:%d/%m/%Y})",
                    membership.note,
                ]
            )
    write_table(
        sheet,
        f"THÀNH PHẦN {committee.name.upper()}",
        f"Tại ngày {day:%d/%m/%Y}. Cơ quan thường trực: {committee.standing_agency.name}",
        ["STT", "Vai trò", "Họ và tên", "Chức danh", "Cơ quan", "Theo quyết định", "Ghi chú"],
        rows,
        [6, 26, 22, 40, 45, 28, 40],
    )
    return workbook


def agencies_workbook(*, agencies) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cơ quan"
    rows = [
        [
            i,
            a.name,
            a.short_name,
            a.get_kind_display(),
            a.province.name,
            a.admin_unit.name if a.admin_unit else "",
            "; ".join(a.aliases or []),
            "Có" if a.is_active else "Không",
        ]
        for i, a in enumerate(agencies, start=1)
    ]
    write_table(
        sheet,
        "DANH SÁCH CƠ QUAN, ĐƠN VỊ",
        f"Xuất ngày {dt.date.today():%d/%m/%Y}",
        [
            "STT",
            "Tên cơ quan",
            "Tên viết tắt",
            "Loại",
            "Tỉnh",
            "Địa bàn",
            "Tên gọi khác",
            "Đang hoạt động",
        ],
        rows,
        [6, 50, 20, 30, 18, 24, 40, 12],
    )
    return workbook
