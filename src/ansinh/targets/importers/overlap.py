"""The double-counting guard: counts of one measure and period are kept at one level of a branch.

A unit's counts are refused when counts of the same measure and period exist (stored, or in the
same file) for a unit above it (its district or province) or below it (its communes or
districts). Roll-ups add a district's communes into the district, so a district figure next to
its communes' figures would count the same people twice. To replace district figures with
commune figures, the district figures must be deleted first.
"""

from collections import defaultdict

from ansinh.org.models import AdminUnit
from ansinh.targets.importers.common import RowProblem
from ansinh.targets.models import MeasureValue

# (measure id, year, period kind, period number)
Slot = tuple[int, int, str, int]


def _family(unit_ids: set[int]) -> tuple[dict[int, set[int]], dict[int, AdminUnit]]:
    """For each unit, the ids of its ancestors and descendants (two levels each way)."""
    units = {u.pk: u for u in AdminUnit.objects.filter(pk__in=unit_ids).only("pk", "parent_id")}
    parents = {u.parent_id for u in units.values() if u.parent_id}
    grand = dict(AdminUnit.objects.filter(pk__in=parents).values_list("pk", "parent_id").iterator())
    children = defaultdict(set)
    for pk, parent in AdminUnit.objects.filter(parent_id__in=unit_ids).values_list(
        "pk", "parent_id"
    ):
        children[parent].add(pk)
    grandchildren = defaultdict(set)
    child_ids = {c for cs in children.values() for c in cs}
    for pk, parent in AdminUnit.objects.filter(parent_id__in=child_ids).values_list(
        "pk", "parent_id"
    ):
        grandchildren[parent].add(pk)
    family = {}
    for pk, unit in units.items():
        related = set(children[pk])
        for child in children[pk]:
            related |= grandchildren[child]
        if unit.parent_id:
            related.add(unit.parent_id)
            if grand.get(unit.parent_id):
                related.add(grand[unit.parent_id])
        family[pk] = related
    return family, units


def overlap_problems(rows, column_of=lambda row: row.measure.code) -> list[RowProblem]:
    """One problem per row whose unit's parent or children already have (or are given in the
    same rows) a count of the same measure and period."""
    if not rows:
        return []
    family, _ = _family({r.unit.pk for r in rows})
    others = set().union(*family.values()) if family else set()
    slots: dict[tuple[int, Slot], str] = {}
    if others:
        years = {r.period.year for r in rows}
        names = dict(AdminUnit.objects.filter(pk__in=others).values_list("pk", "name"))
        for value in (
            MeasureValue.objects.filter(admin_unit_id__in=others, year__in=years)
            .values_list("admin_unit_id", "measure_id", "year", "period_kind", "period_number")
            .iterator()
        ):
            unit_id, *slot = value
            slots[(unit_id, tuple(slot))] = f"đã có số liệu của {names[unit_id]}"
    in_file: dict[tuple[int, Slot], str] = {}
    for row in rows:
        slot = (row.measure.pk, row.period.year, str(row.period.kind), row.period.number)
        where = f"dòng {row.row}" if row.row else "cùng tệp"
        in_file.setdefault((row.unit.pk, slot), f"{row.unit.name} ({where})")
    problems = []
    for row in rows:
        slot = (row.measure.pk, row.period.year, str(row.period.kind), row.period.number)
        for other in family.get(row.unit.pk, ()):
            found = slots.get((other, slot))
            if found is None and (other, slot) in in_file:
                found = f"tệp cũng có số liệu của {in_file[(other, slot)]}"
            if found is not None:
                problems.append(
                    RowProblem(
                        row.row,
                        column_of(row),
                        f"{row.unit.name}, {row.period.label}: {found} (cấp trên hoặc cấp "
                        f"dưới) cho “{row.measure.label}” cùng kỳ — tính trùng; mỗi kỳ chỉ "
                        "nhập số liệu ở một cấp",
                    )
                )
                break
    return problems
