"""Reads behind the consolidated report (báo cáo tổng hợp): how many agency reports of each
period were received, sent or are missing, and the context a Word template is rendered with.

The context holds only strings, numbers, booleans, lists and dicts with Vietnamese keys, so an
operator editing the template in Word sees plain names (`docs/report-template.md` lists them).
A report is *received* when accepted, *sent, not yet received* when it was sent once and is not
accepted now (sent, returned, or reopened), *missing* when it was never sent. Task status,
indicator attainment, the health-insurance fund's spending and the inspections of employers are
taken at the period's data cut-off, or today if that is earlier.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from ansinh.core.periods import Period
from ansinh.core.vnformat import format_date
from ansinh.org.enums import AgencyKind
from ansinh.plans.enums import TaskStatus
from ansinh.plans.selectors import plan_tasks
from ansinh.reporting import deadlines
from ansinh.reporting.consolidated_compliance import compliance_context
from ansinh.reporting.consolidated_fund import fund_context
from ansinh.reporting.enums import DeadlineRule, ReportLevel, SubmissionStatus
from ansinh.reporting.models import (
    ConsolidatedReport,
    Obligation,
    ReportingRegime,
    ReportKind,
    Submission,
)
from ansinh.targets.enums import Light
from ansinh.targets.selectors.attainment import attainment_table

RECEIVED, PENDING, MISSING = "received", "pending", "missing"
NO_OBLIGATIONS = (
    "Kỳ báo cáo này không có cơ quan nào phải báo cáo (chưa sinh nghĩa vụ báo cáo), nên chưa "
    "có gì để tổng hợp."
)
AGENCY_ONLY = (
    "Chỉ tổng hợp được báo cáo định kỳ mà các cơ quan, đơn vị gửi cơ quan thường trực, không "
    "phải báo cáo của chính cơ quan thường trực hay báo cáo đột xuất."
)


def bucket(submission: Submission | None) -> str:
    if submission is None or submission.first_submitted_at is None:
        return MISSING
    return RECEIVED if submission.status == SubmissionStatus.ACCEPTED else PENDING


def _submission(obligation: Obligation) -> Submission | None:
    try:
        return obligation.submission
    except Submission.DoesNotExist:
        return None


# The page: one row per agency-level report kind and period ------------------------------------


@dataclass
class PeriodSummary:
    kind: ReportKind
    period: Period
    due: dt.date
    reading: str
    counts: Counter = field(default_factory=Counter)
    missing_names: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.kind.pk}-{self.period.number}"

    @property
    def owed(self) -> int:
        return sum(self.counts.values())

    @property
    def received(self) -> int:
        return self.counts[RECEIVED]

    @property
    def pending(self) -> int:
        return self.counts[PENDING]

    @property
    def missing(self) -> int:
        return self.counts[MISSING]

    @property
    def deadline_words(self) -> str:
        return deadlines.deadline_words(due=self.due, reading=self.reading)


def period_summaries(*, regime: ReportingRegime, year: int) -> list[PeriodSummary]:
    """Every periodic agency-level report of the regime in the year, with its counts."""
    obligations = (
        Obligation.objects.filter(
            kind__regime=regime,
            kind__level=ReportLevel.AGENCY,
            period_year=year,
            request__isnull=True,
        )
        .exclude(kind__rule=DeadlineRule.NONE)
        .select_related("kind", "submission", "agency")
        .order_by("kind__position", "period_number", "agency__name")
    )
    summaries: dict[tuple[int, int], PeriodSummary] = {}
    for ob in obligations:
        key = (ob.kind_id, ob.period_number)
        if key not in summaries:
            summaries[key] = PeriodSummary(ob.kind, ob.period, ob.due_date, regime.reading)
        state = bucket(_submission(ob))
        summaries[key].counts[state] += 1
        if state == MISSING:
            summaries[key].missing_names.append(ob.agency.name)
    return list(summaries.values())


def regime_years(*, regime: ReportingRegime) -> list[int]:
    years = Obligation.objects.filter(kind__regime=regime).values_list("period_year", flat=True)
    return sorted(set(years), reverse=True)


def regime_drafts(*, regime: ReportingRegime, year: int, selected: PeriodSummary | None = None):
    """The drafts generated for the regime's reports of the year (or of one period), newest
    first."""
    drafts = ConsolidatedReport.objects.filter(kind__regime=regime, period_year=year)
    if selected is not None:
        drafts = drafts.filter(kind=selected.kind, period_number=selected.period.number)
    return drafts.select_related("kind", "generated_by", "template").order_by("-created_at", "-pk")


def with_period_labels(drafts) -> list[ConsolidatedReport]:
    drafts = list(drafts)
    for draft in drafts:
        period = Period(draft.period_year, draft.kind.period_kind, draft.period_number)
        draft.period_label = period.label
    return drafts


def period_obligations(*, kind: ReportKind, year: int, number: int) -> list[Obligation]:
    """The obligations of one period, each with `.sub` and `.bucket`, departments first."""
    obligations = list(
        Obligation.objects.filter(
            kind=kind, period_year=year, period_number=number, request__isnull=True
        ).select_related("agency", "submission")
    )
    for ob in obligations:
        ob.sub = _submission(ob)
        ob.bucket = bucket(ob.sub)
    return sorted(obligations, key=lambda o: (o.agency.kind, o.agency.name))


def consolidated_problem(*, kind: ReportKind, year: int, number: int) -> str:
    """Why this period cannot be consolidated ("" when it can)."""
    if kind.level != ReportLevel.AGENCY or kind.rule == DeadlineRule.NONE:
        return AGENCY_ONLY
    owed = Obligation.objects.filter(
        kind=kind, period_year=year, period_number=number, request__isnull=True
    )
    return "" if owed.exists() else NO_OBLIGATIONS


# The context of the Word template -------------------------------------------------------------


def paragraphs(text: str) -> str:
    """A typed text as Word paragraphs: docxtpl starts a new paragraph, with the same style,
    at each "\\a"; blank lines are dropped."""
    lines = [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    return "\a".join(line for line in lines if line)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sent_on(sub: Submission) -> str:
    sent = sub.submitted_at or sub.first_submitted_at
    return format_date(timezone.localdate(sent)) if sent else ""


def task_numbers(plan) -> dict[int, str]:
    """Each task's number with its groups' ("III.a.1"): numbering restarts in every group."""
    if plan is None:
        return {}
    groups = {g.pk: g for g in plan.groups.all()}
    numbers = {}
    for pk, number, group_id in plan.tasks.values_list("pk", "number", "group_id"):
        parts, group = [number], groups.get(group_id)
        while group is not None:
            parts.insert(0, group.number.strip(" .)"))
            group = groups.get(group.parent_id)
        numbers[pk] = ".".join(p for p in parts if p)
    return numbers


def _report(ob: Obligation, numbers: dict[int, str]) -> dict:
    sub = ob.sub
    return {
        "co_quan": ob.agency.name,
        "ten_ngan": ob.agency.short_name or ob.agency.name,
        "ngay_gui": _sent_on(sub),
        "gui_muon": sub.late,
        "trang_thai": sub.get_status_display(),
        "ket_qua": paragraphs(sub.narrative),
        "kho_khan": paragraphs(sub.difficulties),
        "kien_nghi": paragraphs(sub.recommendations),
        "nhiem_vu": [
            {
                "so": numbers.get(s.get("task"), s.get("number", "")),
                "noi_dung": s.get("content", ""),
                "vai_tro": s.get("role", ""),
                "ket_qua": paragraphs(s.get("text", "")),
            }
            for s in sub.sections
            if (s.get("text") or "").strip()
        ],
    }


def _tasks(plan, reports: list[tuple[Obligation, dict]], numbers, day: dt.date) -> dict:
    if plan is None:
        return {
            "co_ke_hoach": False,
            "ke_hoach": "",
            "ngay": "",
            "tong": 0,
            "tom_tat": "",
            "qua_han": [],
            "danh_sach": [],
        }
    said: dict[int, list[str]] = {}
    for ob, _ in reports:
        for section in ob.sub.sections:
            text = paragraphs(section.get("text", ""))
            if text and section.get("task"):
                said.setdefault(section["task"], []).append(f"{ob.agency.name}: {text}")
    rows = []
    for task in plan_tasks(plan=plan, today=day):
        rows.append(
            {
                "so": numbers.get(task.pk, task.number),
                "nhom": task.group.title if task.group else "",
                "noi_dung": task.content,
                "chu_tri": task.lead_text,
                "phoi_hop": task.coordinators_text,
                "thoi_gian": task.timeframe or "Không xác định",
                "han": format_date(task.due_date),
                "trang_thai": task.state.label,
                "ghi_chu": task.state.note,
                "qua_han": task.state.status == TaskStatus.OVERDUE,
                "ket_qua": "\a".join(said.get(task.pk, [])),
            }
        )
    counts = Counter(r["trang_thai"] for r in rows)
    summary = "; ".join(
        f"{_lower_first(s.label)}: {counts[s.label]}" for s in TaskStatus if counts[s.label]
    )
    return {
        "co_ke_hoach": True,
        "ke_hoach": f"{plan.kind.capitalize()} {plan.number} {_lower_first(plan.title)}".replace(
            "  ", " "
        ),
        "ngay": format_date(day),
        "tong": len(rows),
        "tom_tat": summary,
        "qua_han": [r for r in rows if r["qua_han"]],
        "danh_sach": rows,
    }


def _attainment(province, day: dt.date) -> dict:
    table = attainment_table(province=province, day=day)
    totals = [
        {
            "ten": c.indicator.name,
            "ten_ngan": c.indicator.short_name,
            "ty_le": c.rate_display or "chưa có số liệu",
            "chi_tieu": c.target_display or "chưa giao",
            "dat": c.share_display,
            "tien_do": c.progress_display,
            "ky_vong": c.expected_display,
            "danh_gia": c.light.label,
            "cham": c.light in (Light.YELLOW, Light.RED),
        }
        for c in table.total.cells
    ]
    return {
        "ngay": format_date(day),
        "co_so_lieu": any(c.rate is not None for c in table.total.cells),
        "minh_hoa": table.illustrative,
        "quy_tac": table.rule,
        "toan_tinh": totals,
        "dia_ban_cham": [
            {
                "ten": row.unit.name,
                "chi_tieu_cham": ", ".join(c.indicator.short_name for c in row.lagging_cells),
            }
            for row in table.lagging
        ],
    }


def _issuer(committee) -> tuple[str, str, str]:
    standing = committee.standing_agency
    if standing.kind == AgencyKind.SOCIAL_INSURANCE:
        return "BẢO HIỂM XÃ HỘI VIỆT NAM", standing.name.upper(), "      /BC-BHXH"
    return f"UBND {committee.province.name}".upper(), standing.name.upper(), "      /BC"


def consolidated_context(
    *, kind: ReportKind, year: int, number: int, obligations: list[Obligation], now: dt.datetime
) -> dict:
    """Everything the template may print for one period; `obligations` from
    `period_obligations` (not empty)."""
    regime = kind.regime
    committee = regime.committee
    province = committee.province
    first = obligations[0]
    period = first.period
    today = timezone.localdate(now)
    day = min(first.cutoff, today)
    numbers = task_numbers(regime.plan)
    received = [(ob, _report(ob, numbers)) for ob in obligations if ob.bucket == RECEIVED]
    pending = [_report(ob, numbers) for ob in obligations if ob.bucket == PENDING]
    missing = [{"co_quan": ob.agency.name} for ob in obligations if ob.bucket == MISSING]
    reports = [r for _, r in received]
    standing_kind = regime.kinds.filter(
        level=ReportLevel.STANDING, period_kind=kind.period_kind
    ).first()
    standing_due = ""
    if standing_kind and standing_kind.rule != DeadlineRule.NONE:
        due = standing_kind.due_for(period)
        standing_due = deadlines.deadline_words(due=due, reading=regime.reading)
    parent, issuer, number_text = _issuer(committee)
    place = province.name.removeprefix(f"{province.division_type} ").strip() or province.name
    return {
        "co_quan_cap_tren": parent,
        "co_quan": issuer,
        "ten_co_quan": committee.standing_agency.name,
        "so_ky_hieu": number_text,
        "dia_danh": place,
        "ngay_thang_nam": f"ngày {today.day:02d} tháng {today.month:02d} năm {today.year}",
        "thoi_diem_tao": timezone.localtime(now).strftime("%H:%M %d/%m/%Y"),
        "trich_yeu": (
            f"Tổng hợp kết quả thực hiện chính sách BHXH, BHYT, BHTN {_lower_first(period.label)}"
        ),
        "ban_chi_dao": committee.name,
        "che_do": regime.name,
        "can_cu": regime.source,
        "loai_bao_cao": kind.name,
        "ky": period.label,
        "ky_viet_thuong": _lower_first(period.label),
        "ngay_chot_so_lieu": format_date(first.cutoff),
        "han_gui": deadlines.deadline_words(due=first.due_date, reading=regime.reading),
        "han_bao_cao_tong_hop": standing_due,
        "so_phai_bao_cao": len(obligations),
        "so_da_tiep_nhan": len(received),
        "so_gui_muon": sum(1 for r in reports if r["gui_muon"]),
        "so_chua_tiep_nhan": len(pending),
        "so_chua_gui": len(missing),
        "bao_cao": reports,
        "chua_tiep_nhan": pending,
        "chua_gui": missing,
        "chua_gui_ten": ", ".join(m["co_quan"] for m in missing),
        "kho_khan": [
            {"co_quan": r["co_quan"], "noi_dung": r["kho_khan"]} for r in reports if r["kho_khan"]
        ],
        "kien_nghi": [
            {"co_quan": r["co_quan"], "noi_dung": r["kien_nghi"]} for r in reports if r["kien_nghi"]
        ],
        "nhiem_vu": _tasks(regime.plan, received, numbers, day),
        "chi_tieu": _attainment(province, day),
        "quy_kcb": fund_context(province=province, year=year, day=day),
        "thanh_tra": compliance_context(province=province, start=period.start, end=day),
        "tham_quyen_ky": "GIÁM ĐỐC",
        "nguoi_ky": "",
        "noi_nhan": [
            f"UBND {_lower_first(province.name)} (b/c);",
            f"{committee.short_name or 'Ban Chỉ đạo'} (b/c);",
            "Các cơ quan thành viên Ban Chỉ đạo;",
            "Lưu: VT.",
        ],
    }
