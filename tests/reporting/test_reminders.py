"""Deadline reminders: who is reminded of what on which day, one digest per user and day by
e-mail and as a notice, never twice; the notices page, the digest log and the schedule."""

import datetime as dt
import os
import socket
import zoneinfo
from io import StringIO
from smtplib import SMTPException

import pytest
import time_machine
import yaml
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse

from ansinh.accounts.models import User
from ansinh.core import schedule
from ansinh.reporting.context_processors import unread_notices
from ansinh.reporting.enums import DigestStatus
from ansinh.reporting.models import Notice, Obligation, ReminderDigest
from ansinh.reporting.reminder_tasks import send_reminders
from ansinh.reporting.services import (
    regime_load,
    submission_draft,
    submission_save,
    submission_transition,
)
from ansinh.reporting.services.reminders import reminders_send
from tests.conftest import login

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
Q1_LABEL = "Báo cáo quý, Quý 1/2025"  # Thanh Hóa: "trước ngày 05/04/2025", last day 04/04


@pytest.fixture
def q1(thanh_hoa_regime):
    return Obligation.objects.get(
        agency__key="so-y-te",
        agency__province__code="38",
        kind__level="agency",
        kind__period_kind="quarter",
        period_year=2025,
        period_number=1,
    )


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def plan(day):
    """{username: [line titles]} of a dry run."""
    return {
        o.user.username: [line.title for line in o.lines]
        for o in reminders_send(day=day, dry_run=True)
    }


def set_email(username, email="soyte@thanhhoa.gov.vn"):
    User.objects.filter(username=username).update(email=email)


def test_reminded_on_the_regimes_days_before_and_after_the_last_day(q1):
    assert q1.kind.regime.remind_before == [7, 3, 1]  # from data/regimes/thanh-hoa.yaml
    reminded = {
        day: any(Q1_LABEL in t for t in plan(dt.date(2025, 4, day)).get("thanhhoa.soyte", []))
        for day in range(1, 13)
    }
    # 04/04 is the last day: 3 and 1 days before, then 1, 3 and 7 days after.
    assert [d for d, yes in reminded.items() if yes] == [1, 3, 5, 7, 11]
    assert plan(dt.date(2025, 3, 28))["thanhhoa.soyte"]  # 7 days before
    outcome = reminders_send(day=dt.date(2025, 4, 5), dry_run=True)
    line = next(o for o in outcome if o.user.username == "thanhhoa.soyte").lines[0]
    assert line.deadline == "hạn gửi: trước ngày 05/04/2025 (chậm nhất ngày 04/04/2025)"
    assert line.when == "đã quá hạn 1 ngày" and line.status == "Quá hạn"
    assert line.url == reverse("reporting:obligation_detail", args=[q1.pk])
    assert not ReminderDigest.objects.exists()  # a dry run writes nothing


def test_sent_reports_are_not_reminded_but_drafts_and_returned_reports_are(q1):
    soyte = User.objects.get(username="thanhhoa.soyte")
    boss = User.objects.get(username="thanhhoa.thuongtruc")
    day = dt.date(2025, 4, 3)
    submission = submission_save(  # a draft saved, not sent
        submission=submission_draft(obligation=q1),
        version=1,
        user=soyte,
        send=False,
        narrative="",
        difficulties="",
        recommendations="",
        section_texts={},
    )
    [line] = next(o for o in reminders_send(day=day, dry_run=True) if o.user == soyte).lines
    assert line.status == "Đến hạn (đã có bản nháp, chưa gửi)"
    with time_machine.travel(dt.datetime(2025, 4, 2, 9, tzinfo=VN)):
        submission = submission_transition(
            submission=submission, action="submit", version=submission.version, user=soyte
        )
    assert "thanhhoa.soyte" not in plan(day)
    submission = submission_transition(
        submission=submission,
        action="return",
        version=submission.version,
        user=boss,
        reason="Thiếu số liệu",
    )
    [line] = next(o for o in reminders_send(day=day, dry_run=True) if o.user == soyte).lines
    assert line.status == "Bị trả lại"


def test_standing_officers_get_the_agencies_still_missing_in_their_own_digest(q1, thanh_hoa_regime):
    # Also remind the standing agency 4 days before its own consolidated report (last day 09/04),
    # which falls on the day after the agencies' last day.
    thanh_hoa_regime.remind_before = [4]
    thanh_hoa_regime.save()
    [outcome] = [
        o
        for o in reminders_send(day=dt.date(2025, 4, 5), dry_run=True)
        if o.user.username == "thanhhoa.thuongtruc"
    ]
    own, missing = outcome.lines
    assert own.title.startswith("Báo cáo tổng hợp quý, Quý 1/2025")
    assert own.when == "còn 4 ngày đến ngày gửi cuối cùng"
    assert missing.title == Q1_LABEL
    assert "Sở Y tế tỉnh Thanh Hóa" in missing.agencies
    assert missing.status == f"còn {missing.total}/{missing.total} cơ quan chưa gửi"
    assert missing.url.endswith("?nam=2025")
    assert outcome.subject == (
        "Nhắc hạn báo cáo ngày 05/04/2025: 1 báo cáo cần gửi, 1 báo cáo còn cơ quan chưa gửi"
    )
    # Leaders, other provinces and other agencies' officers get nothing.
    assert set(plan(dt.date(2025, 4, 5))) == {"thanhhoa.soyte", "thanhhoa.thuongtruc"}


def test_digest_goes_by_email_and_as_an_in_app_notice(q1):
    set_email("thanhhoa.soyte")
    [outcome] = reminders_send(day=dt.date(2025, 4, 1))
    assert outcome.status == DigestStatus.SENT
    [message] = mail.outbox
    assert message.to == ["soyte@thanhhoa.gov.vn"]
    assert message.subject == "Nhắc hạn báo cáo ngày 01/04/2025: 1 báo cáo cần gửi"
    assert Q1_LABEL in message.body and "còn 3 ngày đến ngày gửi cuối cùng" in message.body
    link = django_settings.ANSINH_SITE_URL + reverse("reporting:obligation_detail", args=[q1.pk])
    assert f"Xem: {link}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{link}"' in html
    digest = ReminderDigest.objects.get()
    assert digest.status == DigestStatus.SENT and digest.sent_at and digest.items[0]["url"]
    notice = Notice.objects.get(user__username="thanhhoa.soyte")
    assert notice.digest == digest and notice.read_at is None
    assert notice.url == reverse("reporting:obligation_detail", args=[q1.pk])


def test_without_email_or_with_a_failing_mail_server_the_notice_still_arrives(q1, monkeypatch):
    [outcome] = reminders_send(day=dt.date(2025, 4, 1))
    assert outcome.status == DigestStatus.NO_EMAIL and not mail.outbox
    assert Notice.objects.filter(user__username="thanhhoa.soyte").count() == 1

    def refuse(*args, **kwargs):
        raise SMTPException("máy chủ thư từ chối")

    monkeypatch.setattr("ansinh.reporting.services.reminders.send_mail", refuse)
    set_email("thanhhoa.soyte")
    [outcome] = reminders_send(day=dt.date(2025, 4, 3))
    digest = ReminderDigest.objects.get(day=dt.date(2025, 4, 3))
    assert digest.status == DigestStatus.FAILED == outcome.status
    assert digest.error == "SMTPException: máy chủ thư từ chối"
    assert Notice.objects.filter(user__username="thanhhoa.soyte").count() == 2


def test_never_sent_twice_the_digest_row_is_the_claim(q1, monkeypatch):
    set_email("thanhhoa.soyte")
    day = dt.date(2025, 4, 1)
    reminders_send(day=day)
    again = reminders_send(day=day)  # a second worker, or the same one run again
    assert [o.label for o in again] == ["đã có thư nhắc trong ngày, bỏ qua"]
    assert len(mail.outbox) == 1 and Notice.objects.count() == 1

    # Another worker claims the user between our reading and our insert: the unique
    # (user, day) row makes our insert fail, and nothing is sent.
    import ansinh.reporting.services.reminders as service

    real_plan = service.reminder_plan

    def plan_then_other_worker_claims(*, day):
        found = real_plan(day=day)
        for user in found:
            ReminderDigest.objects.create(user=user, day=day, subject="khác", body="")
        return found

    monkeypatch.setattr(service, "reminder_plan", plan_then_other_worker_claims)
    outcomes = reminders_send(day=dt.date(2025, 4, 3))
    assert [o.status for o in outcomes] == ["already"]
    assert len(mail.outbox) == 1 and Notice.objects.count() == 1


def test_reminder_offsets_load_from_the_regime_file_and_bad_ones_are_refused(thanh_hoa_regime):
    path = django_settings.SEED_DATA_DIR / "regimes" / "thanh-hoa.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert thanh_hoa_regime.remind_after == [1, 3, 7]
    for bad, message in [
        ({"before": [7, -1]}, "Nhắc trước hạn (reminders.before): cần một danh sách số ngày"),
        ({"after": [400]}, "Nhắc sau hạn (reminders.after)"),
        ({"after": "3"}, "Nhắc sau hạn (reminders.after)"),
        ({"truoc": [1]}, "chỉ ghi before"),
    ]:
        with pytest.raises(ValidationError) as error:
            regime_load(data={**data, "reminders": bad})
        assert message in " ".join(error.value.messages)
    regime = regime_load(data={**data, "reminders": {"before": [1, 14, 1]}})
    assert regime.remind_before == [14, 1] and regime.remind_after == [1, 3, 7]


def test_notices_page_unread_first_mark_one_or_all_read(client, q1):
    reminders_send(day=dt.date(2025, 4, 1))
    reminders_send(day=dt.date(2025, 4, 3))
    older, newer = Notice.objects.filter(user__username="thanhhoa.soyte").order_by("pk")
    login(client, "thanhhoa.soyte")
    url = reverse("reporting:notices")
    html = client.get(url).content.decode()
    assert "2 chưa đọc" in html and Q1_LABEL in html and "còn 1 ngày" in html
    assert "INVALID" not in html  # no undefined template variable
    client.post(reverse("reporting:notice_read", args=[newer.pk]))
    html = client.get(url).content.decode()
    # The unread one comes first and bold, even though it is older.
    assert html.index(f'id="thong-bao-{older.pk}"') < html.index(f'id="thong-bao-{newer.pk}"')
    assert "1 chưa đọc" in html and "fw-bold" in html
    request = RequestFactory().get(url)
    request.user = older.user
    assert unread_notices(request)["unread_notices"] == 1
    # Another user's notice does not exist for them.
    login(client, "thanhhoa.thuongtruc")
    assert client.post(reverse("reporting:notice_read", args=[older.pk])).status_code == 404
    assert "Bạn chưa có thông báo nào" in client.get(url).content.decode()
    login(client, "thanhhoa.soyte")
    assert client.get(reverse("reporting:notice_read", args=[older.pk])).status_code == 405
    client.post(reverse("reporting:notices_read_all"))
    assert not Notice.objects.filter(read_at__isnull=True).exists()
    html = client.get(url + "?xem=thu").content.decode()
    assert "Chỉ thông báo trên hệ thống (chưa có e-mail)" in html and "03/04/2025" in html
    assert "INVALID" not in html
    client.logout()
    assert client.get(url).status_code == 302


def test_notices_are_paginated_and_the_fragment_is_served_to_htmx(
    client, seed, django_assert_max_num_queries
):
    soyte = User.objects.get(username="thanhhoa.soyte")
    Notice.objects.bulk_create(Notice(user=soyte, title=f"Thông báo số {n}") for n in range(25))
    login(client, "thanhhoa.soyte")
    url = reverse("reporting:notices")
    with django_assert_max_num_queries(10):
        html = client.get(url).content.decode()
    assert "Trang 1/2" in html and "Thông báo số 24" in html and "Thông báo số 0 " not in html
    html = client.get(url + "?page=2", HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="results"') and "Thông báo số 0 " in html


def test_digest_log_for_the_standing_agency_and_admins_with_excel(
    client, q1, kon_tum_regime, django_assert_max_num_queries
):
    reminders_send(day=dt.date(2025, 4, 5))
    kontum = User.objects.get(username="kontum.sotttt")
    ReminderDigest.objects.create(user=kontum, day=dt.date(2024, 7, 18), subject="Kon Tum")
    url = reverse("reporting:digest_log")
    login(client, "thanhhoa.thuongtruc")
    with django_assert_max_num_queries(10):
        html = client.get(url).content.decode()
    assert "2 thư nhắc" in html and "thanhhoa.soyte" in html and "kontum.sotttt" not in html
    assert "INVALID" not in html
    html = client.get(url + "?ngay=31/02/2025").content.decode()
    assert "Ngày nhắc: “31/02/2025” không phải là ngày" in html
    response = client.get(url + "?trang_thai=no_email&xuat=excel")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    login(client, "quantri")
    assert "kontum.sotttt" in client.get(url).content.decode()
    for username in ("thanhhoa.soyte", "thanhhoa.lanhdao"):
        login(client, username)
        assert client.get(url).status_code == 403


def test_excel_export_of_the_digest_log_lists_every_digest(client, q1):
    from io import BytesIO

    from openpyxl import load_workbook

    reminders_send(day=dt.date(2025, 4, 5))
    login(client, "thanhhoa.thuongtruc")
    response = client.get(reverse("reporting:digest_log") + "?xuat=excel")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert {r[2] for r in rows} == {"thanhhoa.soyte", "thanhhoa.thuongtruc"}
    assert {r[5] for r in rows} == {"Chỉ thông báo trên hệ thống (chưa có e-mail)"}


def test_send_reminders_command_for_the_demo_day(q1):
    out = StringIO()
    call_command("send_reminders", "--day", "01/04/2025", "--dry-run", stdout=out)
    assert "thanhhoa.soyte (không có e-mail): sẽ gửi (chạy thử)" in out.getvalue()
    assert not ReminderDigest.objects.exists()
    out = StringIO()
    call_command("send_reminders", "--day", "01/04/2025", stdout=out)
    assert "Chỉ thông báo trên hệ thống" in out.getvalue() and Q1_LABEL in out.getvalue()
    assert Notice.objects.filter(user__username="thanhhoa.soyte").exists()
    with pytest.raises(CommandError, match="--day"):
        call_command("send_reminders", "--day", "32/13/2025")


def test_schedule_enqueues_the_morning_reminders_once_a_day(q1):
    with time_machine.travel(dt.datetime(2025, 4, 1, 6, 59, tzinfo=VN)):
        assert schedule.run_due() == []
    with time_machine.travel(dt.datetime(2025, 4, 1, 7, 1, tzinfo=VN)):
        [entry] = schedule.run_due()
        assert entry.job.task == "ansinh.reporting.reminder_tasks.send_reminders"
        assert entry.day == dt.date(2025, 4, 1) and entry.result_id and not entry.error
        # The embedded backend ran it at once.
        assert ReminderDigest.objects.filter(day=dt.date(2025, 4, 1)).count() == 1
        assert schedule.run_due() == []  # the slot is claimed
        out = StringIO()
        call_command("run_schedule", "--once", stdout=out)
        assert out.getvalue() == ""
    with time_machine.travel(dt.datetime(2025, 4, 3, 16, 0, tzinfo=VN)):
        out = StringIO()
        call_command("run_schedule", "--once", stdout=out)  # a scheduler started late
        assert "Đã đưa vào hàng đợi: Nhắc hạn báo cáo" in out.getvalue()
        assert "ngày 03/04/2025" in out.getvalue()
    assert ReminderDigest.objects.count() == 2


def test_schedule_loop_stops_cleanly(db, monkeypatch):
    def interrupt(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr("time.sleep", interrupt)
    out = StringIO()
    with time_machine.travel(dt.datetime(2025, 4, 1, 6, 0, tzinfo=VN)):
        call_command("run_schedule", stdout=out)
    assert "07:00  Nhắc hạn báo cáo" in out.getvalue()
    assert "Đã dừng lịch việc định kỳ." in out.getvalue()


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture
def rq_queue(settings):
    """The production backend on a Redis database of its own; skipped without Redis, except in
    CI where a missing Redis or RQ backend is a failure."""
    try:
        import django_rq
        from django_tasks_rq import Job
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("django-tasks-rq is not installed (the redis extra); CI requires it")
        pytest.skip("django-tasks-rq is not installed")
    if not redis_reachable():
        if os.environ.get("CI"):
            pytest.fail("Redis does not answer at 127.0.0.1:6379; CI requires it")
        pytest.skip("Redis does not answer at 127.0.0.1:6379")
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/15"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default", job_class=Job)
    queue.connection.flushdb()
    yield queue
    queue.connection.flushdb()


def test_reminder_task_runs_on_the_rq_worker(q1, rq_queue):
    from django_tasks_rq import Job
    from rq import SimpleWorker

    result = send_reminders.enqueue(day="2025-04-01")
    assert not ReminderDigest.objects.exists()  # queued in Redis, not run yet
    assert rq_queue.count == 1
    # A worker in this process (no fork), so that it sees the test's database.
    SimpleWorker([rq_queue], connection=rq_queue.connection, job_class=Job).work(burst=True)
    digest = ReminderDigest.objects.get()
    assert digest.user.username == "thanhhoa.soyte" and digest.day == dt.date(2025, 4, 1)
    assert send_reminders.get_result(result.id).return_value == {DigestStatus.NO_EMAIL: 1}
