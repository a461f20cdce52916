"""The demo's synthetic province: one command fills every compliance page with data a new user can
explore, marked illustrative, and a second run adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from ansinh.compliance.models import (
    ArrearsStatement,
    Disclosure,
    Employer,
    InspectionCase,
    RegistrySnapshot,
)
from ansinh.org.models import AdminUnit
from tests.conftest import login


@pytest.fixture
def demo(seed):
    call_command("load_demo_reporting", stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_demo_compliance", "--employers", "300", stdout=out)
    return out.getvalue()


def test_demo_loads_a_province_marked_illustrative(demo):
    province = AdminUnit.objects.get(code="62", edition="2024")
    statement = ArrearsStatement.objects.get(province=province)
    assert statement.illustrative
    assert statement.row_count > 200
    assert statement.disagreeing_rows >= 2  # the file disagrees with its arithmetic somewhere
    employers = Employer.objects.filter(province=province)
    assert employers.count() > 200
    assert not employers.filter(illustrative=False).exists()
    assert employers.exclude(admin_unit=None).exists()
    snapshots = RegistrySnapshot.objects.filter(province=province)
    # Both partners' lists of the last two quarters the regime asks for.
    assert sorted((s.source, s.period_quarter) for s in snapshots) == [
        ("dang_ky_kd", 3), ("dang_ky_kd", 4), ("thue", 3), ("thue", 4)
    ]  # fmt: skip
    assert all(s.obligation_id for s in snapshots)  # counted as the partners' quarterly reports
    assert Disclosure.objects.get(province=province).entries.exists()
    assert InspectionCase.objects.filter(province=province).count() == 2


def test_demo_runs_again_without_duplicates(demo):
    counts = (Employer.objects.count(), RegistrySnapshot.objects.count())
    out = io.StringIO()
    call_command("load_demo_compliance", "--employers", "300", stdout=out)
    assert "bỏ qua" in out.getvalue()
    assert (Employer.objects.count(), RegistrySnapshot.objects.count()) == counts


def test_pages_show_the_demo_data(demo, client):
    login(client, "kontum.thuongtruc")
    employer = Employer.objects.filter(province__code="62").order_by("name").first()
    statement = ArrearsStatement.objects.get(province__code="62")
    snapshot = RegistrySnapshot.objects.filter(province__code="62").first()
    record = snapshot.records.order_by("row_number").first()
    pages = {
        reverse("compliance:employer_list"): employer.name,
        reverse("compliance:arrears_statement", args=[statement.pk]): f"{statement.as_of:%d/%m/%Y}",
        reverse("compliance:registry_snapshot", args=[snapshot.pk]): record.name,
        reverse("compliance:inspection_list"): "minh họa",
    }
    for url, text in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert text.lower() in response.content.decode().lower(), url
