"""The employer pages: list with search, filters and export; detail with the timeline of what
each source said; who may open them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ansinh.compliance.enums import RegistryStatus, Source
from ansinh.compliance.models import Employer
from ansinh.compliance.services_registry import registry_import
from ansinh.org.models import AdminUnit, Agency
from tests.compliance.registry_files import ROWS, xlsx
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def kontum(seed):
    return AdminUnit.objects.get(code="62", edition="2024")


@pytest.fixture
def hoa_binh(kontum):
    return Employer.objects.create(
        province=kontum, tax_code="6100123456", insurer_code="TA0001",
        name="Công ty TNHH Hòa Bình", address="12 Trần Hưng Đạo",
        admin_unit=AdminUnit.objects.get(code="608", edition="2024"), insured_headcount=12,
    )  # fmt: skip


def _send(province, key, source, quarter, rows):
    user = get_user_model().objects.get(username="kontum.thuongtruc")
    return registry_import(
        province=province, agency=Agency.objects.get(province=province, key=key), source=source,
        year=2024, quarter=quarter, filename="ds.xlsx", content=xlsx(rows), mapping=None,
        user=user,
    )  # fmt: skip


def test_timeline_shows_what_each_source_said(client, kontum, hoa_binh):
    _send(kontum, "so-khdt", Source.BUSINESS_REGISTRY, 1, ROWS)
    tax_row = [1, "6100123456", "CTY TNHH HOA BINH", "12 Tran Hung Dao", "Kon Tum",
               "Không hoạt động tại địa chỉ đăng ký", "01/06/2024", 40]  # fmt: skip
    _send(kontum, "cuc-thue-tinh", Source.TAX, 2, [tax_row])
    hoa_binh.refresh_from_db()
    # The newest list updates what is known of the employer: status and tax headcount.
    assert hoa_binh.registry_status == RegistryStatus.ABSENT
    assert hoa_binh.tax_headcount == 40
    login(client, "kontum.thuongtruc")
    page = client.get(reverse("compliance:employer_detail", args=[hoa_binh.pk])).content.decode()
    timeline = page[page.index("Các nguồn nói gì") :]
    tax, registry = timeline.index("Cơ quan thuế"), timeline.index("Sở KH&amp;ĐT")
    assert tax < registry  # newest quarter first
    assert "Quý 2/2024" in timeline and "Quý 1/2024" in timeline
    assert "Không hoạt động tại địa chỉ đăng ký" in timeline and "Đang hoạt động" in timeline
    assert "tham gia BHXH: 12" in page and "theo cơ quan thuế: 40" in page
    assert "Lịch sử thay đổi" in page


def test_list_searches_filters_and_exports(client, kontum, hoa_binh):
    Employer.objects.create(province=kontum, tax_code="6100999999", name="Hợp tác xã Sa Bình",
                            in_zone=True)  # fmt: skip
    login(client, "kontum.lanhdao")
    url = reverse("compliance:employer_list")
    page = client.get(url, {"q": "TA0001"}).content.decode()
    assert "Công ty TNHH Hòa Bình" in page and "Hợp tác xã Sa Bình" not in page
    page = client.get(url, {"kkt": "1"}).content.decode()
    assert "Hợp tác xã Sa Bình" in page and "Công ty TNHH Hòa Bình" not in page
    page = client.get(url, {"q": "không có ai"}).content.decode()
    assert "Không có đơn vị nào khớp bộ lọc" in page
    export = client.get(url, {"xuat": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_partners_and_other_provinces_cannot_open_employers(client, kontum, hoa_binh):
    detail = reverse("compliance:employer_detail", args=[hoa_binh.pk])
    login(client, "kontum.sokhdt")
    assert client.get(reverse("compliance:employer_list")).status_code == 403
    assert client.get(detail).status_code == 403
    login(client, "thanhhoa.thuongtruc")
    assert client.get(detail).status_code == 404
    client.logout()
    assert client.get(detail).status_code == 302  # to the login page
