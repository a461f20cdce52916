"""The no-arrears rule of a commendation round, read from the BHXH office's statement."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from ansinh.compliance.models import Employer
from ansinh.compliance.services_arrears import arrears_import
from ansinh.org.models import AdminUnit
from ansinh.rewards import services
from ansinh.rewards.arrears import arrears_of
from tests.compliance.arrears_files import UNITS, xlsx
from tests.conftest import login
from tests.rewards.conftest import DURING, agency, district, propose


@pytest.fixture
def arrears_round(kt_round):
    """The Kon Tum 2024 round judging arrears only, and the statement at 30/11/2024: Sở Y tế
    (TA0004) owes half a month, Đăk Hà's Minh Phát (TA0003) 13 months, Hòa Bình (TA0001) in
    the city 3 months."""
    kt_round.rules = {"no_arrears": True}
    kt_round.save()
    arrears_import(
        province=AdminUnit.objects.get(code="62", edition="2024"), as_of=dt.date(2024, 11, 30),
        filename="c12.xlsx", content=xlsx(UNITS), user=None,
    )  # fmt: skip
    return kt_round


def checks_of(html: str) -> str:
    return re.sub(r"\s+", " ", html.split('id="checks-title"')[1].split("</section>")[0])


@time_machine.travel(DURING)
def test_a_locality_with_a_late_employer_fails_and_needs_a_justification(
    client, arrears_round, soyte
):
    proposal = propose(arrears_round, locality="615")
    with pytest.raises(ValidationError, match="Không có đơn vị sử dụng lao động chậm đóng"):
        services.proposal_transition(proposal=proposal, action="submit", user=None)
    login(client, "kontum.soyte")  # the proposing agency sees its draft's checks
    html = checks_of(
        client.get(reverse("rewards:proposal_detail", args=[proposal.pk])).content.decode()
    )
    assert ">Không đạt<" in html
    assert "tại 30/11/2024: 1 đơn vị chậm đóng từ 3 tháng trở lên" in html
    assert "Doanh nghiệp tư nhân Minh Phát (13,0 tháng, 130.001.000 đồng)" in html

    proposal.justification = "Đơn vị đã cam kết trả nợ trong quý I/2025."
    proposal.save()
    services.proposal_transition(proposal=proposal, action="submit", user=None)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"


@time_machine.travel(DURING)
def test_an_agency_paying_on_time_passes(arrears_round):
    proposal = propose(arrears_round, unit="so-y-te")  # found by its name, owes half a month
    services.proposal_transition(proposal=proposal, action="submit", user=None)
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    fact = arrears_of(agency=agency("62", "so-y-te"), year=2024)
    assert not fact.has_arrears and "không có đơn vị chậm đóng từ 3 tháng trở lên" in fact.detail


def test_a_linked_agency_is_judged_on_its_employer(arrears_round):
    tttt = agency("62", "so-tttt")
    assert arrears_of(agency=tttt, year=2024) is None  # in no line: not checkable
    Employer.objects.filter(insurer_code="TA0001").update(agency=tttt)
    fact = arrears_of(agency=tttt, year=2024)
    assert fact.has_arrears and "Công ty TNHH Hòa Bình (3,0 tháng, 30.000.000 đồng)" in fact.detail


def test_no_statement_in_the_year_is_not_checkable(arrears_round):
    assert arrears_of(unit=district("615"), year=2023) is None
    assert arrears_of(unit=district("615"), year=2024).has_arrears
    assert not arrears_of(unit=district("610"), year=2025)  # None: no statement in 2025
