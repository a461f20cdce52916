"""Facts the system holds about a nominee, each rule shown as passed, failed or not checkable."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ansinh.plans.enums import ReportKind
from ansinh.plans.models import Plan, ProgressReport
from ansinh.plans.selectors import agency_tasks
from ansinh.reporting.enums import SubmissionStatus
from ansinh.reporting.models import Obligation, Submission
from ansinh.rewards import services
from ansinh.rewards.arrears import ArrearsFact
from tests.conftest import login
from tests.rewards.conftest import DURING, agency, propose


def quiet():
    return open("/dev/null", "w")


@pytest.fixture
def facts(kt_round):
    """The demo plan, reporting calendar and targets of Kon Tum: what the rules read."""
    for command in ("load_demo_plans", "load_demo_reporting", "load_demo_targets"):
        call_command(command, stdout=quiet())
    return kt_round


def sent(ob: Obligation, day: dt.date) -> Submission:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    return Submission.objects.create(
        obligation=ob,
        status=SubmissionStatus.SUBMITTED,
        submitted_at=moment,
        first_submitted_at=moment,
        late=day > ob.last_day,
    )


def checks_of(html: str) -> str:
    return re.sub(r"\s+", " ", html.split('id="checks-title"')[1].split("</section>")[0])


@time_machine.travel(dt.datetime(2025, 2, 1, 9))
def test_locality_shows_reports_tasks_targets_and_arrears_with_numbers(client, facts):
    dak_ha = agency("62", "ubnd-615")
    half, year = Obligation.objects.filter(agency=dak_ha, period_year=2024).order_by("due_date")
    sent(half, half.last_day)
    sent(year, year.last_day + dt.timedelta(days=3))
    plan = Plan.objects.get(committee=facts.committee, year=2024)
    led = agency_tasks(agency=dak_ha, plan=plan, today=dt.date(2025, 2, 1), role="lead")
    task = led[0]
    ProgressReport.objects.create(
        task=task,
        agency=dak_ha,
        kind=ReportKind.PROGRESS,
        period_year=2024,
        period_kind="year",
        text="Đã hoàn thành.",
        percent=100,
        reported_on=task.due_date or dt.date(2024, 12, 20),
    )
    proposal = propose(facts, locality="615", justification="Tăng người tham gia cao nhất tỉnh.")
    services.proposal_transition(
        proposal=proposal, action="submit", user=None, now=timezone.make_aware(DURING)
    )
    login(client, "kontum.lanhdao")
    url = reverse("rewards:proposal_detail", args=[proposal.pk])
    html = checks_of(client.get(url).content.decode())
    assert "1/2 báo cáo gửi đúng hạn" in html
    assert re.search(r"1/\d+ nhiệm vụ hoàn thành đúng hạn", html)
    assert "Đạt 0/6 chỉ tiêu tại 31/12/2024" in html and "BHYT:" in html
    assert "Chưa kiểm tra được — chưa có dữ liệu nợ đóng" in html
    assert html.count(">Không đạt<") == 3 and html.count(">Chưa kiểm tra được<") == 1

    facts.rules = {**facts.rules, "reports_on_time_min_percent": 50}
    facts.save()
    html = checks_of(client.get(url).content.decode())
    assert html.count(">Đạt<") == 1 and html.count(">Không đạt<") == 2


@time_machine.travel(DURING)
def test_failing_a_rule_needs_a_justification_arrears_never_block(client, facts, soyte):
    proposal = propose(facts, unit="ubnd-615")  # the half-year report of Đăk Hà is missing
    login(client, "kontum.soyte")
    submit = reverse("rewards:proposal_action", args=[proposal.pk, "submit"])
    client.post(submit)
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    html = client.get(reverse("rewards:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Giải trình: đề nghị chưa đạt tiêu chí “Báo cáo năm 2024 gửi đúng hạn" in html
    assert "Cần nhập giải trình" in html

    individual = propose(facts, person="Phạm Văn Cường")  # no collective rule applies
    services.proposal_transition(proposal=individual, action="submit", user=soyte)
    individual.refresh_from_db()
    assert individual.status == "submitted"


@time_machine.travel(DURING)
def test_arrears_once_known_make_a_nominee_fail(facts, monkeypatch):
    monkeypatch.setattr(
        "ansinh.rewards.eligibility.arrears_of",
        lambda **_: ArrearsFact(True, "Nợ đóng BHXH 3 tháng."),
    )
    facts.rules = {"no_arrears": True}
    facts.save()
    proposal = propose(facts, unit="so-tttt")
    with pytest.raises(Exception, match="Không có đơn vị sử dụng lao động chậm đóng"):
        services.proposal_transition(proposal=proposal, action="submit", user=None)
