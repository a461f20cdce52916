from django.db import models


class MeasureKind(models.TextChoices):
    """What a measure counts; every measure is a count, never a rate."""

    PERSONS = "persons", "người"
    CARDS = "cards", "thẻ"
    DONG = "dong", "đồng"


class IndicatorKind(models.TextChoices):
    """What an indicator's target is: a rate (numerator / denominator, in percent), or a count
    or an amount of money reached over the year (one measure, no denominator)."""

    RATE = "rate", "Tỷ lệ (%)"
    COUNT = "count", "Số lượng"
    AMOUNT = "amount", "Số tiền (đồng)"


class Light(models.TextChoices):
    """Traffic light of one cell of the attainment table."""

    GREEN = "green", "Đúng tiến độ"
    YELLOW = "yellow", "Chậm tiến độ (dưới 1 điểm %)"
    RED = "red", "Chậm tiến độ"
    GREY = "grey", "Chưa đánh giá được"


class QualityRule(models.TextChoices):
    PART_ABOVE_WHOLE = "part_above_whole", "Số thành phần lớn hơn tổng"
    RATE_ABOVE_100 = "rate_above_100", "Tỷ lệ trên 100 %"
    MISSING_DENOMINATOR = "missing_denominator", "Thiếu mẫu số"
    JUMP = "jump", "Tăng, giảm đột biến so với kỳ trước"
