"""Illustrative periodic values for the demo ("dữ liệu minh họa"), never real figures.

For each Kon Tum district with a 2024 target: a population and labour force of a plausible size,
a 2023 year-end rate a little below the 2024 target, and monthly counts from January to October
2024 that move from the 2023 rate towards the target at a pace fixed per district and indicator
(ahead, on track, a little behind or well behind), so that the attainment table, the on-track
assessment and the lagging list show every status. Deterministic: the same numbers every run
(random.Random(SEED)). One deliberate anomaly (a jump in June for Huyện Kon Plông's voluntary
BHXH) shows the data-quality flags.
"""

import random
from decimal import Decimal

from ansinh.core.periods import Period, PeriodKind
from ansinh.targets.importers.values import ValueRow
from ansinh.targets.models import Indicator, Measure, Target

SEED = 20241031
LAST_MONTH = 10
# Rough population per district (persons), in the order of the 2024 district codes.
POPULATION = {
    "608": 180_000, "610": 46_000, "611": 62_000, "612": 46_000, "613": 27_000,
    "614": 28_000, "615": 75_000, "616": 56_000, "617": 27_000, "618": 16_000,
}  # fmt: skip
PACES = [Decimal("1.15"), Decimal("1.0"), Decimal("0.85"), Decimal("0.6"), Decimal("0.3")]
ANOMALY = ("613", "bhxh_tn", 6, Decimal("1.35"))


def demo_rows(*, province) -> list[ValueRow]:
    rng = random.Random(SEED)
    measures = {m.code: m for m in Measure.objects.all()}
    indicators = {i.code: i for i in Indicator.objects.select_related("numerator", "denominator")}
    targets = {
        (t.admin_unit.code, t.indicator.code): t.percent
        for t in _targets(province).select_related("indicator")
    }
    rows: list[ValueRow] = []
    units = sorted({(t.admin_unit.code, t.admin_unit) for t in _targets(province)})
    for code, unit in units:
        population = Decimal(POPULATION.get(code, 30_000) + rng.randint(-500, 500))
        labour = (population * Decimal("0.585")).quantize(Decimal(1))
        denominators = {"dan_so": population, "llld": labour, "llld_bhtn": labour}
        last = {}
        for key in ("dan_so", "llld", "llld_bhtn"):
            rows.append(_row(measures[key], unit, Period(2023, PeriodKind.YEAR), denominators[key]))
        for indicator_code in ("bhxh", "bhxh_tn", "bhyt", "bhtn"):
            target = targets.get((code, indicator_code))
            if target is None:
                continue
            drop = Decimal(rng.randint(100, 400)) / 100
            last[indicator_code] = max(target - drop, Decimal(0))
            indicator = indicators[indicator_code]
            rows.append(
                _row(
                    indicator.numerator,
                    unit,
                    Period(2023, PeriodKind.YEAR),
                    last[indicator_code] * denominators[indicator.denominator.code] / 100,
                )
            )
        paces = {k: rng.choice(PACES) for k in last}
        for month in range(1, LAST_MONTH + 1):
            period = Period(2024, PeriodKind.MONTH, month)
            growth = 1 + Decimal(month) * Decimal("0.0008")
            for key, base in denominators.items():
                rows.append(_row(measures[key], unit, period, base * growth))
            for indicator_code, start in last.items():
                indicator = indicators[indicator_code]
                target = targets[(code, indicator_code)]
                rate = start + (target - start) * Decimal(month) / 12 * paces[indicator_code]
                rate += Decimal(rng.randint(-8, 8)) / 100
                rate = min(rate, Decimal(100))
                count = rate * denominators[indicator.denominator.code] * growth / 100
                if (code, indicator_code, month) == ANOMALY[:3]:
                    count *= ANOMALY[3]
                rows.append(_row(indicator.numerator, unit, period, count))
    return rows


def _targets(province):
    return Target.objects.filter(year=2024, admin_unit__parent=province).select_related(
        "admin_unit"
    )


def _row(measure, unit, period, value) -> ValueRow:
    return ValueRow(measure, unit, period, int(Decimal(value).quantize(Decimal(1))))
