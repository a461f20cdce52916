"""Benchmark: the national attainment table (every 2025 province, from the counts of every
commune) computed with the targets selectors (one GROUP BY in the database), beside the same
aggregation done directly in DuckDB on the same numbers; prints both times and the ratio, and
checks that both give the same sums.

    .venv/bin/python bench/targets_national.py
"""

import datetime as dt
import time

from targets_common import communes_2025, count, setup_django

DAY = dt.date(2024, 10, 31)


def populate(units):
    from ansinh.core.periods import Period, PeriodKind
    from ansinh.targets.models import Measure, MeasureValue

    bases = {"llld": 6000, "llld_bhtn": 5800, "dan_so": 10000, "bhxh": 1500, "bhxh_tn": 300,
             "bhyt": 9300, "bhtn": 1000}  # fmt: skip
    # The counts of the rate indicators; count/amount measures are not part of this benchmark.
    measures = list(Measure.objects.filter(code__in=bases))
    rows = []
    periods = [Period(2023, PeriodKind.YEAR)] + [
        Period(2024, PeriodKind.MONTH, m) for m in range(1, 13)
    ]
    for index, unit in enumerate(units):
        for p_index, period in enumerate(periods):
            for measure in measures:
                rows.append(
                    MeasureValue(
                        measure=measure, admin_unit=unit, year=period.year,
                        period_kind=period.kind, period_number=period.number,
                        period_end=period.end,
                        value=count(index * 13 + p_index, bases[measure.code]),
                    )
                )  # fmt: skip
    MeasureValue.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def with_selectors():
    from ansinh.targets.enums import IndicatorKind
    from ansinh.targets.models import Indicator
    from ansinh.targets.selectors.sums import province_2025_row, sums

    now = sums(year=DAY.year, day=DAY, row=province_2025_row())
    before = sums(year=DAY.year - 1, day=dt.date(DAY.year - 1, 12, 31), row=province_2025_row())
    table = {}
    for indicator in Indicator.objects.filter(kind=IndicatorKind.RATE):
        for (measure_id, province), found in now.items():
            if measure_id != indicator.numerator_id:
                continue
            denominator = now.get((indicator.denominator_id, province))
            last_num = before.get((indicator.numerator_id, province))
            last_den = before.get((indicator.denominator_id, province))
            table[(indicator.code, province)] = (
                found.total,
                denominator.total if denominator else None,
                last_num.total * 100 / last_den.total if last_num and last_den else None,
            )
    return table


DUCKDB_QUERY = """
with latest as (
    select measure, year, province, value,
           row_number() over (
               partition by measure, unit, year order by period_end desc, pk desc
           ) as rn
    from v
    where (year = ? and period_end <= ?) or (year = ? and period_end <= ?)
)
select measure, year, province, sum(value) as total
from latest where rn = 1 group by measure, year, province
"""


def main():
    setup_django()
    import csv
    import tempfile

    import duckdb
    from django.db import connection

    units = communes_2025()
    n = populate(units)
    print(f"{n:,} counts: {len(units)} communes × 7 counts × (12 months of 2024 + year 2023)")

    started = time.perf_counter()
    table = with_selectors()
    orm = time.perf_counter() - started

    # The same numbers handed to DuckDB (not timed): value rows with their 2025 province.
    with connection.cursor() as cursor:
        cursor.execute(
            "select v.measure_id, v.admin_unit_id, v.year, v.period_end, v.value, v.id, "
            "u.parent_id from targets_measurevalue v "
            "join org_adminunit u on u.id = v.admin_unit_id"
        )
        rows = cursor.fetchall()
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="") as handle:
        csv.writer(handle).writerows(rows)
    db = duckdb.connect()
    db.execute(
        "create table v as select * from read_csv(?, header=false, columns={"
        "'measure': 'INT', 'unit': 'INT', 'year': 'INT', 'period_end': 'DATE', "
        "'value': 'BIGINT', 'pk': 'INT', 'province': 'INT'})",
        [handle.name],
    )
    started = time.perf_counter()
    result = db.execute(
        DUCKDB_QUERY, [DAY.year, DAY, DAY.year - 1, dt.date(DAY.year - 1, 12, 31)]
    ).fetchall()
    duck = time.perf_counter() - started

    from ansinh.targets.enums import IndicatorKind
    from ansinh.targets.models import Indicator

    sums_duck = {(m, y, p): t for m, y, p, t in result}
    for indicator in Indicator.objects.filter(kind=IndicatorKind.RATE):
        for (code, province), (numerator, denominator, _) in table.items():
            if code == indicator.code:
                assert sums_duck[(indicator.numerator_id, DAY.year, province)] == numerator
                assert sums_duck[(indicator.denominator_id, DAY.year, province)] == denominator
    provinces = len({p for _, p in table})
    print(
        f"national attainment, targets selectors (SQLite GROUP BY): {orm:.3f} s "
        f"({provinces} provinces × {len(table) // max(provinces, 1)} indicators)"
    )
    print(f"same aggregation in DuckDB:                               {duck:.3f} s")
    print(f"ratio selectors / DuckDB: {orm / duck:.1f}×  (sums identical)")


if __name__ == "__main__":
    main()
