"""Agencies, their duties under the regulation, and agency groups."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.org.models import Agency, AgencyGroup
from tests.conftest import login


def agency(key, code="38"):
    return Agency.objects.get(province__code=code, province__edition="2024", key=key)


def test_agency_page_lists_its_duties_with_clause_references(client, seed):
    login(client, "thanhhoa.soyte")
    html = client.get(
        reverse("org:agency_detail", args=[agency("cuc-thue-tinh").pk])
    ).content.decode()
    for point in "abcd":
        assert f"Điều 7, khoản 8, điểm {point}" in html
    assert "Thành viên" in html  # its seat on the committee


def test_duties_reach_an_agency_through_its_groups_and_roles(client, seed):
    login(client, "thanhhoa.lanhdao")
    district = Agency.objects.filter(province__code="38", kind="district_people_committee").first()
    html = client.get(reverse("org:agency_detail", args=[district.pk])).content.decode()
    assert "Điều 8, khoản 1" in html and "Điều 12, khoản 1" in html
    bhxh = client.get(reverse("org:agency_detail", args=[agency("bhxh-tinh").pk])).content.decode()
    assert "Điều 6, khoản 1, điểm a" in bhxh  # as deputy (Giám đốc BHXH tỉnh)
    assert "Điều 12, khoản 2" in bhxh  # as standing agency


def test_group_page_expands_the_collective_wording(client, seed):
    login(client, "kontum.lanhdao")
    group = AgencyGroup.objects.get(
        province__code="62", name="Ủy ban nhân dân các huyện, thành phố"
    )
    html = client.get(reverse("org:group_detail", args=[group.pk])).content.decode()
    assert "Ủy ban nhân dân huyện Đắk Glei" in html
    assert html.count("/co-quan/") >= 10


def test_agency_list_searches_without_accents_and_exports(client, seed):
    login(client, "thanhhoa.lanhdao")
    response = client.get(reverse("org:agency_list"), {"q": "cuc thue"})
    html = response.content.decode()
    assert "Cục Thuế tỉnh Thanh Hóa" in html
    assert "Kon Tum" not in html  # another province stays invisible
    export = client.get(reverse("org:agency_list"), {"loai": "department", "xuat": "excel"})
    sheet = load_workbook(BytesIO(export.content)).active
    names = [r[1] for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]]
    assert "Sở Y tế tỉnh Thanh Hóa" in names and all("Thanh Hóa" in n for n in names)


def test_agency_list_is_paginated_and_fragment_matches(client, seed, django_assert_max_num_queries):
    login(client, "quantri")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("org:agency_list"))
    assert "Trang 1/2" in response.content.decode()
    fragment = client.get(reverse("org:agency_list"), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<div id="results"')


@pytest.mark.parametrize(
    ("username", "key", "status"),
    [
        ("thanhhoa.soyte", "so-y-te", 200),  # its own agency
        ("thanhhoa.soyte", "cuc-thue-tinh", 403),  # another agency
        ("thanhhoa.lanhdao", "so-y-te", 403),  # leaders read only
        ("thanhhoa.thuongtruc", "cuc-thue-tinh", 200),  # standing agency runs the data
        ("kontum.thuongtruc", "so-y-te", 404),  # another province
    ],
)
def test_who_may_edit_an_agency(client, seed, username, key, status):
    login(client, username)
    target = agency(key)
    url = reverse("org:agency_edit", args=[target.pk])
    assert client.get(url).status_code == status
    response = client.post(
        url,
        {
            "key": target.key,
            "name": target.name,
            "kind": target.kind,
            "phone": "0237 3852 111",
            "is_active": "on",
        },
    )
    assert response.status_code == (302 if status == 200 else status)
    target.refresh_from_db()
    assert (target.phone == "0237 3852 111") is (status == 200)


def test_edit_shows_on_the_agency_history(client, seed):
    user = login(client, "thanhhoa.soyte")
    target = agency("so-y-te")
    client.post(
        reverse("org:agency_edit", args=[target.pk]),
        {
            "key": target.key,
            "name": target.name,
            "kind": target.kind,
            "email": "vanthu@soyte.vn",
            "is_active": "on",
        },
    )
    html = client.get(reverse("org:agency_detail", args=[target.pk])).content.decode()
    history = html[html.index("history-title") :]
    assert str(user) in history and "thư điện tử" in history and "vanthu@soyte.vn" in history
    assert "Sửa cơ quan, đơn vị: Sở Y tế tỉnh Thanh Hóa" in history  # in Vietnamese
    assert "(trống) → (trống)" not in history


def test_duplicate_agency_name_is_refused_in_vietnamese(client, seed):
    login(client, "thanhhoa.thuongtruc")
    response = client.post(
        reverse("org:agency_create"),
        {
            "key": "so-y-te-2",
            "name": "Sở Y tế tỉnh Thanh Hóa",
            "kind": "department",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Tên cơ quan đã có trong tỉnh này." in response.content.decode()


def test_standing_officer_creates_a_group(client, seed):
    login(client, "thanhhoa.thuongtruc")
    press = [agency("dai-ptth-tinh").pk, agency("bao-thanh-hoa").pk]
    response = client.post(
        reverse("org:group_create"),
        {
            "key": "co-quan-bao-chi",
            "name": "Các cơ quan báo chí",
            "members": press,
            "aliases_text": "Cơ quan báo chí",
        },
    )
    assert response.status_code == 302
    group = AgencyGroup.objects.get(key="co-quan-bao-chi", province__code="38")
    assert group.aliases == ["Cơ quan báo chí"] and group.members.count() == 2
    login(client, "thanhhoa.soyte")
    assert client.get(reverse("org:group_create")).status_code == 403


def test_a_clause_reached_two_ways_is_listed_once_with_both(client, seed):
    login(client, "thanhhoa.soyte")
    html = client.get(reverse("org:agency_detail", args=[agency("cuc-thue-tinh").pk])).content
    html = html.decode()
    assert html.count(">Điều 15, khoản 1</a>") == 1
    assert "Thành viên; Các sở, ban, ngành liên quan" in html


def test_an_agency_officer_changes_contacts_not_identity(client, seed):
    login(client, "thanhhoa.soyte")
    target = agency("so-y-te")
    url = reverse("org:agency_edit", args=[target.pk])
    assert 'name="kind"' not in client.get(url).content.decode()
    client.post(url, {"kind": "police", "name": "Đổi tên", "phone": "0237 111"})
    target.refresh_from_db()
    assert (target.kind, target.name, target.phone) == (
        "department",
        "Sở Y tế tỉnh Thanh Hóa",
        "0237 111",
    )
