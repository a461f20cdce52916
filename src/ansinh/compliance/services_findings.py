"""Findings drawn from a reconciliation run, each with its evidence in words an officer can read
out to the enterprise; and the status changes people make on them."""

from django.db import transaction
from django.db.models import Q

from ansinh.compliance.config import rules_for
from ansinh.compliance.enums import FindingKind, FindingStatus, MatchStatus, RegistryStatus
from ansinh.compliance.models import (
    ArrearsLine,
    ArrearsStatement,
    Employer,
    Finding,
    MatchCandidate,
    RegistryRecord,
)
from ansinh.compliance.names import name_key
from ansinh.core.history import acting_as
from ansinh.org.enums import AdminLevel
from ansinh.org.models import AdminUnit


def districts(province) -> dict[int, int]:
    """Admin unit id → id of its district (a district maps to itself)."""
    units = AdminUnit.objects.filter(edition=province.edition).values_list("pk", "level", "parent")
    parent = {pk: (level, up) for pk, level, up in units}
    found = {}
    for pk, (level, up) in parent.items():
        if level == AdminLevel.DISTRICT:
            found[pk] = pk
        elif level == AdminLevel.COMMUNE and up in parent:
            found[pk] = up
    return found


def _period(record) -> str:
    s = record.snapshot
    return f"{s.get_source_display()}, danh sách quý {s.period_quarter}/{s.period_year}"


def _status_line(record) -> str:
    line = f"{_period(record)}: {record.get_status_display().lower() or 'không ghi tình trạng'}"
    if record.status_date:
        line += f" từ ngày {record.status_date:%d/%m/%Y}"
    return line + f" (dòng {record.row_number})."


def _uninsured(run, records, district) -> list[Finding]:
    """Operating enterprises that no list links to an employer holding a BHXH unit code; one
    finding per enterprise however many lists name it."""
    pending = dict(
        MatchCandidate.objects.filter(run=run, status=MatchStatus.PENDING).values_list(
            "record_id", "employer__name"
        )
    )
    groups: dict[str, list] = {}
    for r in records:
        if r.status not in RegistryStatus.operating():
            continue
        if r.employer_id and r.employer.insurer_code:
            continue
        key = r.tax_code or f"{name_key(r.name)}|{r.admin_unit_id or ''}"
        groups.setdefault(key, []).append(r)
    found = []
    for rows in groups.values():
        first = rows[0]
        evidence = [_status_line(r) for r in rows]
        if first.employer_id:
            evidence.append(
                f"Khớp với đơn vị “{first.employer.name}” nhưng đơn vị chưa có mã BHXH."
            )
        else:
            evidence.append("Không tìm thấy đơn vị tham gia BHXH trùng mã số thuế hoặc tên.")
        for r in rows:
            if r.pk in pending:
                evidence.append(f"Có cặp gần giống đang chờ xem xét: “{pending[r.pk]}”.")
        if any(r.employees for r in rows):
            evidence.append(f"Số lao động theo danh sách: {max(r.employees or 0 for r in rows)}.")
        found.append(
            Finding(
                kind=FindingKind.UNINSURED, record=first, employer=first.employer,
                admin_unit_id=district.get(first.admin_unit_id), name=first.name,
                tax_code=first.tax_code, evidence=evidence,
            )
        )  # fmt: skip
    return found


def _closed(records, district) -> list[Finding]:
    groups: dict[int, list] = {}
    for r in records:
        if r.status in RegistryStatus.closed() and r.employer_id and r.employer.insurer_code:
            groups.setdefault(r.employer_id, []).append(r)
    found = []
    for rows in groups.values():
        employer = rows[0].employer
        evidence = [_status_line(r) for r in rows]
        evidence.append(f"Vẫn có mã đơn vị BHXH {employer.insurer_code}.")
        found.append(
            Finding(
                kind=FindingKind.CLOSED_WITH_ACCOUNT, employer=employer, record=rows[0],
                admin_unit_id=district.get(employer.admin_unit_id), name=employer.name,
                tax_code=employer.tax_code, evidence=evidence,
            )
        )  # fmt: skip
    return found


def _headcount(province, rules, district) -> list[Finding]:
    found = []
    employers = Employer.objects.filter(
        province=province, tax_headcount__isnull=False, insured_headcount__isnull=False
    ).exclude(insurer_code="")
    for e in employers:
        extra = e.tax_headcount - e.insured_headcount
        if (
            extra < rules.gap_min_extra
            or e.tax_headcount < e.insured_headcount * rules.gap_min_ratio
        ):
            continue
        found.append(
            Finding(
                kind=FindingKind.HEADCOUNT_GAP, employer=e, name=e.name, tax_code=e.tax_code,
                admin_unit_id=district.get(e.admin_unit_id),
                evidence=[
                    f"Cơ quan thuế ghi nhận {e.tax_headcount} lao động.",
                    f"Đơn vị tham gia BHXH cho {e.insured_headcount} lao động.",
                    f"Chênh {extra} người (ngưỡng: từ {rules.gap_min_extra} người và gấp "
                    f"{str(rules.gap_min_ratio).replace('.', ',')} lần).",
                ],
            )
        )  # fmt: skip
    return found


def _arrears(province, rules, district) -> list[Finding]:
    statement = ArrearsStatement.objects.filter(province=province).order_by("-as_of").first()
    if statement is None:
        return []
    lines = ArrearsLine.objects.filter(
        statement=statement, months_late__gte=rules.long_arrears_months
    ).select_related("employer")
    found = []
    for line in lines:
        e = line.employer
        months = str(line.months_late.normalize()).replace(".", ",")
        found.append(
            Finding(
                kind=FindingKind.LONG_ARREARS, employer=e, name=e.name, tax_code=e.tax_code,
                admin_unit_id=district.get(e.admin_unit_id),
                evidence=[
                    f"Bảng số liệu nợ tại {statement.as_of:%d/%m/%Y}: chậm đóng {months} tháng "
                    f"(ngưỡng nợ kéo dài: {rules.long_arrears_months} tháng).",
                    f"Số phải đóng cuối kỳ: {line.closing:,} đồng; lãi chậm đóng "
                    f"{line.interest:,} đồng.".replace(",", "."),
                ],
            )
        )  # fmt: skip
    return found


@transaction.atomic
def findings_generate(*, run, snapshots) -> dict[str, int]:
    """Replace the open, untouched findings of the four kinds by this run's; a finding a person
    has handled (status changed or a note written) stays, and is not raised twice."""
    province = run.province
    rules = rules_for(province)
    district = districts(province)
    kinds = [k.value for k in FindingKind]
    untouched = Q(status=FindingStatus.OPEN, handled_by__isnull=True, note="")
    Finding.objects.filter(province=province, kind__in=kinds).filter(untouched).delete()
    kept = {
        (kind, employer or "", tax or name)
        for kind, employer, tax, name in Finding.objects.filter(
            province=province, kind__in=kinds
        ).values_list("kind", "employer_id", "tax_code", "name")
    }
    records = list(
        RegistryRecord.objects.filter(snapshot__in=snapshots).select_related("snapshot", "employer")
    )
    new = [
        *_uninsured(run, records, district),
        *_closed(records, district),
        *_headcount(province, rules, district),
        *_arrears(province, rules, district),
    ]
    fresh = []
    for f in new:
        if (f.kind, f.employer_id or "", f.tax_code or f.name) in kept:
            continue
        f.province, f.run = province, run
        fresh.append(f)
    Finding.objects.bulk_create(fresh, batch_size=1000)
    counts = dict.fromkeys(kinds, 0)
    for f in fresh:
        counts[f.kind] += 1
    return {"phat_hien": len(fresh), **{f"phat_hien_{k}": n for k, n in counts.items()}}


def finding_update(*, finding, status: str, note: str, user) -> Finding:
    """A person's follow-up on a finding (tracked)."""
    finding.status = FindingStatus(status)
    finding.note = note.strip()
    finding.handled_by = user
    with acting_as(user):
        finding.save(update_fields=["status", "note", "handled_by", "updated_at"])
    return finding
