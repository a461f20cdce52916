"""Reads of the reporting capability: the status of an obligation, an agency's reports, the
completeness and timeliness matrix.

Status rule, as `STATUS_RULE` shows it to users (the reference day is today):
- a report received is *đã tiếp nhận*; a report returned is *bị trả lại*;
- a report sent is *đã gửi*, or *đã gửi muộn* when it was sent after the last day;
- otherwise *quá hạn* after the last day, *đến hạn* from `DUE_SOON_DAYS` days before the last day
  (or from the data cut-off if earlier), *chưa đến hạn* before that.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from ansinh.core.periods import Period
from ansinh.reporting.enums import ObligationStatus, SubmissionStatus, Timeliness
from ansinh.reporting.models import Obligation, ReportingRegime, Submission

DUE_SOON_DAYS = 10
STATUS_RULE = [
    "Đã tiếp nhận: cơ quan thường trực đã nhận báo cáo. Bị trả lại: cần sửa và gửi lại.",
    "Đã gửi: gửi đến hết ngày gửi cuối cùng; sau đó là đã gửi muộn (vẫn được nhận).",
    f"Chưa gửi: đến hạn từ {DUE_SOON_DAYS} ngày trước ngày gửi cuối cùng (hoặc từ ngày chốt số "
    "liệu nếu sớm hơn), quá hạn sau ngày gửi cuối cùng.",
]


def obligation_status(
    *, obligation: Obligation, submission: Submission | None, today: dt.date
) -> ObligationStatus:
    if submission is not None:
        if submission.status == SubmissionStatus.ACCEPTED:
            return ObligationStatus.ACCEPTED
        if submission.status == SubmissionStatus.RETURNED:
            return ObligationStatus.RETURNED
        if submission.status == SubmissionStatus.SUBMITTED:
            return ObligationStatus.SENT_LATE if submission.late else ObligationStatus.SENT
    if today > obligation.last_day:
        return ObligationStatus.OVERDUE
    opens = min(obligation.cutoff, obligation.last_day - dt.timedelta(days=DUE_SOON_DAYS))
    return ObligationStatus.DUE if today >= opens else ObligationStatus.NOT_DUE


def _submission(obligation: Obligation) -> Submission | None:
    try:
        return obligation.submission
    except Submission.DoesNotExist:
        return None


def with_status(obligations, *, today: dt.date) -> list[Obligation]:
    obligations = list(obligations)
    for ob in obligations:
        ob.sub = _submission(ob)
        ob.state = obligation_status(obligation=ob, submission=ob.sub, today=today)
    return obligations


def agency_obligations(*, agency, year: int, today: dt.date) -> list[Obligation]:
    """What the agency owes in the year, by deadline, each with `.state` and `.sub`."""
    obligations = (
        Obligation.objects.filter(agency=agency, period_year=year)
        .select_related("kind__regime", "agency", "submission", "request")
        .order_by("due_date", "kind__position")
    )
    return with_status(obligations, today=today)


def obligation_years(*, agency) -> list[int]:
    years = Obligation.objects.filter(agency=agency).values_list("period_year", flat=True)
    return sorted(set(years), reverse=True)


def timeliness(*, obligation: Obligation, submission: Submission | None, today: dt.date):
    """Judged on the first sending time: no manual "complete" step."""
    sent = submission.first_submitted_at if submission else None
    if sent is not None:
        on_time = timezone.localdate(sent) <= obligation.last_day
        return Timeliness.ON_TIME if on_time else Timeliness.LATE
    return Timeliness.MISSING if today > obligation.last_day else Timeliness.NOT_DUE


@dataclass
class Rate:
    counts: Counter = field(default_factory=Counter)

    @property
    def due(self) -> int:
        return (
            self.counts[Timeliness.ON_TIME]
            + self.counts[Timeliness.LATE]
            + self.counts[Timeliness.MISSING]
        )

    @property
    def completeness(self) -> float | None:
        sent = self.counts[Timeliness.ON_TIME] + self.counts[Timeliness.LATE]
        return 100 * sent / self.due if self.due else None

    @property
    def timeliness(self) -> float | None:
        return 100 * self.counts[Timeliness.ON_TIME] / self.due if self.due else None


@dataclass(frozen=True)
class AdHocColumn:
    """An ad hoc request stands where a period would, labelled by its title."""

    number: int
    label: str


def _column(ob: Obligation) -> Period | AdHocColumn:
    if ob.request_id:
        return AdHocColumn(ob.period_number, ob.request.title)
    return ob.period


@dataclass
class Matrix:
    columns: list[tuple[object, Period | AdHocColumn]]  # (report kind, period or request)
    rows: list[tuple[object, list, Rate]]  # (agency, cells, rate)
    column_rates: list[Rate]


def completeness_matrix(*, regime: ReportingRegime, year: int, today: dt.date) -> Matrix:
    """Reporters × (kind, period) of the regime's periodic reports in the year."""
    obligations = list(
        Obligation.objects.filter(kind__regime=regime, period_year=year)
        .select_related("kind", "agency", "submission", "request")
        .order_by("kind__position", "period_number")
    )
    columns, agencies, cells = [], {}, {}
    for ob in obligations:
        key = (ob.kind_id, ob.period_number)
        if key not in [(k.pk, p.number) for k, p in columns]:
            columns.append((ob.kind, _column(ob)))
        agencies.setdefault(ob.agency_id, ob.agency)
        cells[(ob.agency_id, key)] = (
            ob,
            timeliness(obligation=ob, submission=_submission(ob), today=today),
        )
    column_rates = [Rate() for _ in columns]
    rows = []
    for agency in sorted(agencies.values(), key=lambda a: (a.kind, a.name)):
        rate, row = Rate(), []
        for index, (kind, period) in enumerate(columns):
            cell = cells.get((agency.pk, (kind.pk, period.number)))
            row.append(cell)
            if cell is not None:
                rate.counts[cell[1]] += 1
                column_rates[index].counts[cell[1]] += 1
        rows.append((agency, row, rate))
    return Matrix(columns, rows, column_rates)
