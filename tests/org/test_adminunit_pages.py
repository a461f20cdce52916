from django.urls import reverse

from ansinh.org.models import AdminUnit
from tests.conftest import login


def test_searching_dak_glei_finds_it_in_both_structures(client, seed):
    login(client, "kontum.sotttt")
    html = client.get(reverse("org:adminunit_list"), {"q": "dak glei"}).content.decode()
    assert "Huyện Đắk Glei" in html  # the 2024 district
    assert "Thị trấn Đăk Glei" in html  # and its town, spelled as the plan spells it


def test_a_2024_district_shows_where_it_went_in_2025(client, seed):
    login(client, "kontum.sotttt")
    district = AdminUnit.objects.get(edition="2024", level="district", name="Huyện Đắk Glei")
    html = client.get(reverse("org:adminunit_detail", args=[district.pk])).content.decode()
    assert "Từ 01/7/2025 thuộc về" in html and "Tỉnh Quảng Ngãi" in html
    assert "Đơn vị trực thuộc" in html  # its communes


def test_empty_search_says_so(client, seed):
    login(client, "kontum.sotttt")
    response = client.get(
        reverse("org:adminunit_list"), {"q": "khong co dau"}, HTTP_HX_REQUEST="true"
    )
    assert "Không tìm thấy đơn vị hành chính nào" in response.content.decode()
