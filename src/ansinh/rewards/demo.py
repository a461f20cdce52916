"""Demo review rounds read from the `demo:` part of data/rewards/*.yaml (illustrative).

The round is opened and its proposals written and sent through the services on the days they
would have been (`opens_on`, the day after); running it again finds them and adds nothing.
Nothing province-specific is in this module; the files say it all.
"""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone

from ansinh.org.enums import AdminEdition, AdminLevel
from ansinh.org.models import AdminUnit, Agency, Committee
from ansinh.rewards import services
from ansinh.rewards.config import ConfigProblem, read_config
from ansinh.rewards.enums import NomineeKind, ProposalStatus
from ansinh.rewards.models import Proposal, ReviewRound


class DemoProblem(Exception):
    pass


def _committee(config) -> Committee:
    committee = Committee.objects.filter(
        province__edition=AdminEdition.Y2024,
        province__level=AdminLevel.PROVINCE,
        province__code=config.province,
        key=config.committee,
    ).first()
    if committee is None:
        raise DemoProblem(
            f"{config.name}: chưa có Ban Chỉ đạo “{config.committee}” của tỉnh mã "
            f"{config.province} — hãy nạp tệp dữ liệu của tỉnh trước."
        )
    return committee


def _proposal(review_round: ReviewRound, spec: dict, where: str) -> Proposal:
    committee = review_round.committee
    agencies = Agency.objects.filter(province_id=committee.province_id)
    nominee = spec["nominee"]
    proposal = Proposal(
        round=review_round,
        proposer=agencies.get(key=spec["proposer"]),
        level=review_round.levels.get(key=spec["level"]),
        achievement=" ".join(spec["achievement"].split()),
        justification=" ".join(spec.get("justification", "").split()),
    )
    if "individual" in nominee:
        proposal.nominee_kind = NomineeKind.INDIVIDUAL
        proposal.person_name = nominee["individual"]
        proposal.person_title = nominee.get("title", "")
        proposal.workplace = nominee.get("workplace", "")
    elif "locality" in nominee:
        proposal.nominee_kind = NomineeKind.LOCALITY
        proposal.nominee_unit = AdminUnit.objects.get(
            parent_id=committee.province_id, code=str(nominee["locality"])
        )
    elif "unit" in nominee:
        proposal.nominee_kind = NomineeKind.UNIT
        proposal.nominee_agency = agencies.get(key=nominee["unit"])
    else:
        raise DemoProblem(f"{where}: nominee phải là individual, locality hoặc unit.")
    return proposal


@transaction.atomic
def load_file(path: Path) -> list[str]:
    try:
        config = read_config(path.read_text("utf-8"), path.name)
    except ConfigProblem as problem:
        raise DemoProblem(str(problem)) from problem
    demo = config.demo
    if not demo:
        return []
    committee = _committee(config)
    opens_on = demo["opens_on"]
    review_round = ReviewRound.objects.filter(committee=committee, year=demo["year"]).first()
    lines = []
    try:
        if review_round is None:
            review_round = services.round_open(
                committee=committee,
                year=demo["year"],
                title=demo["title"],
                closes_on=demo["closes_on"],
                user=None,
                today=opens_on,
            )
            lines.append(f"mở đợt xét “{review_round.title}”")
        sent = timezone.make_aware(dt.datetime.combine(opens_on + dt.timedelta(days=1), dt.time(9)))
        for index, spec in enumerate(demo.get("proposals", []), start=1):
            where = f"{path.name}, demo.proposals mục {index}"
            try:
                proposal = _proposal(review_round, spec, where)
            except ObjectDoesNotExist as missing:
                raise DemoProblem(f"{where}: không tìm thấy ({missing}).") from missing
            proposal.nominee_key = services.nominee_key(proposal)
            if review_round.proposals.filter(nominee_key=proposal.nominee_key).exists():
                continue
            services.proposal_save(proposal=proposal, user=None, today=opens_on)
            services.proposal_transition(proposal=proposal, action="submit", user=None, now=sent)
            lines.append(f"đề nghị “{proposal.nominee_label}” ({ProposalStatus.SUBMITTED.label})")
    except (ValidationError, ConfigProblem) as error:
        raise DemoProblem(f"{path.name}: {' '.join(error.messages)}") from error
    return lines or ["đã có, không thêm gì"]
