"""Reads for the partners' quarterly lists: who may send which list, the lists of a year with
each partner's quarter sent, late or missing, a list's rows."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from ansinh.compliance import perms
from ansinh.compliance.config import rules_for
from ansinh.compliance.enums import RegistryStatus, Source
from ansinh.compliance.models import RegistryRecord, RegistrySnapshot
from ansinh.core.periods import Period, PeriodKind
from ansinh.org.models import Agency
from ansinh.reporting.models import Obligation


@dataclass(frozen=True)
class PartnerChoice:
    agency: Agency
    source: str

    @property
    def value(self) -> str:
        return f"{self.agency.pk}:{self.source}"

    @property
    def label(self) -> str:
        return f"{self.agency.name} — {Source(self.source).label}"


def partner_choices(*, user, province) -> list[PartnerChoice]:
    """The lists the user may upload: every partner's for the standing agency, else its own."""
    rules = rules_for(province)
    partners = (
        rules.partners if perms.can_manage(user, province) else perms.partner_roles(user, province)
    )
    keys = [p.agency for p in partners]
    agencies = {a.key: a for a in Agency.objects.filter(province=province, key__in=keys)}
    return [PartnerChoice(agencies[p.agency], p.source) for p in partners if p.agency in agencies]


def sees_all(user, province) -> bool:
    return perms.can_read(user, province)


def snapshots_for(*, user, province):
    """The lists the user may open: all for the standing agency and leaders, else its agency's."""
    snapshots = RegistrySnapshot.objects.filter(province=province).select_related(
        "agency", "obligation", "created_by"
    )
    if not sees_all(user, province):
        snapshots = snapshots.filter(agency_id=getattr(user, "agency_id", None))
    return snapshots


@dataclass
class QuarterCell:
    quarter: int
    state: str  # "sent", "late", "missing", "not_due"
    snapshot: RegistrySnapshot | None
    last_day: dt.date | None

    LABELS = {"sent": "Đã gửi", "late": "Gửi muộn", "missing": "Chưa gửi",
              "not_due": "Chưa đến hạn"}  # fmt: skip

    @property
    def label(self) -> str:
        return self.LABELS[self.state]


def _last_day(year: int, quarter: int) -> dt.date:
    """Without an obligation loaded: the 4th of the month after the quarter (the regimes'
    "trước ngày 05")."""
    return Period(year, PeriodKind.QUARTER, quarter).end + dt.timedelta(days=4)


def quarter_status(*, province, year: int, partners: list[PartnerChoice], today: dt.date):
    """(partner, [QuarterCell × 4]) for the year: sent, sent late, missing or not yet due."""
    snapshots = {
        (s.agency_id, s.source, s.period_quarter): s
        for s in RegistrySnapshot.objects.filter(province=province, period_year=year)
    }
    rules = rules_for(province)
    obligations = {}
    for ob in Obligation.objects.filter(
        agency__in=[p.agency for p in partners],
        period_year=year,
        request__isnull=True,
        kind__regime__committee__province=province,
        kind__regime__key__in={p.regime for p in rules.partners},
        kind__name__in={p.kind for p in rules.partners},
    ):
        obligations.setdefault((ob.agency_id, ob.period_number), ob)
    rows = []
    for partner in partners:
        cells = []
        for quarter in range(1, 5):
            snapshot = snapshots.get((partner.agency.pk, partner.source, quarter))
            ob = snapshot.obligation if snapshot and snapshot.obligation_id else None
            ob = ob or obligations.get((partner.agency.pk, quarter))
            last_day = ob.last_day if ob else _last_day(year, quarter)
            if snapshot is not None:
                sent_on = snapshot.created_at.date()
                state = "late" if sent_on > last_day else "sent"
            else:
                state = "missing" if today > last_day else "not_due"
            cells.append(QuarterCell(quarter, state, snapshot, last_day))
        rows.append((partner, cells))
    return rows


def status_counts(*, snapshot: RegistrySnapshot) -> list[tuple[str, str, int]]:
    """(status value, label, rows) of a list, in the order of the choices."""
    counts = dict(
        snapshot.records.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    found = [(c.value, c.label, counts[c.value]) for c in RegistryStatus if counts.get(c.value)]
    if counts.get(""):
        found.append(("", "Không ghi tình trạng", counts[""]))
    return found


def record_list(*, snapshot: RegistrySnapshot, status: str = "", locality: str = "", query=""):
    records = RegistryRecord.objects.filter(snapshot=snapshot).select_related("admin_unit")
    if status in RegistryStatus.values:
        records = records.filter(status=status)
    if locality.isdigit():
        records = records.filter(admin_unit_id=int(locality))
    if query:
        records = records.filter(Q(name__icontains=query) | Q(tax_code__icontains=query))
    return records.order_by("row_number")


def record_localities(*, snapshot: RegistrySnapshot):
    from ansinh.org.models import AdminUnit

    ids = snapshot.records.exclude(admin_unit=None).values("admin_unit").distinct()
    return AdminUnit.objects.filter(pk__in=ids).order_by("name")
