"""The demo province of Kon Tum with one object of every kind a URL of the project names, for
the access matrix and the query budgets (tests/test_access_matrix.py, test_query_budgets.py)."""

import datetime as dt
import io

from django.core.management import call_command


def build_demo() -> dict:
    """The demo province of Kon Tum with every kind of object a URL can name."""
    from ansinh.accounts.models import User
    from ansinh.compliance.models import (
        ArrearsStatement,
        Disclosure,
        Employer,
        Finding,
        InspectionCase,
        MatchDecision,
        Reconciliation,
        RegistrySnapshot,
    )
    from ansinh.core.models import ImportBatch
    from ansinh.healthfund.models import Allocation, Facility, FundWarning
    from ansinh.meetings.models import (
        AgendaItem,
        Consultation,
        ConsultationDocument,
        ConsultationMember,
        Decision,
        Invitation,
        Material,
        Meeting,
    )
    from ansinh.org.models import AdminUnit, Agency, AgencyGroup, Committee, Membership
    from ansinh.plans.models import Attachment as TaskAttachment
    from ansinh.plans.models import Plan, Task, TaskGroup
    from ansinh.reporting.models import (
        Attachment,
        Notice,
        Obligation,
        ReportingRegime,
        ReportTemplate,
    )
    from ansinh.reporting.services import (
        adhoc_request_create,
        concern_raise,
        consolidated_generate,
        regime_reporters,
        reminders_send,
    )
    from ansinh.rewards.models import ReviewRound
    from ansinh.targets.models import Indicator, MeasureValue, Target

    quiet = io.StringIO()
    for command in ("load_demo_plans", "load_demo_targets", "load_demo_reporting"):
        call_command(command, stdout=quiet)
    call_command("load_demo_meetings", stdout=quiet)
    call_command("load_demo_healthfund", stdout=quiet)
    call_command("load_demo_rewards", stdout=quiet)
    call_command("load_demo_compliance", "--employers", "300", stdout=quiet)

    kon_tum = Committee.objects.get(province__code="62", province__edition="2024")
    province = kon_tum.province
    owner_agency = Agency.objects.get(province=province, key="so-tttt")
    standing = User.objects.get(username="kontum.thuongtruc")
    regime = ReportingRegime.objects.get(committee=kon_tum, key="ke-hoach-2024")
    adhoc = adhoc_request_create(
        kind=regime.kinds.get(period_kind="ad_hoc"),
        user=standing,
        title="Tình hình nợ đóng BHXH",
        content="",
        due_date=dt.date.today() + dt.timedelta(days=10),
        agencies=regime_reporters(regime=regime)[:3],
    )
    kind = regime.kinds.get(period_kind="half", level="agency")
    draft = consolidated_generate(kind=kind, year=2024, number=1, user=standing, pdf=False)
    concern = concern_raise(
        committee=kon_tum,
        agency=owner_agency,
        user=User.objects.get(username="kontum.sotttt"),
        topic="funding",
        title="Thiếu kinh phí",
        content="Thiếu kinh phí tuyên truyền",
    )
    reminders_send(day=dt.date(2024, 7, 15))
    plan = Plan.objects.get(committee=kon_tum)
    task = (
        Task.objects.filter(plan=plan, units__agency=owner_agency).order_by("position").first()
        or Task.objects.filter(plan=plan).order_by("position").first()
    )
    meeting = Meeting.objects.filter(committee=kon_tum).order_by("pk").first()
    consultation = Consultation.objects.filter(committee=kon_tum).order_by("pk").first()
    reward_round = ReviewRound.objects.get(committee=kon_tum)
    employer = Employer.objects.filter(province=province, arrears_lines__isnull=False).first()
    objects = {
        "committee": kon_tum,
        "agency": owner_agency,
        "membership": Membership.objects.filter(committee=kon_tum).order_by("pk").first(),
        "group": AgencyGroup.objects.filter(province=province).order_by("pk").first(),
        "district": AdminUnit.objects.get(edition="2024", code="615"),
        # An import batch belongs to whoever uploaded it: this one to the administrator.
        "batch": ImportBatch.objects.create(
            kind="foreign",
            filename="x.xlsx",
            content="",
            created_by=User.objects.get(username="quantri"),
        ),
        "plan": plan,
        "task": task,
        "task_unit": task.units.order_by("pk").first(),
        "task_group": TaskGroup.objects.filter(plan=plan).order_by("pk").first(),
        "task_attachment": TaskAttachment.objects.order_by("pk").first(),
        "target": Target.objects.order_by("pk").first(),
        "indicator": Indicator.objects.order_by("pk").first(),
        "value": MeasureValue.objects.order_by("pk").first(),
        "obligation": Obligation.objects.filter(kind__regime=regime, agency=owner_agency)
        .order_by("pk")
        .first(),
        "report_attachment": Attachment.objects.order_by("pk").first(),
        "regime": regime,
        "adhoc": adhoc,
        "draft": draft,
        "report_template": ReportTemplate.objects.order_by("pk").first(),
        "concern": concern,
        "notice": Notice.objects.filter(user__username="kontum.sotttt").order_by("pk").first(),
        "meeting": meeting,
        "agenda_item": AgendaItem.objects.filter(meeting=meeting).order_by("pk").first(),
        "material": (material := Material.objects.order_by("pk").first()),
        "material_meeting": material.item.meeting if material else None,
        "invitation": Invitation.objects.filter(meeting=meeting).order_by("pk").first(),
        "decision": (
            decision := Decision.objects.filter(meeting__committee=kon_tum).order_by("pk").first()
            or Decision.objects.order_by("pk").first()
        ),
        "decision_meeting": decision.meeting if decision else None,
        "consultation": consultation,
        "consultation_member": ConsultationMember.objects.order_by("pk").first(),
        "consultation_document": ConsultationDocument.objects.order_by("pk").first(),
        "facility": Facility.objects.filter(province=province).order_by("pk").first(),
        "allocation": Allocation.objects.order_by("pk").first(),
        "warning": FundWarning.objects.order_by("pk").first(),
        "round": reward_round,
        "proposal": reward_round.proposals.order_by("pk").first(),
        "snapshot": RegistrySnapshot.objects.filter(province=province).order_by("pk").first(),
        "employer": employer,
        "statement": ArrearsStatement.objects.get(province=province),
        "inspection": InspectionCase.objects.filter(province=province).order_by("pk").first(),
        "disclosure": Disclosure.objects.order_by("pk").first(),
        "run": Reconciliation.objects.filter(province=province).order_by("pk").first(),
        "match_decision": MatchDecision.objects.order_by("pk").first(),
        "finding": Finding.objects.filter(province=province).order_by("pk").first(),
        "province": province,
        "province_code": "62",
        "pk_missing": 999999,
    }
    _add_files_and_decisions(objects)
    absent = sorted(key for key, value in objects.items() if value is None)
    assert not absent, f"The demo data has none of: {absent}"
    return objects


def _add_files_and_decisions(objects: dict) -> None:
    """What the demo commands do not make: uploaded files, a fund warning, a review decision."""
    from django.core.files.base import ContentFile

    from ansinh.compliance.models import MatchDecision
    from ansinh.healthfund.models import FundWarning
    from ansinh.meetings.models import AgendaItem, Material
    from ansinh.org.models import Regulation
    from ansinh.plans.models import Attachment as TaskAttachment
    from ansinh.plans.models import ProgressReport
    from ansinh.reporting.models import Attachment, ReportTemplate, Submission

    committee, agency = objects["committee"], objects["agency"]
    # Kon Tum's demo has no regulation of its own: Thanh Hóa's is the one to open.
    objects["regulation_thanhhoa"] = Regulation.objects.filter(
        committee__province__code="38"
    ).first()
    item = AgendaItem.objects.filter(meeting=objects["meeting"]).order_by("pk").first()
    objects["material"] = Material.objects.create(
        item=item, name="Tài liệu", size=3, file=ContentFile(b"abc", name="tai-lieu.pdf")
    )
    objects["material_meeting"] = item.meeting
    submission = Submission.objects.filter(obligation__agency=agency).order_by(
        "pk"
    ).first() or Submission.objects.create(obligation=objects["obligation"])
    objects["report_attachment"] = Attachment.objects.create(
        submission=submission, name="bc.pdf", size=3, file=ContentFile(b"abc", name="bc.pdf")
    )
    objects["report_obligation"] = submission.obligation
    progress = ProgressReport.objects.create(
        task=objects["task"],
        agency=agency,
        kind="progress",
        period_year=2024,
        text="Đã tuyên truyền",
        reported_on=dt.date(2024, 6, 30),
    )
    objects["task_attachment"] = TaskAttachment.objects.create(
        report=progress, name="tt.pdf", size=3, file=ContentFile(b"abc", name="tt.pdf")
    )
    objects["report_template"] = ReportTemplate.objects.create(
        committee=committee,
        name="Mẫu",
        is_active=False,
        file=ContentFile(b"PK", name="mau.docx"),
    )
    objects["warning"] = FundWarning.objects.create(
        facility=objects["facility"],
        indicator="chi-binh-quan",
        indicator_name="Chi bình quân",
        year=2024,
        month=6,
        span="month",
        facility_value=120,
        peer_average=100,
        excess_percent=20,
    )
    objects["match_decision"] = MatchDecision.objects.create(
        province=committee.province,
        record_key="matrix",
        employer=objects["employer"],
        accepted=True,
    )
