"""Writes of the health-insurance fund capability; each is all-or-nothing."""

import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ansinh.accounts.models import User
from ansinh.core.history import acting_as
from ansinh.core.vnformat import format_number
from ansinh.healthfund import selectors
from ansinh.healthfund.config import fund_settings
from ansinh.healthfund.enums import WarningStatus
from ansinh.healthfund.models import (
    Allocation,
    Budget,
    ColumnMapping,
    Facility,
    FundSetting,
    FundWarning,
    MonthlySpending,
    ReferenceAverage,
)
from ansinh.org.enums import AgencyKind

logger = logging.getLogger(__name__)


def facilities_apply(*, province, rows, user=None) -> str:
    created = updated = 0
    with transaction.atomic(), acting_as(user):
        existing = {f.code: f for f in Facility.objects.filter(province=province)}
        for row in rows:
            facility = existing.get(row.code) or Facility(province=province, code=row.code)
            is_new = facility.pk is None
            for name in ("name", "tier", "rank", "specialty", "ownership", "admin_unit"):
                setattr(facility, name, getattr(row, name))
            facility.updated_by = user
            if is_new:
                facility.created_by = user
            facility.full_clean()
            facility.save()
            created, updated = created + is_new, updated + (not is_new)
    return f"thêm {created} cơ sở, cập nhật {updated} cơ sở"


def budget_save(*, province, year: int, amount: int, source_document: str, user=None) -> Budget:
    with transaction.atomic(), acting_as(user):
        budget = Budget.objects.filter(province=province, year=year).first() or Budget(
            province=province, year=year, created_by=user
        )
        allocated = sum(budget.allocations.values_list("amount", flat=True)) if budget.pk else 0
        if allocated > amount:
            raise ValidationError(
                {"amount": f"Dự toán {format_number(amount)} đồng thấp hơn tổng dự kiến chi đã "
                           f"phân bổ cho các cơ sở ({format_number(allocated)} đồng)."}
            )  # fmt: skip
        budget.amount, budget.source_document, budget.updated_by = amount, source_document, user
        budget.full_clean()
        budget.save()
    return budget


def allocations_save(*, budget: Budget, amounts: dict[int, int], user=None) -> int:
    """Replace the expected spending of the facilities given; the sum over every facility may
    not exceed the budget."""
    with transaction.atomic(), acting_as(user):
        current = dict(budget.allocations.values_list("facility_id", "amount"))
        current.update(amounts)
        total = sum(current.values())
        if total > budget.amount:
            raise ValidationError(
                f"Tổng dự kiến chi của các cơ sở ({format_number(total)} đồng) vượt dự toán "
                f"{format_number(budget.amount)} đồng {format_number(total - budget.amount)} "
                "đồng; giảm dự kiến chi của một số cơ sở."
            )
        changed = 0
        for facility_id, amount in amounts.items():
            allocation = Allocation.objects.filter(budget=budget, facility_id=facility_id).first()
            if allocation is None:
                allocation = Allocation(budget=budget, facility_id=facility_id, created_by=user)
            elif allocation.amount == amount:
                continue
            allocation.amount, allocation.updated_by = amount, user
            allocation.full_clean()
            allocation.save()
            changed += 1
    return changed


def mapping_remember(*, province, source: str, columns: dict, user=None) -> ColumnMapping:
    mapping, _ = ColumnMapping.objects.update_or_create(
        province=province,
        source=source,
        defaults={"columns": {k: v for k, v in columns.items() if v}, "updated_by": user},
    )
    return mapping


def spending_apply(*, province, spending_file, replace: bool, batch=None) -> str:
    """Write a checked file; months already loaded are replaced as a whole when asked to,
    otherwise refused, never doubled."""
    with transaction.atomic():
        loaded = spending_file.loaded_months(province)
        if loaded and not replace:
            raise ValidationError(
                f"Tháng {', '.join(map(str, loaded))}/{spending_file.year} đã có số liệu; "
                "chọn “thay thế” để nạp đè, không nạp trùng."
            )
        replaced = MonthlySpending.objects.filter(
            facility__province=province, year=spending_file.year, month__in=loaded
        ).delete()[0]
        MonthlySpending.objects.bulk_create(
            [
                MonthlySpending(facility=row.facility, year=spending_file.year, month=row.month,
                                cost_groups=row.groups, batch=batch, **row.amounts)
                for row in spending_file.rows
            ],
            batch_size=2000,
        )  # fmt: skip
    note = f"; thay {replaced} dòng đã có" if replaced else ""
    return spending_file.summary() + note


def references_apply(*, rows, year: int) -> str:
    with transaction.atomic():
        for row in rows:
            ReferenceAverage.objects.update_or_create(
                indicator=row.indicator, tier=row.tier, rank=row.rank, specialty=row.specialty,
                year=year, month=row.month, scope=row.scope, defaults={"value": row.value},
            )  # fmt: skip
    return f"{len(rows)} giá trị bình quân vùng, toàn quốc năm {year}"


def margin_save(*, committee, margin_percent: Decimal, user=None) -> FundSetting:
    with transaction.atomic(), acting_as(user):
        setting = FundSetting.objects.filter(committee=committee).first() or FundSetting(
            committee=committee, created_by=user
        )
        setting.margin_percent, setting.updated_by = margin_percent, user
        setting.full_clean()
        setting.save()
    return setting


def health_officers(province):
    return User.objects.filter(
        is_active=True,
        agency__province=province,
        agency__kind=AgencyKind.DEPARTMENT,
        agency__key=fund_settings()["department_agency"],
    )


def warnings_send(*, province, year: int, month: int, user=None) -> list[FundWarning]:
    """Record a warning for every facility above its peers (once per indicator, month and
    span), tell the health department in the app and by e-mail."""
    new = []
    with transaction.atomic(), acting_as(user):
        for figure in selectors.exceedances(province=province, year=year, month=month):
            warning, created = FundWarning.objects.get_or_create(
                facility=figure.facility, indicator=figure.indicator.code, year=year,
                month=month, span=figure.span,
                defaults={"indicator_name": figure.indicator.name, "created_by": user,
                          "facility_value": figure.value, "peer_average": figure.peer_average,
                          "excess_percent": figure.excess_percent},
            )  # fmt: skip
            if created:
                new.append(warning)
        if new:
            transaction.on_commit(lambda: _tell_department(province, year, month, new))
    return new


def _tell_department(province, year, month, warnings) -> None:
    from ansinh.reporting.services.notices import notices_send

    facilities = sorted({w.facility.name for w in warnings})
    title = f"Cảnh báo chi KCB BHYT tháng {month}/{year}: {len(facilities)} cơ sở vượt bình quân"
    body = "Đề nghị Sở Y tế chỉ đạo các cơ sở rà soát, giải trình: " + "; ".join(facilities)
    url = reverse("healthfund:warning_list") + f"?tinh={province.pk}&nam={year}&thang={month}"
    officers = list(health_officers(province))
    notices_send(users=officers, title=title, body=body[:2000], url=url)
    recipients = [u.email for u in officers if u.email]
    if recipients:
        try:
            send_mail(title, f"{body}\n\n{settings.ANSINH_SITE_URL}{url}",
                      settings.DEFAULT_FROM_EMAIL, recipients)  # fmt: skip
        except Exception as error:  # a mail server failure; the in-app notices stay
            logger.warning("Thư cảnh báo chi KCB không gửi được: %s", error)


def _transition(warning: FundWarning, target: str):
    if warning.status not in WarningStatus.allowed_from(target):
        raise ValidationError(
            f"Cảnh báo đang “{warning.get_status_display()}”, không chuyển sang "
            f"“{WarningStatus(target).label}” được."
        )
    warning.status = target


def warning_explain(*, warning: FundWarning, explanation: str, user) -> FundWarning:
    explanation = explanation.strip()
    if not explanation:
        raise ValidationError({"explanation": "Nhập nội dung giải trình của cơ sở."})
    with transaction.atomic(), acting_as(user):
        _transition(warning, WarningStatus.EXPLAINED)
        warning.explanation, warning.explained_by = explanation, user
        warning.explained_at, warning.updated_by = timezone.now(), user
        warning.full_clean()
        warning.save()
    return warning


def warning_close(*, warning: FundWarning, user) -> FundWarning:
    with transaction.atomic(), acting_as(user):
        _transition(warning, WarningStatus.CLOSED)
        warning.updated_by = user
        warning.full_clean()
        warning.save()
    return warning
