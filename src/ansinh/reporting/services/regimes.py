"""Writes of reporting regimes: loading one from its data file, after checking it can work."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ansinh.org.enums import AdminLevel
from ansinh.org.models import Agency, AgencyGroup, Committee
from ansinh.org.selectors.committees import agency_group_expand
from ansinh.reporting.deadlines import rule_problems
from ansinh.reporting.enums import (
    CutoffRule,
    DeadlineReading,
    DeadlineRule,
    ReportLevel,
    ReportPeriod,
)
from ansinh.reporting.models import ReportingRegime, ReportKind
from ansinh.reporting.models.regimes import default_remind_after, default_remind_before


def regime_problems(*, regime: ReportingRegime) -> list[str]:
    """Why the regime cannot work as configured: no reporters, an impossible deadline rule."""
    problems = []
    kinds = list(regime.kinds.all())
    if not kinds:
        problems.append("Chế độ báo cáo chưa có loại báo cáo nào.")
    needs_reporters = any(k.level == ReportLevel.AGENCY for k in kinds)
    if needs_reporters and not regime_reporters(regime=regime):
        problems.append("Chế độ báo cáo không có cơ quan báo cáo nào.")
    for kind in kinds:
        for problem in rule_problems(
            rule=kind.rule,
            period_kind=kind.period_kind,
            day=kind.day,
            offset_months=kind.offset_months,
            month=kind.month,
            year_offset=kind.year_offset,
            numbers=kind.numbers,
        ):
            problems.append(f"{kind.name}: {problem}")
    return problems


def regime_reporters(*, regime: ReportingRegime) -> list[Agency]:
    """The agencies that report at agency level: named ones and the expansion of the groups."""
    found = {a.pk: a for a in regime.reporters.filter(is_active=True)}
    for group in regime.reporter_groups.all():
        for agency in agency_group_expand(group=group):
            found.setdefault(agency.pk, agency)
    standing = regime.committee.standing_agency_id
    return sorted((a for pk, a in found.items() if pk != standing), key=lambda a: a.name)


def _deadline_fields(spec: dict) -> dict:
    if not spec:
        return {"rule": DeadlineRule.NONE}
    if "after_period_months" in spec:
        return {
            "rule": DeadlineRule.RELATIVE,
            "offset_months": spec["after_period_months"],
            "day": spec.get("day"),
        }
    return {
        "rule": DeadlineRule.FIXED,
        "month": spec.get("month"),
        "day": spec.get("day"),
        "year_offset": spec.get("year_offset", 0),
    }


@transaction.atomic
def regime_load(*, data: dict, user=None) -> ReportingRegime:
    """Create or replace the regime a data file describes; refused (ValidationError, nothing
    written) when it names no reporters or a deadline no calendar has."""
    province = data["province"]
    committee = Committee.objects.filter(
        province__code=str(province["code"]),
        province__edition=str(province.get("edition") or "2024"),
        province__level=AdminLevel.PROVINCE,
        key=data["committee"],
    ).first()
    if committee is None:
        raise ValidationError(
            f"Không có Ban Chỉ đạo “{data['committee']}” ở tỉnh mã {province['code']}."
        )
    plan = None
    if data.get("plan"):
        plan = committee.plans.filter(year=data["plan"]["year"]).order_by("pk").first()
    # A key written but left empty (`source:`) reads as left out.
    reading = data.get("reading") or DeadlineReading.STRICTLY_BEFORE
    if reading not in DeadlineReading.values:
        raise ValidationError(f"Cách hiểu “trước ngày X” không hợp lệ: {reading}.")
    remind_before, remind_after = _reminder_offsets(data.get("reminders"))
    regime, _ = ReportingRegime.objects.update_or_create(
        committee=committee,
        key=data["key"],
        defaults={
            "name": data["name"],
            "source": data.get("source") or "",
            "reading": reading,
            "plan": plan,
            "updated_by": user,
            "remind_before": remind_before,
            "remind_after": remind_after,
        },
    )
    reporters = data.get("reporters") or {}
    agencies = _by_key(Agency, committee, reporters.get("agencies") or [], "cơ quan")
    groups = _by_key(AgencyGroup, committee, reporters.get("groups") or [], "nhóm cơ quan")
    regime.reporters.set(agencies)
    regime.reporter_groups.set(groups)
    for position, spec in enumerate(data.get("kinds") or []):
        kind = regime.kinds.filter(period_kind=spec["period"], level=spec["level"]).first()
        kind = kind or ReportKind(regime=regime)
        kind.name = spec["name"]
        kind.period_kind = ReportPeriod(spec["period"])
        kind.level = ReportLevel(spec["level"])
        kind.cutoff = CutoffRule(spec.get("cutoff") or CutoffRule.PERIOD_END)
        kind.position = position
        kind.numbers = spec.get("numbers") or []
        kind.offset_months = kind.month = kind.day = None
        kind.year_offset = 0
        for field, value in _deadline_fields(spec.get("deadline") or {}).items():
            setattr(kind, field, value)
        kind.full_clean()
        kind.save()
    problems = regime_problems(regime=regime)
    if problems:
        raise ValidationError(problems)
    return regime


MAX_REMIND_DAYS = 365


def _reminder_offsets(spec) -> tuple[list[int], list[int]]:
    """`reminders: {before: [7, 1], after: [1, 3, 7]}`: days before and after the last day a
    report counts as on time; a list left out keeps the usual one."""
    spec = spec or {}
    if not isinstance(spec, dict) or set(spec) - {"before", "after"}:
        raise ValidationError("reminders: chỉ ghi before (nhắc trước hạn) và after (nhắc sau hạn).")
    found = {}
    for key, label, default in (
        ("before", "Nhắc trước hạn", default_remind_before),
        ("after", "Nhắc sau hạn", default_remind_after),
    ):
        days = spec.get(key, default())
        if not isinstance(days, list) or not all(
            isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= MAX_REMIND_DAYS
            for d in days
        ):
            raise ValidationError(
                f"{label} (reminders.{key}): cần một danh sách số ngày, mỗi số nguyên từ 0 đến "
                f"{MAX_REMIND_DAYS}, ví dụ [7, 1]; gặp {days!r}."
            )
        found[key] = sorted(set(days), reverse=key == "before")
    return found["before"], found["after"]


def _by_key(model, committee, keys, label):
    found = {o.key: o for o in model.objects.filter(province=committee.province, key__in=keys)}
    missing = [k for k in keys if k not in found]
    if missing:
        raise ValidationError(f"Không có {label}: {', '.join(missing)}.")
    return [found[k] for k in keys]
