"""Findings and the review queue as people use them: counts by kind, evidence, a district that
sees only its own, status changes with a note, the Excel export per locality; pairs confirmed or
rejected and the decision undone."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.compliance.enums import FindingKind, FindingStatus, MatchStatus, RegistryStatus, Source
from ansinh.compliance.models import (
    ArrearsLine,
    ArrearsStatement,
    Finding,
    MatchCandidate,
    MatchDecision,
    RegistryRecord,
)
from ansinh.compliance.services_reconcile import reconciliation_run
from ansinh.org.models import AdminUnit
from tests.compliance.test_reconcile import employer, snapshot
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def kontum(seed):
    return AdminUnit.objects.get(code="62", edition="2024")


@pytest.fixture
def places(kontum):
    district = get_user_model().objects.get(username="kontum.dakha").agency.admin_unit
    other = AdminUnit.objects.filter(parent=kontum).exclude(pk=district.pk).order_by("code")[0]
    return district, other


@pytest.fixture
def run(kontum, places):
    home, other = places
    late = employer(kontum, other, "6100111222", "TB0001", "Công ty TNHH Nợ Lâu")
    employer(kontum, other, "6100234567", "TB0002", "Công ty cổ phần Sao Mai")
    employer(kontum, home, "", "TB0003", "Công ty TNHH Đăk Hà Xanh")
    op = RegistryStatus.ACTIVE
    snapshot(kontum, Source.BUSINESS_REGISTRY, [
        ("6100999888", "Công ty TNHH Minh Long", home, op),
        ("6100777666", "Công ty TNHH Ngọc Hồi", other, op),
        ("6100555444", "Công ty TNHH Đăk Hà Xanh Lá", home, op),
    ])  # fmt: skip
    statement = ArrearsStatement.objects.create(province=kontum, as_of=dt.date(2024, 6, 30))
    ArrearsLine.objects.create(
        statement=statement, employer=late, row_number=1, closing=120_000_000,
        months_late=Decimal("8"), arrears_class="6_12", interest=1_500_000,
    )  # fmt: skip
    return reconciliation_run(province=kontum)


def test_findings_by_kind_with_evidence(client, kontum, run):
    login(client, "kontum.thuongtruc")
    page = client.get(reverse("compliance:finding_list"), {"tinh": kontum.pk}).content.decode()
    assert "Công ty TNHH Minh Long" in page and "Công ty TNHH Ngọc Hồi" in page
    assert "chậm đóng 8 tháng" in page and "120.000.000 đồng" in page
    long = client.get(
        reverse("compliance:finding_list"), {"tinh": kontum.pk, "loai": FindingKind.LONG_ARREARS}
    ).content.decode()
    assert "Công ty TNHH Nợ Lâu" in long and "Công ty TNHH Minh Long" not in long


def test_a_district_sees_its_own_findings_only(client, kontum, run):
    login(client, "kontum.dakha")
    page = client.get(reverse("compliance:finding_list"), {"tinh": kontum.pk}).content.decode()
    assert "Công ty TNHH Minh Long" in page
    assert "Công ty TNHH Ngọc Hồi" not in page and "Công ty TNHH Nợ Lâu" not in page
    other = Finding.objects.get(name="Công ty TNHH Ngọc Hồi")
    assert client.get(reverse("compliance:finding_detail", args=[other.pk])).status_code == 403
    mine = Finding.objects.get(name="Công ty TNHH Minh Long")
    response = client.post(
        reverse("compliance:finding_status", args=[mine.pk]), {"status": "da_xu_ly"}
    )
    assert response.status_code == 403


def test_status_change_with_a_note_is_kept_and_tracked(client, kontum, run):
    login(client, "kontum.thuongtruc")
    finding = Finding.objects.get(name="Công ty TNHH Minh Long")
    client.post(
        reverse("compliance:finding_status", args=[finding.pk]),
        {"status": FindingStatus.FOLLOWING, "note": "Đã gửi công văn đôn đốc."},
    )
    finding.refresh_from_db()
    assert finding.status == FindingStatus.FOLLOWING and finding.handled_by is not None
    page = client.get(reverse("compliance:finding_detail", args=[finding.pk])).content.decode()
    assert "Đã gửi công văn đôn đốc." in page and "Lịch sử thay đổi" in page
    reconciliation_run(province=kontum)
    assert Finding.objects.get(name="Công ty TNHH Minh Long").status == FindingStatus.FOLLOWING


def test_export_has_one_sheet_per_locality(client, kontum, places, run):
    login(client, "kontum.thuongtruc")
    response = client.get(reverse("compliance:finding_list"), {"tinh": kontum.pk, "xuat": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert set(book.sheetnames) == {places[0].name[:31], places[1].name[:31]}
    cells = [c.value for row in book[places[0].name[:31]].iter_rows() for c in row]
    assert "Công ty TNHH Minh Long" in cells and "Công ty TNHH Ngọc Hồi" not in cells


def test_review_confirm_reject_and_undo(client, kontum, run):
    pending = MatchCandidate.objects.get(run=run, status=MatchStatus.PENDING)
    assert pending.record.name == "Công ty TNHH Đăk Hà Xanh Lá"
    login(client, "kontum.thuongtruc")
    queue = client.get(reverse("compliance:review_queue"), {"tinh": kontum.pk}).content.decode()
    assert "Công ty TNHH Đăk Hà Xanh Lá" in queue and "Công ty TNHH Đăk Hà Xanh" in queue
    client.post(
        reverse("compliance:review_decide"),
        {"tinh": kontum.pk, "cap": [pending.pk], "ket_luan": "dung"},
    )
    pending.refresh_from_db()
    assert pending.status == MatchStatus.CONFIRMED
    assert RegistryRecord.objects.get(pk=pending.record_id).employer_id == pending.employer_id
    decision = MatchDecision.objects.get()
    assert decision.accepted
    page = client.get(reverse("compliance:review_decisions"), {"tinh": kontum.pk}).content.decode()
    officer = get_user_model().objects.get(username="kontum.thuongtruc")
    assert "Là cùng một đơn vị" in page and str(officer) in page  # who decided
    # the next run applies it
    again = reconciliation_run(province=kontum)
    assert MatchCandidate.objects.get(run=again, record=pending.record).method == "da_xet"
    client.post(reverse("compliance:review_undo", args=[decision.pk]))
    assert not MatchDecision.objects.exists()
    third = reconciliation_run(province=kontum)
    assert MatchCandidate.objects.get(run=third, record=pending.record).status == "cho_xet"


def test_review_queue_is_for_the_standing_agency(client, kontum, run):
    login(client, "kontum.lanhdao")
    response = client.get(reverse("compliance:review_queue"), {"tinh": kontum.pk})
    assert response.status_code == 403
