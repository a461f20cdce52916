"""Writes for the partners' quarterly lists: the remembered column mapping, and the import that
reads, checks and writes a list in one transaction and counts it as the partner's quarterly
report (the obligation of the regime named in data/compliance/<province>.yaml is marked sent)."""

import json

from django.db import transaction
from django.utils import timezone

from ansinh.compliance.config import Partner, rules_for
from ansinh.compliance.enums import Source
from ansinh.compliance.importers.registry import RegistryFile, guess_mapping, registry_read
from ansinh.compliance.models import Employer, PartnerMapping, RegistryRecord, RegistrySnapshot
from ansinh.core.enums import ImportStatus
from ansinh.core.history import acting_as
from ansinh.core.models import ImportBatch
from ansinh.core.periods import Period, PeriodKind
from ansinh.core.tables import Table, read_table
from ansinh.org.models import AdminUnit, Agency
from ansinh.reporting.models import Obligation, Submission
from ansinh.targets.importers.common import ImportProblems, RowProblem

BATCH_KIND = "compliance_registry"
ALREADY_SENT = (
    "{agency} đã gửi danh sách quý {quarter}/{year}; muốn nạp lại thì chọn “thay thế danh sách "
    "đã gửi”"
)


def partner_of(*, province: AdminUnit, agency: Agency, source: str) -> Partner | None:
    for partner in rules_for(province).partner_for(agency.key):
        if partner.source == source:
            return partner
    return None


def mapping_for(*, province: AdminUnit, agency: Agency, source: str, headers: list[str]):
    """(field → header, remembered?) : the partner's last mapping where its headers are still
    in the file, else a guess from the header names."""
    remembered = PartnerMapping.objects.filter(
        province=province, agency=agency, source=source
    ).first()
    if remembered:
        kept = {f: h for f, h in remembered.columns.items() if h in headers}
        if kept:
            return kept, True
    return guess_mapping(headers), False


@transaction.atomic
def mapping_remember(*, province, agency, source: str, columns: dict, user) -> PartnerMapping:
    mapping, _ = PartnerMapping.objects.get_or_create(
        province=province,
        agency=agency,
        source=source,
        defaults={"columns": columns, "created_by": user, "updated_by": user},
    )
    if mapping.columns != columns:
        mapping.columns, mapping.updated_by = columns, user
        with acting_as(user):
            mapping.full_clean()
            mapping.save()
    return mapping


def registry_check(
    *, province, agency, source: str, filename: str, content: bytes, mapping: dict | None
) -> tuple[Table, dict, RegistryFile]:
    """Read and check without writing: (table, mapping used, parsed rows). Raises
    ImportProblems."""
    if partner_of(province=province, agency=agency, source=source) is None:
        raise ImportProblems(
            [
                RowProblem(
                    None, "", f"{agency} không phải cơ quan gửi danh sách “{Source(source).label}”"
                )
            ]
        )
    table = read_table(filename=filename, content=content)
    if mapping is None:
        mapping, _ = mapping_for(
            province=province, agency=agency, source=source, headers=table.headers
        )
    return table, mapping, registry_read(table=table, mapping=mapping, province=province)


def quarter_obligation(*, province, agency, source: str, year: int, quarter: int):
    """The partner's reporting obligation for the quarter, if the regime is loaded."""
    partner = partner_of(province=province, agency=agency, source=source)
    if partner is None:
        return None
    return (
        Obligation.objects.filter(
            kind__regime__committee__province=province,
            kind__regime__key=partner.regime,
            kind__name=partner.kind,
            agency=agency,
            period_year=year,
            period_number=quarter,
            request__isnull=True,
        )
        .select_related("kind__regime")
        .first()
    )


def _mark_sent(*, obligation: Obligation, narrative: str, user) -> None:
    """The quarterly report counts as sent; a report already sent or accepted stays as it is.
    Sent the way the report form sends it: one change, the figures read once."""
    from ansinh.reporting.services.submissions import (
        EDITABLE,
        submission_draft,
        submission_save,
    )

    submission = Submission.objects.filter(obligation=obligation).first()
    if submission is not None and submission.status not in EDITABLE:
        return
    submission = submission or submission_draft(obligation=obligation)
    submission_save(
        submission=submission,
        version=submission.version,
        user=user,
        send=True,
        narrative=narrative,
        difficulties=submission.difficulties,
        recommendations=submission.recommendations,
        section_texts={},
    )


def _employers_by_tax_code(province, rows) -> dict[str, int]:
    codes = {r.tax_code for r in rows if r.tax_code}
    found = {}
    codes_list = sorted(codes)
    for start in range(0, len(codes_list), 900):  # SQLite's limit on query parameters
        chunk = codes_list[start : start + 900]
        found |= dict(
            Employer.objects.filter(province=province, tax_code__in=chunk).values_list(
                "tax_code", "pk"
            )
        )
    return found


def update_employers(province) -> int:
    """Registry status, sector, zone flag and tax headcount of each linked employer, from the
    newest rows that speak about it (a row without the figure leaves it as it was)."""
    rows = (
        RegistryRecord.objects.filter(snapshot__province=province, employer__isnull=False)
        .select_related("snapshot")
        .order_by("snapshot__period_year", "snapshot__period_quarter", "snapshot__as_of", "pk")
    )
    found: dict[int, dict] = {}
    for row in rows:  # oldest first: newer rows overwrite
        values = found.setdefault(row.employer_id, {})
        if row.status:
            values["registry_status"] = row.status
        if row.sector:
            values["sector"] = row.sector[:200]
        if row.in_zone or row.snapshot.source == Source.ZONE:
            values["in_zone"] = True
        if row.snapshot.source == Source.TAX and row.employees is not None:
            values["tax_headcount"] = row.employees
    employers = list(Employer.objects.filter(pk__in=found))
    changed = []
    for employer in employers:
        values = found[employer.pk]
        if any(getattr(employer, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(employer, k, v)
            changed.append(employer)
    # Employer is tracked; bulk_update keeps the history quiet for a derived, repeatable update.
    Employer.objects.bulk_update(
        changed, ["registry_status", "sector", "in_zone", "tax_headcount"], batch_size=1000
    )
    return len(changed)


def registry_import(
    *,
    province: AdminUnit,
    agency: Agency,
    source: str,
    year: int,
    quarter: int,
    filename: str,
    content: bytes,
    mapping: dict | None,
    user,
    replace: bool = False,
    batch: ImportBatch | None = None,
) -> RegistrySnapshot:
    """Read, check and write a partner's quarterly list in one transaction; raises
    ImportProblems (row and column) and writes nothing then. A quarter already sent is refused
    unless `replace`. The list counts as the partner's quarterly report when the obligation
    exists (`snapshot.obligation`; None when the regime is not loaded)."""
    if not 1 <= quarter <= 4:
        raise ImportProblems([RowProblem(None, "", "quý phải từ 1 đến 4")])
    _table, mapping, parsed = registry_check(
        province=province,
        agency=agency,
        source=source,
        filename=filename,
        content=content,
        mapping=mapping,
    )
    as_of = Period(year, PeriodKind.QUARTER, quarter).end
    with transaction.atomic():
        snapshot = (
            RegistrySnapshot.objects.select_for_update()
            .filter(
                province=province,
                agency=agency,
                source=source,
                period_year=year,
                period_quarter=quarter,
            )
            .first()
        )
        if snapshot is not None and not replace:
            raise ImportProblems(
                [
                    RowProblem(
                        None, "", ALREADY_SENT.format(agency=agency, quarter=quarter, year=year)
                    )
                ]
            )
        if snapshot is None:
            snapshot = RegistrySnapshot(
                province=province,
                agency=agency,
                source=source,
                period_year=year,
                period_quarter=quarter,
                created_by=user,
            )
        else:
            snapshot.records.all().delete()
        obligation = quarter_obligation(
            province=province, agency=agency, source=source, year=year, quarter=quarter
        )
        if batch is None:
            batch = ImportBatch.objects.create(
                kind=BATCH_KIND,
                filename=filename,
                content=json.dumps(
                    {
                        "province": province.pk,
                        "agency": agency.pk,
                        "source": source,
                        "year": year,
                        "quarter": quarter,
                    }
                ),
                created_by=user,
                status=ImportStatus.APPLIED,
                applied_at=timezone.now(),
            )
        snapshot.as_of = as_of
        snapshot.obligation = obligation
        snapshot.batch = batch
        snapshot.row_count = len(parsed.rows)
        snapshot.updated_by = user
        with acting_as(user):
            snapshot.full_clean(validate_constraints=False)
            snapshot.save()
        employer_ids = _employers_by_tax_code(province, parsed.rows)
        RegistryRecord.objects.bulk_create(
            [
                RegistryRecord(
                    snapshot=snapshot,
                    row_number=r.row,
                    tax_code=r.tax_code,
                    name=r.name,
                    address=r.address,
                    admin_unit=r.admin_unit,
                    status=r.status,
                    status_date=r.status_date,
                    sector=r.sector,
                    employees=r.employees,
                    wage_fund=r.wage_fund,
                    in_zone=r.in_zone,
                    employer_id=employer_ids.get(r.tax_code),
                )
                for r in parsed.rows
            ],
            batch_size=1000,
        )
        # What the lists say about employers is read again from every linked row, newest
        # quarter last: the same rule as after a reconciliation.
        update_employers(province)
        mapping_remember(
            province=province, agency=agency, source=source, columns=mapping, user=user
        )
        if obligation is not None:
            _mark_sent(obligation=obligation, narrative=narrative(snapshot, parsed, filename),
                       user=user)  # fmt: skip
    snapshot.summary = parsed.summary()
    return snapshot


def narrative(snapshot: RegistrySnapshot, parsed: RegistryFile, filename: str) -> str:
    return (
        f"Danh sách doanh nghiệp quý {snapshot.period_quarter}/{snapshot.period_year} "
        f"({Source(snapshot.source).label}) gửi qua trang Đôn đốc thu, tệp {filename}: "
        f"{parsed.summary()}."
    )
