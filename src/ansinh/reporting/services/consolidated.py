"""Writes of the consolidated report: generating a draft for one report kind and period, and the
Word templates it is rendered through (upload, activate, back to the default).

A committee uses at most one uploaded template at a time; none active means the shipped default.
An uploaded template is tried with a sample context first and refused, nothing changed, when it
does not render.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from unidecode import unidecode

from ansinh.core.history import acting_as
from ansinh.reporting import docx_render
from ansinh.reporting.consolidated_context import (
    MISSING,
    consolidated_context,
    consolidated_problem,
    period_obligations,
)
from ansinh.reporting.consolidated_sample import sample_context
from ansinh.reporting.models import ConsolidatedReport, ReportKind, ReportTemplate


def active_template(*, committee) -> ReportTemplate | None:
    return ReportTemplate.objects.filter(committee=committee, is_active=True).first()


def template_bytes(template: ReportTemplate | None) -> bytes:
    if template is None:
        return docx_render.default_template()
    with template.file.open("rb") as stream:
        return stream.read()


def consolidated_generate(
    *, kind: ReportKind, year: int, number: int, user, pdf: bool = True
) -> ConsolidatedReport:
    """A new draft of the consolidated report of the kind's period, with its PDF copy when
    LibreOffice is installed (and `pdf`). Refused when nobody owes a report for the period, or
    when the committee's template no longer renders."""
    problem = consolidated_problem(kind=kind, year=year, number=number)
    if problem:
        raise ValidationError(problem)
    obligations = period_obligations(kind=kind, year=year, number=number)
    committee = kind.regime.committee
    template = active_template(committee=committee)
    context = consolidated_context(
        kind=kind, year=year, number=number, obligations=obligations, now=timezone.now()
    )
    try:
        document = docx_render.render_docx(template_bytes(template), context)
    except docx_render.TemplateProblem as problem:
        name = f"“{template.name}”" if template else "mặc định"
        raise ValidationError(f"Mẫu báo cáo {name} không dùng được: {problem}") from problem
    # The time in the name tells drafts of one period apart once downloaded.
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    stem = slugify(unidecode(f"du-thao {kind.name} {obligations[0].period.label} {stamp}"))
    report = ConsolidatedReport(
        kind=kind,
        period_year=year,
        period_number=number,
        template=template,
        received=context["so_da_tiep_nhan"],
        missing=[ob.agency.name for ob in obligations if ob.bucket == MISSING],
        generated_by=user,
        created_by=user,
        updated_by=user,
    )
    # LibreOffice runs outside the transaction: it can take seconds and holds no rows.
    pdf_data = docx_render.pdf_from_docx(document) if pdf else None
    with transaction.atomic(), acting_as(user):
        report.docx.save(f"{stem}.docx", ContentFile(document), save=False)
        if pdf_data:
            report.pdf.save(f"{stem}.pdf", ContentFile(pdf_data), save=False)
        report.full_clean()
        report.save()
    return report


@transaction.atomic
def report_template_upload(*, committee, name: str, data: bytes, filename: str, user):
    """Store the uploaded template and use it from now on; ValidationError naming the problem
    (and nothing changed) when it is not a .docx, too large, or does not render."""
    if not filename.lower().endswith(".docx"):
        raise ValidationError({"file": "Tệp mẫu phải là tệp Word .docx."})
    problem = docx_render.template_problem(data, sample_context())
    if problem:
        raise ValidationError({"file": problem})
    with acting_as(user):
        _deactivate(committee, user)
        template = ReportTemplate(
            committee=committee,
            name=name.strip() or filename,
            is_active=True,
            created_by=user,
            updated_by=user,
        )
        template.file.save(_safe_name(filename), ContentFile(data), save=False)
        template.full_clean()
        template.save()
    return template


@transaction.atomic
def report_template_activate(*, committee, template: ReportTemplate | None, user) -> None:
    """Use an earlier uploaded template again, or (None) go back to the shipped default."""
    if template is not None and template.committee_id != committee.pk:
        raise ValidationError("Mẫu này thuộc Ban Chỉ đạo khác.")
    with acting_as(user):
        _deactivate(committee, user, keep=template)
        if template is not None and not template.is_active:
            template.is_active = True
            template.updated_by = user
            template.full_clean()
            template.save()


def _deactivate(committee, user, keep: ReportTemplate | None = None) -> None:
    # One by one, not .update(): the change history records each switch.
    for active in ReportTemplate.objects.select_for_update().filter(
        committee=committee, is_active=True
    ):
        if keep is not None and active.pk == keep.pk:
            continue
        active.is_active = False
        active.updated_by = user
        active.save()


def _safe_name(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0]
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return f"{slugify(unidecode(stem)) or 'mau'}-{stamp}.docx"
