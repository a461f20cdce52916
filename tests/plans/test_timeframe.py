import datetime as dt

import pytest

from ansinh.plans.timeframe import parse_timeframe


@pytest.mark.parametrize(
    ("text", "recurring", "due"),
    [
        ("Thường xuyên", True, None),
        ("Thường\nxuyên", True, None),
        ("Quý 2/2024", False, dt.date(2024, 6, 30)),
        ("Quý II năm 2024", False, dt.date(2024, 6, 30)),
        ("Tháng 8/2024", False, dt.date(2024, 8, 31)),
        ("Trong tháng 10/2024", False, dt.date(2024, 10, 31)),
        ("Tháng 2", False, dt.date(2024, 2, 29)),
        ("6 tháng đầu năm 2024", False, dt.date(2024, 6, 30)),
        ("6 tháng cuối năm", False, dt.date(2024, 12, 31)),
        ("Năm 2024", False, dt.date(2024, 12, 31)),
        ("15/10/2024", False, dt.date(2024, 10, 15)),
        ("Trước ngày 20/7/2024", False, dt.date(2024, 7, 20)),
        ("Quý 2, Quý 3/2024", False, dt.date(2024, 9, 30)),
        ("", False, None),
        ("   ", False, None),
    ],
)
def test_timeframes_read_as_the_government_writes_them(text, recurring, due):
    parsed = parse_timeframe(text, year=2024)
    assert (parsed.recurring, parsed.due_date) == (recurring, due)


def test_blank_is_shown_as_no_due_date_never_guessed():
    assert parse_timeframe("").label == "Không xác định"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Khi có yêu cầu", "không hiểu thời gian"),
        ("31/02/2024", "không tồn tại"),
        ("Tháng 13/2024", "không tồn tại"),
    ],
)
def test_unreadable_timeframes_are_errors(text, message):
    with pytest.raises(ValueError, match=message):
        parse_timeframe(text, year=2024)


def test_a_period_without_year_needs_the_plan_year():
    with pytest.raises(ValueError, match="không ghi năm"):
        parse_timeframe("Quý 2")
