from django.db import models


class Source(models.TextChoices):
    """Who said something about an employer (Quy chế Điều 7)."""

    BUSINESS_REGISTRY = "dang_ky_kd", "Sở KH&ĐT — đăng ký doanh nghiệp"
    TAX = "thue", "Cơ quan thuế"
    ZONE = "khu_kinh_te", "BQL khu kinh tế, khu công nghiệp"
    INSURER = "bhxh", "BHXH tỉnh — đơn vị tham gia"


class RegistryStatus(models.TextChoices):
    NEW = "moi", "Thành lập mới"
    ACTIVE = "hoat_dong", "Đang hoạt động"
    SUSPENDED = "tam_ngung", "Tạm ngừng kinh doanh"
    DISSOLVED = "giai_the", "Giải thể"
    BANKRUPT = "pha_san", "Phá sản"
    CEASED = "ngung_hd", "Ngừng hoạt động, chấm dứt mã số thuế"
    ABSENT = "khong_tai_dc", "Không hoạt động tại địa chỉ đăng ký"

    @classmethod
    def operating(cls) -> set[str]:
        return {cls.NEW, cls.ACTIVE}

    @classmethod
    def closed(cls) -> set[str]:
        return {cls.DISSOLVED, cls.BANKRUPT, cls.CEASED}


class ArrearsClass(models.TextChoices):
    """Months of contributions outstanding (the BHXH office's own grouping of arrears)."""

    NONE = "khong_no", "Không nợ"
    UNDER_3 = "duoi_3", "Dưới 3 tháng"
    FROM_3 = "3_6", "Từ 3 đến dưới 6 tháng"
    FROM_6 = "6_12", "Từ 6 đến dưới 12 tháng"
    OVER_12 = "tren_12", "Từ 12 tháng trở lên"


class MatchMethod(models.TextChoices):
    TAX_CODE = "mst", "Trùng mã số thuế"
    NAME_ADDRESS = "ten_dc", "Gần giống tên và địa chỉ"
    DECISION = "da_xet", "Đã xác nhận trước đây"


class MatchStatus(models.TextChoices):
    AUTO = "tu_dong", "Khớp tự động"
    PENDING = "cho_xet", "Chờ xem xét"
    CONFIRMED = "xac_nhan", "Đã xác nhận"
    REJECTED = "bac_bo", "Không phải một đơn vị"


class RunStatus(models.TextChoices):
    QUEUED = "cho_chay", "Đang chờ"
    RUNNING = "dang_chay", "Đang chạy"
    DONE = "xong", "Đã xong"
    FAILED = "loi", "Lỗi"


class FindingKind(models.TextChoices):
    UNINSURED = "chua_tham_gia", "Doanh nghiệp đang hoạt động chưa có mã đơn vị BHXH"
    CLOSED_WITH_ACCOUNT = "da_dong_cua", "Đã giải thể, phá sản, ngừng hoạt động nhưng còn mã BHXH"
    HEADCOUNT_GAP = "tron_dong", "Số lao động theo thuế cao hơn số tham gia (nghi trốn đóng)"
    LONG_ARREARS = "no_keo_dai", "Nợ kéo dài"


class FindingStatus(models.TextChoices):
    OPEN = "moi", "Mới phát hiện"
    FOLLOWING = "dang_xu_ly", "Đang đôn đốc, xử lý"
    RESOLVED = "da_xu_ly", "Đã xử lý"
    DISMISSED = "khong_vi_pham", "Không vi phạm"


class InspectionStatus(models.TextChoices):
    PLANNED = "ke_hoach", "Trong kế hoạch"
    IN_PROGRESS = "dang_tien_hanh", "Đang tiến hành"
    CONCLUDED = "ket_luan", "Đã kết luận"


class InspectionOutcome(models.TextChoices):
    PENDING = "chua_co", "Chưa có kết quả"
    NO_VIOLATION = "khong_vi_pham", "Không vi phạm"
    PAID = "da_nop", "Đơn vị đã nộp đủ"
    FINED = "xu_phat", "Xử phạt vi phạm hành chính"
    BANK_ENFORCEMENT = "cuong_che", "Cưỡng chế trích tiền từ tài khoản ngân hàng"
    POLICE_REFERRAL = "chuyen_cong_an", "Chuyển cơ quan công an (BLHS Điều 214, 216)"
