"""Writes of the org capability. Views, importers and commands call these, never the models."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from ansinh.core.history import acting_as
from ansinh.org.enums import AdminLevel, AgencyKind, Role
from ansinh.org.models import (
    AdminUnit,
    Agency,
    AgencyGroup,
    Committee,
    CommitteeDecision,
    Membership,
)
from ansinh.org.text import search_key


@dataclass(frozen=True)
class MemberSpec:
    role: str
    title: str
    agency: Agency
    person_name: str = ""
    note: str = ""


def _save(obj, *, user, trusted: bool = False):
    """Validate and save. `trusted` is for rows built from objects this transaction already holds
    (a regulation's clauses): their relations exist and the database constraints still hold, so
    the per-row existence and uniqueness queries are skipped."""
    if user is not None and user.is_authenticated:
        if obj.pk is None:
            obj.created_by = user
        obj.updated_by = user
    if trusted:
        relations = [f.name for f in obj._meta.concrete_fields if f.is_relation]
        obj.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
    else:
        obj.full_clean()
    obj.save()
    return obj


def agency_save(*, agency: Agency, user=None) -> Agency:
    """Create or update an agency after validating it."""
    with transaction.atomic(), acting_as(user):
        return _save(agency, user=user)


def agency_group_save(
    *, group: AgencyGroup, members: list[Agency] | None = None, user=None
) -> AgencyGroup:
    unknown = set(group.kinds or []) - set(AgencyKind.values)
    if unknown:
        raise ValidationError({"kinds": f"Loại cơ quan không có: {', '.join(sorted(unknown))}."})
    outsiders = [a for a in members or [] if a.province_id != group.province_id]
    if outsiders:
        raise ValidationError({"members": f"{outsiders[0]} không thuộc tỉnh của nhóm."})
    with transaction.atomic(), acting_as(user):
        _save(group, user=user)
        if members is not None:
            group.members.set(members)
    return group


def committee_create(
    *,
    province: AdminUnit,
    key: str,
    name: str,
    short_name: str,
    standing_agency: Agency,
    established_by: str = "",
    user=None,
) -> Committee:
    """Set up a committee; its creator gets access to the province if it is not their own."""
    if province.level != AdminLevel.PROVINCE:
        raise ValidationError({"province": "Ban Chỉ đạo phải gắn với một tỉnh."})
    if standing_agency.province_id != province.pk:
        raise ValidationError({"standing_agency": "Cơ quan thường trực phải thuộc tỉnh này."})
    committee = Committee(
        province=province,
        key=key,
        name=name,
        short_name=short_name,
        standing_agency=standing_agency,
        established_by=established_by,
    )
    with transaction.atomic(), acting_as(user):
        _save(committee, user=user)
        if user is not None and not user.is_system_admin and user.agency.province_id != province.pk:
            user.extra_provinces.add(province)
    return committee


def committee_create_with_standing_agency(
    *,
    province: AdminUnit,
    name: str,
    short_name: str,
    standing_agency_name: str,
    standing_agency_kind: str,
    user=None,
) -> Committee:
    """A committee for a province set up in the browser: its standing agency is the province's
    agency of that name, registered on the spot when the province has none yet."""
    with transaction.atomic():
        standing = Agency.objects.filter(province=province, name=standing_agency_name).first()
        if standing is None:
            standing = agency_save(
                agency=Agency(
                    province=province,
                    key=slug_key(standing_agency_name),
                    name=standing_agency_name,
                    kind=standing_agency_kind,
                ),
                user=user,
            )
        return committee_create(
            province=province,
            key="bcd-tinh",
            name=name,
            short_name=short_name,
            standing_agency=standing,
            user=user,
        )


def slug_key(text: str) -> str:
    """A data-file key from a name: 'Sở Y tế tỉnh Quảng Trị' → 'so-y-te-tinh-quang-tri'."""
    return search_key(text).replace(" ", "-")[:60] or "co-quan"


def committee_update(*, committee: Committee, user=None) -> Committee:
    with transaction.atomic(), acting_as(user):
        return _save(committee, user=user)


def committee_reconstitute(
    *,
    committee: Committee,
    number: str,
    date: dt.date,
    members: list[MemberSpec],
    issuer: str = "",
    title: str = "",
    note: str = "",
    user=None,
) -> CommitteeDecision:
    """Record a decision (kiện toàn) that sets the committee's full composition from `date`.

    A member of the current composition who keeps the same role for the same agency keeps their
    seat (and its history); the others end on `date`; new seats start on `date`. Recording the
    same decision again only corrects titles, names and order.
    """
    errors = _composition_errors(committee, members)
    decision = CommitteeDecision.objects.filter(committee=committee, number=number).first()
    latest = committee.decisions.order_by("-date").first()
    if decision is None and latest is not None and date < latest.date:
        errors.append(
            f"Ngày quyết định phải từ ngày {latest.date:%d/%m/%Y} (ngày của quyết định gần "
            f"nhất số {latest.number}) trở đi."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), acting_as(user):
        decision = decision or CommitteeDecision(committee=committee, number=number)
        decision.date, decision.issuer, decision.title, decision.note = date, issuer, title, note
        _save(decision, user=user)

        current = list(
            committee.memberships.filter(end_date__isnull=True).order_by("position", "pk")
        )
        kept: list[tuple[Membership, MemberSpec, int]] = []
        new: list[tuple[MemberSpec, int]] = []
        for position, spec in enumerate(members, start=1):
            match = next(
                (m for m in current if m.role == spec.role and m.agency_id == spec.agency.pk),
                None,
            )
            if match is None:
                new.append((spec, position))
            else:
                current.remove(match)
                kept.append((match, spec, position))
        # End the seats that go first, so that a new chair never overlaps the old one.
        for membership in current:
            membership.end_date = max(date, membership.start_date)
            membership.ended_by = decision
            _save(membership, user=user)
        for membership, spec, position in kept:
            changed = (
                membership.title != spec.title
                or membership.person_name != spec.person_name
                or membership.position != position
                or membership.note != spec.note
            )
            if changed:
                membership.title, membership.person_name = spec.title, spec.person_name
                membership.position, membership.note = position, spec.note
                _save(membership, user=user)
        for spec, position in new:
            _save(
                Membership(
                    committee=committee,
                    role=spec.role,
                    title=spec.title,
                    person_name=spec.person_name,
                    agency=spec.agency,
                    position=position,
                    start_date=date,
                    appointed_by=decision,
                    note=spec.note,
                ),
                user=user,
            )
    return decision


def _composition_errors(committee: Committee, members: list[MemberSpec]) -> list[str]:
    errors = []
    chairs = [m for m in members if m.role == Role.CHAIR]
    if len(chairs) != 1:
        errors.append(f"Thành phần phải có đúng một Trưởng ban (đang có {len(chairs)}).")
    for index, spec in enumerate(members, start=1):
        if spec.role not in Role.values:
            errors.append(f"Thành viên thứ {index}: vai trò “{spec.role}” không có.")
        if not spec.title.strip():
            errors.append(f"Thành viên thứ {index}: thiếu chức danh.")
        if spec.agency.province_id != committee.province_id:
            errors.append(
                f"Thành viên thứ {index}: {spec.agency} không thuộc tỉnh của Ban Chỉ đạo."
            )
    return errors


@dataclass(frozen=True)
class BindSpec:
    """Who a part of the regulation obliges."""

    agency: Agency | None = None
    agency_group: AgencyGroup | None = None
    role: str = ""
    whole_committee: bool = False

    def key(self) -> tuple:
        return (
            self.agency.pk if self.agency else None,
            self.agency_group.pk if self.agency_group else None,
            self.role,
            self.whole_committee,
        )


@dataclass
class ClauseSpec:
    level: str
    number: str
    title: str = ""
    text: str = ""
    duties: list[BindSpec] | None = None
    children: list["ClauseSpec"] | None = None


def regulation_save(
    *,
    committee: Committee,
    title: str,
    chapters: list[ClauseSpec],
    decision_number: str = "",
    decision_date: dt.date | None = None,
    issuer: str = "",
    user=None,
):
    """Create or update a regulation and its whole clause tree with the duties it assigns.

    Clauses are matched by their place (level and number under the same parent), so a corrected
    text updates the clause and keeps its history; clauses no longer in the tree are removed.
    """
    from ansinh.org.models import Clause, Duty, Regulation

    with transaction.atomic(), acting_as(user):
        regulation = Regulation.objects.filter(committee=committee, title=title).first()
        regulation = regulation or Regulation(committee=committee, title=title)
        regulation.decision_number, regulation.decision_date = decision_number, decision_date
        regulation.issuer = issuer
        _save(regulation, user=user)

        existing = {(c.parent_id, c.level, c.number): c for c in regulation.clauses.all()}
        duties_by_clause: dict[int, dict[tuple, Duty]] = {}
        for duty in Duty.objects.filter(clause__regulation=regulation):
            duties_by_clause.setdefault(duty.clause_id, {})[_duty_key(duty)] = duty
        seen: set[int] = set()
        position = 0

        def walk(specs: list[ClauseSpec], parent):
            nonlocal position
            for spec in specs:
                position += 1
                clause = existing.get((parent.pk if parent else None, spec.level, spec.number))
                clause = clause or Clause(
                    regulation=regulation, parent=parent, level=spec.level, number=spec.number
                )
                if clause.pk is None or (clause.title, clause.text, clause.position) != (
                    spec.title,
                    spec.text,
                    position,
                ):
                    clause.title, clause.text, clause.position = spec.title, spec.text, position
                    _save(clause, user=user, trusted=True)
                seen.add(clause.pk)
                wanted = {b.key(): b for b in spec.duties or []}
                have = duties_by_clause.get(clause.pk, {})
                for key, duty in have.items():
                    if key not in wanted:
                        duty.delete()
                for key, bind in wanted.items():
                    if key not in have:
                        _save(
                            Duty(
                                clause=clause,
                                agency=bind.agency,
                                agency_group=bind.agency_group,
                                role=bind.role,
                                whole_committee=bind.whole_committee,
                            ),
                            user=user,
                            trusted=True,
                        )
                walk(spec.children or [], clause)

        walk(chapters, None)
        for clause in existing.values():
            if clause.pk not in seen and Clause.objects.filter(pk=clause.pk).exists():
                clause.delete()
    return regulation


def _duty_key(duty) -> tuple:
    return (duty.agency_id, duty.agency_group_id, duty.role, duty.whole_committee)
