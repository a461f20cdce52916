"""Rebuild the default Word template of the consolidated report (reporting/templates_docx/).

The layout comes from `documents.nd30` (Nghị định 30/2020); the text is docxtpl's Jinja, whose
variables `docs/report-template.md` lists. The header fields go in as markers and are swapped
for Jinja afterwards, because nd30 prints the issuing body in capitals and the date as digits.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from ansinh.documents.nd30 import OfficialDocument
from ansinh.reporting.docx_render import DEFAULT_TEMPLATE

MARKERS = {
    "@@CAP_TREN@@": "{{ co_quan_cap_tren }}",
    "@@CO_QUAN@@": "{{ co_quan }}",
    "@@SO@@": "{{ so_ky_hieu }}",
    "@@NOI@@": "{{ dia_danh }}",
    "ngày     tháng     năm     ": "{{ ngay_thang_nam }}",
    "@@KY@@": "{{ tham_quyen_ky }}",
    "@@TEN@@": "{{ nguoi_ky }}",
}


def build_template() -> OfficialDocument:
    doc = OfficialDocument(
        issuer_parent="@@CAP_TREN@@",
        issuer="@@CO_QUAN@@",
        number="@@SO@@",
        place="@@NOI@@",
        kind="BÁO CÁO",
        summary="{{ trich_yeu }}",
    )
    doc.paragraph(
        "Căn cứ {{ can_cu }}; {{ ten_co_quan }} (cơ quan thường trực Ban Chỉ đạo) tổng hợp báo "
        "cáo {{ ky_viet_thuong }} của các cơ quan, đơn vị như sau:",
        italic=True,
    )
    _sending(doc)
    doc.heading("II. KẾT QUẢ THỰC HIỆN")
    doc.heading("1. Kết quả chung theo báo cáo của các cơ quan, đơn vị")
    doc.paragraph("{%p for b in bao_cao %}")
    doc.paragraph("{{ b.co_quan }}{% if b.gui_muon %} (gửi muộn){% endif %}: {{ b.ket_qua }}")
    doc.paragraph("{%p endfor %}")
    doc.paragraph("{%p if not bao_cao %}")
    doc.paragraph("Chưa có báo cáo nào được tiếp nhận trong kỳ.", italic=True)
    doc.paragraph("{%p endif %}")
    _tasks(doc)
    _attainment(doc)
    _fund(doc)
    _inspections(doc)
    doc.heading("III. KHÓ KHĂN, VƯỚNG MẮC")
    _by_agency(doc, "kho_khan", "Các cơ quan, đơn vị không nêu khó khăn, vướng mắc.")
    doc.heading("IV. KIẾN NGHỊ, ĐỀ XUẤT")
    _by_agency(doc, "kien_nghi", "Các cơ quan, đơn vị không có kiến nghị.")
    doc.paragraph(
        "Trên đây là báo cáo tổng hợp kết quả {{ ky_viet_thuong }} của {{ ten_co_quan }}./."
    )
    doc.signature(authority="@@KY@@", name="@@TEN@@")
    doc.recipients(["{%p for n in noi_nhan %}", "{{ n }}", "{%p endfor %}"])
    _replace_markers(doc)
    return doc


def _sending(doc):
    doc.heading("I. TÌNH HÌNH GỬI BÁO CÁO")
    doc.paragraph(
        "Số cơ quan, đơn vị phải báo cáo: {{ so_phai_bao_cao }}; đã tiếp nhận: "
        "{{ so_da_tiep_nhan }} (trong đó gửi muộn: {{ so_gui_muon }}); đã gửi nhưng chưa "
        "tiếp nhận: {{ so_chua_tiep_nhan }}; chưa gửi: {{ so_chua_gui }}. Số liệu chốt đến "
        "ngày {{ ngay_chot_so_lieu }}; {{ han_gui }}."
    )
    doc.paragraph("{%p if chua_gui %}")
    doc.paragraph("Các cơ quan, đơn vị chưa gửi báo cáo: {{ chua_gui_ten }}.")
    doc.paragraph("{%p endif %}")
    doc.paragraph("{%p if chua_tiep_nhan %}")
    doc.paragraph("Báo cáo đã gửi nhưng chưa được tiếp nhận:")
    doc.paragraph("{%p for b in chua_tiep_nhan %}")
    doc.paragraph("- {{ b.co_quan }} ({{ b.trang_thai|lower }}, gửi ngày {{ b.ngay_gui }}).")
    doc.paragraph("{%p endfor %}")
    doc.paragraph("{%p endif %}")


def _tasks(doc):
    doc.paragraph("{%p if nhiem_vu.co_ke_hoach %}")
    doc.heading("2. Tình hình thực hiện nhiệm vụ theo Kế hoạch")
    doc.paragraph(
        "{{ nhiem_vu.ke_hoach }} có {{ nhiem_vu.tong }} nhiệm vụ; tính đến ngày "
        "{{ nhiem_vu.ngay }}: {{ nhiem_vu.tom_tat }}."
    )
    doc.paragraph("{%p if nhiem_vu.qua_han %}")
    doc.paragraph("Các nhiệm vụ quá hạn chưa hoàn thành:")
    doc.paragraph("{%p for t in nhiem_vu.qua_han %}")
    doc.paragraph(
        "- Nhiệm vụ {{ t.so }}: {{ t.noi_dung }} (chủ trì: {{ t.chu_tri }}; {{ t.ghi_chu }})."
    )
    doc.paragraph("{%p endfor %}")
    doc.paragraph("{%p endif %}")
    doc.paragraph("Kết quả từng nhiệm vụ theo báo cáo đã tiếp nhận:")
    doc.table(
        ["STT", "Nhiệm vụ", "Chủ trì", "Trạng thái", "Kết quả theo báo cáo"],
        [
            ["{%tr for t in nhiem_vu.danh_sach %}", "", "", "", ""],
            [
                "{{ t.so }}",
                "{{ t.noi_dung }}",
                "{{ t.chu_tri }}",
                "{{ t.trang_thai }}",
                "{{ t.ket_qua }}",
            ],
            ["{%tr endfor %}", "", "", "", ""],
        ],
        widths_cm=[1.1, 5.4, 2.8, 2.6, 4.6],
        size=11,
    )
    doc.paragraph("{%p endif %}")


def _attainment(doc):
    doc.heading(
        "{% if nhiem_vu.co_ke_hoach %}3{% else %}2{% endif %}. Kết quả thực hiện các chỉ tiêu "
        "(đến ngày {{ chi_tieu.ngay }})"
    )
    doc.paragraph("{%p if chi_tieu.co_so_lieu %}")
    doc.table(
        ["Chỉ tiêu", "Thực hiện", "Chỉ tiêu, kế hoạch giao", "Mức đạt", "Đánh giá"],
        [
            ["{%tr for c in chi_tieu.toan_tinh %}", "", "", "", ""],
            [
                "{{ c.ten }}",
                "{{ c.ty_le }}",
                "{{ c.chi_tieu }}",
                "{{ c.tien_do }}",
                "{{ c.danh_gia }}",
            ],
            ["{%tr endfor %}", "", "", "", ""],
        ],
        widths_cm=[6.0, 2.4, 2.4, 2.2, 3.5],
        size=11,
    )
    doc.paragraph("{{ chi_tieu.quy_tac }}", italic=True)
    doc.paragraph("{%p if chi_tieu.minh_hoa %}")
    doc.paragraph("Lưu ý: số liệu dùng để tính là số liệu minh họa, chưa phải số liệu thật.")
    doc.paragraph("{%p endif %}")
    doc.paragraph("{%p if chi_tieu.dia_ban_cham %}")
    doc.paragraph("Các địa bàn chậm tiến độ:")
    doc.paragraph("{%p for d in chi_tieu.dia_ban_cham %}")
    doc.paragraph("- {{ d.ten }}: {{ d.chi_tieu_cham }}.")
    doc.paragraph("{%p endfor %}")
    doc.paragraph("{%p endif %}")
    doc.paragraph("{%p else %}")
    doc.paragraph("Chưa có số liệu để đánh giá các chỉ tiêu đến ngày {{ chi_tieu.ngay }}.")
    doc.paragraph("{%p endif %}")


def _fund(doc):
    """Left out when the province has no health-insurance budget for the year."""
    doc.paragraph("{%p if quy_kcb.co_du_toan %}")
    doc.heading(
        "{% if nhiem_vu.co_ke_hoach %}4{% else %}3{% endif %}. Chi khám, chữa bệnh BHYT năm "
        "{{ quy_kcb.nam }}"
    )
    doc.paragraph("{%p if quy_kcb.co_so_lieu %}")
    doc.paragraph(
        "Chi KCB BHYT đến hết tháng {{ quy_kcb.den_thang }}: đã chi {{ quy_kcb.da_chi }} đồng, "
        "đạt {{ quy_kcb.ty_le_chi }} dự toán ({{ quy_kcb.du_toan }} đồng); dự báo cả năm "
        "{{ quy_kcb.du_bao }} đồng, bằng {{ quy_kcb.ty_le_du_bao }} dự toán"
        "{% if quy_kcb.vuot_du_toan %}, vượt dự toán được giao{% endif %}; "
        "{{ quy_kcb.so_co_so_vuot }} cơ sở có chỉ số chi phí cao hơn bình quân nhóm (trong "
        "{{ quy_kcb.so_co_so }} cơ sở KCB BHYT)."
    )
    doc.paragraph("{%p if quy_kcb.canh_bao %}")
    doc.paragraph("Cảnh báo đã gửi các cơ sở: {{ quy_kcb.canh_bao }}.")
    doc.paragraph("{%p endif %}")
    doc.table(
        ["Tháng", "Chi trong tháng (đồng)", "Lũy kế (đồng)", "Tỷ lệ so với dự toán"],
        [
            ["{%tr for m in quy_kcb.thang %}", "", "", ""],
            ["{{ m.thang }}", "{{ m.chi }}", "{{ m.luy_ke }}", "{{ m.ty_le }}"],
            ["{%tr endfor %}", "", "", ""],
        ],
        widths_cm=[2.0, 5.0, 5.0, 4.5],
        size=11,
    )
    doc.paragraph("Dự báo cả năm = lũy kế đã chi × 12 / số tháng đã có số liệu.", italic=True)
    doc.paragraph("{%p if quy_kcb.minh_hoa %}")
    doc.paragraph("Lưu ý: số liệu chi KCB BHYT là số liệu minh họa, chưa phải số liệu thật.")
    doc.paragraph("{%p endif %}")
    doc.paragraph("{%p else %}")
    doc.paragraph(
        "Dự toán chi KCB BHYT năm {{ quy_kcb.nam }}: {{ quy_kcb.du_toan }} đồng; chưa có số "
        "liệu chi đến ngày {{ chi_tieu.ngay }}."
    )
    doc.paragraph("{%p endif %}")
    doc.paragraph("{%p endif %}")


def _inspections(doc):
    """Left out when no inspection of employers was under way in the period."""
    doc.paragraph("{%p if thanh_tra.co_so_lieu %}")
    doc.heading(
        "{{ 3 + (1 if nhiem_vu.co_ke_hoach else 0) + (1 if quy_kcb.co_du_toan else 0) }}. "
        "Thanh tra, kiểm tra việc đóng BHXH, BHYT, BHTN"
    )
    doc.paragraph(
        "Từ ngày {{ thanh_tra.tu_ngay }} đến ngày {{ thanh_tra.den_ngay }}: bắt đầu "
        "{{ thanh_tra.so_dot_bat_dau }} đợt thanh tra, kiểm tra, kết luận "
        "{{ thanh_tra.so_dot_ket_luan }} đợt; {{ thanh_tra.so_don_vi }} đơn vị sử dụng lao động "
        "được thanh tra, kiểm tra; xử phạt vi phạm hành chính {{ thanh_tra.tien_phat }} đồng; "
        "thu hồi {{ thanh_tra.tien_thu_hoi }} đồng; chuyển cơ quan công an "
        "{{ thanh_tra.so_chuyen_cong_an }} hồ sơ (Bộ luật Hình sự Điều 214, 216)."
    )
    doc.paragraph("{%p endif %}")


def _by_agency(doc, name: str, empty: str):
    doc.paragraph(f"{{%p for k in {name} %}}")
    doc.paragraph("- {{ k.co_quan }}: {{ k.noi_dung }}")
    doc.paragraph("{%p endfor %}")
    doc.paragraph(f"{{%p if not {name} %}}")
    doc.paragraph(empty, italic=True)
    doc.paragraph("{%p endif %}")


def _replace_markers(doc: OfficialDocument) -> None:
    """Swap the header and signature markers (each in a run of its own) for Jinja."""
    for table in doc.doc.tables:
        for cell in table._cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    for marker, jinja in MARKERS.items():
                        if marker in run.text:
                            run.text = run.text.replace(marker, jinja)


class Command(BaseCommand):
    help = "Dựng lại mẫu Word mặc định của báo cáo tổng hợp (Nghị định 30/2020, docxtpl)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=DEFAULT_TEMPLATE)

    def handle(self, *args, output: Path, **options):
        output.parent.mkdir(parents=True, exist_ok=True)
        build_template().save(str(output))
        self.stdout.write(f"Đã ghi mẫu báo cáo tổng hợp: {output}")
