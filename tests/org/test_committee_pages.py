"""The committee page, its Excel export and re-constitution, as each kind of user sees them."""

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.org.models import Agency, Committee, Membership
from tests.conftest import login


@pytest.fixture
def committee(seed):
    return Committee.objects.get(province__code="38", province__edition="2024")


def composition(client, committee, day: str) -> str:
    html = page(client, committee, ngay=day).content.decode()
    return html[html.index('<section id="composition"') : html.index("decisions-title")]


def page(client, committee, **params):
    return client.get(reverse("org:committee_detail", args=[committee.pk]), params)


@time_machine.travel(dt.date(2025, 3, 1))
def test_members_grouped_by_role_in_the_order_of_the_regulation(client, committee):
    login(client, "thanhhoa.soyte")
    html = page(client, committee).content.decode()
    headings = [
        "Trưởng ban",
        "Phó Trưởng ban thường trực",
        "Phó Trưởng ban",
        "Thành viên",
        "Thành viên được mời",
    ]
    positions = [html.index(f'role-heading mt-3">{h} ') for h in headings]
    assert positions == sorted(positions)
    assert "Đầu Thanh Tùng" in html and "Phó Chủ tịch UBND tỉnh" in html
    assert "Cơ quan thường trực" in html and "Bảo hiểm xã hội tỉnh Thanh Hóa" in html
    assert "Kiện toàn thành viên" not in html  # an agency officer cannot re-constitute


def test_excel_export_lists_the_composition(client, committee):
    login(client, "thanhhoa.lanhdao")
    response = client.get(reverse("org:committee_export", args=[committee.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]]
    assert len(rows) == 25
    assert rows[0][1] == "Trưởng ban" and rows[1][2] == "Đầu Thanh Tùng"
    assert rows[-1][1] == "Thành viên được mời"


def reconstitute(client, committee, *, number, date, rows):
    # As the browser sends it: the current members are the initial rows, new ones are extra.
    initial = committee.memberships.filter(end_date__isnull=True).count()
    data = {
        "number": number,
        "date": date,
        "issuer": "Chủ tịch UBND tỉnh",
        "title": "",
        "form-TOTAL_FORMS": len(rows),
        "form-INITIAL_FORMS": min(initial, len(rows)),
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{index}-{key}"] = value
    return client.post(reverse("org:committee_reconstitute", args=[committee.pk]), data)


def current_rows(committee, *, drop_agency=None):
    rows = []
    for m in committee.memberships.filter(end_date__isnull=True).order_by("position"):
        rows.append(
            {
                "keep": "on" if m.agency.key != drop_agency else "",
                "role": m.role,
                "title": m.title,
                "person_name": m.person_name,
                "agency": m.agency_id,
            }
        )
    return rows


def test_reconstitution_keeps_history_and_shows_any_date(client, committee):
    login(client, "thanhhoa.thuongtruc")
    police = Agency.objects.get(province=committee.province, key="cong-an-tinh")
    rows = current_rows(committee, drop_agency="bao-thanh-hoa")
    rows.append(
        {
            "keep": "on",
            "role": "member",
            "title": "Phó Giám đốc Công an tỉnh",
            "person_name": "Nguyễn Văn A",
            "agency": police.pk,
        }
    )
    response = reconstitute(client, committee, number="99/QĐ-UBND", date="15/03/2025", rows=rows)
    assert response.status_code == 302, (
        response.context["decision_form"].errors,
        response.context["formset"].errors,
    )

    before = composition(client, committee, "14/03/2025")
    on_the_day = composition(client, committee, "15/03/2025")
    assert "Báo Thanh Hóa" in before and "Nguyễn Văn A" not in before
    assert "Nguyễn Văn A" in on_the_day and "Báo Thanh Hóa" not in on_the_day
    after = page(client, committee, ngay="15/03/2025").content.decode()
    ended = Membership.objects.get(committee=committee, agency__key="bao-thanh-hoa")
    assert ended.end_date == dt.date(2025, 3, 15) and ended.ended_by.number == "99/QĐ-UBND"
    # Members who stay keep their seat from the first decision.
    chair = Membership.objects.get(committee=committee, role="chair")
    assert chair.appointed_by.number == "316/QĐ-UBND" and chair.end_date is None
    # The change is on the page's history: who, and old → new.
    assert "thanhhoa.thuongtruc" in after or "Cán bộ BHXH tỉnh Thanh Hóa" in after
    assert "2025-03-15" in after or "15/03/2025" in after
    history = after[after.index("history-title") :]
    assert "thôi theo quyết định" in history and "Quyết định số 99/QĐ-UBND" in history
    assert "org.Membership" not in history and ">ID<" not in history


def test_reconstitution_refuses_bad_input_and_writes_nothing(client, committee):
    login(client, "thanhhoa.thuongtruc")
    rows = current_rows(committee)
    rows[0]["keep"] = ""  # drops the chair
    rows.append({"keep": "on", "role": "member", "title": "", "agency": ""})
    response = reconstitute(client, committee, number="100/QĐ-UBND", date="01/01/2023", rows=rows)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thành viên phải thuộc một cơ quan." in html
    assert not committee.decisions.filter(number="100/QĐ-UBND").exists()
    rows.pop()
    response = reconstitute(client, committee, number="100/QĐ-UBND", date="01/01/2023", rows=rows)
    html = response.content.decode()
    assert "đúng một Trưởng ban" in html
    assert "phải từ ngày 18/01/2024" in html
    assert committee.memberships.filter(end_date__isnull=True).count() == 25


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("thanhhoa.soyte", 403),
        ("thanhhoa.lanhdao", 403),
        ("kontum.thuongtruc", 404),
        ("thanhhoa.thuongtruc", 200),
        ("quantri", 200),
    ],
)
def test_only_the_standing_agency_reconstitutes(client, committee, username, status):
    login(client, username)
    url = reverse("org:committee_reconstitute", args=[committee.pk])
    assert client.get(url).status_code == status
    if status != 200:
        assert (
            reconstitute(
                client, committee, number="1", date="01/06/2025", rows=current_rows(committee)
            ).status_code
            == status
        )


def test_another_province_sees_nothing(client, committee):
    login(client, "kontum.lanhdao")
    assert page(client, committee).status_code == 404
    assert client.get(reverse("org:committee_export", args=[committee.pk])).status_code == 404


def test_unreadable_date_is_explained(client, committee):
    login(client, "thanhhoa.lanhdao")
    html = page(client, committee, ngay="31/02/2025").content.decode()
    assert "không phải là ngày" in html


def test_htmx_request_gets_the_composition_fragment(client, committee):
    login(client, "thanhhoa.lanhdao")
    response = client.get(
        reverse("org:committee_detail", args=[committee.pk]),
        {"ngay": "01/01/2020"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="composition"')
    assert "chưa có thành viên nào" in html


def test_committee_page_query_budget(client, committee, django_assert_max_num_queries):
    login(client, "thanhhoa.lanhdao")
    with django_assert_max_num_queries(21):  # 20 for the page, 1 for the unread-notice bell
        page(client, committee)
