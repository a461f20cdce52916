"""The public list of late payers and the tax-code lookup: published by the standing agency only,
shown without login with only the published fields and the data date, withdrawn on demand,
answered by page and API, both limited per client IP."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from ansinh.compliance import services_inspections
from ansinh.compliance.models import Disclosure, DisclosureEntry, Employer
from tests.compliance.test_inspections import employer, kon_tum, statement_with
from tests.conftest import login

LOOKUP_API = "/api/v1/compliance/arrears-lookup/"


@pytest.fixture(autouse=True)
def fresh_limits():
    """The limiter counts in the cache; each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def statement(seed):
    """Kon Tum's statement at 30/06/2025: three units late 3 months or more, one 2 months."""
    province = kon_tum()
    a = employer(province, "6100000001", "Công ty TNHH Hòa Bình")
    a.sector, a.insured_headcount = "Xây dựng", 25
    a.save()
    b = employer(province, "6100000002", "Công ty CP Sông Đà", address="Thị trấn Đăk Hà")
    c = employer(province, "6100000003", "Doanh nghiệp tư nhân Minh Phát")
    d = employer(province, "6100000004", "Công ty TNHH Đăk Tô")
    return statement_with(
        province,
        dt.date(2025, 6, 30),
        [(a, "12", 200_000_000), (b, "3", 15_500_000), (c, "2", 9_000_000), (d, "5", 7_000)],
    )


def publish(client, statement, username="kontum.thuongtruc"):
    login(client, username)
    return client.post(reverse("compliance:disclosure_publish", args=[statement.pk]))


def public_url():
    return reverse("compliance:public_disclosure", args=["62"])


def test_published_list_is_public_with_only_the_published_fields(client, statement):
    manage = reverse("compliance:disclosure_manage") + f"?tinh={statement.province_id}"
    login(client, "kontum.thuongtruc")
    preview = client.get(manage).content.decode()
    assert "Xem trước: đơn vị chậm đóng từ 3 tháng trở lên, số liệu tại 30/06/2025 (3 đơn vị)" in (
        preview
    )
    response = publish(client, statement)
    assert response.status_code == 302
    disclosure = Disclosure.objects.get()
    assert [e.name for e in disclosure.entries.all()] == [
        "Công ty TNHH Hòa Bình",
        "Công ty TNHH Đăk Tô",
        "Công ty CP Sông Đà",
    ]
    # What was published stays as published when the employer changes later.
    Employer.objects.filter(tax_code="6100000001").update(name="Công ty TNHH Hòa Bình Mới")

    client.logout()
    response = client.get(public_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Số liệu tại ngày <strong>30/06/2025</strong>" in page
    assert "Công ty TNHH Hòa Bình</td>" in page and "Hòa Bình Mới" not in page
    assert "200.000.000" in page and "12,0" in page and "Thị trấn Đăk Hà" in page
    assert "Minh Phát" not in page  # 2 months late: below the province's threshold
    for unpublished in ("Xây dựng", "Tỷ lệ nợ", "Lãi chậm đóng", "kontum.thuongtruc"):
        assert unpublished not in page

    page = client.get(public_url(), {"q": "6100000002"}).content.decode()
    assert "Công ty CP Sông Đà" in page and "Công ty TNHH Hòa Bình" not in page
    page = client.get(public_url(), {"q": "sông đà"}).content.decode()
    assert "Công ty CP Sông Đà" in page


def test_public_list_is_paginated(client, statement):
    disclosure = services_inspections.disclosure_publish(statement=statement, user=None)
    DisclosureEntry.objects.bulk_create(
        DisclosureEntry(disclosure=disclosure, name=f"Đơn vị {n:03}", months_late=3, amount=1)
        for n in range(60)
    )
    page = client.get(public_url()).content.decode()
    assert "Trang 1/2" in page
    assert "Trang 2/2" in client.get(public_url(), {"page": 2}).content.decode()


def test_withdrawn_list_is_no_longer_shown(client, statement):
    publish(client, statement)
    disclosure = Disclosure.objects.get()
    response = client.post(reverse("compliance:disclosure_withdraw", args=[disclosure.pk]))
    assert response.status_code == 302
    client.logout()
    page = client.get(public_url()).content.decode()
    assert "Hiện chưa công khai danh sách đơn vị chậm đóng nào của Tỉnh Kon Tum." in page
    assert "Hòa Bình" not in page


def test_nothing_published_says_so_and_unknown_province_is_404(client, seed):
    page = client.get(public_url()).content.decode()
    assert "Hiện chưa công khai danh sách đơn vị chậm đóng nào" in page
    assert client.get(reverse("compliance:public_disclosure", args=["99"])).status_code == 404


def test_a_new_publication_replaces_the_earlier_list(client, statement):
    services_inspections.disclosure_publish(statement=statement, user=None)
    later = statement_with(
        statement.province,
        dt.date(2025, 9, 30),
        [(statement.lines.get(row_number=2).employer, "6", 31_000_000)],
    )
    services_inspections.disclosure_publish(statement=later, user=None)
    page = client.get(public_url()).content.decode()
    assert "30/09/2025" in page and "Công ty CP Sông Đà" in page and "Hòa Bình" not in page
    assert Disclosure.objects.filter(withdrawn_at__isnull=True).count() == 1


def test_only_the_standing_agency_publishes(client, statement):
    for username in ("kontum.lanhdao", "kontum.sokhdt"):
        assert publish(client, statement, username).status_code == 403
    assert publish(client, statement, "thanhhoa.thuongtruc").status_code == 404
    assert not Disclosure.objects.exists()
    login(client, "kontum.lanhdao")  # leaders read the page, without the buttons
    page = client.get(
        reverse("compliance:disclosure_manage") + f"?tinh={statement.province_id}"
    ).content.decode()
    assert "Công ty TNHH Hòa Bình" in page and "Công khai danh sách này" not in page

    publish(client, statement)
    disclosure = Disclosure.objects.get()
    withdraw = reverse("compliance:disclosure_withdraw", args=[disclosure.pk])
    login(client, "kontum.lanhdao")
    assert client.post(withdraw).status_code == 403
    login(client, "thanhhoa.thuongtruc")
    assert client.post(withdraw).status_code == 404
    assert Disclosure.objects.get().withdrawn_at is None


def test_lookup_page_answers_anonymously(client, statement):
    services_inspections.disclosure_publish(statement=statement, user=None)
    lookup = reverse("compliance:public_lookup")
    page = client.get(lookup, {"ma_so_thue": "610.000.0001"}).content.decode()
    assert "có tên trong danh sách công khai đơn vị chậm đóng" in page
    assert "Tỉnh Kon Tum" in page and "30/06/2025" in page and "200.000.000" in page
    page = client.get(lookup, {"ma_so_thue": "6100000003"}).content.decode()
    assert (
        "Mã số thuế 6100000003 không có tên trong danh sách công khai đơn vị chậm đóng tính "
        "đến ngày 30/06/2025."
    ) in page
    response = client.get(lookup, {"ma_so_thue": "61-ABC"})
    assert response.status_code == 400
    assert "không đúng dạng 10 chữ số" in response.content.decode()


def test_lookup_api_answers_anonymously(client, statement):
    empty = client.get(LOOKUP_API, {"tax_code": "6100000001"}).json()
    assert empty["has_arrears"] is False and empty["as_of"] is None
    assert empty["message"] == "Chưa có danh sách công khai đơn vị chậm đóng nào để tra cứu."

    services_inspections.disclosure_publish(statement=statement, user=None)
    answer = client.get(LOOKUP_API, {"tax_code": "6100000001"}).json()
    assert answer["has_arrears"] is True and answer["as_of"] == "2025-06-30"
    assert answer["entries"] == [
        {
            "province": "Tỉnh Kon Tum",
            "as_of": "2025-06-30",
            "name": "Công ty TNHH Hòa Bình",
            "tax_code": "6100000001",
            "insurer_code": "TA0001",
            "address": "Phường Quyết Thắng, TP Kon Tum",
            "months_late": "12.0",
            "amount": 200_000_000,
        }
    ]
    clean = client.get(LOOKUP_API, {"tax_code": "6100000002-001"}).json()
    assert clean["has_arrears"] is False
    assert clean["message"].endswith("tính đến ngày 30/06/2025.")
    wrong = client.get(LOOKUP_API, {"tax_code": "12345"})
    assert wrong.status_code == 400
    assert "không đúng dạng 10 chữ số" in wrong.json()["tax_code"][0]


def test_lookup_is_in_the_api_schema(client, seed):
    login(client, "kontum.thuongtruc")
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/compliance/arrears-lookup/" in schema
    assert "Tra cứu đơn vị chậm đóng theo mã số thuế" in schema


@override_settings(LOOKUP_RATE_LIMIT="3/minute")
def test_lookups_are_limited_per_client_ip(client, statement):
    lookup = reverse("compliance:public_lookup")
    for _ in range(3):
        assert client.get(lookup, {"ma_so_thue": "6100000001"}).status_code == 200
    limited = client.get(lookup, {"ma_so_thue": "6100000001"})
    assert limited.status_code == 429
    assert "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn" in limited.content.decode()
    assert int(limited["Retry-After"]) > 0
    # The public list shares the page limit; another client IP is counted apart.
    assert client.get(public_url()).status_code == 429
    assert client.get(public_url(), HTTP_X_FORWARDED_FOR="10.0.0.8").status_code == 429
    other = client.get(public_url(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200

    for _ in range(3):
        assert client.get(LOOKUP_API, {"tax_code": "6100000001"}).status_code == 200
    limited = client.get(LOOKUP_API, {"tax_code": "6100000001"})
    assert limited.status_code == 429
    assert limited.json()["detail"].startswith("Bạn đã tra cứu quá nhiều lần")
    assert "Vui lòng thử lại sau" in limited.json()["detail"]
