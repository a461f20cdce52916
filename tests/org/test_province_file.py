"""Loading a province from its data file: the seeds, and bad files that must load nothing."""

from pathlib import Path

import pytest
from django.conf import settings

from ansinh.org.importers.admin_units import admin_units_load
from ansinh.org.importers.province_file import province_file_load
from ansinh.org.importers.yamlfile import FileProblems
from ansinh.org.models import Agency, AgencyGroup, Clause, Committee, Duty, Membership

THANH_HOA = (Path(settings.SEED_DATA_DIR) / "provinces" / "thanh-hoa.yaml").read_text()

MINIMAL = """\
format: ansinh.province/1
province: {code: "62", name: "Kon Tum", edition: "2024"}
agencies:
  - {key: ubnd-tinh, name: Ủy ban nhân dân tỉnh Kon Tum, kind: provincial_people_committee}
  - {key: bhxh-tinh, name: Bảo hiểm xã hội tỉnh Kon Tum, kind: social_insurance}
committee:
  key: bcd-tinh
  name: Ban Chỉ đạo tỉnh Kon Tum
  standing_agency: bhxh-tinh
  decisions:
    - number: 1/QĐ-UBND
      date: 10/11/2020
      members:
        - {role: chair, title: Chủ tịch UBND tỉnh, agency: ubnd-tinh}
        - {role: member, title: Giám đốc BHXH tỉnh, agency: bhxh-tinh}
regulation:
  title: Quy chế thử
  chapters:
    - number: I
      title: CHUNG
      articles:
        - number: 1
          title: Nhiệm vụ
          binds: {agency: bhxh-tinh}
          clauses:
            - {number: 1, text: Một}
            - {number: 2, text: Hai}
"""


@pytest.fixture
def kon_tum_units(empty_db):
    admin_units_load(province_codes_2024=["62"])


def load(text, **kwargs):
    return province_file_load(text=text, filename="tinh.yaml", **kwargs)


def test_thanh_hoa_regulation_loads_complete(thanh_hoa):
    regulation = thanh_hoa.regulations.get()
    articles = Clause.objects.filter(regulation=regulation, level="article")
    assert sorted(int(a.number) for a in articles) == list(range(1, 16))
    assert Clause.objects.filter(regulation=regulation, level="chapter").count() == 4
    point = Clause.objects.select_related("parent__parent").get(
        regulation=regulation, parent__number="8", parent__parent__number="7", number="c"
    )
    assert point.reference == "Điều 7, khoản 8, điểm c"
    assert "phá sản" in point.text
    assert Duty.objects.get(clause=point).agency.short_name.startswith("Cục Thuế")
    # Every article 3–9 and 12–15 binds someone.
    for number in [*range(3, 10), *range(12, 16)]:
        article = articles.get(number=str(number))
        assert Duty.objects.filter(clause__in=_subtree(article)).exists(), f"Điều {number}"


def _subtree(clause):
    ids, frontier = [clause.pk], [clause.pk]
    while frontier:
        frontier = list(Clause.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids += frontier
    return ids


def test_thanh_hoa_committee_in_the_order_of_the_regulation(thanh_hoa):
    roles = list(thanh_hoa.memberships.order_by("position").values_list("role", flat=True))
    assert roles[0] == "chair" and roles[1] == "standing_deputy"
    assert roles.count("deputy") == 3 and roles.count("invited_member") == 7
    assert roles == sorted(
        roles, key=["chair", "standing_deputy", "deputy", "member", "invited_member"].index
    )
    assert thanh_hoa.standing_agency.kind == "social_insurance"
    assert (
        Agency.objects.filter(province=thanh_hoa.province, kind="district_people_committee").count()
        == 26
    )


def test_kon_tum_has_its_ten_districts_and_collective_wordings(seed):
    kon_tum = Committee.objects.get(province__code="62")
    ubnd = Agency.objects.filter(province=kon_tum.province, kind="district_people_committee")
    assert ubnd.count() == 10
    assert ubnd.filter(name__contains="Đắk Glei").exists()
    group = AgencyGroup.objects.get(
        province=kon_tum.province, name="Ủy ban nhân dân các huyện, thành phố"
    )
    from ansinh.org.selectors.committees import agency_group_expand

    assert set(agency_group_expand(group=group)) == set(ubnd)
    assert kon_tum.memberships.get(role="chair").person_name == "Y Ngọc"


def test_loading_twice_changes_nothing(thanh_hoa):
    counts = (
        Agency.objects.count(),
        Membership.objects.count(),
        Clause.objects.count(),
        Duty.objects.count(),
    )
    report = load(THANH_HOA)
    assert report.counts["members"] == 25
    assert counts == (
        Agency.objects.count(),
        Membership.objects.count(),
        Clause.objects.count(),
        Duty.objects.count(),
    )


def test_dry_run_counts_but_writes_nothing(kon_tum_units):
    report = load(MINIMAL, dry_run=True)
    assert report.counts["agencies"] == 2 and report.counts["duties"] == 2
    assert not Committee.objects.exists() and not Agency.objects.exists()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("role: member, title: Giám đốc", "role: secretary, title: Giám đốc"),
            "dòng 15 (committee.decisions[0].members[1].role): vai trò “secretary” không có",
        ),
        (
            ("kind: social_insurance", "kind: insurer"),
            "dòng 5 (agencies[1].kind): loại cơ quan “insurer” không có",
        ),
        (
            (", agency: bhxh-tinh}", "}"),
            "dòng 15 (committee.decisions[0].members[1]): thiếu trường “agency”",
        ),
        (
            ("- {number: 2, text: Hai}", "- {number: 1, text: Hai}"),
            "dòng 27 (regulation.chapters[0].articles[0].clauses[1].number): khoản 1 bị trùng",
        ),
        (
            ("agency: ubnd-tinh}", "agency: ubnd-huyen}"),
            "dòng 14 (committee.decisions[0].members[0].agency): không có cơ quan với mã "
            "“ubnd-huyen”",
        ),
        (("standing_agency: bhxh-tinh", "standing_agency: [bhxh"), "tinh.yaml, dòng"),
        (('code: "62"', 'code: "99"'), "dòng 2 (province.code): không có tỉnh mã “99”"),
    ],
)
def test_bad_files_name_the_line_and_field_and_load_nothing(kon_tum_units, change, expected):
    old, new = change
    assert old in MINIMAL
    with pytest.raises(FileProblems) as error:
        load(MINIMAL.replace(old, new, 1))
    assert any(expected in message for message in error.value.messages), error.value.messages
    assert not Agency.objects.exists() and not Committee.objects.exists()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (  # agencies written as a mapping by key instead of a list
            [
                ("  - {key: ubnd-tinh", "  ubnd-tinh: {key: ubnd-tinh"),
                ("  - {key: bhxh", "  bhxh: {key: bhxh"),
            ],
            "tinh.yaml, dòng 4 (agencies): cần một danh sách",
        ),
        (  # a member written as a plain line of text
            [("- {role: member, title: Giám đốc BHXH tỉnh, agency: bhxh-tinh}", "- Giám đốc BHXH")],
            "tinh.yaml, dòng 15 (committee.decisions[0].members[1]): cần một nhóm trường",
        ),
        (
            [("standing_agency: bhxh-tinh", "standing_agency: [bhxh-tinh]")],
            "dòng 9 (committee.standing_agency): cần một mã cơ quan, không phải",
        ),
        (
            [("agency: ubnd-tinh}", "agency: {key: ubnd-tinh}}")],
            "dòng 14 (committee.decisions[0].members[0].agency): cần một mã cơ quan",
        ),
        (
            [("name: Ban Chỉ đạo tỉnh Kon Tum", "name: [Ban Chỉ đạo, tỉnh Kon Tum]")],
            "dòng 8 (committee.name): cần một đoạn chữ",
        ),
        (
            [
                ("        - {role: chair, title: Chủ tịch UBND tỉnh, agency: ubnd-tinh}\n", ""),
                ("        - {role: member, title: Giám đốc BHXH tỉnh, agency: bhxh-tinh}\n", ""),
            ],
            "tinh.yaml, dòng 13 (committee.decisions[0].members): cần danh sách thành viên",
        ),
        (
            [("committee:\n  key: bcd-tinh", "chi_dao:\n  key: bcd-tinh")],
            "tinh.yaml, dòng 1: thiếu trường “committee”",
        ),
        (
            [("binds: {agency: bhxh-tinh}", "binds: {agency: [bhxh-tinh]}")],
            "(regulation.chapters[0].articles[0].binds.agency): cần một mã cơ quan",
        ),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_naming_the_entry(kon_tum_units, changes, expected):
    """YAML that reads but is not shaped as the format says: refused with the entry and line,
    never a server error, and nothing written."""
    text = MINIMAL
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    with pytest.raises(FileProblems) as error:
        load(text)
    assert any(expected in message for message in error.value.messages), error.value.messages
    assert not Agency.objects.exists() and not Committee.objects.exists()


def test_an_error_late_in_the_file_rolls_back_everything(kon_tum_units):
    bad = MINIMAL.replace("date: 10/11/2020", "date: 10/11/2020\n      issuer: x" * 1).replace(
        "- {role: member, title: Giám đốc BHXH tỉnh, agency: bhxh-tinh}",
        "- {role: chair, title: Giám đốc BHXH tỉnh, agency: bhxh-tinh}",
    )
    with pytest.raises(FileProblems, match="đúng một Trưởng ban"):
        load(bad)
    assert not Agency.objects.exists()


def test_json_is_accepted_too(kon_tum_units):
    import json

    import yaml

    report = load(json.dumps(yaml.safe_load(MINIMAL), ensure_ascii=False, default=str))
    assert report.counts["members"] == 2
    with pytest.raises(FileProblems, match="không đọc được"):
        load('{"format": "ansinh.province/1", ')


def test_regulation_page_shows_the_tree_with_duties_and_its_history(
    client, thanh_hoa, django_assert_max_num_queries
):
    from django.urls import reverse

    from ansinh.accounts.models import User

    admin = User.objects.create_superuser("qt", password="x", role="admin")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    regulation = thanh_hoa.regulations.get()
    # A fixed number of queries whatever the size of the regulation and its history.
    with django_assert_max_num_queries(20):
        response = client.get(reverse("org:regulation_detail", args=[regulation.pk]))
    html = response.content.decode()
    assert "Chương IV" in html and "Điều 15. " in html
    assert "Điều 7, khoản 8, điểm c — giao cho:" in html
    assert "Lịch sử thay đổi" in html and "điều khoản" in html
