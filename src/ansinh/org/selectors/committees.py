"""Reads about committees, their composition and the duties their regulation assigns."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from ansinh.org.enums import ClauseLevel, Role
from ansinh.org.models import Agency, AgencyGroup, Clause, Committee, Duty, Membership, Regulation


@dataclass
class RoleGroup:
    role: str
    label: str
    memberships: list[Membership]


def committee_composition(*, committee: Committee, day: dt.date) -> list[RoleGroup]:
    """The members on `day`, grouped by role in the regulation's order."""
    memberships = (
        Membership.objects.filter(committee=committee)
        .on(day)
        .select_related("agency", "appointed_by")
        .order_by("position", "pk")
    )
    groups = {role: RoleGroup(role, label, []) for role, label in Role.choices}
    for membership in memberships:
        groups[membership.role].memberships.append(membership)
    return [g for g in groups.values() if g.memberships]


def committee_decisions(*, committee: Committee):
    return committee.decisions.order_by("-date", "-pk")


def committee_current_regulation(*, committee: Committee) -> Regulation | None:
    return committee.regulations.filter(is_current=True).order_by("-decision_date", "-pk").first()


def agency_group_expand(*, group: AgencyGroup):
    """The concrete agencies a collective wording stands for."""
    return (
        Agency.objects.filter(province_id=group.province_id, is_active=True)
        .filter(Q(kind__in=group.kinds or []) | Q(groups=group))
        .distinct()
        .order_by("kind", "name")
    )


def agency_groups_containing(*, agency: Agency) -> list[AgencyGroup]:
    # `kinds` is a JSON list; matching it in Python keeps the query portable across SQLite and
    # PostgreSQL, and a province has only a few dozen groups.
    groups = AgencyGroup.objects.filter(province_id=agency.province_id).prefetch_related("members")
    return [
        g
        for g in groups
        if agency.kind in (g.kinds or []) or any(m.pk == agency.pk for m in g.members.all())
    ]


def agency_roles(*, agency: Agency, committee: Committee, day: dt.date) -> list[Membership]:
    return list(
        Membership.objects.filter(committee=committee, agency=agency).on(day).order_by("position")
    )


@dataclass
class AgencyDuty:
    """A clause that binds an agency, and the ways it does (by name, group, role)."""

    clause: Clause
    via: list[str]


def agency_duties(*, agency: Agency, day: dt.date) -> list[AgencyDuty]:
    """Clauses binding the agency: by name, through a group it belongs to, or through a role it
    holds on a committee of its province on `day`; one entry per clause."""
    groups = [g.pk for g in agency_groups_containing(agency=agency)]
    roles = Membership.objects.filter(agency=agency).on(day).values_list("committee_id", "role")
    role_filter = Q(pk__in=[])
    for committee_id, role in roles:
        role_filter |= Q(role=role, clause__regulation__committee_id=committee_id)
    duties = (
        Duty.objects.filter(Q(agency=agency) | Q(agency_group_id__in=groups) | role_filter)
        .filter(clause__regulation__is_current=True)
        .select_related("clause__parent__parent", "clause__regulation", "agency", "agency_group")
        .order_by("clause__regulation_id", "clause__position", "pk")
    )
    by_clause: dict[int, AgencyDuty] = {}
    for duty in duties:
        entry = by_clause.setdefault(duty.clause_id, AgencyDuty(duty.clause, []))
        entry.via.append(duty.holder_label)
    return list(by_clause.values())


@dataclass
class ClauseNode:
    clause: Clause
    duties: list[Duty]
    children: list["ClauseNode"]


def regulation_tree(*, regulation: Regulation) -> list[ClauseNode]:
    """The whole tree in two queries, chapters first."""
    clauses = list(
        regulation.clauses.select_related("parent__parent").prefetch_related(
            Prefetch("duties", queryset=Duty.objects.select_related("agency", "agency_group"))
        )
    )
    nodes = {}
    for clause in clauses:
        duties = list(clause.duties.all())
        for duty in duties:
            duty.clause = clause  # the page cites the clause of each duty; no query per duty
        nodes[clause.pk] = ClauseNode(clause, duties, [])
    roots = []
    for clause in clauses:
        node = nodes[clause.pk]
        if clause.parent_id is None:
            roots.append(node)
        else:
            nodes[clause.parent_id].children.append(node)
    return roots


def regulation_stats(*, regulation: Regulation) -> dict[str, int]:
    counts = dict.fromkeys(ClauseLevel.values, 0)
    for level in regulation.clauses.values_list("level", flat=True):
        counts[level] += 1
    counts["duties"] = Duty.objects.filter(clause__regulation=regulation).count()
    return counts
