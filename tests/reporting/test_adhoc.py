"""Báo cáo đột xuất: the standing agency asks chosen reporters for a report by a date; they see
it in Báo cáo của tôi and send it like any other; the standing agency follows who sent."""

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.accounts.models import User
from ansinh.reporting.enums import ReportPeriod
from ansinh.reporting.models import AdHocRequest, Obligation
from ansinh.reporting.services import adhoc_request_create, regime_reporters
from tests.conftest import login

TODAY = dt.datetime(2024, 8, 5, 9)


@pytest.fixture
def reporters(kon_tum_regime):
    return {a.key: a for a in regime_reporters(regime=kon_tum_regime)}


def ask(client, regime, **data):
    payload = {
        "title": "Tình hình phát triển người tham gia BHXH tự nguyện",
        "content": "Số người tham gia, khó khăn, đề xuất.",
        "due_date": "20/08/2024",
        **data,
    }
    return client.post(reverse("reporting:adhoc_list", args=[regime.pk]), payload)


@time_machine.travel(TODAY)
def test_standing_agency_asks_and_the_reporters_owe_it(client, kon_tum_regime, reporters):
    login(client, "kontum.thuongtruc")
    html = client.get(reverse("reporting:adhoc_list", args=[kon_tum_regime.pk])).content.decode()
    assert "Chọn tất cả" in html and "Chưa có yêu cầu báo cáo đột xuất nào." in html
    chosen = [reporters["so-tttt"].pk, reporters["ubnd-615"].pk]
    response = ask(client, kon_tum_regime, agencies=chosen)
    request = AdHocRequest.objects.get()
    assert response.url == reverse("reporting:adhoc_detail", args=[request.pk])
    assert (request.year, request.number, request.due_date) == (2024, 1, dt.date(2024, 8, 20))
    obligations = Obligation.objects.filter(request=request)
    assert {o.agency_id for o in obligations} == set(chosen)
    ob = obligations.get(agency__key="so-tttt")
    assert (ob.last_day, ob.cutoff) == (dt.date(2024, 8, 19), dt.date(2024, 8, 5))

    login(client, "kontum.sotttt")
    html = client.get(reverse("reporting:my_reports") + "?nam=2024").content.decode()
    row = html[html.index(f'href="/bao-cao/{ob.pk}/"') :]
    row = row[: row.index("</tr>")]
    assert "Báo cáo đột xuất: Tình hình phát triển người tham gia BHXH tự nguyện" in row
    assert "Đột xuất" in row and "trước ngày 20/08/2024 (chậm nhất ngày 19/08/2024)" in row
    html = client.get(reverse("reporting:obligation_detail", args=[ob.pk])).content.decode()
    assert '<h1 class="h4">Báo cáo đột xuất: Tình hình phát triển' in html
    url = reverse("reporting:submission_save", args=[ob.pk])
    client.post(url, {"version": 1, "narrative": "Đã tăng 1.200 người", "gui": "1"})

    login(client, "kontum.thuongtruc")
    html = client.get(reverse("reporting:adhoc_list", args=[kon_tum_regime.pk])).content.decode()
    assert "1/2" in html
    detail = client.get(reverse("reporting:adhoc_detail", args=[request.pk])).content.decode()
    assert "Đã gửi <strong>1</strong>/2 cơ quan" in detail and "Lịch sử thay đổi" in detail
    assert "hạn gửi: trước ngày 20/08/2024 (chậm nhất ngày 19/08/2024)" in detail
    response = client.get(reverse("reporting:adhoc_detail", args=[request.pk]) + "?xuat=excel")
    sheet = load_workbook(BytesIO(response.content)).active
    states = {r[1]: r[2] for r in sheet.iter_rows(min_row=5, values_only=True)}
    assert set(states.values()) == {"Đã gửi", "Đến hạn"}
    matrix = reverse("reporting:completeness", args=[kon_tum_regime.pk]) + "?nam=2024"
    html = client.get(matrix).content.decode()
    assert "Báo cáo đột xuất<br>Tình hình phát triển người tham gia BHXH tự nguyện" in html


@time_machine.travel(TODAY)
def test_refusals_write_nothing_and_select_all_asks_everyone(client, kon_tum_regime, reporters):
    login(client, "kontum.thuongtruc")
    response = ask(client, kon_tum_regime, agencies=[])
    assert response.status_code == 400
    assert "Chọn ít nhất một cơ quan báo cáo." in response.content.decode()
    response = ask(
        client, kon_tum_regime, agencies=[reporters["so-tttt"].pk], due_date="05/08/2024"
    )
    assert "Hạn gửi (trước ngày): phải sau hôm nay (05/08/2024)." in response.content.decode()
    response = ask(client, kon_tum_regime, agencies=[reporters["so-tttt"].pk], due_date="32/8")
    assert "Hạn gửi (trước ngày): ghi theo dạng dd/mm/yyyy" in response.content.decode()
    user = User.objects.get(username="kontum.thuongtruc")
    half = kon_tum_regime.kinds.get(period_kind=ReportPeriod.HALF)
    with pytest.raises(ValidationError, match="không phải loại báo cáo đột xuất"):
        adhoc_request_create(
            kind=half,
            user=user,
            title="x",
            content="",
            due_date=dt.date(2024, 9, 1),
            agencies=[reporters["so-tttt"]],
        )
    assert not AdHocRequest.objects.exists()
    assert not Obligation.objects.filter(request__isnull=False).exists()

    # "Chọn tất cả" asks every reporter of the regime, with or without script in the browser.
    assert ask(client, kon_tum_regime, all_agencies="on").status_code == 302
    asked = Obligation.objects.filter(request__isnull=False)
    assert set(asked.values_list("agency__key", flat=True)) == set(reporters)


@time_machine.travel(TODAY)
def test_numbers_count_within_the_year_of_the_deadline(kon_tum_regime, reporters):
    kind = kon_tum_regime.kinds.get(period_kind=ReportPeriod.AD_HOC)
    user = User.objects.get(username="kontum.thuongtruc")
    tttt = [reporters["so-tttt"]]
    numbers = [
        adhoc_request_create(
            kind=kind, user=user, title=f"Yêu cầu {due}", content="", due_date=due, agencies=tttt
        ).number
        for due in (dt.date(2024, 9, 1), dt.date(2024, 10, 1), dt.date(2025, 1, 10))
    ]
    assert numbers == [1, 2, 1]
    assert Obligation.objects.filter(request__isnull=False, agency__key="so-tttt").count() == 3


def test_access(client, kon_tum_regime, reporters):
    with time_machine.travel(TODAY):
        request = adhoc_request_create(
            kind=kon_tum_regime.kinds.get(period_kind=ReportPeriod.AD_HOC),
            user=None,
            title="Số liệu nợ đóng",
            content="",
            due_date=dt.date(2024, 8, 30),
            agencies=[reporters["so-tttt"]],
        )
    listing = reverse("reporting:adhoc_list", args=[kon_tum_regime.pk])
    detail = reverse("reporting:adhoc_detail", args=[request.pk])
    login(client, "kontum.lanhdao")
    html = client.get(listing).content.decode()
    assert "Số liệu nợ đóng" in html and "Gửi yêu cầu" not in html
    assert ask(client, kon_tum_regime, agencies=[reporters["so-tttt"].pk]).status_code == 403
    assert client.get(detail).status_code == 200
    login(client, "kontum.sotttt")
    assert client.get(listing).status_code == 403
    assert client.get(detail).status_code == 403
    login(client, "thanhhoa.thuongtruc")
    assert client.get(listing).status_code == 404
    assert client.get(detail).status_code == 404
