"""Partner lists as the partners' own systems export them, for the registry and employer tests."""

import io

from openpyxl import Workbook

HEADER = ["STT", "Mã số thuế", "Tên doanh nghiệp", "Địa chỉ trụ sở", "Huyện", "Tình trạng",
          "Ngày thay đổi", "Số lao động"]  # fmt: skip
ROWS = [
    [1, "6100123456", "Công ty TNHH Hòa Bình", "12 Trần Hưng Đạo", "Thành phố Kon Tum",
     "Đang hoạt động", "15/01/2024", 25],
    [2, "6100234567", "Công ty CP Đăk Hà Xanh", "Thôn 3", "Đăk Hà", "Thành lập mới",
     "02/02/2024", 8],
    [3, "6100345678-001", "Chi nhánh Công ty CP Sa Thầy", "Xã Sa Bình", "Huyện Sa Thầy",
     "Tạm ngừng kinh doanh", "10/03/2024", ""],
    [4, "6100456789", "Công ty TNHH MTV Ngọc Hồi", "Plei Kần", "615", "Giải thể",
     "20/03/2024", 0],
]  # fmt: skip


def xlsx(rows, header=HEADER, title=True) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append(["DANH SÁCH DOANH NGHIỆP QUÝ I NĂM 2024"])
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
