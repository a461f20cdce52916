"""Writes of the rewards capability: open a review round, save a proposal, move it along.

`today` / `now` are when the action happens: views leave them to the clock, the demo replays a
round at the dates it would have happened. Who may call which is decided in `perms`.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ansinh.accounts.enums import UserRole
from ansinh.accounts.models import User
from ansinh.core.history import acting_as
from ansinh.org.models import Committee
from ansinh.org.text import search_key
from ansinh.reporting.services.notices import notices_send
from ansinh.rewards.config import ConfigProblem, config_for, proposer_agencies
from ansinh.rewards.eligibility import RoundFacts
from ansinh.rewards.enums import NomineeKind
from ansinh.rewards.enums import ProposalStatus as S
from ansinh.rewards.models import CommendationLevel, Proposal, ReviewRound

EDITABLE = [S.DRAFT, S.RETURNED]
TRANSITIONS = {
    "submit": (EDITABLE, S.SUBMITTED, "gửi"),
    "agree": ([S.SUBMITTED], S.AGREED, "thẩm định"),
    "return": ([S.SUBMITTED], S.RETURNED, "trả lại"),
    "approve": ([S.AGREED], S.APPROVED, "phê duyệt"),
    "reject": ([S.AGREED], S.REJECTED, "không phê duyệt"),
}
NEEDS_NOTE = {"return": "Lý do trả lại", "reject": "Lý do không phê duyệt"}


def round_open(
    *,
    committee: Committee,
    year: int,
    title: str,
    closes_on: dt.date,
    user,
    today: dt.date | None = None,
) -> ReviewRound:
    """A round with the levels, proposers and rules of the province's data file."""
    today = today or timezone.localdate()
    try:
        config = config_for(committee)
        proposers = proposer_agencies(config, committee)
    except ConfigProblem as problem:
        raise ValidationError(str(problem)) from problem
    if closes_on < today:
        raise ValidationError({"closes_on": f"Hạn nhận đề nghị: ngày {closes_on:%d/%m/%Y} đã qua."})
    review_round = ReviewRound(
        committee=committee,
        year=year,
        title=title.strip() or f"Xét khen thưởng năm {year}",
        closes_on=closes_on,
        rules=config.rules,
        source=config.source,
        data_file=config.name,
        created_by=user,
        updated_by=user,
    )
    with transaction.atomic(), acting_as(user):
        review_round.full_clean()
        review_round.save()
        review_round.proposers.set(proposers)
        for position, level in enumerate(config.levels, start=1):
            CommendationLevel.objects.create(
                round=review_round,
                key=level.key,
                name=level.name,
                authority=level.authority,
                nominee_kinds=level.nominees,
                position=position,
                created_by=user,
            )
    return review_round


def round_update(*, review_round: ReviewRound, user) -> ReviewRound:
    """Save the title and closing date edited on the form (the data-file parts stay)."""
    with transaction.atomic(), acting_as(user):
        review_round.updated_by = user
        review_round.full_clean()
        review_round.save()
    return review_round


def require_open(review_round: ReviewRound, today: dt.date) -> None:
    if today > review_round.closes_on:
        raise ValidationError(
            f"Đợt xét “{review_round.title}” đã hết hạn nhận đề nghị ngày "
            f"{review_round.closes_on:%d/%m/%Y}; không nhận thêm hoặc sửa đề nghị."
        )


def nominee_key(proposal: Proposal) -> str:
    if proposal.nominee_kind == NomineeKind.UNIT:
        return f"agency:{proposal.nominee_agency_id}"
    if proposal.nominee_kind == NomineeKind.LOCALITY:
        return f"unit:{proposal.nominee_unit_id}"
    return f"person:{search_key(proposal.person_name)}|{search_key(proposal.workplace)}"


def _check_nominee(proposal: Proposal) -> dict:
    errors = {}
    review_round = proposal.round
    province_id = review_round.committee.province_id
    level = proposal.level if proposal.level_id else None
    if level is not None and level.round_id != review_round.pk:
        errors["level"] = f"Hình thức đề nghị: “{level.name}” không có trong đợt xét này."
    elif level is not None and proposal.nominee_kind not in (level.nominee_kinds or []):
        kind = NomineeKind(proposal.nominee_kind).label.lower()
        errors["level"] = f"Hình thức đề nghị: “{level.name}” không dành cho {kind}."
    agency = proposal.nominee_agency if proposal.nominee_agency_id else None
    if agency is not None and agency.province_id != province_id:
        errors["nominee_agency"] = "Cơ quan, đơn vị được đề nghị: không thuộc tỉnh của đợt xét."
    unit = proposal.nominee_unit if proposal.nominee_unit_id else None
    ancestors = {unit.parent_id, unit.parent.parent_id if unit.parent_id else None} if unit else {}
    if unit is not None and province_id not in ancestors:
        errors["nominee_unit"] = "Địa phương được đề nghị: không thuộc tỉnh của đợt xét."
    return errors


def proposal_save(*, proposal: Proposal, user, today: dt.date | None = None) -> Proposal:
    """Create or change a proposal while the round takes proposals and it is a draft or was
    returned; only the fields of its nominee kind are kept."""
    today = today or timezone.localdate()
    require_open(proposal.round, today)
    if proposal.pk:
        current = Proposal.objects.get(pk=proposal.pk)
        if current.status not in EDITABLE:
            raise ValidationError(
                f"Đề nghị đang ở trạng thái “{current.get_status_display()}”, không sửa được."
            )
    kind = proposal.nominee_kind
    if kind != NomineeKind.UNIT:
        proposal.nominee_agency = None
    if kind != NomineeKind.LOCALITY:
        proposal.nominee_unit = None
    if kind != NomineeKind.INDIVIDUAL:
        proposal.person_name = proposal.person_title = proposal.workplace = ""
    for name in ("person_name", "person_title", "workplace", "achievement", "justification"):
        setattr(proposal, name, getattr(proposal, name).strip())
    proposal.nominee_key = nominee_key(proposal)
    errors = _check_nominee(proposal)
    if errors:
        raise ValidationError(errors)
    proposal.updated_by = user
    if not proposal.pk:
        proposal.created_by = user
    with transaction.atomic(), acting_as(user):
        proposal.full_clean()
        proposal.save()
    return proposal


def _officers(*, agency=None, province_id=None, role=None, besides=None):
    users = User.objects.filter(is_active=True)
    users = users.filter(agency=agency) if agency else users.filter(agency__province_id=province_id)
    if role:
        users = users.filter(role=role)
    return users.exclude(pk=besides.pk) if besides is not None else users


def _notify(proposal: Proposal, action: str, user) -> None:
    committee = proposal.round.committee
    url = reverse("rewards:proposal_detail", args=[proposal.pk])
    if action == "submit":
        users = _officers(agency=committee.standing_agency, besides=user)
        title = f"Đề nghị khen thưởng mới của {proposal.proposer.display_name}"
    elif action == "agree":
        users = _officers(province_id=committee.province_id, role=UserRole.LEADER, besides=user)
        title = "Đề nghị khen thưởng chờ phê duyệt"
    else:
        users = _officers(agency=proposal.proposer, besides=user)
        title = f"Đề nghị khen thưởng: {proposal.get_status_display().lower()}"
    notices_send(users=list(users), title=f"{title}: {proposal.nominee_label}", url=url)


@transaction.atomic
def proposal_transition(
    *,
    proposal: Proposal,
    action: str,
    user,
    note: str = "",
    now: dt.datetime | None = None,
) -> Proposal:
    allowed, target, doing = TRANSITIONS[action]
    now = now or timezone.now()
    proposal = (
        Proposal.objects.select_for_update().select_related("round__committee").get(pk=proposal.pk)
    )
    if proposal.status not in allowed:
        raise ValidationError(
            f"Đề nghị đang ở trạng thái “{proposal.get_status_display()}”, không {doing} được."
        )
    note = note.strip()
    if action in NEEDS_NOTE and not note:
        raise ValidationError({"note": f"{NEEDS_NOTE[action]}: phải nêu lý do."})
    if action == "submit":
        require_open(proposal.round, timezone.localtime(now).date())
        facts = RoundFacts(review_round=proposal.round, today=timezone.localtime(now).date())
        failed = [c.label for c in facts.checks(proposal) if c.failed]
        if failed and not proposal.justification:
            raise ValidationError(
                {
                    "justification": (
                        f"Giải trình: đề nghị chưa đạt tiêu chí “{'”, “'.join(failed)}”; chỉ gửi "
                        "được khi có giải trình cho người thẩm định."
                    )
                }
            )
        proposal.submitted_at = now
    elif action in ("agree", "return"):
        proposal.review_note, proposal.reviewed_at, proposal.reviewed_by = note, now, user
    else:
        proposal.decision_note, proposal.decided_at, proposal.decided_by = note, now, user
    proposal.status = target
    proposal.updated_by = user
    with acting_as(user):
        proposal.full_clean()
        proposal.save()
    transaction.on_commit(lambda: _notify(proposal, action, user))
    return proposal
