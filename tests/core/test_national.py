"""`ansinh generate_national` at a tiny scale: one 2025 province gets its committee, agencies,
users, plans, monthly counts per commune, a reporting regime with sent reports; its pages open
for its standing officer and an agency officer, who can send a report through the form."""

import datetime as dt
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from ansinh.org.models import Agency, Committee
from ansinh.reporting.models import Obligation, Submission
from ansinh.targets.models import MeasureValue
from tests.conftest import login

NOW = dt.datetime(2025, 11, 20, 9)


@pytest.fixture
def national(seed):
    out = io.StringIO()
    with time_machine.travel(NOW):
        call_command(
            "generate_national", provinces=1, years=2, scale=0.05, seed=7, users_per_agency=2,
            stdout=out,
        )  # fmt: skip
    committee = Committee.objects.get(key="bcd-tinh", province__edition="2025")
    return committee, out.getvalue()


def test_prints_counts_and_time(national):
    committee, output = national
    assert "người dùng:" in output
    assert re.search(r"Đã ghi [\d.]+ bản ghi trong [\d,]+ giây", output)
    assert committee.standing_agency.name == "Bảo hiểm xã hội tỉnh Thanh Hóa"


def test_generates_every_kind_of_record(national):
    committee, _ = national
    province = committee.province
    agencies = Agency.objects.filter(province=province)
    assert agencies.count() == 6
    assert agencies.filter(kind="commune_people_committee", admin_unit__parent=province).exists()
    assert committee.plans.count() == 2
    assert all(plan.tasks.count() == 4 for plan in committee.plans.all())
    values = MeasureValue.objects.filter(admin_unit__parent=province)
    communes = values.values("admin_unit").distinct().count()
    assert communes == round(province.children.count() * 0.05)
    # Every commune: 9 measures × (12 months of 2024 + January–October 2025).
    assert values.count() == communes * 9 * 22
    obligations = Obligation.objects.filter(kind__regime__committee=committee)
    sent = Submission.objects.filter(obligation__in=obligations)
    assert 0 < sent.count() < obligations.filter(last_day__lt=NOW.date()).count() + 1


def test_running_again_leaves_the_province_alone(national):
    committee, _ = national
    out = io.StringIO()
    with time_machine.travel(NOW):
        call_command("generate_national", provinces=1, years=2, scale=0.05, stdout=out)
    assert "Bỏ qua 1 tỉnh" in out.getvalue()
    assert Agency.objects.filter(province=committee.province).count() == 6


def test_pages_of_the_generated_province_open(client, national):
    committee, _ = national
    code = committee.province.code
    regime = committee.regimes.get()
    with time_machine.travel(NOW):
        login(client, f"p{code}.bhxh.1")
        for url in (
            reverse("core:dashboard"),
            reverse("plans:my_tasks"),
            reverse("plans:plan_detail", args=[committee.plans.first().pk]),
            reverse("targets:attainment") + f"?tinh={committee.province.pk}",
            reverse("reporting:completeness", args=[regime.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 200, url
        page = client.get(reverse("targets:attainment") + f"?tinh={committee.province.pk}")
        assert "INVALID" not in page.content.decode()


def test_an_officer_sends_an_open_report_through_the_form(client, national):
    committee, _ = national
    officer = login(client, f"p{committee.province.code}.so-noi-vu.1")
    obligation = (
        Obligation.objects.filter(agency=officer.agency, submission__isnull=True)
        .order_by("due_date")
        .first()
    )
    with time_machine.travel(NOW):
        page = client.get(reverse("reporting:obligation_detail", args=[obligation.pk]))
        assert page.status_code == 200
        response = client.post(
            reverse("reporting:submission_save", args=[obligation.pk]),
            {"version": 1, "narrative": "Đã triển khai.", "gui": "1"},
        )
    assert response.status_code == 302
    assert Submission.objects.get(obligation=obligation).status == "submitted"
