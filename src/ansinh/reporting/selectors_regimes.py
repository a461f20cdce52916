"""Reads of the regime pages: the regimes a user may open, with what each one asks."""

from dataclasses import dataclass

from django.db.models import Prefetch

from ansinh.accounts.perms import can_manage_committee
from ansinh.reporting.enums import ReportPeriod
from ansinh.reporting.models import ReportingRegime, ReportKind
from ansinh.reporting.perms import can_read_all
from ansinh.reporting.services.regimes import regime_reporters


@dataclass
class RegimeRow:
    regime: ReportingRegime
    kinds: list[ReportKind]
    reporter_count: int
    can_edit: bool

    @property
    def has_adhoc(self) -> bool:
        return any(k.period_kind == ReportPeriod.AD_HOC for k in self.kinds)


def regimes_for_user(*, user) -> list[ReportingRegime]:
    """The regimes of the user's provinces that the standing agency, leaders and administrators
    read; an agency's officers see what they owe in Báo cáo của tôi instead."""
    regimes = (
        ReportingRegime.objects.for_user(user)
        .select_related("committee__province", "plan")
        .prefetch_related(Prefetch("kinds", queryset=ReportKind.objects.order_by("position")))
        .order_by("committee__province__name", "name")
    )
    return [r for r in regimes if can_read_all(user, r.committee)]


def regime_rows(*, user, regimes) -> list[RegimeRow]:
    return [
        RegimeRow(
            regime=r,
            kinds=list(r.kinds.all()),
            reporter_count=len(regime_reporters(regime=r)),
            can_edit=can_manage_committee(user, r.committee),
        )
        for r in regimes
    ]
