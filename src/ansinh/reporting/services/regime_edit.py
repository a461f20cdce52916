"""Changing a reporting regime on its page: its settings, reporters and report kinds, then the
obligations brought in line with it — all of it, or nothing when the regime could not work."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from ansinh.core.history import acting_as
from ansinh.reporting import deadlines
from ansinh.reporting.enums import DeadlineRule, ReportLevel, ReportPeriod
from ansinh.reporting.models import Obligation, ReportingRegime, ReportKind, Submission
from ansinh.reporting.services.obligations import obligations_generate
from ansinh.reporting.services.regimes import (
    MAX_REMIND_DAYS,
    regime_problems,
    regime_reporters,
)

PERIOD_COUNTS = {ReportPeriod.QUARTER: 4, ReportPeriod.HALF: 2, ReportPeriod.YEAR: 1}


@dataclass
class KindSpec:
    """One row of the kinds table: `kind` is None for a new one."""

    kind: ReportKind | None
    name: str
    period_kind: str
    level: str
    rule: str
    day: int | None = None
    month: int | None = None
    offset_months: int | None = None
    year_offset: int = 0
    cutoff: str = ""
    numbers: list[int] | None = None
    delete: bool = False


@dataclass
class RegimeUpdate:
    regime: ReportingRegime
    created: int = 0  # obligations added
    moved: int = 0  # obligations whose dates changed
    removed: int = 0  # unsent obligations no longer owed


def _spec_problems(spec: KindSpec) -> list[str]:
    """What is wrong with a kind row, naming the kind and the column."""
    name = spec.name or "Loại báo cáo mới"
    if spec.period_kind == ReportPeriod.AD_HOC:
        if spec.rule != DeadlineRule.NONE:
            return [f"{name} — “Cách tính hạn”: báo cáo đột xuất không có hạn định kỳ."]
        if spec.numbers:
            return [f"{name} — “Kỳ phải báo cáo”: báo cáo đột xuất không theo kỳ, để trống."]
        return []
    count = PERIOD_COUNTS[ReportPeriod(spec.period_kind)]
    wrong = [n for n in spec.numbers or [] if not 1 <= n <= count]
    if wrong:
        label = ReportPeriod(spec.period_kind).label.lower()
        return [f"{name} — “Kỳ phải báo cáo”: kỳ {wrong[0]} không có (kỳ {label}: 1 đến {count})."]
    if spec.rule == DeadlineRule.NONE:
        return [f"{name} — “Cách tính hạn”: báo cáo định kỳ cần có hạn gửi."]
    if spec.rule == DeadlineRule.RELATIVE and (spec.day is None or spec.offset_months is None):
        return [f"{name}: hạn theo tháng sau kỳ cần “Ngày” và “Số tháng sau tháng cuối kỳ”."]
    if spec.rule == DeadlineRule.FIXED and (spec.day is None or spec.month is None):
        return [f"{name}: hạn cố định cần “Ngày” và “Tháng”."]
    return [
        f"{name} — “Ngày”, “Tháng” của hạn gửi: {problem}"
        for problem in deadlines.rule_problems(
            rule=spec.rule,
            period_kind=spec.period_kind,
            day=spec.day,
            offset_months=spec.offset_months,
            month=spec.month,
            year_offset=spec.year_offset,
            numbers=spec.numbers,
        )
    ]


def _rule_fields(spec: KindSpec) -> dict:
    """Only the fields the rule uses; the others are cleared so the row meets the DB checks."""
    fields = {"rule": spec.rule, "day": None, "month": None, "offset_months": None}
    fields["year_offset"] = 0
    if spec.rule == DeadlineRule.RELATIVE:
        fields.update(day=spec.day, offset_months=spec.offset_months)
    elif spec.rule == DeadlineRule.FIXED:
        fields.update(day=spec.day, month=spec.month, year_offset=spec.year_offset or 0)
    return fields


def _delete_kind(kind: ReportKind) -> list[str]:
    if Submission.objects.filter(obligation__kind=kind).exists() or kind.requests.exists():
        return [
            f"{kind.name}: đã có báo cáo hoặc yêu cầu báo cáo đột xuất nên không xóa được; "
            "có thể đổi tên hoặc thu hẹp “Kỳ phải báo cáo”."
        ]
    kind.delete()
    return []


def _save_kind(regime: ReportingRegime, spec: KindSpec, position: int, user) -> list[str]:
    kind = spec.kind or ReportKind(regime=regime, created_by=user)
    moved = kind.pk and (spec.period_kind, spec.level) != (kind.period_kind, kind.level)
    if moved and kind.obligations.exists():
        return [
            f"{kind.name}: đã có nghĩa vụ báo cáo nên không đổi được “Kỳ” hoặc “Cấp”; "
            "hãy thêm một loại báo cáo mới."
        ]
    kind.name = spec.name.strip()
    kind.period_kind, kind.level = spec.period_kind, spec.level
    kind.cutoff, kind.numbers = spec.cutoff, list(spec.numbers or [])
    kind.position, kind.updated_by = position, user
    for field, value in _rule_fields(spec).items():
        setattr(kind, field, value)
    try:
        kind.full_clean()
    except ValidationError as error:
        return [f"{kind.name or 'Loại báo cáo mới'}: {m}" for m in error.messages]
    kind.save()
    return []


def _check_settings(regime, remind_before, remind_after, reporters, reporter_groups) -> list[str]:
    problems = []
    for label, days in (("Nhắc trước hạn", remind_before), ("Nhắc sau hạn", remind_after)):
        if any(not isinstance(d, int) or not 0 <= d <= MAX_REMIND_DAYS for d in days):
            problems.append(f"{label}: mỗi số ngày phải từ 0 đến {MAX_REMIND_DAYS}.")
    province = regime.committee.province_id
    outside = [o.name for o in [*reporters, *reporter_groups] if o.province_id != province]
    if outside:
        problems.append("Cơ quan báo cáo: không thuộc tỉnh của Ban Chỉ đạo: " + ", ".join(outside))
    return problems


@transaction.atomic
def regime_update(
    *,
    regime: ReportingRegime,
    user,
    name: str,
    source: str,
    reading: str,
    remind_before: list[int],
    remind_after: list[int],
    reporters,
    reporter_groups,
    kinds: list[KindSpec],
) -> RegimeUpdate:
    """Save the regime as edited and bring its obligations in line: new reporters and periods
    get theirs for every year that has obligations, existing ones follow a changed deadline
    (sent reports keep the late flag they were sent with), and unsent ones no longer owed go.
    Refused, nothing written, when a rule cannot be met or nobody would report."""
    reporters, reporter_groups = list(reporters), list(reporter_groups)
    problems = _check_settings(regime, remind_before, remind_after, reporters, reporter_groups)
    for spec in kinds:
        if not spec.delete:
            problems += _spec_problems(spec)
    if problems:
        raise ValidationError(problems)
    years = sorted(
        set(
            Obligation.objects.filter(kind__regime=regime, request__isnull=True).values_list(
                "period_year", flat=True
            )
        )
    )
    with acting_as(user):
        regime.name, regime.source, regime.reading = name.strip(), source.strip(), reading
        # The order the reminder job and the data files use: the earliest reminder first.
        regime.remind_before = sorted(set(remind_before), reverse=True)
        regime.remind_after = sorted(set(remind_after))
        regime.updated_by = user
        regime.full_clean()
        regime.save()
        regime.reporters.set(reporters)
        regime.reporter_groups.set(reporter_groups)
        for spec in kinds:
            if spec.delete and spec.kind is not None:
                problems += _delete_kind(spec.kind)
        kept = [s for s in kinds if not s.delete]
        for position, spec in enumerate(kept):
            problems += _save_kind(regime, spec, position, user)
        if problems:
            raise ValidationError(problems)
        problems = regime_problems(regime=regime)
        if problems:
            raise ValidationError(problems)
        result = RegimeUpdate(regime)
        result.removed = _remove_unowed(regime)
        result.moved = _move_dates(regime)
        result.created = sum(obligations_generate(regime=regime, year=y) for y in years)
    return result


def _move_dates(regime: ReportingRegime) -> int:
    changed = []
    obligations = Obligation.objects.filter(kind__regime=regime).select_related("kind")
    for ob in obligations:
        if ob.request_id is None:
            period = ob.period
            due = ob.kind.due_for(period)
            cutoff = deadlines.cutoff_for(rule=ob.kind.cutoff, period=period)
        else:
            due, cutoff = ob.due_date, ob.cutoff  # an ad hoc date is the request's own
        last = deadlines.last_day(due=due, reading=regime.reading)
        if (ob.due_date, ob.last_day, ob.cutoff) != (due, last, cutoff):
            ob.due_date, ob.last_day, ob.cutoff = due, last, cutoff
            changed.append(ob)
    Obligation.objects.bulk_update(changed, ["due_date", "last_day", "cutoff"], batch_size=500)
    return len(changed)


def _remove_unowed(regime: ReportingRegime) -> int:
    """Periodic obligations nobody has started a report for, of a reporter or a period the
    regime no longer asks for. Anything with a report, even a draft, stays."""
    reporters = {a.pk for a in regime_reporters(regime=regime)}
    standing = regime.committee.standing_agency_id
    stale = []
    for kind in regime.kinds.all():
        agencies = reporters if kind.level == ReportLevel.AGENCY else {standing}
        for ob in kind.obligations.filter(request__isnull=True, submission__isnull=True):
            owed = kind.rule != DeadlineRule.NONE and (
                not kind.numbers or ob.period_number in kind.numbers
            )
            if not owed or ob.agency_id not in agencies:
                stale.append(ob.pk)
    if stale:
        Obligation.objects.filter(pk__in=stale).delete()
    return len(stale)
