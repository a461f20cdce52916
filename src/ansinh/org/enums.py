from django.db import models


class AdminLevel(models.TextChoices):
    PROVINCE = "province", "Tỉnh, thành phố"
    DISTRICT = "district", "Huyện, quận, thị xã, thành phố thuộc tỉnh"
    COMMUNE = "commune", "Xã, phường, thị trấn, đặc khu"


class AdminEdition(models.TextChoices):
    """The two structures of administrative units in force: before and after the 2025 reform."""

    Y2024 = "2024", "Trước sắp xếp 2025 (63 tỉnh, 3 cấp)"
    Y2025 = "2025", "Từ 01/7/2025 (34 tỉnh, 2 cấp)"


class AgencyKind(models.TextChoices):
    PROVINCIAL_PEOPLE_COMMITTEE = "provincial_people_committee", "UBND tỉnh"
    DISTRICT_PEOPLE_COMMITTEE = "district_people_committee", "UBND huyện, thị xã, thành phố"
    COMMUNE_PEOPLE_COMMITTEE = "commune_people_committee", "UBND xã, phường, thị trấn"
    DEPARTMENT = "department", "Sở, ban, ngành"
    SOCIAL_INSURANCE = "social_insurance", "Bảo hiểm xã hội"
    TAX = "tax", "Cơ quan thuế"
    POLICE = "police", "Công an"
    INSPECTORATE = "inspectorate", "Thanh tra"
    BANK = "bank", "Ngân hàng"
    PRESS = "press", "Báo chí, phát thanh, truyền hình"
    POST = "post", "Bưu điện"
    ECONOMIC_ZONE = "economic_zone", "Ban quản lý khu kinh tế, khu công nghiệp"
    PARTY_BODY = "party_body", "Cơ quan Đảng"
    MASS_ORGANISATION = "mass_organisation", "Mặt trận, đoàn thể, hội"
    OTHER = "other", "Khác"


class Role(models.TextChoices):
    """Roles in a committee, in the order the regulation lists them."""

    CHAIR = "chair", "Trưởng ban"
    STANDING_DEPUTY = "standing_deputy", "Phó Trưởng ban thường trực"
    DEPUTY = "deputy", "Phó Trưởng ban"
    MEMBER = "member", "Thành viên"
    INVITED_MEMBER = "invited_member", "Thành viên được mời"

    @classmethod
    def rank(cls, value: str) -> int:
        return list(cls.values).index(value)


class ClauseLevel(models.TextChoices):
    CHAPTER = "chapter", "Chương"
    ARTICLE = "article", "Điều"
    CLAUSE = "clause", "Khoản"
    POINT = "point", "Điểm"
