"""Writes of the inspection area: inspection cases (create, record progress and outcome) and the
publication of late payers (publish, withdraw). Views check who may do this first."""

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ansinh.compliance.config import rules_for
from ansinh.compliance.enums import InspectionOutcome, InspectionStatus
from ansinh.compliance.models import (
    ArrearsStatement,
    Disclosure,
    DisclosureEntry,
    Employer,
    InspectionCase,
)
from ansinh.compliance.selectors_inspections import disclosure_preview, published
from ansinh.core.history import acting_as

# Each database constraint of a case, by the field a person would correct.
CONSTRAINT_FIELDS = {
    "compliance_inspection_dates_ordered": "ends_on",
    "compliance_inspection_amounts_not_negative": "fined_amount",
    "compliance_inspection_referral_has_date": "referred_on",
}
CASE_FIELDS = (
    "title",
    "decision_number",
    "team",
    "lead_agency",
    "starts_on",
    "ends_on",
    "status",
    "outcome",
    "fined_amount",
    "recovered_amount",
    "referred_on",
    "follow_up",
)


def _field_errors(error: ValidationError) -> ValidationError:
    """Constraint messages arrive as non-field errors; put each on the field it is about."""
    messages = {
        str(c.violation_error_message): CONSTRAINT_FIELDS[c.name]
        for c in InspectionCase._meta.constraints
        if c.name in CONSTRAINT_FIELDS
    }
    by_field: dict[str, list] = {}
    for name, errors in error.message_dict.items():
        for message in errors:
            target = messages.get(message, name) if name == NON_FIELD_ERRORS else name
            by_field.setdefault(target, []).append(message)
    return ValidationError(by_field)


def _check_outcome(case: InspectionCase) -> None:
    errors = {}
    if case.outcome == InspectionOutcome.FINED and case.fined_amount <= 0:
        errors["fined_amount"] = "Kết quả xử phạt phải có số tiền xử phạt."
    if case.outcome != InspectionOutcome.PENDING and case.status != InspectionStatus.CONCLUDED:
        errors["status"] = "Chỉ ghi kết quả khi đợt thanh tra, kiểm tra đã kết luận."
    if case.status == InspectionStatus.CONCLUDED and case.outcome == InspectionOutcome.PENDING:
        errors["outcome"] = "Đợt đã kết luận cần ghi kết quả."
    if case.referred_on and case.referred_on < case.starts_on:
        errors["referred_on"] = "Ngày chuyển cơ quan công an không được trước ngày bắt đầu."
    if case.lead_agency_id and case.lead_agency.province_id != case.province_id:
        errors["lead_agency"] = "Cơ quan chủ trì phải là cơ quan của tỉnh."
    if errors:
        raise ValidationError(errors)


def _save(case: InspectionCase) -> None:
    try:
        case.full_clean()
        _check_outcome(case)
    except ValidationError as error:
        raise _field_errors(error) from None
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as error:  # a check the database made that full_clean did not
        name = next((n for n in CONSTRAINT_FIELDS if n in str(error)), None)
        raise ValidationError(
            {CONSTRAINT_FIELDS.get(name, NON_FIELD_ERRORS): "Dữ liệu không hợp lệ."}
        ) from error


def _check_employers(province, employers) -> list[Employer]:
    employers = list(employers)
    if not employers:
        raise ValidationError({"employers": "Chọn ít nhất một đơn vị được thanh tra, kiểm tra."})
    if any(e.province_id != province.pk for e in employers):
        raise ValidationError({"employers": "Chỉ chọn được đơn vị của tỉnh."})
    return employers


@transaction.atomic
def inspection_create(
    *,
    province,
    user,
    title: str,
    lead_agency,
    employers,
    starts_on: dt.date,
    ends_on: dt.date,
    team: str = "",
    decision_number: str = "",
) -> InspectionCase:
    employers = _check_employers(province, employers)
    case = InspectionCase(
        province=province,
        title=title,
        decision_number=decision_number,
        team=team,
        lead_agency=lead_agency,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=user,
        updated_by=user,
    )
    with acting_as(user):
        _save(case)
        case.employers.set(employers)
    return case


@transaction.atomic
def inspection_update(*, case: InspectionCase, user, employers=None, **changes) -> InspectionCase:
    """Record progress or the outcome; `changes` are fields of CASE_FIELDS."""
    unknown = set(changes) - set(CASE_FIELDS)
    if unknown:
        raise TypeError(f"inspection_update: unknown fields {sorted(unknown)}")
    for name, value in changes.items():
        setattr(case, name, value)
    case.updated_by = user
    try:
        with acting_as(user):
            _save(case)
            if employers is not None:
                case.employers.set(_check_employers(case.province, employers))
    except ValidationError:
        # The caller's object shows what is stored, not the refused values.
        case.refresh_from_db(fields=[*changes, "updated_by"])
        raise
    return case


# Publication of late payers -------------------------------------------------------------------


@transaction.atomic
def disclosure_publish(*, statement: ArrearsStatement, user) -> Disclosure:
    """Publish the statement's late payers (months late ≥ the province's threshold), copying
    only the published fields; the province's earlier lists stop showing."""
    province = statement.province
    if Disclosure.objects.filter(published(), statement=statement).exists():
        raise ValidationError("Bảng số liệu này đã được công khai.")
    min_months = rules_for(province).disclosure_min_months
    now = timezone.now()
    with acting_as(user):
        for earlier in Disclosure.objects.filter(published(), province=province):
            earlier.withdrawn_at = now
            earlier.save(update_fields=["withdrawn_at", "updated_at"])
        disclosure = Disclosure.objects.create(
            province=province,
            statement=statement,
            as_of=statement.as_of,
            min_months=min_months,
            published_at=now,
            published_by=user,
            created_by=user,
            updated_by=user,
        )
    DisclosureEntry.objects.bulk_create(
        DisclosureEntry(
            disclosure=disclosure,
            tax_code=line.employer.tax_code,
            insurer_code=line.employer.insurer_code,
            name=line.employer.name,
            address=line.employer.address,
            months_late=line.months_late,
            amount=line.closing,
        )
        for line in disclosure_preview(statement=statement, min_months=min_months)
    )
    return disclosure


@transaction.atomic
def disclosure_withdraw(*, disclosure: Disclosure, user) -> Disclosure:
    if disclosure.withdrawn_at is not None or disclosure.published_at is None:
        raise ValidationError("Danh sách này không còn được công khai.")
    disclosure.withdrawn_at = timezone.now()
    disclosure.updated_by = user
    with acting_as(user):
        disclosure.save(update_fields=["withdrawn_at", "updated_by", "updated_at"])
    return disclosure
