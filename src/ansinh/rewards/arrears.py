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

from dataclasses import dataclass

from django.db.models import Q

from ansinh.core.vnformat import format_date, format_number

NO_DATA = "Chưa kiểm tra được — chưa có dữ liệu nợ đóng BHXH, BHYT, BHTN trên hệ thống."
MIN_CLASS = "3_6"  # compliance.enums.ArrearsClass.FROM_3: 3 months or more
NAMED = 5


@dataclass(frozen=True)
class ArrearsFact:
    has_arrears: bool
    detail: str


def _province_of(agency, unit):
    from ansinh.org.enums import AdminLevel

    if agency is not None:
        return agency.province
    while unit is not None and unit.level != AdminLevel.PROVINCE:
        unit = unit.parent
    return unit


def _agency_employers(agency, province):
    from ansinh.compliance.models import Employer
    from ansinh.compliance.names import name_key

    employers = Employer.objects.filter(province=province)
    linked = employers.filter(agency=agency)
    if linked.exists():
        return linked
    keys = {name_key(agency.name)}
    for suffix in (f"tỉnh {province.name}", f"thành phố {province.name}", province.name):
        if agency.name.endswith(suffix):
            keys.add(name_key(agency.name[: -len(suffix)]))
    keys.discard("")
    return employers.filter(name_key__in=keys)


def arrears_of(*, agency=None, unit=None, year: int) -> ArrearsFact | None:
    """Whether the nominee (an agency, or the employers of a locality) had late payments of 3
    months or more in the province's latest statement of `year`; None when that cannot be told."""
    from ansinh.compliance.arrears import classes_from
    from ansinh.compliance.models import ArrearsStatement

    province = _province_of(agency, unit)
    if province is None:
        return None
    statement = (
        ArrearsStatement.objects.filter(province=province, as_of__year=year)
        .order_by("-as_of")
        .first()
    )
    if statement is None:
        return None
    lines = statement.lines.select_related("employer")
    chosen = Q(pk__in=[])
    if agency is not None:
        ids = list(_agency_employers(agency, province).values_list("pk", flat=True))
        if unit is None and not lines.filter(employer_id__in=ids).exists():
            return None
        chosen |= Q(employer_id__in=ids)
    if unit is not None:
        chosen |= Q(employer__admin_unit=unit) | Q(employer__admin_unit__parent=unit)
    lines = lines.filter(chosen)
    late = list(
        lines.filter(arrears_class__in=classes_from(MIN_CLASS)).order_by("-months_late", "-closing")
    )
    day = format_date(statement.as_of)
    listed = lines.count()
    if not late:
        return ArrearsFact(
            False,
            f"Theo số liệu nợ của BHXH tỉnh tại {day}: không có đơn vị chậm đóng từ 3 tháng trở "
            f"lên ({listed} đơn vị sử dụng lao động được xét).",
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
