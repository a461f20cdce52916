"""Writes of the core capability: the record of every uploaded file."""

from django.db import transaction
from django.utils import timezone

from ansinh.core.enums import ImportStatus
from ansinh.core.models import ImportBatch


def import_batch_record(
    *, kind: str, filename: str, content: str, user, summary: str = "", problems=None
) -> ImportBatch:
    return ImportBatch.objects.create(
        kind=kind,
        filename=filename,
        content=content,
        created_by=user,
        summary=summary,
        problems=list(problems or []),
        status=ImportStatus.REJECTED if problems else ImportStatus.PREVIEWED,
    )


def import_batch_apply(*, batch: ImportBatch, apply) -> ImportBatch | None:
    """Write a previewed file once: the claim and the writes share one transaction, so a double
    click or a second worker finds the batch already applied, and a failure leaves it previewed."""
    with transaction.atomic():
        claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEWED).update(
            status=ImportStatus.APPLIED, applied_at=timezone.now()
        )
        if not claimed:
            return None
        summary = apply()
        ImportBatch.objects.filter(pk=batch.pk).update(summary=summary)
    batch.refresh_from_db()
    return batch
