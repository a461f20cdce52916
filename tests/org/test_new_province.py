"""Another province adopts ansinh: from the browser, or from a data file, with no code change."""

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ansinh.core.enums import ImportStatus
from ansinh.core.models import ImportBatch
from ansinh.org.importers.admin_units import admin_units_load
from ansinh.org.models import AdminUnit, Agency, Committee
from tests.conftest import login

# Quảng Trị (2025 structure, code 44): its standing deputy is the health department's director.
QUANG_TRI = """\
format: ansinh.province/1
province: {code: "44", name: "Quảng Trị", edition: "2025"}
agencies:
  - {key: ubnd-tinh, name: Ủy ban nhân dân tỉnh Quảng Trị, kind: provincial_people_committee}
  - {key: bhxh-tinh, name: Bảo hiểm xã hội tỉnh Quảng Trị, kind: social_insurance}
  - {key: so-y-te, name: Sở Y tế tỉnh Quảng Trị, kind: department}
committee:
  key: bcd-tinh
  name: Ban Chỉ đạo thực hiện chính sách BHXH, BHYT, BHTN tỉnh Quảng Trị
  standing_agency: bhxh-tinh
  decisions:
    - number: 12/QĐ-UBND
      date: 2025-08-01
      members:
        - {role: chair, title: Chủ tịch UBND tỉnh, agency: ubnd-tinh}
        - {role: standing_deputy, title: Giám đốc Sở Y tế, agency: so-y-te}
        - {role: deputy, title: Giám đốc BHXH tỉnh, agency: bhxh-tinh}
"""


def test_standing_officer_creates_a_committee_for_another_province_in_the_browser(client, seed):
    admin_units_load(province_codes_2024=["45"])  # Quảng Trị (2024) → Quảng Trị (2025)
    quang_tri = AdminUnit.objects.get(edition="2025", level="province", name__contains="Quảng Trị")
    user = login(client, "thanhhoa.thuongtruc")
    response = client.post(
        reverse("org:committee_create"),
        {
            "province": quang_tri.pk,
            "name": "Ban Chỉ đạo tỉnh Quảng Trị",
            "short_name": "BCĐ Quảng Trị",
            "standing_agency_name": "Sở Y tế tỉnh Quảng Trị",
            "standing_agency_kind": "department",
        },
    )
    committee = Committee.objects.get(province=quang_tri)
    assert response.status_code == 302
    assert committee.standing_agency.name == "Sở Y tế tỉnh Quảng Trị"
    assert user.extra_provinces.filter(pk=quang_tri.pk).exists()
    # The creator sets it up: adds an agency there, then the first composition.
    response = client.post(
        reverse("org:agency_create") + f"?tinh={quang_tri.pk}",
        {
            "key": "ubnd-tinh",
            "name": "Ủy ban nhân dân tỉnh Quảng Trị",
            "kind": "provincial_people_committee",
            "is_active": "on",
            "tinh": quang_tri.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    ubnd = Agency.objects.get(province=quang_tri, key="ubnd-tinh")
    response = client.post(
        reverse("org:committee_reconstitute", args=[committee.pk]),
        {
            "number": "5/QĐ-UBND",
            "date": "01/08/2025",
            "form-TOTAL_FORMS": 2,
            "form-INITIAL_FORMS": 0,
            "form-0-keep": "on",
            "form-0-role": "chair",
            "form-0-title": "Chủ tịch UBND tỉnh",
            "form-0-agency": ubnd.pk,
            "form-1-keep": "on",
            "form-1-role": "standing_deputy",
            "form-1-title": "Giám đốc Sở Y tế",
            "form-1-agency": committee.standing_agency_id,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("org:committee_detail", args=[committee.pk])).content.decode()
    assert "Giám đốc Sở Y tế" in page
    # Someone else in Thanh Hóa still cannot see it.
    login(client, "thanhhoa.soyte")
    assert client.get(reverse("org:committee_detail", args=[committee.pk])).status_code == 404


def test_a_province_loads_from_a_data_file_with_preview_first(client, seed):
    admin_units_load(province_codes_2024=["45"])
    login(client, "thanhhoa.thuongtruc")
    upload = SimpleUploadedFile("quang-tri.yaml", QUANG_TRI.encode(), "application/x-yaml")
    response = client.post(reverse("org:province_file_upload"), {"file": upload})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.status == ImportStatus.PREVIEWED
    preview = client.get(reverse("org:province_file_preview", args=[batch.pk])).content.decode()
    assert "3 cơ quan" in preview and "3 thành viên" in preview
    assert not Committee.objects.filter(province__code="44").exists()  # nothing written yet

    apply_url = reverse("org:province_file_apply", args=[batch.pk])
    client.post(apply_url)
    committee = Committee.objects.get(province__code="44", province__edition="2025")
    assert committee.memberships.get(role="standing_deputy").agency.key == "so-y-te"
    client.post(apply_url)  # a double click loads nothing twice
    assert Committee.objects.filter(province__code="44").count() == 1


def test_a_bad_data_file_is_listed_with_its_problems_and_loads_nothing(client, seed):
    admin_units_load(province_codes_2024=["45"])
    login(client, "thanhhoa.thuongtruc")
    bad = QUANG_TRI.replace("role: deputy", "role: vice_chair").replace(
        "kind: department", "kind: ministry"
    )
    upload = SimpleUploadedFile("quang-tri.yaml", bad.encode())
    client.post(reverse("org:province_file_upload"), {"file": upload})
    batch = ImportBatch.objects.get()
    page = client.get(reverse("org:province_file_preview", args=[batch.pk])).content.decode()
    assert "2 lỗi" in page
    assert "quang-tri.yaml, dòng 6 (agencies[2].kind)" in page
    assert "dòng 17 (committee.decisions[0].members[2].role)" in page
    client.post(reverse("org:province_file_apply", args=[batch.pk]))
    assert not Committee.objects.filter(province__code="44").exists()


def test_a_data_file_of_the_wrong_shape_shows_its_problem_on_the_page(client, seed):
    """YAML that reads but has a mapping where the list of agencies belongs, and a member
    written as plain text: the officer sees what is wrong and where, not a server error."""
    admin_units_load(province_codes_2024=["45"])
    login(client, "thanhhoa.thuongtruc")
    bad = QUANG_TRI
    for key in ("ubnd-tinh", "bhxh-tinh", "so-y-te"):
        bad = bad.replace(f"  - {{key: {key},", f"  {key}: {{key: {key},")
    bad = bad.replace(
        "- {role: deputy, title: Giám đốc BHXH tỉnh, agency: bhxh-tinh}", "- Giám đốc BHXH tỉnh"
    )
    upload = SimpleUploadedFile("quang-tri.yaml", bad.encode())
    response = client.post(reverse("org:province_file_upload"), {"file": upload}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "không có gì được nạp" in page
    assert "quang-tri.yaml, dòng 4 (agencies): cần một danh sách" in page
    assert "dòng 17 (committee.decisions[0].members[2]): cần một nhóm trường" in page
    assert not Committee.objects.filter(province__code="44").exists()


def test_only_standing_officers_load_files(client, seed):
    login(client, "thanhhoa.soyte")
    assert client.get(reverse("org:province_file_upload")).status_code == 403
    assert client.get(reverse("org:committee_create")).status_code == 403


def test_the_seed_files_are_in_the_documented_format():
    text = (Path(settings.BASE_DIR).parent.parent / "docs" / "data-format.md").read_text()
    for name in ("thanh-hoa.yaml", "kon-tum.yaml"):
        seed = (Path(settings.SEED_DATA_DIR) / "provinces" / name).read_text()
        assert "format: ansinh.province/1" in seed
    assert "ansinh.province/1" in text


def test_a_file_renaming_another_provinces_committee_is_refused(client, seed):
    """The upload is matched to the committee it changes by province and key, not by name."""
    login(client, "kontum.thuongtruc")
    text = (Path(settings.SEED_DATA_DIR) / "provinces" / "thanh-hoa.yaml").read_text()
    renamed = text.replace("name: Ban Chỉ đạo", "name: Ban Chỉ đạo (đổi tên)", 1)
    assert renamed != text
    upload = SimpleUploadedFile("thanh-hoa.yaml", renamed.encode())
    response = client.post(reverse("org:province_file_upload"), {"file": upload})
    assert response.status_code == 403
    assert not ImportBatch.objects.exists()
