from django.db import models


class Tier(models.TextChoices):
    CENTRAL = "central", "Trung ương"
    PROVINCE = "province", "Tỉnh"
    DISTRICT = "district", "Huyện"
    COMMUNE = "commune", "Xã"


class Rank(models.TextChoices):
    SPECIAL = "special", "Hạng đặc biệt"
    I = "1", "Hạng I"  # noqa: E741
    II = "2", "Hạng II"
    III = "3", "Hạng III"
    IV = "4", "Hạng IV"
    UNRANKED = "none", "Chưa xếp hạng"


class Specialty(models.TextChoices):
    GENERAL = "general", "Đa khoa"
    SPECIALIST = "specialist", "Chuyên khoa"
    TRADITIONAL = "traditional", "Y học cổ truyền"
    HEALTH_STATION = "station", "Trạm y tế"


class Ownership(models.TextChoices):
    PUBLIC = "public", "Công lập"
    PRIVATE = "private", "Tư nhân"


class Scope(models.TextChoices):
    REGION = "region", "Vùng"
    COUNTRY = "country", "Toàn quốc"


class Span(models.TextChoices):
    MONTH = "month", "Trong tháng"
    YEAR_TO_DATE = "ytd", "Lũy kế từ đầu năm"


class WarningStatus(models.TextChoices):
    OPEN = "open", "Chờ giải trình"
    EXPLAINED = "explained", "Đã có giải trình"
    CLOSED = "closed", "Đã đóng"

    @classmethod
    def allowed_from(cls, target: str) -> list[str]:
        """Named transitions: an explanation is recorded on an open warning; a warning is closed
        once explained."""
        return {cls.EXPLAINED: [cls.OPEN, cls.EXPLAINED], cls.CLOSED: [cls.EXPLAINED]}[target]
