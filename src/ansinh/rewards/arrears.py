"""Outstanding late payments (nợ đóng BHXH, BHYT, BHTN) of a nominee, for the Kon Tum rule that
an employer or unit paying late is not commended (Kế hoạch 2024, Phụ lục 2, ghi chú 12).

The facts come from the compliance capability's statements of the provincial BHXH office
(compliance.ArrearsStatement, the C12-TS-style list of insured units):
- the statement read is the province's latest one dated in the year under review; a province
  with none that year gives None, shown as "chưa kiểm tra được", never as passed;
- an agency is the employer linked to it (Employer.agency) or, failing that, the employer whose
  name compares equal to the agency's (compliance.names.name_key, with or without "tỉnh …");
  an agency found in no statement line gives None too;
- a locality is every employer whose address unit is the locality or one of its communes;
- a nominee that is both (a district People's Committee) is judged on both;
- "chậm đóng" means a line classed 3 months or more (the BHXH office's own grouping): the rules
  data (data/rewards/*.yaml, `no_arrears: true`) state no threshold, and shorter debts are the
  ordinary lag of a month's payment.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Q

from ansinh.core.vnformat import format_date, format_number

NO_DATA = "Chưa kiểm tra được — chưa có dữ liệu nợ đóng BHXH, BHYT, BHTN trên hệ thống."
MIN_CLASS = "3_6"  # compliance.enums.ArrearsClass.FROM_3: 3 months or more
NAMED = 5


@dataclass(frozen=True)
class ArrearsFact:
    has_arrears: bool
    detail: str


def nominee_key(agency, unit) -> tuple[int | None, int | None]:
    """How `arrears_by_nominee` names a nominee: (agency pk, admin unit pk)."""
    return (agency.pk if agency is not None else None, unit.pk if unit is not None else None)


def _province_ids(nominees) -> dict[tuple, int | None]:
    """Nominee → its province: the agency's, or the province above the unit (a few queries
    whatever the number of nominees: one per level climbed)."""
    from ansinh.org.enums import AdminLevel
    from ansinh.org.models import AdminUnit

    found, climbing = {}, {}
    for agency, unit in nominees:
        if agency is not None:
            found[nominee_key(agency, unit)] = agency.province_id
        else:
            climbing[nominee_key(agency, unit)] = unit
    while climbing:
        for key, unit in list(climbing.items()):
            if unit is None or unit.level == AdminLevel.PROVINCE:
                found[key] = unit.pk if unit is not None else None
                del climbing[key]
        wanted = {unit.parent_id for unit in climbing.values() if unit.parent_id}
        parents = AdminUnit.objects.in_bulk(wanted) if wanted else {}
        climbing = {key: parents.get(unit.parent_id) for key, unit in climbing.items()}
    return found


def _name_keys(agency, province) -> set[str]:
    """The agency's name compared as an employer's, with or without "tỉnh …"."""
    from ansinh.compliance.names import name_key

    keys = {name_key(agency.name)}
    for suffix in (f"tỉnh {province.name}", f"thành phố {province.name}", province.name):
        if agency.name.endswith(suffix):
            keys.add(name_key(agency.name[: -len(suffix)]))
    keys.discard("")
    return keys


def _agency_employers(agencies: dict) -> dict[int, set[int]]:
    """Agency pk → its employers' pks: those linked to it in its province or, when none is,
    those whose name compares equal to the agency's. `agencies` maps pk → (agency, province)."""
    from ansinh.compliance.models import Employer

    found = defaultdict(set)
    linked = Employer.objects.filter(
        agency_id__in=agencies, province_id__in={p.pk for _, p in agencies.values()}
    ).values_list("pk", "agency_id", "province_id")
    for pk, agency_id, province_id in linked:
        if province_id == agencies[agency_id][1].pk:
            found[agency_id].add(pk)
    keys = {pk: _name_keys(a, p) for pk, (a, p) in agencies.items() if pk not in found}
    if any(keys.values()):
        named = defaultdict(set)
        rows = Employer.objects.filter(
            province_id__in={agencies[pk][1].pk for pk in keys},
            name_key__in=set().union(*keys.values()),
        ).values_list("pk", "province_id", "name_key")
        for pk, province_id, key in rows:
            named[province_id, key].add(pk)
        for pk, wanted in keys.items():
            province_id = agencies[pk][1].pk
            found[pk] = set().union(*(named[province_id, key] for key in wanted))
    return found


def _fact(statement, lines: list) -> ArrearsFact:
    from ansinh.compliance.arrears import classes_from

    late_classes = set(classes_from(MIN_CLASS))
    # Worst first; equal debts keep the statement's row order.
    late = sorted(
        (line for line in lines if line.arrears_class in late_classes),
        key=lambda line: (-line.months_late, -line.closing),
    )
    day = format_date(statement.as_of)
    if not late:
        return ArrearsFact(
            False,
            f"Theo số liệu nợ của BHXH tỉnh tại {day}: không có đơn vị chậm đóng từ 3 tháng trở "
            f"lên ({len(lines)} đơn vị sử dụng lao động được xét).",
        )
    named = "; ".join(
        f"{line.employer.name} ({format_number(line.months_late, 1)} tháng, "
        f"{format_number(line.closing)} đồng)"
        for line in late[:NAMED]
    )
    more = f"; và {len(late) - NAMED} đơn vị khác" if len(late) > NAMED else ""
    return ArrearsFact(
        True,
        f"Theo số liệu nợ của BHXH tỉnh tại {day}: {len(late)} đơn vị chậm đóng từ 3 tháng trở "
        f"lên — {named}{more}.",
    )


def arrears_by_nominee(nominees: Iterable[tuple], *, year: int) -> dict[tuple, ArrearsFact | None]:
    """`arrears_of` for many (agency, unit) nominees at once — a list page's — in a fixed number
    of queries; the answers are keyed by `nominee_key(agency, unit)`."""
    from ansinh.compliance.models import ArrearsLine, ArrearsStatement

    nominees = {nominee_key(a, u): (a, u) for a, u in nominees}
    provinces = _province_ids(nominees.values())
    statements = {}
    wanted = {pk for pk in provinces.values() if pk is not None}
    rows = ArrearsStatement.objects.filter(province_id__in=wanted, as_of__year=year)
    for statement in rows.select_related("province").order_by("province_id", "-as_of"):
        statements.setdefault(statement.province_id, statement)  # the latest of the year
    judged = {k: statements.get(provinces[k]) for k in nominees}
    judged = {k: s for k, s in judged.items() if s is not None}
    agencies = {
        nominees[k][0].pk: (nominees[k][0], s.province)
        for k, s in judged.items()
        if k[0] is not None
    }
    employers = _agency_employers(agencies) if agencies else {}
    units = {k[1] for k in judged if k[1] is not None}
    chosen = Q(employer_id__in=set().union(*employers.values()))
    chosen |= Q(employer__admin_unit_id__in=units) | Q(employer__admin_unit__parent_id__in=units)
    lines = defaultdict(list)
    if judged and (units or any(employers.values())):
        rows = (
            ArrearsLine.objects.filter(chosen, statement_id__in={s.pk for s in judged.values()})
            .select_related("employer")
            .annotate(unit_parent_id=F("employer__admin_unit__parent_id"))
            .order_by("statement_id", "row_number")
        )
        for line in rows:
            lines[line.statement_id].append(line)
    answers = dict.fromkeys(nominees)
    for (agency_pk, unit_pk), statement in judged.items():
        ids = employers.get(agency_pk, set())
        mine = [
            line
            for line in lines[statement.pk]
            if line.employer_id in ids
            or (
                unit_pk is not None
                and unit_pk in (line.employer.admin_unit_id, line.unit_parent_id)
            )
        ]
        if unit_pk is None and not mine:
            continue  # an agency found in no line of the statement cannot be judged
        answers[agency_pk, unit_pk] = _fact(statement, mine)
    return answers


def arrears_of(*, agency=None, unit=None, year: int) -> ArrearsFact | None:
    """Whether the nominee (an agency, or the employers of a locality) had late payments of 3
    months or more in the province's latest statement of `year`; None when that cannot be told."""
    return arrears_by_nominee([(agency, unit)], year=year)[nominee_key(agency, unit)]
