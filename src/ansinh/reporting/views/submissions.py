from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ansinh.core.history import history_for_objects
from ansinh.core.periods import default_year
from ansinh.core.uploads import upload_rule
from ansinh.reporting import selectors, services
from ansinh.reporting.enums import Timeliness
from ansinh.reporting.figures import locality_figures
from ansinh.reporting.forms import DecisionForm, SubmissionForm
from ansinh.reporting.models import Attachment, ReportingRegime, Submission
from ansinh.reporting.perms import (
    can_decide,
    can_read_all,
    can_write,
    get_obligation_for_user,
    get_regime_for_user,
)
from ansinh.reporting.services.submissions import (
    EDITABLE,
    TRANSITIONS,
    submission_remove_attachment,
)


def _year(request, default: int) -> int:
    try:
        return int(request.GET.get("nam", default))
    except ValueError:
        return default


def my_reports(request):
    today = timezone.localdate()
    agency = request.user.agency
    years = selectors.obligation_years(agency=agency) if agency else []
    year = _year(request, default_year(years=years, today=today))
    obligations = (
        selectors.agency_obligations(agency=agency, year=year, today=today) if agency else []
    )
    regimes = [
        r
        for r in ReportingRegime.objects.for_user(request.user).select_related("committee")
        if can_read_all(request.user, r.committee)
    ]
    context = {
        "agency": agency,
        "year": year,
        "years": years,
        "obligations": obligations,
        "regimes": regimes,
        "rule": selectors.STATUS_RULE,
        "section": "reports",
    }
    template = "reporting/my_reports.html"
    if request.headers.get("HX-Request"):
        template += "#results"
    return render(request, template, context)


def _detail_context(request, obligation, form=None, decision=None):
    submission = Submission.objects.filter(obligation=obligation).first()
    writable = can_write(request.user, obligation) and (
        submission is None or submission.status in EDITABLE
    )
    if writable and form is None:
        # Nothing is written on GET: the first save creates the pre-filled draft.
        draft = submission or services.submission_draft(obligation=obligation)
        if not draft.pk:
            draft.figures = locality_figures(obligation=obligation)
        form = SubmissionForm(submission=draft)
    if submission is not None and decision is None:
        decision = DecisionForm(initial={"version": submission.version})
    state = selectors.obligation_status(
        obligation=obligation, submission=submission, today=timezone.localdate()
    )
    return {
        "obligation": obligation,
        "submission": submission,
        "state": state,
        "form": form if writable else None,
        "decision": decision,
        "can_decide": can_decide(request.user, obligation),
        "upload_rule": upload_rule(),
        "concerns": list(submission.concerns.all()) if submission else [],
        "attachments": list(submission.attachments.all()) if submission else [],
        "history": history_for_objects(
            [submission], children=[(Attachment, "submission", submission.pk)]
        )
        if submission
        else [],
        "section": "reports",
    }


def obligation_detail(request, pk: int):
    obligation = get_obligation_for_user(request, pk)
    return render(request, "reporting/obligation_detail.html", _detail_context(request, obligation))


@require_POST
def submission_save(request, pk: int):
    obligation = get_obligation_for_user(request, pk)
    if not can_write(request.user, obligation):
        raise PermissionDenied("Chỉ cán bộ của cơ quan báo cáo được soạn báo cáo này.")
    submission = Submission.objects.filter(obligation=obligation).first()
    if submission is None:
        submission = services.submission_draft(obligation=obligation)
    submission.obligation = obligation  # already read with its kind and agency
    form = SubmissionForm(request.POST, request.FILES, submission=submission)
    if form.is_valid():
        try:
            send = "gui" in request.POST
            services.submission_save(
                submission=submission,
                version=form.cleaned_data["version"],
                user=request.user,
                send=send,
                narrative=form.cleaned_data["narrative"],
                difficulties=form.cleaned_data["difficulties"],
                recommendations=form.cleaned_data["recommendations"],
                section_texts=form.section_texts(),
                files=form.cleaned_data["files"],
            )
            if send:
                messages.success(request, "Đã gửi báo cáo.")
            else:
                messages.success(request, "Đã lưu bản nháp.")
            return redirect("reporting:obligation_detail", pk=pk)
        except ValidationError as error:
            form.add_error(None, error)
            status = 409  # a newer version or a state that forbids the change
    else:
        status = 400
    context = _detail_context(request, obligation, form=form)
    return render(request, "reporting/obligation_detail.html", context, status=status)


@require_POST
def submission_decide(request, pk: int, action: str):
    if action not in TRANSITIONS or action == "submit":
        raise Http404
    obligation = get_obligation_for_user(request, pk, decide=True)
    submission = Submission.objects.filter(obligation=obligation).first()
    if submission is None:
        raise Http404
    decision = DecisionForm(request.POST)
    if decision.is_valid():
        try:
            services.submission_transition(
                submission=submission,
                action=action,
                version=decision.cleaned_data["version"],
                user=request.user,
                reason=decision.cleaned_data["reason"],
            )
            messages.success(request, "Đã cập nhật trạng thái báo cáo.")
            return redirect("reporting:obligation_detail", pk=pk)
        except ValidationError as error:
            decision.add_error(None, error)
    context = _detail_context(request, obligation, decision=decision)
    return render(request, "reporting/obligation_detail.html", context, status=409)


def completeness(request, pk: int):
    regime = get_regime_for_user(request, pk)
    today = timezone.localdate()
    year = _year(request, today.year)
    matrix = selectors.completeness_matrix(regime=regime, year=year, today=today)
    context = {
        "regime": regime,
        "year": year,
        "matrix": matrix,
        "legend": list(Timeliness),
        "section": "reports",
    }
    return render(request, "reporting/completeness.html", context)


def attachment_download(request, pk: int, attachment_pk: int):
    obligation = get_obligation_for_user(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, submission__obligation=obligation)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@require_POST
def attachment_delete(request, pk: int, attachment_pk: int):
    obligation = get_obligation_for_user(request, pk)
    if not can_write(request.user, obligation):
        raise PermissionDenied("Chỉ cán bộ của cơ quan báo cáo được sửa báo cáo này.")
    submission = get_object_or_404(Submission, obligation=obligation)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    try:
        submission_remove_attachment(
            submission=submission, version=version, user=request.user, attachment_pk=attachment_pk
        )
        messages.success(request, "Đã xóa tệp đính kèm.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("reporting:obligation_detail", pk=pk)
