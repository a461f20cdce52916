"""A reconciliation run over the database: pairs written, records linked, employers updated,
decisions remembered, progress reported, failures stored; the page and the console command."""

import datetime as dt
import io
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from ansinh.compliance.enums import (
    FindingKind,
    MatchStatus,
    RegistryStatus,
    RunStatus,
    Source,
)
from ansinh.compliance.models import (
    Employer,
    Finding,
    MatchCandidate,
    MatchDecision,
    RegistryRecord,
    RegistrySnapshot,
)
from ansinh.compliance.services_reconcile import reconciliation_run, record_key
from ansinh.org.models import AdminUnit, Agency
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def kontum(seed):
    return AdminUnit.objects.get(code="62", edition="2024")


@pytest.fixture
def city():
    return AdminUnit.objects.get(code="608", edition="2024")


@pytest.fixture
def dakha():
    return AdminUnit.objects.get(code="613", edition="2024")


def employer(kontum, unit, tax, insurer, name, **kw):
    return Employer.objects.create(
        province=kontum, tax_code=tax, insurer_code=insurer, name=name, admin_unit=unit, **kw
    )


def snapshot(kontum, source, rows, *, key="so-khdt", quarter=1):
    snap = RegistrySnapshot.objects.create(
        province=kontum, source=source, agency=Agency.objects.get(province=kontum, key=key),
        period_year=2024, period_quarter=quarter, as_of=dt.date(2024, 3 * quarter, 28),
        row_count=len(rows),
    )  # fmt: skip
    for number, (tax, name, unit, status, *rest) in enumerate(rows, start=1):
        RegistryRecord.objects.create(
            snapshot=snap, row_number=number, tax_code=tax, name=name, admin_unit=unit,
            status=status, employees=rest[0] if rest else None,
        )  # fmt: skip
    return snap


@pytest.fixture
def world(kontum, city, dakha):
    employers = {
        "hoa_binh": employer(kontum, city, "6100123456", "TA0001", "Công ty TNHH Hòa Bình",
                             insured_headcount=10),
        "sao_mai": employer(kontum, city, "6100234567", "TA0002", "Công ty cổ phần Sao Mai"),
        "ngoc_linh": employer(kontum, dakha, "", "TA0003", "Hợp tác xã Nông nghiệp Ngọc Linh"),
        "tay_nguyen": employer(kontum, city, "", "TA0004", "Công ty TNHH Tây Nguyên Xanh"),
    }  # fmt: skip
    op, closed = RegistryStatus.ACTIVE, RegistryStatus.DISSOLVED
    snapshot(kontum, Source.BUSINESS_REGISTRY, [
        ("6100123456", "CONG TY TNHH HOA BINH", city, op),
        ("6100234567", "CTCP Sao Mai", city, closed),
        ("", "HTX Nông nghiệp Ngọc Linh", dakha, op),
        ("6100999888", "Công ty TNHH Minh Long", dakha, op),
        ("6100777666", "Công ty TNHH Tây Nguyên", city, op),
    ])  # fmt: skip
    snapshot(kontum, Source.TAX, [("6100123456", "Cty Hoa Binh", city, op, 30)],
             key="cuc-thue-tinh")  # fmt: skip
    return employers


def test_a_run_matches_links_and_finds(kontum, world):
    stages = []
    run = reconciliation_run(province=kontum, progress=lambda p, s: stages.append(p))
    assert run.status == RunStatus.DONE and run.progress == 100
    assert stages[-1] == 100 and stages == sorted(stages)
    by_name = {c.record.name: c for c in MatchCandidate.objects.filter(run=run)}
    assert by_name["CONG TY TNHH HOA BINH"].status == MatchStatus.AUTO
    assert by_name["HTX Nông nghiệp Ngọc Linh"].employer == world["ngoc_linh"]
    # a known tax code that differs from nothing insured, a similar name: for a person to look at
    assert by_name["Công ty TNHH Tây Nguyên"].status == MatchStatus.PENDING
    assert "Công ty TNHH Minh Long" not in by_name
    linked = RegistryRecord.objects.get(name="HTX Nông nghiệp Ngọc Linh")
    assert linked.employer == world["ngoc_linh"]
    hoa_binh = Employer.objects.get(pk=world["hoa_binh"].pk)
    assert hoa_binh.tax_headcount == 30 and hoa_binh.registry_status == RegistryStatus.ACTIVE
    kinds = {f.name: f.kind for f in Finding.objects.filter(province=kontum)}
    assert kinds["Công ty TNHH Minh Long"] == FindingKind.UNINSURED
    assert kinds["Công ty cổ phần Sao Mai"] == FindingKind.CLOSED_WITH_ACCOUNT
    assert kinds["Công ty TNHH Hòa Bình"] == FindingKind.HEADCOUNT_GAP
    assert run.counts["dong"] == 6 and run.counts["danh_sach"] == 2


def test_decisions_are_remembered_by_the_next_run(kontum, world):
    run = reconciliation_run(province=kontum)
    pending = MatchCandidate.objects.get(run=run, status=MatchStatus.PENDING)
    MatchDecision.objects.create(
        province=kontum, record_key=record_key(pending.record), employer=pending.employer,
        accepted=False,
    )  # fmt: skip
    again = reconciliation_run(province=kontum)
    assert not MatchCandidate.objects.filter(run=again, record=pending.record).exists()
    MatchDecision.objects.all().delete()
    ngoc_linh = RegistryRecord.objects.get(name="HTX Nông nghiệp Ngọc Linh")
    MatchDecision.objects.create(
        province=kontum, record_key=record_key(ngoc_linh), employer=world["tay_nguyen"],
        accepted=True,
    )  # fmt: skip
    third = reconciliation_run(province=kontum)
    chosen = MatchCandidate.objects.get(run=third, record=ngoc_linh)
    assert chosen.employer == world["tay_nguyen"] and chosen.status == MatchStatus.CONFIRMED


def test_handled_findings_stay_and_open_ones_are_replaced(kontum, world):
    reconciliation_run(province=kontum)
    minh_long = Finding.objects.get(name="Công ty TNHH Minh Long")
    minh_long.status, minh_long.note = "dang_xu_ly", "Đã gửi văn bản đôn đốc."
    minh_long.save()
    reconciliation_run(province=kontum)
    assert Finding.objects.filter(name="Công ty TNHH Minh Long").count() == 1
    assert Finding.objects.get(name="Công ty TNHH Minh Long").pk == minh_long.pk
    assert Finding.objects.filter(kind=FindingKind.CLOSED_WITH_ACCOUNT).count() == 1


def test_a_failure_is_stored_on_the_run(kontum, world):
    with (
        mock.patch("ansinh.compliance.matching.reconcile", side_effect=RuntimeError("hỏng")),
        pytest.raises(RuntimeError),
    ):
        reconciliation_run(province=kontum)
    from ansinh.compliance.models import Reconciliation

    run = Reconciliation.objects.get()
    assert run.status == RunStatus.FAILED and "hỏng" in run.error


def test_the_standing_agency_starts_a_run_and_watches_it(client, kontum, world):
    login(client, "kontum.thuongtruc")
    response = client.post(reverse("compliance:reconcile_start"), {"tinh": kontum.pk})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Đã xong" in page and "progress-bar" in page
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "Đã xong" in fragment and "<html" not in fragment


def test_a_leader_cannot_start_a_run(client, kontum, world):
    login(client, "kontum.lanhdao")
    response = client.post(reverse("compliance:reconcile_start"), {"tinh": kontum.pk})
    assert response.status_code == 403


def test_the_console_command_prints_progress(kontum, world):
    out = io.StringIO()
    call_command("reconcile", province="62", stdout=out)
    text = out.getvalue()
    assert "100%" in text and "Đã xong" in text
    assert get_user_model().objects.exists()
