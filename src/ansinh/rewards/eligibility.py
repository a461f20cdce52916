"""Facts the system already holds about a nominee, checked against the round's rules.

For an agency or locality nominee, the facts come from the other capabilities (read-only):
- reports on time: the nominee's reporting obligations of the year under the committee's regimes,
  judged as `reporting.selectors.timeliness` judges them (first sending on or before the last
  day); on-time count / due count;
- tasks led done on time: the tasks of the committee's plans of the year the nominee leads, with
  `plans.selectors` statuses; done on time / (done on time + done late + overdue);
- targets met: the locality's row of `targets.selectors.attainment.attainment_table` at 31/12 of
  the year; an indicator counts as met when its rate reaches its target;
- no arrears: `rewards.arrears.arrears_of`, from the latest arrears statement of the year that
  the compliance capability holds; not checkable when the province has none for that year.
A rule with nothing to count is "not checkable" and never blocks; an individual is judged on the
achievement alone, so the collective rules do not apply.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from ansinh.core.vnformat import format_percent
from ansinh.org.enums import AgencyKind
from ansinh.org.models import Agency
from ansinh.plans.enums import TaskStatus, UnitRole
from ansinh.plans.models import Plan
from ansinh.plans.selectors import group_expansions, plan_tasks
from ansinh.reporting.enums import Timeliness
from ansinh.reporting.models import Obligation, Submission
from ansinh.reporting.selectors import timeliness
from ansinh.rewards.arrears import (
    NO_DATA,
    ArrearsFact,
    arrears_by_nominee,
    arrears_of,
    nominee_key,
)
from ansinh.rewards.enums import NomineeKind, Outcome
from ansinh.targets.selectors.attainment import attainment_table

LOCAL_COMMITTEES = [AgencyKind.DISTRICT_PEOPLE_COMMITTEE, AgencyKind.COMMUNE_PEOPLE_COMMITTEE]
INDIVIDUAL = "Tiêu chí của tập thể; cá nhân được xét theo thành tích."


@dataclass
class Check:
    label: str
    outcome: Outcome
    detail: str

    @property
    def css(self) -> str:
        return self.outcome.css

    @property
    def failed(self) -> bool:
        return self.outcome == Outcome.FAIL


def _share(part: int, whole: int) -> str:
    return format_percent(100 * part / whole, 1)


def rule_labels(rules: dict, year: int) -> list[str]:
    """The rules in words, in the order the checks list them."""
    labels = []
    if "reports_on_time_min_percent" in rules:
        labels.append(
            f"Báo cáo năm {year} gửi đúng hạn từ {rules['reports_on_time_min_percent']}% trở lên"
        )
    if "tasks_on_time_min_percent" in rules:
        labels.append(
            f"Nhiệm vụ chủ trì năm {year} hoàn thành đúng hạn từ "
            f"{rules['tasks_on_time_min_percent']}% trở lên"
        )
    if rules.get("targets_met_min") is not None:
        met = rules["targets_met_min"]
        labels.append(
            f"Đạt tất cả chỉ tiêu giao năm {year}"
            if met == "all"
            else f"Đạt ít nhất {met} chỉ tiêu giao năm {year}"
        )
    if rules.get("no_arrears"):
        labels.append("Không có đơn vị sử dụng lao động chậm đóng BHXH, BHYT, BHTN")
    return labels


class RoundFacts:
    """Checks of the proposals of one round, computing the round-wide facts (the attainment
    table, the plans of the year) once for a whole list or export; `prepare` reads the
    per-nominee facts of a whole list at once, so that a list costs no query per row."""

    def __init__(self, *, review_round, today: dt.date):
        self.round = review_round
        self.committee = review_round.committee
        self.year = review_round.year
        self.rules = review_round.rules or {}
        self.today = today
        self._table = None
        self._led = None
        # Filled by `prepare`; a nominee missing from them is read on its own.
        self._committees: dict[int, Agency | None] = {}
        self._obligations: dict[int, list[Obligation]] = {}
        self._arrears: dict[tuple, ArrearsFact | None] = {}

    def prepare(self, proposals) -> None:
        """Read the facts of all the proposals about to be checked in a few queries whatever
        their number: the localities' committees, the agencies' obligations, the arrears. A
        proposal not prepared is read the same way, on its own."""
        collective = [p for p in proposals if p.nominee_kind != NomineeKind.INDIVIDUAL]
        self._read_committees(
            {p.nominee_unit_id for p in collective if p.nominee_kind == NomineeKind.LOCALITY}
        )
        subjects = [self._subject(p) for p in collective]
        if "reports_on_time_min_percent" in self.rules:
            self._read_obligations({agency.pk for agency, _ in subjects if agency is not None})
        if self.rules.get("no_arrears"):
            self._arrears.update(arrears_by_nominee(subjects, year=self.year))

    def _read_committees(self, units: set[int]) -> None:
        units -= set(self._committees)
        if not units:
            return
        self._committees.update(dict.fromkeys(units))
        committees = Agency.objects.filter(
            admin_unit_id__in=units, kind__in=LOCAL_COMMITTEES, is_active=True
        ).order_by("pk")
        for agency in committees:  # the oldest active committee of each unit
            if self._committees[agency.admin_unit_id] is None:
                self._committees[agency.admin_unit_id] = agency

    def _read_obligations(self, agencies: set[int]) -> None:
        agencies -= set(self._obligations)
        if not agencies:
            return
        self._obligations.update({pk: [] for pk in agencies})
        for ob in Obligation.objects.filter(
            agency_id__in=agencies, period_year=self.year, kind__regime__committee=self.committee
        ).select_related("submission"):
            self._obligations[ob.agency_id].append(ob)

    # Who the facts are about -----------------------------------------------------------------

    def _subject(self, proposal):
        """(agency, admin unit) the facts of the proposal are counted for."""
        if proposal.nominee_kind == NomineeKind.UNIT:
            agency = proposal.nominee_agency
            local = agency.admin_unit if agency.kind in LOCAL_COMMITTEES else None
            return agency, local
        unit = proposal.nominee_unit
        self._read_committees({unit.pk})
        return self._committees[unit.pk], unit

    # Facts -------------------------------------------------------------------------------------

    def reports(self, agency) -> tuple[int, int]:
        self._read_obligations({agency.pk})
        obligations = self._obligations[agency.pk]
        on_time = due = 0
        for ob in obligations:
            try:
                submission = ob.submission
            except Submission.DoesNotExist:
                submission = None
            verdict = timeliness(obligation=ob, submission=submission, today=self.today)
            if verdict != Timeliness.NOT_DUE:
                due += 1
                on_time += verdict == Timeliness.ON_TIME
        return on_time, due

    def _led_statuses(self) -> dict[int, list[TaskStatus]]:
        """Agency → the statuses of the tasks it leads in the committee's plans of the year,
        directly or through a group ("UBND các huyện, thành phố"), worked out once."""
        if self._led is None:
            expansions = group_expansions(province_id=self.committee.province_id)
            self._led = defaultdict(list)
            for plan in Plan.objects.filter(committee=self.committee, year=self.year):
                for task in plan_tasks(plan=plan, today=self.today):
                    leads = set()
                    for unit in task.units.all():
                        if unit.role != UnitRole.LEAD:
                            continue
                        if unit.agency_id:
                            leads.add(unit.agency_id)
                        elif unit.agency_group_id:
                            leads |= {a.pk for a in expansions.get(unit.agency_group_id, [])}
                    for pk in leads:
                        self._led[pk].append(task.state.status)
        return self._led

    def tasks(self, agency) -> tuple[int, int]:
        judged = {TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE, TaskStatus.OVERDUE}
        statuses = [s for s in self._led_statuses().get(agency.pk, []) if s in judged]
        return statuses.count(TaskStatus.DONE_ON_TIME), len(statuses)

    def targets(self, unit) -> tuple[int, int, list[str]]:
        if self._table is None:
            self._table = attainment_table(
                province=self.committee.province, day=dt.date(self.year, 12, 31)
            )
        row = next((r for r in self._table.rows if r.unit.pk == unit.pk), None)
        cells = [c for c in (row.cells if row else []) if c.target is not None]
        met = [c for c in cells if c.rate is not None and c.rate >= c.target]
        words = [
            f"{c.indicator.short_name}: {c.rate_display or 'chưa có số liệu'} / "
            f"chỉ tiêu {c.target_display}"
            for c in cells
        ]
        return len(met), len(cells), words

    # Checks ------------------------------------------------------------------------------------

    def checks(self, proposal) -> list[Check]:
        labels = iter(rule_labels(self.rules, self.year))
        if proposal.nominee_kind == NomineeKind.INDIVIDUAL:
            return [Check(label, Outcome.NOT_APPLICABLE, INDIVIDUAL) for label in labels]
        agency, unit = self._subject(proposal)
        checks = []
        if "reports_on_time_min_percent" in self.rules:
            checks.append(
                self._percent_check(
                    next(labels), agency, "reports_on_time_min_percent", self.reports, "báo cáo"
                )
            )
        if "tasks_on_time_min_percent" in self.rules:
            checks.append(
                self._percent_check(
                    next(labels), agency, "tasks_on_time_min_percent", self.tasks, "nhiệm vụ"
                )
            )
        if self.rules.get("targets_met_min") is not None:
            checks.append(self._targets_check(next(labels), unit))
        if self.rules.get("no_arrears"):
            checks.append(self._arrears_check(next(labels), agency, unit))
        return checks

    def _percent_check(self, label, agency, key, count, noun) -> Check:
        if agency is None:
            return Check(label, Outcome.UNCHECKABLE, "Địa phương chưa có UBND trong dữ liệu.")
        good, due = count(agency)
        if not due:
            what = "báo cáo đến hạn" if noun == "báo cáo" else "nhiệm vụ chủ trì đã đến hạn"
            return Check(label, Outcome.UNCHECKABLE, f"Chưa có {what} trong năm {self.year}.")
        share = 100 * good / due
        outcome = Outcome.PASS if share >= self.rules[key] else Outcome.FAIL
        done = "gửi đúng hạn" if noun == "báo cáo" else "hoàn thành đúng hạn"
        return Check(label, outcome, f"{good}/{due} {noun} {done} ({_share(good, due)}).")

    def _targets_check(self, label, unit) -> Check:
        if unit is None:
            return Check(
                label,
                Outcome.NOT_APPLICABLE,
                "Chỉ tiêu được giao theo địa bàn; cơ quan cấp tỉnh không có chỉ tiêu riêng.",
            )
        met, total, words = self.targets(unit)
        if not total:
            return Check(label, Outcome.UNCHECKABLE, f"Chưa giao chỉ tiêu năm {self.year}.")
        wanted = self.rules["targets_met_min"]
        needed = total if wanted == "all" else int(wanted)
        outcome = Outcome.PASS if met >= needed else Outcome.FAIL
        detail = f"Đạt {met}/{total} chỉ tiêu tại 31/12/{self.year} ({'; '.join(words)})."
        return Check(label, outcome, detail)

    def _arrears_check(self, label, agency, unit) -> Check:
        key = nominee_key(agency, unit)
        if key not in self._arrears:
            self._arrears[key] = arrears_of(agency=agency, unit=unit, year=self.year)
        fact = self._arrears[key]
        if fact is None:
            return Check(label, Outcome.UNCHECKABLE, NO_DATA)
        return Check(label, Outcome.FAIL if fact.has_arrears else Outcome.PASS, fact.detail)
