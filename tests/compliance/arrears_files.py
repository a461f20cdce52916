"""Files shaped like the BHXH office's C12-TS export, for the arrears tests."""

import io

from openpyxl import Workbook

HEADER = ["STT", "Mã đơn vị", "Tên đơn vị", "Địa chỉ", "Mã số thuế", "Địa bàn",
          "Số phải đóng đầu kỳ", "Phải đóng trong kỳ", "Điều chỉnh", "Số đã đóng",
          "Số phải đóng cuối kỳ", "Tỷ lệ nợ", "Số lao động"]  # fmt: skip

# Monthly due 10.000.000: TA0001 owes 3 months, TA0002 nothing, TA0003 13 months (its file
# closing figure is 1.000 higher than the sum), TA0004 half a month.
UNITS = [
    ["TA0001", "Công ty TNHH Hòa Bình", "Phường Quyết Thắng, TP Kon Tum", "6100123456",
     "Thành phố Kon Tum", "20.000.000", "10.000.000", "0", "0", "30.000.000", "3", "25"],
    ["TA0002", "Công ty CP Xây dựng Sông Đà", "Thị trấn Đăk Hà", "6100234567",
     "Huyện Đăk Hà", "0", "10.000.000", "0", "10.000.000", "0", "0", "40"],
    ["TA0003", "Doanh nghiệp tư nhân Minh Phát", "Xã Hà Mòn, Đăk Hà", "",
     "Đắk Hà", "120.000.000", "10.000.000", "0", "0", "130.001.000", "13", "8"],
    ["TA0004", "Sở Y tế tỉnh Kon Tum", "Số 2 Trần Hưng Đạo", "6100345678",
     "Thành phố Kon Tum", "0", "10.000.000", "-500.000", "4.500.000", "5.000.000", "0,5", ""],
]  # fmt: skip


def xlsx(rows, *, header=None, title=True, merged=False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append(["BẢO HIỂM XÃ HỘI TỈNH KON TUM"])
        sheet.append(["TỔNG HỢP TÌNH HÌNH THU, NỢ (C12-TS) đến ngày 30/11/2026"])
    if merged:
        # Two header rows: "Số phải đóng" spans Đầu kỳ | Trong kỳ | Điều chỉnh, as exported.
        first = ["STT", "Mã đơn vị", "Tên đơn vị", "Địa chỉ", "Mã số thuế", "Địa bàn",
                 "Số phải đóng", None, None, "Số đã đóng", "Số phải đóng cuối kỳ",
                 "Tỷ lệ nợ", "Số lao động"]  # fmt: skip
        second = [None] * 6 + ["Đầu kỳ", "Trong kỳ", "Điều chỉnh"] + [None] * 4
        top = sheet.max_row + 1
        sheet.append(first)
        sheet.append(second)
        sheet.merge_cells(start_row=top, start_column=7, end_row=top, end_column=9)
        for column in [1, 2, 3, 4, 5, 6, 10, 11, 12, 13]:
            sheet.merge_cells(start_row=top, start_column=column, end_row=top + 1,
                              end_column=column)  # fmt: skip
    else:
        sheet.append(header or HEADER)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, *, header=None) -> bytes:
    lines = [";".join(header or HEADER)]
    lines += [";".join([str(n), *row]) for n, row in enumerate(rows, start=1)]
    return ("\n".join(lines) + "\n").encode("utf-8")
