"""A filled-in context of the consolidated report's shape (see `consolidated_context`), used to
try an uploaded Word template before it replaces the one in use."""


def sample_context() -> dict:
    report = {
        "co_quan": "Sở Y tế tỉnh Mẫu",
        "ten_ngan": "Sở Y tế",
        "ngay_gui": "03/04/2025",
        "gui_muon": False,
        "trang_thai": "Đã tiếp nhận",
        "ket_qua": "Đã triển khai kế hoạch.\aĐã kiểm tra 12 cơ sở khám, chữa bệnh.",
        "kho_khan": "Thiếu kinh phí tuyên truyền.",
        "kien_nghi": "Đề nghị bổ sung kinh phí.",
        "nhiem_vu": [
            {
                "so": "1",
                "noi_dung": "Tuyên truyền chính sách BHYT",
                "vai_tro": "Chủ trì",
                "ket_qua": "Đăng 12 tin bài.",
            }
        ],
    }
    late = {**report, "co_quan": "UBND huyện Mẫu", "ten_ngan": "UBND huyện Mẫu", "gui_muon": True}
    pending = {**report, "co_quan": "Sở Tài chính tỉnh Mẫu", "trang_thai": "Đã gửi"}
    task = {
        "so": "1",
        "nhom": "Công tác tuyên truyền",
        "noi_dung": "Tuyên truyền chính sách BHYT",
        "chu_tri": "Sở Y tế",
        "phoi_hop": "UBND các huyện",
        "thoi_gian": "Thường xuyên",
        "han": "",
        "trang_thai": "Quá hạn chưa hoàn thành",
        "ghi_chu": "chưa báo cáo Quý 1/2025",
        "qua_han": True,
        "ket_qua": "Sở Y tế tỉnh Mẫu: Đăng 12 tin bài.",
    }
    indicator = {
        "ten": "Tỷ lệ bao phủ BHYT so với dân số",
        "ten_ngan": "BHYT",
        "ty_le": "92,77 %",
        "chi_tieu": "94,15 %",
        "dat": "98,5 %",
        "tien_do": "đạt 98,5 % chỉ tiêu",
        "ky_vong": "93,20 %",
        "danh_gia": "Chậm tiến độ (dưới 1 điểm %)",
        "cham": True,
    }
    return {
        "co_quan_cap_tren": "BẢO HIỂM XÃ HỘI VIỆT NAM",
        "co_quan": "BẢO HIỂM XÃ HỘI TỈNH MẪU",
        "ten_co_quan": "Bảo hiểm xã hội tỉnh Mẫu",
        "so_ky_hieu": "      /BC-BHXH",
        "dia_danh": "Mẫu",
        "ngay_thang_nam": "ngày 08 tháng 04 năm 2025",
        "thoi_diem_tao": "09:00 08/04/2025",
        "trich_yeu": "Tổng hợp kết quả thực hiện chính sách BHXH, BHYT, BHTN quý 1/2025",
        "ban_chi_dao": "Ban Chỉ đạo thực hiện chính sách BHXH, BHYT tỉnh Mẫu",
        "che_do": "Chế độ báo cáo theo Quy chế hoạt động của Ban Chỉ đạo",
        "can_cu": "Quy chế hoạt động của Ban Chỉ đạo, Điều 12",
        "loai_bao_cao": "Báo cáo quý",
        "ky": "Quý 1/2025",
        "ky_viet_thuong": "quý 1/2025",
        "ngay_chot_so_lieu": "31/03/2025",
        "han_gui": "hạn gửi: trước ngày 05/04/2025 (chậm nhất ngày 04/04/2025)",
        "han_bao_cao_tong_hop": "hạn gửi: trước ngày 10/04/2025 (chậm nhất ngày 09/04/2025)",
        "so_phai_bao_cao": 4,
        "so_da_tiep_nhan": 2,
        "so_gui_muon": 1,
        "so_chua_tiep_nhan": 1,
        "so_chua_gui": 1,
        "bao_cao": [report, late],
        "chua_tiep_nhan": [pending],
        "chua_gui": [{"co_quan": "Sở Nội vụ tỉnh Mẫu"}],
        "chua_gui_ten": "Sở Nội vụ tỉnh Mẫu",
        "kho_khan": [{"co_quan": report["co_quan"], "noi_dung": report["kho_khan"]}],
        "kien_nghi": [{"co_quan": report["co_quan"], "noi_dung": report["kien_nghi"]}],
        "nhiem_vu": {
            "co_ke_hoach": True,
            "ke_hoach": "Kế hoạch số 01/KH-BCĐ thực hiện chính sách BHXH, BHYT năm 2025",
            "ngay": "31/03/2025",
            "tong": 1,
            "tom_tat": "quá hạn chưa hoàn thành: 1",
            "qua_han": [task],
            "danh_sach": [task],
        },
        "chi_tieu": {
            "ngay": "31/03/2025",
            "co_so_lieu": True,
            "minh_hoa": False,
            "quy_tac": "Tỷ lệ kỳ vọng = tỷ lệ cuối năm trước + (chỉ tiêu − tỷ lệ cuối năm trước) "
            "× phần năm đã qua.",
            "toan_tinh": [indicator],
            "dia_ban_cham": [{"ten": "Huyện Mẫu", "chi_tieu_cham": "BHYT"}],
        },
        "quy_kcb": {
            "co_du_toan": True,
            "co_so_lieu": True,
            "nam": 2025,
            "den_thang": "3/2025",
            "du_toan": "1.200.000.000.000",
            "da_chi": "290.000.000.000",
            "ty_le_chi": "24,17 %",
            "du_bao": "1.160.000.000.000",
            "ty_le_du_bao": "96,67 %",
            "vuot_du_toan": False,
            "so_co_so": 40,
            "so_co_so_vuot": 3,
            "canh_bao": "chờ giải trình: 2; đã có giải trình: 1",
            "minh_hoa": False,
            "thang": [
                {
                    "thang": "1",
                    "chi": "95.000.000.000",
                    "luy_ke": "95.000.000.000",
                    "ty_le": "7,92 %",
                }
            ],
        },
        "tham_quyen_ky": "GIÁM ĐỐC",
        "nguoi_ky": "Nguyễn Văn A",
        "noi_nhan": ["UBND tỉnh Mẫu (b/c);", "Lưu: VT."],
    }
