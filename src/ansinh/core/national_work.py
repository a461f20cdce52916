"""The national dataset's work: annual plans with lead and coordinating agencies, targets and
monthly counts per commune, reporting regimes with their obligations and submissions. Called by
`ansinh.core.national.generate`, inside its transaction."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from ansinh.core.periods import Period, PeriodKind
from ansinh.plans.enums import ReportKind as ProgressKind
from ansinh.plans.enums import UnitRole
from ansinh.plans.models import Plan, ProgressReport, Task, TaskGroup, TaskUnit
from ansinh.reporting.enums import SubmissionStatus
from ansinh.reporting.models import Obligation, Submission
from ansinh.reporting.services import obligations_generate, regime_load
from ansinh.targets.models import Indicator, Measure, MeasureValue, Target

from .national import BATCH, COMMITTEE_KEY, Counter, Province, Size, bulk, insert, place

GROUPS = [
    ("I", "Công tác lãnh đạo, chỉ đạo và kiện toàn Ban Chỉ đạo"),
    ("II", "Tuyên truyền, phổ biến chính sách, pháp luật về BHXH, BHYT, BHTN"),
    ("III", "Phát triển người tham gia BHXH, BHYT, BHTN"),
    ("IV", "Thanh tra, kiểm tra; xử lý chậm đóng, trốn đóng"),
    ("V", "Quản lý, sử dụng quỹ khám, chữa bệnh BHYT"),
    ("VI", "Cải cách hành chính và chuyển đổi số"),
    ("VII", "Giải quyết chế độ, chính sách và chi trả"),
    ("VIII", "Sơ kết, tổng kết, thi đua, khen thưởng"),
]
TASK_TEXTS = [
    "Triển khai các chỉ tiêu được giao về phát triển người tham gia {x} trên địa bàn",
    "Tổ chức hội nghị đối thoại, tuyên truyền chính sách {x} cho người lao động",
    "Rà soát, đối chiếu dữ liệu người tham gia {x} với cơ sở dữ liệu dân cư",
    "Kiểm tra việc chấp hành pháp luật về {x} tại các đơn vị sử dụng lao động",
    "Hỗ trợ mức đóng {x} cho các đối tượng theo quy định của Hội đồng nhân dân",
    "Đẩy mạnh giao dịch điện tử, thanh toán không dùng tiền mặt trong lĩnh vực {x}",
    "Báo cáo kết quả thực hiện nhiệm vụ về {x} với Ban Chỉ đạo",
]
TOPICS = ["BHXH bắt buộc", "BHXH tự nguyện", "BHYT hộ gia đình", "BHYT học sinh, sinh viên",
          "BHTN", "BHXH, BHYT, BHTN"]  # fmt: skip
# Per commune: the share of the base that a count is, at the first year, and its yearly growth.
RATES = {"bhxh": (0.22, 0.45, 0.010, 0.030), "bhxh_tn": (0.02, 0.07, 0.002, 0.008),
         "bhyt": (0.86, 0.94, 0.002, 0.010), "bhtn": (0.25, 0.45, 0.005, 0.020)}  # fmt: skip
BASES = {"bhxh": "llld", "bhxh_tn": "llld", "bhyt": "dan_so", "bhtn": "llld_bhtn"}
# Target minus the December rate, in points: ahead, on track, a little behind, well behind.
TARGET_GAPS = [Decimal("-0.5"), Decimal("0"), Decimal("0.3"), Decimal("1.2"), Decimal("3")]
REGIME_KINDS = [
    {"name": "Báo cáo quý", "period": "quarter", "level": "agency",
     "deadline": {"after_period_months": 1, "day": 5}},
    {"name": "Báo cáo 6 tháng", "period": "half", "level": "agency", "numbers": [1],
     "deadline": {"month": 6, "day": 10}},
    {"name": "Báo cáo năm", "period": "year", "level": "agency",
     "deadline": {"month": 12, "day": 10}},
    {"name": "Báo cáo tổng hợp quý", "period": "quarter", "level": "standing",
     "deadline": {"after_period_months": 1, "day": 10}},
    {"name": "Báo cáo tổng hợp năm", "period": "year", "level": "standing",
     "deadline": {"month": 12, "day": 15}},
]  # fmt: skip


def month_end(year: int, month: int) -> dt.date:
    return Period(year, PeriodKind.MONTH, month).end


# Plans --------------------------------------------------------------------------------------


def create_plans(provinces: list[Province], size: Size, counter: Counter) -> None:
    rng = random.Random(size.seed + 2)
    plans, groups = [], []
    for p in provinces:
        for year in size.year_list:
            plan = Plan(
                committee=p.committee, year=year, number=f"{rng.randint(10, 400)}/KH-BCĐ",
                title=f"Thực hiện chính sách BHXH, BHYT, BHTN năm {year}",
                date=dt.date(year, 1, rng.randint(5, 28)), place=p.unit.short_name,
                signer_authority="TM. BAN CHỈ ĐẠO", signer_title="TRƯỞNG BAN",
                appendix_title="Phụ lục: Nhiệm vụ, giải pháp và phân công thực hiện",
            )  # fmt: skip
            plans.append(plan)
            groups.extend(
                TaskGroup(plan=plan, number=number, title=title, position=i)
                for i, (number, title) in enumerate(GROUPS)
            )
    bulk(Plan, plans, counter, "kế hoạch")
    bulk(TaskGroup, groups, counter, "nhóm nhiệm vụ")
    by_plan = {}
    for g in groups:
        by_plan.setdefault(g.plan_id, []).append(g)
    tasks, links = [], []
    province_of = {p.committee.pk: p for p in provinces}
    for plan in plans:
        p = province_of[plan.committee_id]
        leads = [a for a in p.agencies if a.admin_unit_id is None]
        for i in range(size.tasks):
            group = by_plan[plan.pk][i * len(GROUPS) // size.tasks]
            text = rng.choice(TASK_TEXTS).format(x=rng.choice(TOPICS))
            recurring = rng.random() < 0.4
            quarter = rng.randint(1, 4)
            task = Task(
                plan=plan, group=group, number=str(i + 1), position=i, content=text,
                timeframe="Thường xuyên" if recurring else f"Quý {quarter}/{plan.year}",
                recurring=recurring,
                due_date=None if recurring else month_end(plan.year, quarter * 3),
            )  # fmt: skip
            tasks.append(task)
            lead = leads[(i * 7) % len(leads)]
            others = rng.sample([a for a in leads if a is not lead], k=min(2, len(leads) - 1))
            links.append((task, lead, others, rng.random() < 0.3))
    bulk(Task, tasks, counter, "nhiệm vụ")
    units, reports = [], []
    for task, lead, others, communes in links:
        p = province_of[task.plan.committee_id]
        units.append(TaskUnit(task=task, role=UnitRole.LEAD, name=lead.name, agency=lead))
        for position, agency in enumerate(others):
            units.append(
                TaskUnit(task=task, role=UnitRole.COORDINATOR, name=agency.name,
                         agency=agency, position=position)
            )  # fmt: skip
        if communes:
            group = p.groups["ubnd-cac-xa"]
            units.append(
                TaskUnit(task=task, role=UnitRole.COORDINATOR, name=group.name,
                         agency_group=group, position=len(others))
            )  # fmt: skip
        # Most tasks due before today were reported done by their lead; the rest stay overdue.
        if task.due_date and task.due_date < size.today and rng.random() < 0.8:
            reports.append(
                ProgressReport(
                    task=task, agency=lead, kind=ProgressKind.PROGRESS,
                    period_year=task.plan.year, period_kind=PeriodKind.QUARTER,
                    period_number=(task.due_date.month - 1) // 3 + 1, percent=100,
                    text="Đã hoàn thành nhiệm vụ theo kế hoạch.",
                    reported_on=task.due_date - dt.timedelta(days=rng.randint(-10, 20)),
                )
            )  # fmt: skip
    bulk(TaskUnit, units, counter, "đơn vị chủ trì, phối hợp")
    bulk(ProgressReport, reports, counter, "báo cáo tiến độ nhiệm vụ")


# Targets and values -------------------------------------------------------------------------


def create_values(provinces: list[Province], size: Size, counter: Counter) -> None:
    """Monthly counts of every measure for each commune over the years (up to the month
    before `today`), and each year's targets for the communes and the province."""
    rng = random.Random(size.seed + 3)
    measures = {m.code: m for m in Measure.objects.all()}
    indicators = list(Indicator.objects.filter(is_active=True).select_related("numerator"))
    first = size.year_list[0]
    months = [(y, m) for y in size.year_list for m in range(1, 13) if month_end(y, m) < size.today]
    values, targets = [], []

    def flush(force=False):
        if len(values) >= 50 * BATCH or (force and values):
            insert(MeasureValue, VALUE_FIELDS, values, counter, "số liệu tháng")
            values.clear()

    for p in provinces:
        province_rates = {}
        for commune in p.communes:
            population = rng.randint(6_000, 60_000)
            labour = population * rng.uniform(0.55, 0.62)
            base = {"dan_so": population, "llld": labour, "llld_bhtn": labour * 0.55}
            start = {c: rng.uniform(lo, hi) for c, (lo, hi, _, _) in RATES.items()}
            growth = {c: rng.uniform(lo, hi) for c, (_, _, lo, hi) in RATES.items()}
            for year, month in months:
                t = (year - first) + month / 12
                grow = 1 + 0.01 * t
                figures = {code: round(v * grow) for code, v in base.items()}
                for code, rate in start.items():
                    share = min(rate + growth[code] * t, 0.995)
                    figures[code] = round(share * figures[BASES[code]])
                figures["so_thu"] = figures["bhxh"] * month * rng.randint(1_400_000, 1_600_000)
                figures["bhxh_tn_moi"] = round(
                    population * 0.0015 * month / 12 * rng.uniform(0.8, 1.2)
                )
                for code, value in figures.items():
                    if code in measures:
                        values.append(_value(measures[code], commune, year, month, value))
                flush()
            for year in size.year_list:
                t = year - first + 1
                for indicator in indicators:
                    code = indicator.code
                    if code in RATES:
                        december = 100 * min(start[code] + growth[code] * t, 0.995)
                        pct = Decimal(str(round(december, 2))) + rng.choice(TARGET_GAPS)
                        pct = min(max(pct, Decimal("0")), Decimal("99.90"))
                        province_rates.setdefault((indicator.pk, year), []).append(pct)
                        targets.append(_target(indicator, commune, year, percent=pct))
                    elif code == "so_thu":
                        yearly = round(start["bhxh"] * base["llld"] * 12 * 1_550_000, -6)
                        targets.append(_target(indicator, commune, year, value=int(yearly)))
                    elif code == "bhxh_tn_moi":
                        targets.append(
                            _target(indicator, commune, year, value=round(population * 0.0016))
                        )
        for (indicator_pk, year), pcts in province_rates.items():
            indicator = next(i for i in indicators if i.pk == indicator_pk)
            mean = (sum(pcts) / len(pcts)).quantize(Decimal("0.01"))
            targets.append(_target(indicator, p.unit, year, percent=mean))
    flush(force=True)
    bulk(Target, targets, counter, "chỉ tiêu")


VALUE_FIELDS = ["measure", "admin_unit", "year", "period_kind", "period_number", "period_end",
                "value", "is_illustrative"]  # fmt: skip


def _value(measure, unit, year, month, value) -> tuple:
    return (measure.pk, unit.pk, year, str(PeriodKind.MONTH), month, month_end(year, month),
            max(int(value), 0), True)  # fmt: skip


def _target(indicator, unit, year, *, percent=None, value=None) -> Target:
    return Target(
        indicator=indicator,
        admin_unit=unit,
        year=year,
        percent=percent,
        value=value,
        source="Dữ liệu tổng hợp quy mô toàn quốc (giả lập)",
    )


# Reporting ----------------------------------------------------------------------------------


def create_reporting(provinces: list[Province], size: Size, counter: Counter) -> None:
    """A regime per province (as data, through `regime_load`), its obligations for the last
    two years and the next, and a submission for most obligations whose last day has passed:
    on time, late or accepted; about one in ten is still missing, as in real life."""
    rng = random.Random(size.seed + 4)
    # The last two years, and the coming one (as a standing agency sets up in December), so
    # that every reporter has reports still to send.
    years = [*size.year_list[-2:], size.today.year + 1]
    obligations = 0
    for p in provinces:
        regime = regime_load(
            data={
                "province": {"code": p.unit.code, "edition": p.unit.edition},
                "committee": COMMITTEE_KEY, "key": "quy-che",
                "name": "Chế độ báo cáo theo Quy chế hoạt động của Ban Chỉ đạo",
                "source": f"Quy chế hoạt động của Ban Chỉ đạo {place(p.unit)}",
                "reporters": {"groups": ["so-ban-nganh-doan-the", "ubnd-cac-xa"]},
                "kinds": REGIME_KINDS,
            }
        )  # fmt: skip
        obligations += sum(obligations_generate(regime=regime, year=y) for y in years)
    counter.add("chế độ báo cáo", len(provinces))
    counter.add("nghĩa vụ báo cáo", obligations)
    due = Obligation.objects.filter(
        kind__regime__committee__in=[p.committee for p in provinces],
        last_day__lt=size.today,
    ).order_by("pk")
    rows = []
    for obligation in due.iterator(chunk_size=BATCH):
        if rng.random() < 0.1:
            continue
        late = rng.random() < 0.15
        day = obligation.last_day + dt.timedelta(
            days=rng.randint(1, 20) if late else -rng.randint(0, 12)
        )
        sent = timezone.make_aware(dt.datetime.combine(day, dt.time(8 + rng.randint(0, 9), 30)))
        accepted = rng.random() < 0.6
        rows.append(
            Submission(
                obligation=obligation,
                status=SubmissionStatus.ACCEPTED if accepted else SubmissionStatus.SUBMITTED,
                narrative=f"Kết quả thực hiện {obligation.period.label}: các nhiệm vụ"
                " được giao cơ bản hoàn thành theo kế hoạch.",
                difficulties="" if rng.random() < 0.7 else "Một số đơn vị chậm đóng kéo dài.",
                submitted_at=sent, first_submitted_at=sent, late=late,
                decided_at=sent + dt.timedelta(days=3) if accepted else None,
                version=3 if accepted else 2,
            )
        )  # fmt: skip
        if len(rows) >= 10 * BATCH:
            bulk(Submission, rows, counter, "báo cáo đã gửi")
            rows = []
    bulk(Submission, rows, counter, "báo cáo đã gửi")
