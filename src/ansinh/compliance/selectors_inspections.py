"""Reads of the inspection area: the ranked inspection candidates, the cases, the figures the
consolidated report prints, and the published lists of late payers (public page and lookup).

Candidate score (shown to the user beside each reason, so the ranking can be checked by hand):
- months late in the latest arrears statement: 2 points a month, at most 40 (20 months);
- amount owed at the end of that statement: 1 point per 10.000.000 đồng, at most 30;
- each kind of open finding about the employer (new or being followed up): suspected evasion
  (headcount from tax data above the insured one) 25, closed but still holding an account 15,
  long arrears 10;
- no inspection ending in the last 12 months: 10, counted only for an employer that has one of
  the signals above (an employer with no signal is not a candidate at all).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Max, Q, Sum

from ansinh.compliance.enums import FindingKind, FindingStatus, InspectionStatus
from ansinh.compliance.models import (
    ArrearsLine,
    ArrearsStatement,
    Disclosure,
    DisclosureEntry,
    Employer,
    Finding,
    InspectionCase,
)
from ansinh.compliance.names import plain
from ansinh.core.vnformat import format_date, format_number

MONTH_POINTS, MONTHS_CAP = 2, 20
AMOUNT_STEP, AMOUNT_CAP = 10_000_000, 30
FINDING_POINTS = {
    FindingKind.HEADCOUNT_GAP: 25,
    FindingKind.CLOSED_WITH_ACCOUNT: 15,
    FindingKind.LONG_ARREARS: 10,
}
NOT_INSPECTED_POINTS = 10
NOT_INSPECTED_DAYS = 365
OPEN_FINDINGS = (FindingStatus.OPEN, FindingStatus.FOLLOWING)


@dataclass
class Reason:
    text: str
    points: int


@dataclass
class Candidate:
    employer: Employer
    months_late: Decimal = Decimal(0)
    amount: int = 0
    last_inspection: dt.date | None = None
    reasons: list[Reason] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(r.points for r in self.reasons)

    @property
    def reasons_text(self) -> str:
        return "; ".join(f"{r.text} (+{r.points})" if r.points else r.text for r in self.reasons)


def latest_statement(*, province) -> ArrearsStatement | None:
    return ArrearsStatement.objects.filter(province=province).order_by("-as_of").first()


def inspection_candidates(*, province, today: dt.date, query: str = "") -> list[Candidate]:
    """Employers with at least one signal, highest score first (see the module's docstring)."""
    statement = latest_statement(province=province)
    found: dict[int, Candidate] = {}
    if statement is not None:
        lines = ArrearsLine.objects.filter(
            statement=statement, months_late__gt=0, closing__gt=0
        ).select_related("employer", "employer__admin_unit")
        for line in lines:
            months = min(int(line.months_late), MONTHS_CAP) * MONTH_POINTS
            amount = min(line.closing // AMOUNT_STEP, AMOUNT_CAP)
            found[line.employer_id] = Candidate(
                employer=line.employer,
                months_late=line.months_late,
                amount=line.closing,
                reasons=[
                    Reason(
                        f"Chậm đóng {format_number(line.months_late, 1)} tháng (số liệu tại "
                        f"{format_date(statement.as_of)})",
                        months,
                    ),
                    Reason(f"Số tiền chậm đóng {format_number(line.closing)} đồng", amount),
                ],
            )
    findings = (
        Finding.objects.filter(
            province=province,
            status__in=OPEN_FINDINGS,
            kind__in=list(FINDING_POINTS),
            employer__isnull=False,
        )
        .values_list("employer_id", "kind")
        .distinct()
        .order_by("employer_id", "kind")
    )
    by_employer: dict[int, set[str]] = {}
    for employer_id, kind in findings:
        by_employer.setdefault(employer_id, set()).add(kind)
    missing = set(by_employer) - set(found)
    for employer in Employer.objects.filter(pk__in=missing).select_related("admin_unit"):
        found[employer.pk] = Candidate(employer=employer)
    for employer_id, kinds in by_employer.items():
        for kind in FINDING_POINTS:  # a fixed order, so the reasons read the same every time
            if kind in kinds:
                found[employer_id].reasons.append(
                    Reason(f"Phát hiện: {FindingKind(kind).label}", FINDING_POINTS[kind])
                )
    last = dict(
        InspectionCase.employers.through.objects.filter(employer_id__in=list(found))
        .values("employer_id")
        .annotate(last=Max("inspectioncase__ends_on"))
        .values_list("employer_id", "last")
    )
    since = today - dt.timedelta(days=NOT_INSPECTED_DAYS)
    for employer_id, candidate in found.items():
        candidate.last_inspection = last.get(employer_id)
        if candidate.last_inspection is None or candidate.last_inspection < since:
            candidate.reasons.append(
                Reason("Không được thanh tra, kiểm tra trong 12 tháng qua", NOT_INSPECTED_POINTS)
            )
        else:
            candidate.reasons.append(
                Reason(
                    f"Đã thanh tra, kiểm tra (kết thúc {format_date(candidate.last_inspection)})",
                    0,
                )
            )
    candidates = list(found.values())
    if query := query.strip().lower():
        candidates = [
            c
            for c in candidates
            if query in c.employer.name.lower()
            or query in c.employer.tax_code
            or query in c.employer.insurer_code.lower()
        ]
    candidates.sort(key=lambda c: (-c.score, -c.amount, c.employer.name))
    return candidates


def inspection_cases(*, province, status: str = "", outcome: str = "", year: int | None = None):
    cases = (
        InspectionCase.objects.filter(province=province)
        .select_related("lead_agency")
        .annotate(employer_count=Count("employers"))
        .order_by("-starts_on", "-pk")
    )
    if status:
        cases = cases.filter(status=status)
    if outcome:
        cases = cases.filter(outcome=outcome)
    if year:
        cases = cases.filter(starts_on__year=year)
    return cases


def inspection_years(*, province) -> list[int]:
    dates = InspectionCase.objects.filter(province=province).dates("starts_on", "year")
    return sorted({d.year for d in dates}, reverse=True)


def inspection_figures(*, province, start: dt.date, end: dt.date) -> dict:
    """The period's inspections, as the consolidated report counts them:
    - started: cases whose first day falls in the period;
    - concluded: cases concluded whose last day falls in the period; the amounts fined and
      recovered are theirs;
    - employers inspected: distinct employers of cases under way at any time in the period;
    - referrals: cases referred to the police on a day in the period."""
    cases = InspectionCase.objects.filter(province=province)
    concluded = cases.filter(status=InspectionStatus.CONCLUDED, ends_on__range=(start, end))
    sums = concluded.aggregate(
        n=Count("pk"), fined=Sum("fined_amount"), recovered=Sum("recovered_amount")
    )
    employers = (
        InspectionCase.employers.through.objects.filter(
            inspectioncase__province=province,
            inspectioncase__starts_on__lte=end,
            inspectioncase__ends_on__gte=start,
        )
        .values("employer_id")
        .distinct()
        .count()
    )
    return {
        "started": cases.filter(starts_on__range=(start, end)).count(),
        "concluded": sums["n"],
        "employers": employers,
        "fined": sums["fined"] or 0,
        "recovered": sums["recovered"] or 0,
        "referrals": cases.filter(referred_on__range=(start, end)).count(),
    }


# Published lists ------------------------------------------------------------------------------


def published() -> Q:
    return Q(published_at__isnull=False, withdrawn_at__isnull=True)


def current_disclosure(*, province) -> Disclosure | None:
    """The list on show for the province: the newest data date published and not withdrawn."""
    return (
        Disclosure.objects.filter(published(), province=province)
        .order_by("-as_of", "-published_at")
        .first()
    )


def disclosure_preview(*, statement: ArrearsStatement, min_months: int):
    """The lines a publication of the statement would copy."""
    return (
        statement.lines.filter(months_late__gte=min_months, closing__gt=0)
        .select_related("employer")
        .order_by("-months_late", "employer__name")
    )


def disclosure_entries(*, disclosure: Disclosure, query: str = ""):
    """The list, or the entries whose name (without diacritics, any case: "song da" finds
    "Sông Đà") or tax code contains the query. Filtered here rather than by the database,
    whose case folding of Vietnamese letters differs between SQLite and PostgreSQL."""
    entries = disclosure.entries.all()
    if not (wanted := plain(query)):
        return entries
    digits = "".join(ch for ch in query if ch.isdigit() or ch == "-")
    return [
        e for e in entries if wanted in plain(e.name) or (len(digits) >= 3 and digits in e.tax_code)
    ]


@dataclass
class Lookup:
    tax_code: str
    entries: list  # DisclosureEntry with .disclosure (and its province)
    as_of: dt.date | None  # the newest data date among the lists searched

    @property
    def has_arrears(self) -> bool:
        return bool(self.entries)

    @property
    def message(self) -> str:
        if self.entries:
            return (
                f"Đơn vị có mã số thuế {self.tax_code} có tên trong danh sách công khai đơn vị "
                f"chậm đóng BHXH, BHYT, BHTN."
            )
        if self.as_of is None:
            return "Chưa có danh sách công khai đơn vị chậm đóng nào để tra cứu."
        return (
            f"Mã số thuế {self.tax_code} không có tên trong danh sách công khai đơn vị chậm "
            f"đóng tính đến ngày {format_date(self.as_of)}."
        )


def arrears_lookup(*, tax_code: str) -> Lookup:
    """Whether a (normalised) tax code is in the current published list of any province."""
    current = []
    seen: set[int] = set()
    for disclosure in Disclosure.objects.filter(published()).order_by(
        "province_id", "-as_of", "-published_at"
    ):
        if disclosure.province_id not in seen:
            seen.add(disclosure.province_id)
            current.append(disclosure.pk)
    entries = list(
        DisclosureEntry.objects.filter(disclosure_id__in=current, tax_code=tax_code)
        .select_related("disclosure", "disclosure__province")
        .order_by("-disclosure__as_of")
    )
    as_of = (
        Disclosure.objects.filter(pk__in=current).aggregate(d=Max("as_of"))["d"]
        if current
        else None
    )
    return Lookup(tax_code=tax_code, entries=entries, as_of=as_of)
