"""Partners' quarterly lists: upload through the pages with a mapping step, problems named by row
and column, a quarter refused then replaced, the quarterly report marked sent, access."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from ansinh.compliance.enums import RegistryStatus, Source
from ansinh.compliance.models import PartnerMapping, RegistryRecord, RegistrySnapshot
from ansinh.compliance.services_registry import registry_import
from ansinh.org.models import AdminUnit, Agency
from ansinh.reporting.enums import SubmissionStatus, Timeliness
from ansinh.reporting.models import ReportingRegime
from ansinh.reporting.selectors import completeness_matrix
from tests.compliance.registry_files import HEADER, ROWS, xlsx
from tests.conftest import login

pytestmark = pytest.mark.django_db

APRIL = dt.datetime(2024, 4, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def kontum(seed):
    return AdminUnit.objects.get(code="62", edition="2024")


@pytest.fixture
def regimes(seed):
    call_command("load_demo_reporting", stdout=io.StringIO())


def agency(province, key):
    return Agency.objects.get(province=province, key=key)


def _import(province, key="so-khdt", source=Source.BUSINESS_REGISTRY, rows=ROWS, **kwargs):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="kontum.thuongtruc")
    options = {"year": 2024, "quarter": 1, "mapping": None, "user": user} | kwargs
    return registry_import(
        province=province, agency=agency(province, key), source=source,
        filename="ds.xlsx", content=xlsx(rows), **options,
    )  # fmt: skip


@time_machine.travel(APRIL)
def test_partner_uploads_maps_previews_and_confirms(client, kontum, regimes):
    login(client, "kontum.sokhdt")
    khdt = agency(kontum, "so-khdt")
    upload = reverse("compliance:registry_upload")
    assert client.get(upload).status_code == 200
    renamed = ["TT", "MST", "Tên DN", "Nơi đặt trụ sở", "Địa bàn", "Trạng thái", "Ngày", "LĐ"]
    response = client.post(upload, {
        "tinh": kontum.pk, "partner": f"{khdt.pk}:{Source.BUSINESS_REGISTRY}", "year": 2024,
        "quarter": 1, "file": _file(xlsx(ROWS, header=renamed)),
    })  # fmt: skip
    assert response.status_code == 302
    mapping_url = response.url
    page = client.get(mapping_url).content.decode()
    assert "đã đoán theo tên cột" in page
    assert '<option value="MST" selected>' in page  # guessed from the header
    chosen = {"tax_code": "MST", "name": "Tên DN", "address": "Nơi đặt trụ sở",
              "locality": "Địa bàn", "status": "Trạng thái", "status_date": "Ngày",
              "employees": "LĐ"}  # fmt: skip
    preview_url = client.post(mapping_url, chosen).url
    page = client.get(preview_url).content.decode()
    assert "Tệp hợp lệ" in page
    assert "Đang hoạt động" in page and "Công ty TNHH Hòa Bình" in page
    assert "Danh sách doanh nghiệp hằng quý" in page  # the quarterly report it will count as
    apply_url = preview_url.rstrip("/") + "/xac-nhan/"
    response = client.post(apply_url)
    snapshot = RegistrySnapshot.objects.get(agency=khdt, period_year=2024, period_quarter=1)
    assert response.url == reverse("compliance:registry_snapshot", args=[snapshot.pk])
    assert snapshot.row_count == 4
    assert snapshot.as_of == dt.date(2024, 3, 31)
    record = snapshot.records.get(tax_code="6100234567")
    assert record.admin_unit.name == "Huyện Đăk Hà"
    assert record.status == RegistryStatus.NEW
    assert record.status_date == dt.date(2024, 2, 2)
    # The list is the partner's quarterly report: sent on time, shown in the matrix.
    assert snapshot.obligation.submission.status == SubmissionStatus.SUBMITTED
    assert "4 doanh nghiệp" in snapshot.obligation.submission.narrative
    regime = ReportingRegime.objects.get(
        key="trao-doi-du-lieu-doanh-nghiep", committee__province=kontum
    )
    matrix = completeness_matrix(regime=regime, year=2024, today=dt.date(2024, 4, 10))
    cells = {a.key: row for a, row, _ in matrix.rows}
    assert cells["so-khdt"][0][1] == Timeliness.ON_TIME
    assert cells["cuc-thue-tinh"][0][1] == Timeliness.MISSING
    # The mapping is remembered for the partner's next upload.
    assert PartnerMapping.objects.get(agency=khdt).columns["tax_code"] == "MST"
    page = client.get(reverse("compliance:registry_list")).content.decode()
    assert "Đã gửi" in page
    detail = client.get(response.url + "?tinh_trang=giai_the").content.decode()
    assert "Công ty TNHH MTV Ngọc Hồi" in detail and "Công ty TNHH Hòa Bình" not in detail
    export = client.get(response.url + "?xuat=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def _file(content, name="ds.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


@time_machine.travel(APRIL)
def test_bad_rows_are_named_by_row_and_column_and_nothing_is_loaded(client, kontum):
    bad = [
        [1, "61001234", "Công ty A", "", "Đăk Hà", "Đang hoạt động", "01/01/2024", 5],
        [2, "6100234567", "Công ty B", "", "Huyện Không Có", "Đang hoạt động", "01/01/2024", 5],
        [3, "6100234567", "Công ty C", "", "Đăk Hà", "Lung tung", "31/02/2024", "năm"],
    ]
    login(client, "kontum.sokhdt")
    khdt = agency(kontum, "so-khdt")
    response = client.post(reverse("compliance:registry_upload"), {
        "tinh": kontum.pk, "partner": f"{khdt.pk}:{Source.BUSINESS_REGISTRY}", "year": 2024,
        "quarter": 1, "file": _file(xlsx(bad)),
    })  # fmt: skip
    guessed = {"tax_code": "Mã số thuế", "name": "Tên doanh nghiệp", "locality": "Huyện",
               "status": "Tình trạng", "status_date": "Ngày thay đổi",
               "employees": "Số lao động"}  # fmt: skip
    page = client.get(client.post(response.url, guessed).url).content.decode()
    assert "dòng 4, cột Mã số thuế" in page  # title row and blank row above the header
    assert "dòng 6, cột Mã số thuế: mã số thuế 6100234567 trùng với dòng 5" in page
    assert "dòng 5, cột Huyện: không có đơn vị “Huyện Không Có”" in page
    assert "dòng 6, cột Tình trạng: tình trạng “Lung tung”" in page
    assert "dòng 6, cột Ngày thay đổi" in page
    assert "dòng 6, cột Số lao động" in page
    assert not RegistrySnapshot.objects.exists()


def test_a_quarter_sent_is_refused_then_replaced(kontum):
    from ansinh.targets.importers.common import ImportProblems

    first = _import(kontum)
    assert first.obligation is None  # regimes not loaded: imported all the same
    with pytest.raises(ImportProblems) as caught:
        _import(kontum, rows=ROWS[:2])
    assert "đã gửi danh sách quý 1/2024" in caught.value.messages[0]
    assert RegistryRecord.objects.filter(snapshot=first).count() == 4
    second = _import(kontum, rows=ROWS[:2], replace=True)
    assert second.pk == first.pk
    assert RegistryRecord.objects.filter(snapshot=first).count() == 2


def test_legacy_encoded_list_is_converted(kontum):
    rows = [[1, "6100123456", "C«ng ty TNHH Hßa B×nh", "ViÖt Nam", "§¨k Hµ", "§ang ho¹t ®éng",
             "15/01/2024", 3]]  # fmt: skip
    snapshot = _import(kontum, rows=rows)
    record = snapshot.records.get()
    assert record.name == "Công ty TNHH Hòa Bình"
    assert record.status == RegistryStatus.ACTIVE
    assert record.admin_unit.name == "Huyện Đăk Hà"


@time_machine.travel(APRIL)
def test_standing_agency_uploads_for_a_partner(client, kontum, regimes):
    login(client, "kontum.thuongtruc")
    thue = agency(kontum, "cuc-thue-tinh")
    page = client.get(reverse("compliance:registry_upload")).content.decode()
    assert "Cục Thuế tỉnh Kon Tum" in page and "Sở Kế hoạch và Đầu tư" in page
    response = client.post(reverse("compliance:registry_upload"), {
        "tinh": kontum.pk, "partner": f"{thue.pk}:{Source.TAX}", "year": 2024, "quarter": 1,
        "file": _file(xlsx(ROWS)),
    })  # fmt: skip
    preview = client.post(response.url, {"tax_code": "Mã số thuế", "name": "Tên doanh nghiệp"})
    client.post(preview.url.rstrip("/") + "/xac-nhan/")
    snapshot = RegistrySnapshot.objects.get(agency=thue)
    assert snapshot.source == Source.TAX and snapshot.obligation is not None


def test_another_provinces_user_gets_404(client, kontum):
    snapshot = _import(kontum)
    login(client, "thanhhoa.thuongtruc")
    assert client.get(reverse("compliance:registry_list") + f"?tinh={kontum.pk}").status_code == 404
    url = reverse("compliance:registry_snapshot", args=[snapshot.pk])
    assert client.get(url).status_code == 404


def test_an_officer_of_no_partner_agency_gets_403(client, kontum):
    snapshot = _import(kontum)
    login(client, "kontum.soyte")
    assert client.get(reverse("compliance:registry_upload")).status_code == 403
    assert client.get(reverse("compliance:registry_list")).status_code == 403
    url = reverse("compliance:registry_snapshot", args=[snapshot.pk])
    assert client.get(url).status_code == 403


def test_a_partner_sees_only_its_own_lists(client, kontum):
    own = _import(kontum, key="cuc-thue-tinh", source=Source.TAX)
    other = _import(kontum)
    login(client, "kontum.cucthue")
    assert client.get(reverse("compliance:registry_snapshot", args=[own.pk])).status_code == 200
    assert client.get(reverse("compliance:registry_snapshot", args=[other.pk])).status_code == 404
    login(client, "kontum.lanhdao")
    assert client.get(reverse("compliance:registry_snapshot", args=[other.pk])).status_code == 200


def test_header_names_partners_use_are_guessed():
    from ansinh.compliance.importers.registry import guess_mapping

    assert guess_mapping(HEADER) == {
        "tax_code": "Mã số thuế", "name": "Tên doanh nghiệp", "address": "Địa chỉ trụ sở",
        "locality": "Huyện", "status": "Tình trạng", "status_date": "Ngày thay đổi",
        "employees": "Số lao động",
    }  # fmt: skip
