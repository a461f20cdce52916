"""Fixtures of the rewards tests: the Kon Tum 2024 round opened from data/rewards/kon-tum.yaml
at the start of December, and an officer of Sở Y tế (a proposing agency)."""

import datetime as dt

import pytest

from ansinh.accounts.enums import UserRole
from ansinh.accounts.models import User
from ansinh.org.models import AdminUnit, Agency, Committee
from ansinh.rewards import services
from ansinh.rewards.enums import NomineeKind
from ansinh.rewards.models import Proposal

OPENED = dt.date(2024, 12, 2)
DURING = dt.datetime(2024, 12, 10, 9, 0)
CLOSES = dt.date(2025, 1, 15)
AFTER_CLOSE = dt.datetime(2025, 1, 20, 9, 0)


def committee(code: str) -> Committee:
    return Committee.objects.get(province__code=code, province__edition="2024")


def agency(code: str, key: str) -> Agency:
    return Agency.objects.get(province__code=code, province__edition="2024", key=key)


def district(code: str) -> AdminUnit:
    return AdminUnit.objects.get(edition="2024", parent__code="62", code=code)


def open_round(code: str = "62", year: int = 2024):
    return services.round_open(
        committee=committee(code),
        year=year,
        title=f"Xét khen thưởng năm {year}",
        closes_on=CLOSES,
        user=None,
        today=OPENED,
    )


def propose(review_round, *, proposer="so-y-te", level=None, justification="", **nominee):
    """A draft proposal saved through the service; `nominee` is unit=key, locality=code or
    person=name."""
    proposal = Proposal(
        round=review_round,
        proposer=agency(review_round.committee.province.code, proposer),
        level=level or review_round.levels.first(),
        achievement="Hoàn thành xuất sắc nhiệm vụ năm.",
        justification=justification,
    )
    if "unit" in nominee:
        proposal.nominee_kind = NomineeKind.UNIT
        proposal.nominee_agency = agency(review_round.committee.province.code, nominee["unit"])
    elif "locality" in nominee:
        proposal.nominee_kind = NomineeKind.LOCALITY
        proposal.nominee_unit = district(nominee["locality"])
    else:
        proposal.nominee_kind = NomineeKind.INDIVIDUAL
        proposal.person_name = nominee["person"]
        proposal.workplace = "Sở Y tế"
    return services.proposal_save(proposal=proposal, user=None, today=OPENED)


@pytest.fixture
def kt_round(seed):
    return open_round()


@pytest.fixture
def soyte(seed):
    """An officer of Sở Y tế Kon Tum, one of the agencies the Kon Tum file names as proposers
    (the demo user when the demo has one)."""
    user, _ = User.objects.get_or_create(
        username="kontum.soyte",
        defaults={
            "full_name": "Cán bộ Sở Y tế Kon Tum",
            "role": UserRole.AGENCY_OFFICER,
            "agency": agency("62", "so-y-te"),
        },
    )
    assert user.agency.key == "so-y-te" and user.role == UserRole.AGENCY_OFFICER
    return user
