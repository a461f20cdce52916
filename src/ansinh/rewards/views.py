from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ansinh.core.excel import workbook_response
from ansinh.org.views.common import paginate
from ansinh.rewards import perms, selectors, services
from ansinh.rewards.enums import ProposalStatus
from ansinh.rewards.exports import proposals_document, proposals_workbook, rounds_workbook
from ansinh.rewards.forms import ActionForm, ProposalForm, RoundForm, add_service_errors
from ansinh.rewards.models import Proposal

SECTION = "rewards"


def round_list(request):
    rounds = selectors.round_list(rounds=perms.rounds_for_user(request.user))
    page, querystring_base = paginate(request, rounds, per_page=25)
    context = {
        "page_obj": page,
        "rounds": page.object_list,
        "querystring_base": querystring_base,
        "managed": perms.managed_committees(request.user),
        "section": SECTION,
    }
    return render(request, "rewards/round_list.html", context)


def round_list_export(request):
    rounds = selectors.round_list(rounds=perms.rounds_for_user(request.user))
    return workbook_response(rounds_workbook(rounds=rounds), "dot-xet-khen-thuong.xlsx")


@require_http_methods(["GET", "POST"])
def round_create(request, committee_pk: int):
    committee = perms.get_managed_committee(request, committee_pk)
    today = timezone.localdate()
    form = RoundForm(request.POST or None, initial={"year": today.year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review_round = services.round_open(
                committee=committee,
                year=data["year"],
                title=data["title"],
                closes_on=data["closes_on"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã mở đợt xét khen thưởng.")
            return redirect("rewards:round_detail", pk=review_round.pk)
    context = {"form": form, "committee": committee, "section": SECTION}
    return render(request, "rewards/round_form.html", context)


@require_http_methods(["GET", "POST"])
def round_edit(request, pk: int):
    review_round = perms.get_round_for_user(request, pk, manage=True)
    initial = {
        "year": review_round.year,
        "title": review_round.title,
        "closes_on": f"{review_round.closes_on:%d/%m/%Y}",
    }
    form = RoundForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        review_round.title = form.cleaned_data["title"] or review_round.title
        review_round.closes_on = form.cleaned_data["closes_on"]
        try:
            services.round_update(review_round=review_round, user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu đợt xét.")
            return redirect("rewards:round_detail", pk=pk)
    context = {
        "form": form,
        "committee": review_round.committee,
        "round": review_round,
        "section": SECTION,
    }
    return render(request, "rewards/round_form.html", context)


def _status_filter(request) -> str:
    status = request.GET.get("trang-thai", "")
    return status if status in ProposalStatus.values else ""


def _round_proposals(request, review_round, status=""):
    proposals = perms.proposals_for_user(request.user, review_round)
    if status:
        proposals = proposals.filter(status=status)
    return proposals.order_by("level__position", "pk")


def round_detail(request, pk: int):
    review_round = perms.get_round_for_user(request, pk)
    status = _status_filter(request)
    proposals = _round_proposals(request, review_round, status)
    page, querystring_base = paginate(request, proposals, per_page=25)
    checked = selectors.proposals_with_checks(
        review_round=review_round,
        proposals=Proposal.objects.filter(pk__in=[p.pk for p in page.object_list]).order_by(
            "level__position", "pk"
        ),
        today=timezone.localdate(),
    )
    today = timezone.localdate()
    context = {
        "round": review_round,
        "page_obj": page,
        "proposals": checked,
        "querystring_base": querystring_base,
        "status": status,
        "statuses": ProposalStatus.choices,
        "counts": selectors.status_counts(_round_proposals(request, review_round)),
        "rules": selectors.round_rules(review_round),
        "levels": review_round.levels.all(),
        "proposers": review_round.proposers.all(),
        "is_open": today <= review_round.closes_on,
        "can_propose": perms.can_propose(request.user, review_round),
        "can_manage": perms.can_manage(request.user, review_round.committee),
        "history": selectors.round_history(review_round=review_round),
        "section": SECTION,
    }
    template = "rewards/round_detail.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


def _checked_all(request, review_round):
    return selectors.proposals_with_checks(
        review_round=review_round,
        proposals=_round_proposals(request, review_round, _status_filter(request)),
        today=timezone.localdate(),
    )


def round_export(request, pk: int):
    review_round = perms.get_round_for_user(request, pk)
    workbook = proposals_workbook(
        review_round=review_round, proposals=_checked_all(request, review_round)
    )
    return workbook_response(workbook, f"de-nghi-khen-thuong-{review_round.year}.xlsx")


def round_docx(request, pk: int):
    review_round = perms.get_round_for_user(request, pk)
    doc = proposals_document(
        review_round=review_round, proposals=_checked_all(request, review_round)
    )
    return doc.response(f"danh-sach-de-nghi-khen-thuong-{review_round.year}.docx")


@require_http_methods(["GET", "POST"])
def proposal_form(request, pk: int | None = None, round_pk: int | None = None):
    if pk is not None:
        proposal = perms.get_proposal_for_user(request, pk)
        review_round = proposal.round
        if not perms.can_edit(request.user, proposal):
            raise PermissionDenied(perms.NOT_YOURS)
    else:
        review_round = perms.get_round_for_user(request, round_pk)
        if not perms.can_propose(request.user, review_round):
            raise PermissionDenied(perms.NOT_PROPOSER)
        proposal = Proposal(round=review_round, proposer_id=request.user.agency_id)
    form = ProposalForm(request.POST or None, instance=proposal, review_round=review_round)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_save(proposal=form.instance, user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu đề nghị. Xem tiêu chí rồi gửi cơ quan thường trực.")
            return redirect("rewards:proposal_detail", pk=proposal.pk)
    context = {"form": form, "round": review_round, "proposal": proposal, "section": SECTION}
    return render(request, "rewards/proposal_form.html", context)


ACTION_LABELS = {
    "submit": ("Gửi cơ quan thường trực", "primary"),
    "agree": ("Đồng ý, trình phê duyệt", "success"),
    "return": ("Trả lại", "warning"),
    "approve": ("Phê duyệt", "success"),
    "reject": ("Không phê duyệt", "danger"),
}


def _may(user, proposal, action: str) -> bool:
    """Whether the user's role allows the action; the service then checks the status."""
    if action == "submit":
        return user.agency_id == proposal.proposer_id
    if action in ("agree", "return"):
        return perms.can_manage(user, proposal.round.committee)
    return perms.can_approve(user)


def _actions(user, proposal) -> list[tuple[str, str, str]]:
    """(action, button label, css) the user may take on the proposal now."""
    return [
        (action, *ACTION_LABELS[action])
        for action, (allowed, _, _) in services.TRANSITIONS.items()
        if proposal.status in allowed and _may(user, proposal, action)
    ]


def _detail(request, proposal, form=None):
    checked = selectors.proposals_with_checks(
        review_round=proposal.round,
        proposals=Proposal.objects.filter(pk=proposal.pk),
        today=timezone.localdate(),
    )[0]
    context = {
        "proposal": checked,
        "round": proposal.round,
        "actions": _actions(request.user, proposal),
        "can_edit": perms.can_edit(request.user, proposal),
        "form": form or ActionForm(),
        "history": selectors.proposal_history(proposal=proposal),
        "section": SECTION,
    }
    return render(request, "rewards/proposal_detail.html", context)


def proposal_detail(request, pk: int):
    return _detail(request, perms.get_proposal_for_user(request, pk))


@require_POST
def proposal_action(request, pk: int, action: str):
    proposal = perms.get_proposal_for_user(request, pk)
    if action not in services.TRANSITIONS:
        raise Http404("Không có thao tác này.")
    if not _may(request.user, proposal, action):
        raise PermissionDenied("Vai trò của bạn không thực hiện được việc này với đề nghị.")
    form = ActionForm(request.POST)
    form.is_valid()
    try:
        services.proposal_transition(
            proposal=proposal, action=action, user=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "note" in error.error_dict:
            form.add_error("note", error.error_dict["note"])
            return _detail(request, proposal, form)
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã cập nhật đề nghị.")
    return redirect("rewards:proposal_detail", pk=pk)
