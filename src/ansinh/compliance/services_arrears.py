"""Writes of the arrears area: loading the BHXH office's statement of insured units and arrears.

One call reads the file, checks every row and writes everything in one transaction, or raises
ImportProblems and writes nothing. Each unit becomes (or updates) an Employer known by its BHXH
unit code; a unit that a partner's list brought in with only its tax code takes the unit code.
"""

import datetime as dt

from django.db import transaction

from ansinh.compliance.importers.arrears import ArrearsFile, ParsedLine, arrears_read
from ansinh.compliance.models import ArrearsLine, ArrearsStatement, Employer
from ansinh.compliance.names import name_key
from ansinh.core.history import acting_as
from ansinh.core.vnformat import format_date
from ansinh.targets.importers.common import ImportProblems, RowProblem

BATCH = 1000


def statement_exists(*, province, as_of: dt.date) -> bool:
    return ArrearsStatement.objects.filter(province=province, as_of=as_of).exists()


def arrears_import(
    *, province, as_of: dt.date, filename: str, content: bytes, user, replace: bool = False,
    period_months: int = 1,
) -> ArrearsStatement:  # fmt: skip
    """Load a statement dated `as_of`. A statement of the same date is refused unless
    `replace`, which replaces it whole. `period_months`: how many months the statement covers
    (its "phải đóng trong kỳ" is divided by it for the monthly amount)."""
    parsed = arrears_read(
        filename=filename, content=content, province=province, as_of=as_of,
        period_months=period_months,
    )  # fmt: skip
    with transaction.atomic(), acting_as(user):
        existing = ArrearsStatement.objects.select_for_update().filter(
            province=province, as_of=as_of
        )
        if existing.exists():
            if not replace:
                raise ImportProblems([RowProblem(None, "", (
                    f"đã có bảng số liệu nợ tại ngày {format_date(as_of)}; chọn thay thế "
                    "để nạp lại toàn bộ bảng của ngày này"
                ))])  # fmt: skip
            for old in existing:
                if old.disclosures.exists():
                    # A published list keeps pointing at the figures it was made from.
                    raise ImportProblems([RowProblem(None, "", (
                        f"bảng số liệu nợ ngày {format_date(as_of)} đã được dùng để công khai "
                        "danh sách đơn vị chậm đóng; không thay thế được, hãy nạp với ngày khác"
                    ))])  # fmt: skip
                old.delete()
        employers = _employers(province=province, parsed=parsed, user=user)
        statement = ArrearsStatement(
            province=province,
            as_of=as_of,
            row_count=len(parsed.lines),
            disagreeing_rows=len(parsed.disagreeing),
            total_closing=parsed.total_closing,
            total_interest=parsed.total_interest,
            created_by=user,
            updated_by=user,
        )
        statement.full_clean()
        statement.save()
        ArrearsLine.objects.bulk_create(
            [_line(statement, employers[line.code.upper()], line) for line in parsed.lines],
            batch_size=BATCH,
        )
    return statement


def _line(statement, employer, line: ParsedLine) -> ArrearsLine:
    return ArrearsLine(
        statement=statement, employer=employer, row_number=line.row, opening=line.opening,
        due=line.due, adjustments=line.adjustments, paid=line.paid, closing=line.closing,
        computed_closing=line.computed_closing, disagrees=line.disagrees, ratio=line.ratio,
        months_late=line.months_late, arrears_class=line.arrears_class, interest=line.interest,
    )  # fmt: skip


def _employers(*, province, parsed: ArrearsFile, user) -> dict[str, Employer]:
    """Unit code (upper case) → Employer, creating the new ones in bulk and saving the changed
    ones one by one, so that their change history records what the statement changed."""
    known = Employer.objects.filter(province=province)
    by_code = {e.insurer_code.upper(): e for e in known.exclude(insurer_code="")}
    by_tax = {e.tax_code: e for e in known.exclude(tax_code="")}
    result, new, changed, problems = {}, [], [], []
    for line in parsed.lines:
        key = line.code.upper()
        employer = by_code.get(key)
        if employer is None and line.tax_code:
            employer = by_tax.get(line.tax_code)
            if employer is not None and employer.insurer_code:
                problems.append(_clash(line, employer))
                continue
        if employer is None:
            employer = Employer(province=province, insurer_code=line.code, created_by=user)
            new.append(employer)
        elif line.tax_code and line.tax_code != employer.tax_code:
            holder = by_tax.get(line.tax_code)
            if holder is not None and holder.pk != employer.pk:
                problems.append(_clash(line, holder))
                continue
        if _apply(employer, line) and employer.pk is not None:
            employer.updated_by = user
            changed.append(employer)
        if line.tax_code:
            by_tax[line.tax_code] = employer
        result[key] = employer
    if problems:
        raise ImportProblems(problems)
    for employer in changed:
        employer.save()
    for employer in new:
        # bulk_create skips save(), which keeps the name key the matching reads.
        employer.name_key = name_key(employer.name)[:300]
    Employer.objects.bulk_create(new, batch_size=BATCH)
    return result


def _clash(line: ParsedLine, holder: Employer) -> RowProblem:
    return RowProblem(line.row, "Mã số thuế", (
        f"mã số thuế “{line.tax_code}” đã thuộc đơn vị “{holder.name}”"
        f"{' (mã BHXH ' + holder.insurer_code + ')' if holder.insurer_code else ''} trong tỉnh"
    ))  # fmt: skip


def _apply(employer: Employer, line: ParsedLine) -> bool:
    """Copy what the statement says onto the employer; True when something changed."""
    wanted = {"insurer_code": line.code, "name": line.name}
    if line.address:
        wanted["address"] = line.address
    if line.tax_code:
        wanted["tax_code"] = line.tax_code
    if line.locality is not None:
        wanted["admin_unit_id"] = line.locality.pk
    if line.headcount is not None:
        wanted["insured_headcount"] = line.headcount
    changed = False
    for attribute, value in wanted.items():
        if getattr(employer, attribute) != value:
            setattr(employer, attribute, value)
            changed = True
    return changed
