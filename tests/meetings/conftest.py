"""Fixtures of the meetings tests: a Thanh Hóa meeting scheduled, with an agenda, through the
services as the standing agency would do it."""

import datetime as dt

import pytest
from django.utils import timezone

from ansinh.meetings import services
from ansinh.meetings.enums import MeetingKind
from ansinh.meetings.models import AgendaItem
from ansinh.org.models import Committee, Membership

TODAY = dt.datetime(2026, 3, 2, 9, 0)
MEETING_DAY = dt.date(2026, 3, 20)


def aware(day: dt.date, hour: int = 8) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def committee(code: str) -> Committee:
    return Committee.objects.get(province__code=code, province__edition="2024")


def seat(committee, agency_key: str, role: str | None = None) -> Membership:
    seats = Membership.objects.filter(committee=committee, agency__key=agency_key)
    return seats.filter(role=role).get() if role else seats.order_by("position").first()


def schedule(committee, *, day=MEETING_DAY, kind=MeetingKind.REGULAR, title="Họp sơ kết quý I"):
    """A draft meeting with one agenda item, created at the travelled-to moment."""
    meeting = services.meeting_create(
        committee=committee,
        kind=kind,
        title=title,
        starts_at=aware(day),
        place="Phòng họp số 1",
        chair=seat(committee, "ubnd-tinh", "chair"),
        user=None,
    )
    services.agenda_item_save(
        item=AgendaItem(
            meeting=meeting,
            title="Báo cáo kết quả quý I",
            minutes=30,
            presenter_agency=committee.standing_agency,
        ),
        user=None,
    )
    return meeting


@pytest.fixture
def thanh_hoa_committee(seed):
    return committee("38")
