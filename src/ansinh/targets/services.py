"""Writes of the targets capability: indicators from data, targets, periodic values.

Targets are few and saved one by one (django-auditlog records each change). Periodic values
come by the ten thousand, so they are written in bulk and their history is written in bulk too:
one log entry per created or changed value, with the same fields auditlog would record.
"""

from collections.abc import Iterable
from decimal import Decimal

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from ansinh.core.vnformat import format_number
from ansinh.org.importers.yamlfile import FileProblems, Problem, read_located
from ansinh.org.models import AdminUnit
from ansinh.targets.enums import IndicatorKind
from ansinh.targets.importers.targets import TargetFile
from ansinh.targets.importers.values import ValueRow
from ansinh.targets.models import Indicator, Measure, MeasureValue, Target

BATCH_SIZE = 2000


# Indicators ---------------------------------------------------------------------------------


def indicators_load(*, text: str, filename: str, user=None) -> str:
    """Create or update the measures and indicators of a data file (data/indicators.yaml)."""
    located = read_located(text, filename)
    data = located.data if isinstance(located.data, dict) else {}
    problems: list[Problem] = []
    counts = {"measures": 0, "indicators": 0}
    with transaction.atomic():
        measures = {m.code: m for m in Measure.objects.all()}
        entries = _entries(data, "measures", problems)
        for index, entry in entries:
            code = str(entry.get("code", ""))
            measure = measures.get(code) or Measure(code=code, created_by=user)
            measure.name = _text(entry, "name")
            measure.short_name = _text(entry, "short_name")
            measure.kind = _text(entry, "kind", "persons")
            measure.description = _text(entry, "description")
            measure.position = index
            measure.updated_by = user
            _save_or_note(measure, ("measures", index), located, problems, exclude=["part_of"])
            measures[code] = measure
        for index, entry in entries:
            part = _text(entry, "part_of")
            measure = measures[str(entry.get("code", ""))]
            if part and part not in measures:
                problems.append(
                    Problem(("measures", index, "part_of"), f"không có số liệu “{part}”")
                )
                continue
            new = measures[part] if part else None
            if measure.pk and measure.part_of_id != (new.pk if new else None):
                measure.part_of = new
                measure.save()
            counts["measures"] += 1
        indicators = {i.code: i for i in Indicator.objects.all()}
        for index, entry in _entries(data, "indicators", problems):
            code = str(entry.get("code", ""))
            indicator = indicators.get(code) or Indicator(code=code, created_by=user)
            indicator.kind = _text(entry, "kind", IndicatorKind.RATE)
            # A count or amount has one measure; its missing denominator is not a problem.
            single = indicator.kind != IndicatorKind.RATE and not entry.get("denominator")
            if single:
                indicator.denominator = None
            for field in ("numerator",) if single else ("numerator", "denominator"):
                ref = _text(entry, field)
                if ref not in measures:
                    problems.append(
                        Problem(("indicators", index, field), f"không có số liệu “{ref}”")
                    )
                    break
                setattr(indicator, field, measures[ref])
            else:
                indicator.name = _text(entry, "name")
                indicator.short_name = _text(entry, "short_name")
                indicator.description = _text(entry, "description")
                indicator.is_active = entry.get("active", True)
                indicator.position = index
                indicator.updated_by = user
                _save_or_note(indicator, ("indicators", index), located, problems)
                counts["indicators"] += 1
        if problems:
            for problem in problems:
                problem.line = problem.line or located.line(problem.path)
            transaction.set_rollback(True)
            raise FileProblems(filename, problems)
    return f"{counts['measures']} số liệu đếm, {counts['indicators']} chỉ số"


def _entries(data: dict, key: str, problems: list[Problem]) -> list[tuple[int, dict]]:
    """The (index, entry) of a list of mappings; anything else in the file is a problem."""
    entries = data.get(key) or []
    if not isinstance(entries, list):
        problems.append(Problem((key,), "cần một danh sách"))
        return []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.append(Problem((key, index), "cần một mục có code, name…"))
    return [(index, entry) for index, entry in enumerate(entries) if isinstance(entry, dict)]


def _text(entry: dict, key: str, default: str = "") -> str:
    # A value the file leaves empty or writes as a list is text to the model's checks, which
    # then name it, instead of reaching the database as NULL.
    value = entry.get(key, default)
    return default if value is None else str(value)


def _save_or_note(obj, path, located, problems, exclude=None):
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            problems.append(Problem((*path, field), "; ".join(messages), located.line(path)))
        return
    obj.save()


# Targets ------------------------------------------------------------------------------------


def target_save(
    *,
    indicator: Indicator,
    admin_unit: AdminUnit,
    year: int,
    percent: Decimal | None = None,
    value: int | None = None,
    user=None,
    source: str = "",
) -> tuple[Target, str]:
    """Set one target — `percent` for a rate indicator, `value` for a count or an amount
    (full_clean refuses the wrong one); returns it and "created", "changed" or "same"."""
    with transaction.atomic():
        target = Target.objects.filter(
            indicator=indicator, admin_unit=admin_unit, year=year
        ).first()
        if target is None:
            target = Target(indicator=indicator, admin_unit=admin_unit, year=year, created_by=user)
            outcome = "created"
        elif (target.percent, target.value) == (percent, value) and (
            not source or target.source == source
        ):
            return target, "same"
        else:
            outcome = "changed"
        target.percent, target.value = percent, value
        target.source = source or target.source
        target.updated_by = user
        target.full_clean()
        target.save()
    return target, outcome


def targets_apply(*, target_file: TargetFile, user=None) -> str:
    counts = {"created": 0, "changed": 0, "same": 0}
    with transaction.atomic():
        for row in target_file.rows:
            _, outcome = target_save(
                indicator=row.indicator,
                admin_unit=row.unit,
                year=row.year,
                percent=row.percent,
                value=row.value,
                user=user,
                source=target_file.source,
            )
            counts[outcome] += 1
    return (
        f"{counts['created']} chỉ tiêu mới, {counts['changed']} chỉ tiêu thay đổi, "
        f"{counts['same']} không đổi"
    )


# Periodic values ----------------------------------------------------------------------------

Key = tuple[int, int, int, str, int]  # measure, unit, year, period kind, period number


def values_apply(*, rows: Iterable[ValueRow], user=None, illustrative: bool = False) -> str:
    """Create or update counts in bulk; unchanged values are left alone. Each created or
    changed value gets its history entry."""
    rows = list(rows)
    unit_ids = {r.unit.pk for r in rows}
    years = {r.period.year for r in rows}
    with transaction.atomic():
        existing: dict[Key, MeasureValue] = {}
        for start in range(0, len(unit_ids), 10000):
            chunk = list(unit_ids)[start : start + 10000]
            for value in MeasureValue.objects.filter(admin_unit_id__in=chunk, year__in=years):
                existing[_key(value)] = value
        created, changed, logs = [], [], []
        for row in rows:
            key = (row.measure.pk, row.unit.pk, row.period.year, str(row.period.kind),
                   row.period.number)  # fmt: skip
            current = existing.get(key)
            if current is None:
                current = MeasureValue(
                    measure=row.measure,
                    admin_unit=row.unit,
                    year=row.period.year,
                    period_kind=str(row.period.kind),
                    period_number=row.period.number,
                    period_end=row.period.end,
                    value=row.value,
                    is_illustrative=illustrative,
                    created_by=user,
                    updated_by=user,
                )
                created.append(current)
                existing[key] = current
            elif current.value != row.value or current.is_illustrative != illustrative:
                logs.append(
                    (current, LogEntry.Action.UPDATE, _changes(current, row.value, illustrative))
                )
                current.value, current.is_illustrative = row.value, illustrative
                current.updated_by = user
                changed.append(current)
        MeasureValue.objects.bulk_create(created, batch_size=BATCH_SIZE)
        MeasureValue.objects.bulk_update(
            changed, ["value", "is_illustrative", "updated_by", "updated_at"],
            batch_size=BATCH_SIZE,
        )  # fmt: skip
        if created and created[0].pk is None:  # a backend that does not return ids
            ids = {
                _key(v): v.pk
                for v in MeasureValue.objects.filter(admin_unit_id__in=unit_ids, year__in=years)
            }
            for value in created:
                value.pk = ids[_key(value)]
        logs += [(v, LogEntry.Action.CREATE, _created_changes(v)) for v in created]
        _log_bulk(logs, user)
    unchanged = len(rows) - len(created) - len(changed)
    return (
        f"{format_number(len(created))} số liệu mới, {format_number(len(changed))} số liệu "
        f"thay đổi, {format_number(unchanged)} không đổi"
    )


def _key(value: MeasureValue) -> Key:
    return (value.measure_id, value.admin_unit_id, value.year, value.period_kind,
            value.period_number)  # fmt: skip


def _created_changes(value: MeasureValue) -> dict:
    return {
        "measure": ["None", str(value.measure_id)],
        "admin_unit": ["None", str(value.admin_unit_id)],
        "year": ["None", str(value.year)],
        "period_kind": ["None", value.period_kind],
        "period_number": ["None", str(value.period_number)],
        "value": ["None", str(value.value)],
        "is_illustrative": ["None", str(value.is_illustrative)],
    }


def _changes(value: MeasureValue, new: int, illustrative: bool) -> dict:
    changes = {}
    if value.value != new:
        changes["value"] = [str(value.value), str(new)]
    if value.is_illustrative != illustrative:
        changes["is_illustrative"] = [str(value.is_illustrative), str(illustrative)]
    return changes


def _log_bulk(entries, user):
    content_type = ContentType.objects.get_for_model(MeasureValue)
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(value.pk),
                object_id=value.pk,
                object_repr=_repr(value),
                action=action,
                changes=changes,
                changes_text="",
                actor=user if user is not None and user.is_authenticated else None,
            )
            for value, action, changes in entries
        ],
        batch_size=BATCH_SIZE,
    )


def _repr(value: MeasureValue) -> str:
    return (
        f"{value.measure.label} – {value.admin_unit.name} – {value.period.label}: "
        f"{value.value_display}"
    )
