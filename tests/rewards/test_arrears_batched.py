"""The round page reads the arrears of all its nominees at once; what it shows for each must be
what the nominee's own page shows (the one-nominee reading, `arrears_of`)."""

import html
import re

import time_machine
from django.urls import reverse

from ansinh.org.models import AdminUnit
from ansinh.rewards.arrears import arrears_by_nominee, arrears_of, nominee_key
from ansinh.rewards.eligibility import RoundFacts
from ansinh.rewards.enums import Outcome
from tests.conftest import login
from tests.rewards.conftest import DURING, agency, district, open_round, propose
from tests.rewards.test_arrears_rule import arrears_round  # noqa: F401

RULE = "Không có đơn vị sử dụng lao động chậm đóng BHXH, BHYT, BHTN"


def shown_on_round_page(client, review_round) -> dict[int, tuple[str, str]]:
    """Proposal pk → (badge, its title) of the arrears rule, as the round page shows them."""
    page = client.get(reverse("rewards:round_detail", args=[review_round.pk])).content.decode()
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    shown = {}
    for row in rows:
        pk = int(re.search(r"/de-nghi-khen-thuong/(\d+)/", row)[1])
        title, badge = re.search(
            r'class="badge text-bg-\w+" title="([^"]*)">([^<]*)<', row
        ).groups()
        shown[pk] = (badge, html.unescape(title))
    return shown


def one_by_one(review_round, proposal) -> tuple[str, str]:
    """What the proposal's own page shows: its checks read without the page's batch."""
    facts = RoundFacts(review_round=review_round, today=DURING.date())
    (check,) = facts.checks(proposal)
    return check.outcome.label, f"{check.label}: {check.detail}"


@time_machine.travel(DURING)
def test_the_round_page_shows_each_nominee_what_its_own_reading_says(
    client,
    arrears_round,  # noqa: F811
    soyte,
):
    late_locality = propose(arrears_round, locality="615")  # Minh Phát owes 13 months
    city = AdminUnit.objects.get(edition="2024", parent__code="62", name__contains="Kon Tum")
    late_city = propose(arrears_round, locality=city.code)  # Hòa Bình owes 3 months
    on_time = propose(arrears_round, unit="so-y-te")  # owes half a month
    unknown = propose(arrears_round, unit="so-tttt")  # in no line of the statement
    person = propose(arrears_round, person="Phạm Văn Cường")
    login(client, "kontum.soyte")  # the proposer sees its drafts

    shown = shown_on_round_page(client, arrears_round)

    for proposal in (late_locality, late_city, on_time, unknown, person):
        assert shown[proposal.pk] == one_by_one(arrears_round, proposal), proposal.nominee_label
    badge, title = shown[late_locality.pk]
    assert badge == Outcome.FAIL.label
    assert "1 đơn vị chậm đóng từ 3 tháng trở lên — Doanh nghiệp tư nhân Minh Phát" in title
    badge, title = shown[late_city.pk]
    assert badge == Outcome.FAIL.label and "Công ty TNHH Hòa Bình (3,0 tháng" in title
    assert "Sở Y tế" not in title  # half a month late is not counted
    assert shown[on_time.pk][0] == Outcome.PASS.label
    assert shown[unknown.pk] == (
        Outcome.UNCHECKABLE.label,
        f"{RULE}: Chưa kiểm tra được — chưa có dữ liệu nợ đóng BHXH, BHYT, BHTN trên hệ thống.",
    )
    assert shown[person.pk][0] == Outcome.NOT_APPLICABLE.label


@time_machine.travel(DURING)
def test_a_year_without_a_statement_is_not_checkable_on_the_round_page(
    client,
    arrears_round,  # noqa: F811
    soyte,
):
    next_year = open_round(year=2025)
    next_year.rules = {"no_arrears": True}
    next_year.save()
    proposals = [propose(next_year, locality="615"), propose(next_year, unit="so-y-te")]
    login(client, "kontum.soyte")

    shown = shown_on_round_page(client, next_year)

    for proposal in proposals:
        assert shown[proposal.pk] == one_by_one(next_year, proposal)
        assert shown[proposal.pk][0] == Outcome.UNCHECKABLE.label


def test_one_reading_for_many_nominees_of_several_provinces_equals_each_read_alone(
    arrears_round,  # noqa: F811
):
    thanh_hoa_district = AdminUnit.objects.filter(edition="2024", parent__code="38").first()
    nominees = [
        (agency("62", "ubnd-615"), district("615")),  # a district committee: both readings
        (None, district("615")),
        (agency("62", "so-y-te"), None),
        (agency("62", "so-tttt"), None),
        (None, thanh_hoa_district),  # a province without any statement
    ]
    for year in (2024, 2025):
        together = arrears_by_nominee(nominees, year=year)
        for a, unit in nominees:
            assert together[nominee_key(a, unit)] == arrears_of(agency=a, unit=unit, year=year)
    together = arrears_by_nominee(nominees, year=2024)
    assert together[nominee_key(*nominees[0])].has_arrears
    assert together[nominee_key(*nominees[2])].has_arrears is False
    assert together[nominee_key(*nominees[3])] is None
    assert together[nominee_key(*nominees[4])] is None
    assert "tại 30/11/2024" in together[nominee_key(*nominees[1])].detail
