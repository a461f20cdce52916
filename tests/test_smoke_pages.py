"""Every page of the demo, opened by every demo user: no server error, no undefined template
variable, and the outsiders refused. A safety net under the per-feature tests."""

import pytest
from django.urls import reverse

from ansinh.org.models import Agency, AgencyGroup, Committee
from ansinh.plans.models import Plan
from ansinh.reporting.models import Obligation
from ansinh.targets.models import Target
from tests.conftest import login
from tests.demo_objects import build_demo

USERS = [
    "quantri",
    "thanhhoa.thuongtruc",
    "thanhhoa.lanhdao",
    "thanhhoa.soyte",
    "kontum.thuongtruc",
    "kontum.lanhdao",
    "kontum.sotttt",
    "kontum.dakha",
    "kontum.soyte",
    "kontum.sokhdt",
    "kontum.cucthue",
]


def pages(demo):
    kon_tum = demo["committee"]
    thanh_hoa = Committee.objects.get(province__code="38", province__edition="2024")
    plan, task, district, regime = demo["plan"], demo["task"], demo["district"], demo["regime"]
    obligation = Obligation.objects.filter(kind__regime=regime).order_by("pk").first()
    adhoc, draft, concern = demo["adhoc"], demo["draft"], demo["concern"]
    meeting, facility = demo["meeting"], demo["facility"]
    reward_round, proposal = demo["round"], demo["proposal"]
    employer, statement, snapshot = demo["employer"], demo["statement"], demo["snapshot"]
    run, finding, inspection = demo["run"], demo["finding"], demo["inspection"]
    return [
        ("compliance:home", []),
        ("compliance:registry_list", []),
        ("compliance:registry_upload", []),
        ("compliance:registry_snapshot", [snapshot.pk]),
        ("compliance:employer_list", []),
        ("compliance:employer_detail", [employer.pk]),
        ("compliance:arrears_list", []),
        ("compliance:arrears_upload", []),
        ("compliance:arrears_statement", [statement.pk]),
        ("compliance:inspection_candidates", []),
        ("compliance:inspection_list", []),
        ("compliance:inspection_create", []),
        ("compliance:inspection_detail", [inspection.pk]),
        ("compliance:disclosure_manage", []),
        ("compliance:reconcile_list", []),
        ("compliance:reconcile_detail", [run.pk]),
        ("compliance:review_queue", []),
        ("compliance:review_decisions", []),
        ("compliance:finding_list", []),
        ("compliance:finding_detail", [finding.pk]),
        ("compliance:public_disclosure", ["62"]),
        ("compliance:public_lookup", []),
        ("core:home", []),
        ("org:committee_detail", [kon_tum.pk]),
        ("org:committee_detail", [thanh_hoa.pk]),
        ("org:committee_reconstitute", [kon_tum.pk]),
        ("org:committee_create", []),
        ("org:province_file_upload", []),
        ("org:regulation_current", []),
        ("org:regulation_detail", [thanh_hoa.regulations.get().pk]),
        ("org:agency_list", []),
        ("org:agency_detail", [Agency.objects.filter(province=kon_tum.province).first().pk]),
        ("org:agency_edit", [Agency.objects.filter(province=kon_tum.province).first().pk]),
        ("org:group_list", []),
        ("org:group_detail", [AgencyGroup.objects.filter(province=kon_tum.province).first().pk]),
        ("org:adminunit_list", []),
        ("org:adminunit_detail", [district.pk]),
        ("accounts:account", []),
        ("plans:plan_list", []),
        ("plans:plan_detail", [plan.pk]),
        ("plans:plan_edit", [plan.pk]),
        ("plans:task_detail", [task.pk]),
        ("plans:task_edit", [task.pk]),
        ("plans:my_tasks", []),
        ("plans:import_upload", []),
        ("targets:attainment", []),
        ("targets:lagging", []),
        ("targets:unit_detail", [district.pk]),
        ("targets:target_list", []),
        ("targets:target_edit", [Target.objects.first().pk]),
        ("targets:quality", []),
        ("targets:indicator_list", []),
        ("reporting:my_reports", []),
        ("reporting:obligation_detail", [obligation.pk]),
        ("reporting:completeness", [regime.pk]),
        ("reporting:regime_list", []),
        ("reporting:regime_edit", [regime.pk]),
        ("reporting:adhoc_list", [regime.pk]),
        ("reporting:adhoc_detail", [adhoc.pk]),
        ("reporting:consolidated", [regime.pk]),
        ("reporting:consolidated_download", [draft.pk, "docx"]),
        ("reporting:template_list", [kon_tum.pk]),
        ("reporting:concern_list", []),
        ("reporting:concern_create", []),
        ("reporting:concern_detail", [concern.pk]),
        ("reporting:notices", []),
        ("reporting:digest_log", []),
        ("meetings:meeting_list", []),
        ("meetings:meeting_detail", [meeting.pk]),
        ("meetings:rules_edit", [kon_tum.pk]),
        ("meetings:meeting_create", [kon_tum.pk]),
        ("meetings:consultation_list", []),
        ("core:dashboard", []),
        ("rewards:round_list", []),
        ("rewards:round_detail", [reward_round.pk]),
        ("rewards:round_edit", [reward_round.pk]),
        ("rewards:proposal_create", [reward_round.pk]),
        ("rewards:proposal_detail", [proposal.pk]),
        ("healthfund:facility_list", []),
        ("healthfund:facility_detail", [facility.pk]),
        ("healthfund:budget", []),
        ("healthfund:burn_down", []),
        ("healthfund:warning_list", []),
        ("healthfund:import_upload", ["chi-thang"]),
        ("meetings:consultation_create", [kon_tum.pk]),
    ]


@pytest.mark.django_db
def test_every_page_as_every_user(client, seed, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # build_demo stores a few uploaded files
    kon_tum_pages = pages(build_demo())
    problems = []
    for username in USERS:
        login(client, username)
        for name, args in kon_tum_pages:
            url = reverse(name, args=args)
            response = client.get(url, follow=True)
            # A download streams: only its status matters here.
            html = "" if response.streaming else response.content.decode(errors="replace")
            if response.status_code >= 500 or response.status_code not in (200, 403, 404):
                problems.append(f"{username} {url}: HTTP {response.status_code}")
            elif "INVALID<" in html or "INVALID&lt;" in html:
                problems.append(f"{username} {url}: undefined template variable")
        # A Thanh Hóa user sees nothing of Kon Tum's plan.
        if username.startswith("thanhhoa"):
            kon_tum_plan = Plan.objects.get(committee__province__code="62")
            plan = reverse("plans:plan_detail", args=[kon_tum_plan.pk])
            if client.get(plan).status_code != 404:
                problems.append(f"{username} {plan}: another province's plan is visible")
    assert not problems, "\n".join(problems)
