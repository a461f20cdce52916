"""Reads of the arrears area: the statements of a province, one statement's figures by class and
by locality, and its lines filtered."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

from ansinh.compliance.arrears import rate_in_force
from ansinh.compliance.enums import ArrearsClass
from ansinh.compliance.models import ArrearsStatement
from ansinh.compliance.names import name_key
from ansinh.org.enums import AdminLevel
from ansinh.org.models import AdminUnit

OWING = ~Q(arrears_class=ArrearsClass.NONE)


def statements(*, province) -> QuerySet:
    return (
        ArrearsStatement.objects.filter(province=province)
        .annotate(owing=Count("lines", filter=~Q(lines__arrears_class=ArrearsClass.NONE)))
        .order_by("-as_of")
    )


@dataclass
class Figures:
    """Units and amounts of a group of lines (a class, a locality, the whole statement)."""

    units: int = 0
    owing: int = 0
    closing: int = 0
    owed: int = 0  # Σ of the positive closing balances: what is actually owed
    interest: int = 0
    disagreeing: int = 0
    by_class: dict = field(default_factory=dict)  # class → units

    def add(self, *, klass, units, closing, owed, interest, disagreeing) -> None:
        self.units += units
        self.closing += closing
        self.owed += owed
        self.interest += interest
        self.disagreeing += disagreeing
        if klass != ArrearsClass.NONE:
            self.owing += units
        self.by_class[klass] = self.by_class.get(klass, 0) + units

    def count(self, klass) -> int:
        return self.by_class.get(klass, 0)


@dataclass
class LocalityRow:
    unit: AdminUnit | None
    figures: Figures

    @property
    def name(self) -> str:
        return self.unit.name if self.unit else "Chưa rõ địa bàn"

    @property
    def counts(self) -> list[int]:
        return [self.figures.count(k) for k in ArrearsClass]


@dataclass
class StatementSummary:
    total: Figures
    classes: list[tuple[ArrearsClass, Figures]]
    localities: list[LocalityRow]

    @property
    def total_counts(self) -> list[int]:
        return [self.total.count(k) for k in ArrearsClass]


def locality_of(unit: AdminUnit | None) -> AdminUnit | None:
    """The district a unit's locality rolls up to (a commune → its district)."""
    if unit is not None and unit.level == AdminLevel.COMMUNE and unit.parent_id:
        return unit.parent
    return unit


def summary(*, statement: ArrearsStatement) -> StatementSummary:
    """Counts and amounts per class and per locality (communes rolled into their district),
    from one grouped query."""
    rows = (
        statement.lines.values("arrears_class", "employer__admin_unit")
        .annotate(
            n_units=Count("pk"),
            sum_closing=Sum("closing"),
            sum_owed=Sum("closing", filter=Q(closing__gt=0)),
            sum_interest=Sum("interest"),
            n_disagreeing=Count("pk", filter=Q(disagrees=True)),
        )
        .order_by()
    )
    rows = list(rows)
    unit_ids = {r["employer__admin_unit"] for r in rows if r["employer__admin_unit"]}
    units = AdminUnit.objects.select_related("parent").in_bulk(unit_ids)
    total = Figures()
    classes = {k: Figures() for k in ArrearsClass}
    localities: dict = {}
    for r in rows:
        figures = {
            "klass": r["arrears_class"], "units": r["n_units"],
            "closing": r["sum_closing"] or 0, "owed": r["sum_owed"] or 0,
            "interest": r["sum_interest"] or 0, "disagreeing": r["n_disagreeing"],
        }  # fmt: skip
        total.add(**figures)
        classes[ArrearsClass(r["arrears_class"])].add(**figures)
        district = locality_of(units.get(r["employer__admin_unit"]))
        localities.setdefault(district, Figures()).add(**figures)
    ordered = sorted(
        localities.items(), key=lambda item: (item[0] is None, item[0] and item[0].code)
    )
    return StatementSummary(
        total=total,
        classes=list(classes.items()),
        localities=[LocalityRow(unit, figures) for unit, figures in ordered],
    )


def lines(*, statement: ArrearsStatement, filters: dict) -> QuerySet:
    found = statement.lines.select_related(
        "employer", "employer__admin_unit", "employer__admin_unit__parent"
    )
    klass = filters.get("nhom")
    if klass == "no":
        found = found.filter(OWING)
    elif klass in ArrearsClass.values:
        found = found.filter(arrears_class=klass)
    locality = filters.get("dia_ban")
    if locality == 0:
        found = found.filter(employer__admin_unit__isnull=True)
    elif locality:
        found = found.filter(
            Q(employer__admin_unit_id=locality) | Q(employer__admin_unit__parent_id=locality)
        )
    query = (filters.get("q") or "").strip()
    if query:
        found = found.filter(
            Q(employer__name__icontains=query)
            | Q(employer__insurer_code__icontains=query)
            | Q(employer__tax_code__icontains=query)
            | Q(employer__name_key__icontains=name_key(query) or query)
        )
    if filters.get("lech"):
        found = found.filter(disagrees=True)
    return found.order_by("-months_late", "-closing", "row_number")


def rate(*, statement: ArrearsStatement):
    """The daily late-payment rate in force at the data date, with its legal reference."""
    return rate_in_force(statement.as_of)
