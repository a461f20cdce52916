from django.db import models


class UserRole(models.TextChoices):
    STANDING_OFFICER = "standing_officer", "Cán bộ cơ quan thường trực"
    AGENCY_OFFICER = "agency_officer", "Cán bộ cơ quan, đơn vị"
    LEADER = "leader", "Lãnh đạo Ban Chỉ đạo"
    ADMIN = "admin", "Quản trị hệ thống"
