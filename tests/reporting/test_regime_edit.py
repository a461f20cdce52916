"""The regime pages: the standing agency changes a regime on a page instead of a data file; the
obligations follow, and a regime that could not work is refused with nothing written."""

import datetime as dt

import time_machine
from django.urls import reverse

from ansinh.org.models import Agency, AgencyGroup
from ansinh.reporting.enums import ReportPeriod
from ansinh.reporting.forms_regimes import KindForm
from ansinh.reporting.models import Obligation, ReportingRegime, Submission
from tests.conftest import login


def edit_url(regime):
    return reverse("reporting:regime_edit", args=[regime.pk])


def form_data(regime, **overrides):
    """What the edit page posts when nothing is changed, then `overrides`."""
    kinds = list(regime.kinds.order_by("position", "pk"))
    data = {
        "name": regime.name,
        "source": regime.source,
        "reading": regime.reading,
        "remind_before": ", ".join(str(d) for d in regime.remind_before),
        "remind_after": ", ".join(str(d) for d in regime.remind_after),
        "reporters": [a.pk for a in regime.reporters.all()],
        "reporter_groups": [g.pk for g in regime.reporter_groups.all()],
        "kinds-TOTAL_FORMS": len(kinds) + 1,
        "kinds-INITIAL_FORMS": len(kinds),
        "kinds-MIN_NUM_FORMS": 0,
        "kinds-MAX_NUM_FORMS": 1000,
    }
    for index, kind in enumerate(kinds):
        for field, value in KindForm.initial_for(kind).items():
            data[f"kinds-{index}-{field}"] = "" if value is None else value
    # The blank row for a new kind, as a browser sends it untouched.
    blank = {
        "period_kind": "quarter",
        "level": "agency",
        "rule": "relative",
        "cutoff": "period_end",
    }
    for field in KindForm.base_fields:
        data[f"kinds-{len(kinds)}-{field}"] = blank.get(field, "")
    data.update(overrides)
    return data


def kind_index(regime, name, level="agency"):
    kinds = list(regime.kinds.order_by("position", "pk"))
    return next(i for i, k in enumerate(kinds) if k.name == name and k.level == level)


def test_the_list_and_who_may_edit(client, regimes):
    thanh_hoa = ReportingRegime.objects.get(committee__province__code="38", key="quy-che-dieu-12")
    login(client, "thanhhoa.thuongtruc")
    html = client.get(reverse("reporting:regime_list")).content.decode()
    assert thanh_hoa.name in html and "Kế hoạch năm 2024" not in html  # Kon Tum's
    assert "Báo cáo quý (Cơ quan, đơn vị → cơ quan thường trực): trước ngày 05 của tháng" in html
    assert edit_url(thanh_hoa) in html
    assert reverse("reporting:adhoc_list", args=[thanh_hoa.pk]) in html
    page = client.get(edit_url(thanh_hoa)).content.decode()
    assert "“trước ngày 05/04/2025” là gửi chậm nhất ngày 04/04/2025" in page
    assert "“trước ngày 05/04/2025” là gửi chậm nhất trong ngày 05/04/2025" in page
    assert "giữ nguyên đánh dấu “gửi muộn”" in page

    login(client, "thanhhoa.lanhdao")
    html = client.get(reverse("reporting:regime_list")).content.decode()
    assert thanh_hoa.name in html and edit_url(thanh_hoa) not in html
    assert client.get(edit_url(thanh_hoa)).status_code == 403
    login(client, "thanhhoa.soyte")
    html = client.get(reverse("reporting:regime_list")).content.decode()
    assert "Không có chế độ báo cáo nào để xem." in html
    assert client.get(edit_url(thanh_hoa)).status_code == 403
    login(client, "kontum.thuongtruc")
    assert client.get(edit_url(thanh_hoa)).status_code == 404


def test_a_new_deadline_moves_obligations_and_sent_reports_stay_late(client, thanh_hoa_regime):
    q1 = Obligation.objects.get(
        kind__regime=thanh_hoa_regime,
        kind__level="agency",
        kind__period_kind="quarter",
        agency__key="so-y-te",
        period_year=2025,
        period_number=1,
    )
    login(client, "thanhhoa.soyte")
    with time_machine.travel(dt.datetime(2025, 4, 10, 9)):
        url = reverse("reporting:submission_save", args=[q1.pk])
        client.post(url, {"version": 1, "narrative": "Đã triển khai", "gui": "1"})
    assert Submission.objects.get(obligation=q1).late

    login(client, "thanhhoa.thuongtruc")
    index = kind_index(thanh_hoa_regime, "Báo cáo quý")
    data = form_data(thanh_hoa_regime, **{f"kinds-{index}-day": 20, "remind_before": "5, 1"})
    response = client.post(edit_url(thanh_hoa_regime), data, follow=True)
    html = response.content.decode()
    assert "Đã lưu chế độ báo cáo." in html
    q1.refresh_from_db()
    assert (q1.due_date, q1.last_day) == (dt.date(2025, 4, 20), dt.date(2025, 4, 19))
    assert Submission.objects.get(obligation=q1).late  # judged when it was sent
    thanh_hoa_regime.refresh_from_db()
    assert thanh_hoa_regime.remind_before == [5, 1]
    assert "<strong>ngày</strong>: 5 → 20" in html  # the kind's change in the history


def test_a_regime_that_could_not_work_is_refused_and_nothing_changes(client, thanh_hoa_regime):
    login(client, "thanhhoa.thuongtruc")
    before = {k.pk: (k.day, k.month) for k in thanh_hoa_regime.kinds.all()}
    half = kind_index(thanh_hoa_regime, "Báo cáo 6 tháng")
    impossible = form_data(
        thanh_hoa_regime, name="Tên mới", **{f"kinds-{half}-day": 31, f"kinds-{half}-month": 6}
    )
    response = client.post(edit_url(thanh_hoa_regime), impossible)
    assert response.status_code == 400
    assert "Báo cáo 6 tháng — “Ngày”, “Tháng” của hạn gửi:" in response.content.decode()
    assert "Không có ngày 31 tháng 6" in response.content.decode()

    nobody = form_data(thanh_hoa_regime, name="Tên mới", reporters=[], reporter_groups=[])
    response = client.post(edit_url(thanh_hoa_regime), nobody)
    assert "Chế độ báo cáo không có cơ quan báo cáo nào." in response.content.decode()

    quarter = kind_index(thanh_hoa_regime, "Báo cáo quý")
    missing = form_data(thanh_hoa_regime, **{f"kinds-{quarter}-offset_months": ""})
    response = client.post(edit_url(thanh_hoa_regime), missing)
    assert "Báo cáo quý: hạn theo tháng sau kỳ cần “Ngày” và “Số tháng sau tháng cuối kỳ”" in (
        response.content.decode()
    )

    response = client.post(
        edit_url(thanh_hoa_regime), form_data(thanh_hoa_regime, remind_before="7, -1")
    )
    assert "Nhắc trước hạn: “-1” không phải số từ 0 đến 365." in response.content.decode()
    response = client.post(
        edit_url(thanh_hoa_regime), form_data(thanh_hoa_regime, remind_after="400")
    )
    assert "Nhắc sau hạn: “400” không phải số từ 0 đến 365." in response.content.decode()

    thanh_hoa_regime.refresh_from_db()
    assert thanh_hoa_regime.name != "Tên mới"
    assert {k.pk: (k.day, k.month) for k in thanh_hoa_regime.kinds.all()} == before


def test_reporters_and_kinds_changed_obligations_follow(client, kon_tum_regime):
    districts = AgencyGroup.objects.get(province__code="62", key="ubnd-cac-huyen")
    dak_ha = Agency.objects.get(province__code="62", key="ubnd-615")
    others = Obligation.objects.filter(
        kind__regime=kon_tum_regime, agency__kind=dak_ha.kind
    ).exclude(agency=dak_ha)
    drafted = others.first()
    Submission.objects.create(obligation=drafted, narrative="Bản nháp")
    kinds = kon_tum_regime.kinds.count()
    new = {
        f"kinds-{kinds}-name": "Báo cáo quý",
        f"kinds-{kinds}-period_kind": ReportPeriod.QUARTER,
        f"kinds-{kinds}-level": "agency",
        f"kinds-{kinds}-rule": "relative",
        f"kinds-{kinds}-day": 10,
        f"kinds-{kinds}-offset_months": 1,
        f"kinds-{kinds}-cutoff": "period_end",
    }
    groups = [g.pk for g in kon_tum_regime.reporter_groups.exclude(pk=districts.pk)]
    data = form_data(kon_tum_regime, reporters=[dak_ha.pk], reporter_groups=groups, **new)
    login(client, "kontum.thuongtruc")
    response = client.post(edit_url(kon_tum_regime), data)
    assert response.status_code == 302
    remaining = Obligation.objects.filter(kind__regime=kon_tum_regime, agency__kind=dak_ha.kind)
    assert set(remaining.values_list("agency_id", flat=True)) == {dak_ha.pk, drafted.agency_id}
    assert remaining.filter(agency=drafted.agency).count() == 1  # only the drafted one stays
    quarterly = Obligation.objects.filter(kind__regime=kon_tum_regime, kind__name="Báo cáo quý")
    q3 = quarterly.get(agency=dak_ha, period_number=3)
    assert q3.due_date == dt.date(2024, 10, 10) and q3.period_year == 2024
