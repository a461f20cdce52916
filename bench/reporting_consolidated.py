"""Benchmark: generate the consolidated report (báo cáo tổng hợp) of a province with 40 reporters
and an 80-task plan, every reporter's 6-month report received.

Times the whole generation without PDF — reading obligations, submissions, task status and
indicator attainment from the database, building the context, docxtpl rendering, storing the
file and the draft row — beside docxtpl alone rendering the same template with the context
already built, and prints the ratio. Fresh SQLite database with the Kon Tum seed province, its
indicators and illustrative figures; reporters, plan and reports are synthetic.

    .venv/bin/python bench/reporting_consolidated.py [--reporters 40] [--tasks 80] [--runs 5]
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]


def setup(workdir: str) -> None:
    os.environ.update(
        {
            "ANSINH_DEMO": "1",
            "DJANGO_SETTINGS_MODULE": "ansinh.settings",
            "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
            "ANSINH_DATA_DIR": workdir,
        }
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    from tests.conftest import load_seed

    load_seed(("62",), users=False)
    call_command("load_demo_targets", stdout=open(os.devnull, "w"))  # noqa: SIM115


def build(reporters: int, tasks: int):
    """A regime of `reporters` departments over a plan of `tasks` tasks, each task led by one of
    them and coordinated by the next; every report sent and received. Returns the report kind."""
    from ansinh.org.enums import AgencyKind
    from ansinh.org.models import Agency, Committee
    from ansinh.plans.enums import ReportKind as ProgressKind
    from ansinh.plans.enums import UnitRole
    from ansinh.plans.models import Plan, ProgressReport, Task, TaskGroup, TaskUnit
    from ansinh.reporting import services
    from ansinh.reporting.enums import DeadlineRule, ReportLevel, ReportPeriod
    from ansinh.reporting.models import ReportingRegime, ReportKind

    committee = Committee.objects.get(province__code="62", key="bcd-tinh")
    agencies = [
        Agency.objects.create(
            province=committee.province,
            key=f"bench-{n}",
            name=f"Sở thử nghiệm số {n} tỉnh Kon Tum",
            kind=AgencyKind.DEPARTMENT,
        )
        for n in range(1, reporters + 1)
    ]
    plan = Plan.objects.create(committee=committee, year=2024, title="Kế hoạch thử nghiệm")
    groups = [
        TaskGroup.objects.create(
            plan=plan, number=roman, title=f"Nhóm nhiệm vụ {roman}", position=i
        )
        for i, roman in enumerate(["I", "II", "III", "IV", "V", "VI", "VII", "VIII"])
    ]
    for n in range(tasks):
        lead, other = agencies[n % reporters], agencies[(n + 1) % reporters]
        task = Task.objects.create(
            plan=plan,
            group=groups[n % len(groups)],
            number=str(n // len(groups) + 1),
            position=n,
            content=f"Nhiệm vụ {n + 1}: tăng cường tuyên truyền, kiểm tra việc thực hiện chính "
            "sách BHXH, BHYT, BHTN trên địa bàn.",
            lead_text=lead.name,
            coordinators_text=other.name,
            timeframe="Quý 2/2024" if n % 2 else "Thường xuyên",
            recurring=not n % 2,
            due_date=dt.date(2024, 6, 30) if n % 2 else None,
        )
        TaskUnit.objects.create(task=task, role=UnitRole.LEAD, name=lead.name, agency=lead)
        TaskUnit.objects.create(task=task, role=UnitRole.COORDINATOR, name=other.name, agency=other)
        ProgressReport.objects.create(
            task=task,
            agency=lead,
            kind=ProgressKind.PROGRESS,
            period_year=2024,
            period_kind="quarter",
            period_number=2,
            text="Đã triển khai",
            percent=100 if n % 3 else 50,
            reported_on=dt.date(2024, 6, 20),
        )
    regime = ReportingRegime.objects.create(
        committee=committee, plan=plan, key="bench", name="Chế độ báo cáo thử nghiệm"
    )
    regime.reporters.set(agencies)
    kind = ReportKind.objects.create(
        regime=regime,
        name="Báo cáo 6 tháng",
        period_kind=ReportPeriod.HALF,
        level=ReportLevel.AGENCY,
        rule=DeadlineRule.FIXED,
        month=7,
        day=20,
        numbers=[1],
    )
    services.obligations_generate(regime=regime, year=2024)
    for ob in kind.obligations.select_related("agency", "kind__regime"):
        sub = services.submission_start(obligation=ob, user=None)
        sub = services.submission_update(
            submission=sub,
            version=sub.version,
            user=None,
            narrative=f"{ob.agency.name} đã triển khai kế hoạch.\nĐã tổ chức 3 hội nghị.",
            difficulties="Thiếu kinh phí tuyên truyền.",
            recommendations="Đề nghị bổ sung kinh phí.",
            section_texts={s["task"]: "Đã thực hiện, đạt yêu cầu." for s in sub.sections},
        )
        sub = services.submission_transition(
            submission=sub, action="submit", version=sub.version, user=None
        )
        services.submission_transition(
            submission=sub, action="accept", version=sub.version, user=None
        )
    return kind


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reporters", type=int, default=40)
    parser.add_argument("--tasks", type=int, default=80)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup(tempfile.mkdtemp(prefix="ansinh-bench-consolidated-"))
    started = time.perf_counter()
    kind = build(args.reporters, args.tasks)
    built = time.perf_counter() - started

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from ansinh.reporting.consolidated_context import consolidated_context, period_obligations
    from ansinh.reporting.docx_render import default_template, render_docx
    from ansinh.reporting.services import consolidated_generate

    with CaptureQueriesContext(connection) as queries:
        consolidated_generate(kind=kind, year=2024, number=1, user=None, pdf=False)
    whole, alone, contexts = [], [], []
    template = default_template()
    for _ in range(args.runs):
        started = time.perf_counter()
        draft = consolidated_generate(kind=kind, year=2024, number=1, user=None, pdf=False)
        whole.append(time.perf_counter() - started)

        started = time.perf_counter()
        obligations = period_obligations(kind=kind, year=2024, number=1)
        context = consolidated_context(
            kind=kind, year=2024, number=1, obligations=obligations, now=timezone.now()
        )
        contexts.append(time.perf_counter() - started)

        started = time.perf_counter()
        document = render_docx(template, context)
        alone.append(time.perf_counter() - started)

    assert draft.received == args.reporters, draft.received
    generate, render = statistics.median(whole), statistics.median(alone)
    print(
        f"Data: {args.reporters} reporters, {args.tasks} tasks, {draft.received} reports "
        f"received; set-up {built:.1f} s; draft {len(document) / 1024:.0f} KiB"
    )
    print(f"SQL queries per generation: {len(queries)}; median of {args.runs} runs:")
    print(f"ansinh generate (context from DB + render + store): {generate:8.3f} s")
    print(
        f"  of which context from DB:                        {statistics.median(contexts):8.3f} s"
    )
    print(f"docxtpl render alone (context already built):      {render:8.3f} s")
    print(f"ratio generate / render:                           {generate / render:8.1f} x")


if __name__ == "__main__":
    main()
