"""Benchmark: reconciliation of a partner's list against insured employers, on the synthetic
registries of bench/compliance_synthetic.py (1 M rows × 1 M employers with ground truth), in one
run on the same DuckDB tables:

1. ansinh's engine, `ansinh.compliance.matching.reconcile` (pairs scored ≥ AUTO count as
   predicted; the review band is reported beside);
2. Splink (bench-only dependency, extra `bench`, docs/decisions/0017-splink-bench.md) on DuckDB:
   the same kind of blocking (tax code; locality and a name token; the normalised name), tax
   code, name, address and locality compared, m and u trained by EM and random sampling, pairs
   with match probability ≥ --splink-threshold, the best one per row;
3. a plain DuckDB join on the tax code.

Prints for each: time, precision, recall, F1 against the true pairs; ansinh's time ÷ the plain
join's and ÷ Splink's; and which kinds of true pairs ansinh misses and which wrong pairs it makes.

    .venv/bin/python bench/compliance_reconcile.py [--rows 1000000] [--seed 1] [--no-splink]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO), str(REPO / "bench")]

from compliance_synthetic import generate  # noqa: E402


def setup_django():
    """The engine reads its word lists through Django settings; no database is needed."""
    os.environ["ANSINH_DATA_DIR"] = tempfile.mkdtemp(prefix="ansinh-bench-compliance-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("ANSINH_DEMO", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ansinh.settings")
    import django

    django.setup()


def load(con, folder: Path):
    for table in ("registry", "employers", "truth"):
        con.execute(f"create or replace table {table} as select * from '{folder}/{table}.parquet'")


def score(con, predicted: str) -> dict:
    """Precision, recall and F1 of a table of predicted (rid, eid) pairs."""
    found, right, truth = con.execute(f"""
        select (select count(*) from {predicted}),
               (select count(*) from {predicted} p join truth t using (rid, eid)),
               (select count(*) from truth)""").fetchone()  # fmt: skip
    precision = right / found if found else 0.0
    recall = right / truth if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": found, "right": right, "precision": precision, "recall": recall, "f1": f1}


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def plain_join(con) -> str:
    con.execute("""
        create or replace table plain_pairs as
        select r.rid, any_value(e.eid) as eid from registry r
        join employers e on r.tax_code = e.tax_code group by r.rid""")
    return "plain_pairs"


def ansinh_run(con) -> tuple[str, str]:
    from ansinh.compliance import matching

    table = matching.reconcile(con, registry="registry", employers="employers")
    con.execute(f"""
        create or replace table ansinh_pairs as
        select rid, eid from {table} where score >= {matching.AUTO}""")
    con.execute(f"""
        create or replace table ansinh_review as
        select rid, eid from {table} where score < {matching.AUTO}""")
    return "ansinh_pairs", table


# Splink's inputs are prepared in SQL with the same word lists as ansinh's names.py, so that
# both compare names with legal forms and abbreviations treated alike (part of Splink's time).
def _normalise_sql(column: str, words: dict) -> tuple[str, str]:
    plain = (
        f"trim(regexp_replace(lower(strip_accents(replace(replace(coalesce({column}, ''), "
        f"'đ', 'd'), 'Đ', 'D'))), '[^a-z0-9]+', ' ', 'g'))"
    )
    name = f"' ' || {plain} || ' '"
    for short, full in sorted(words["abbreviations"].items(), key=lambda kv: -len(kv[0])):
        short = " ".join(short.replace(".", " ").replace(",", " ").split())
        name = f"replace({name}, ' {short} ', ' {full} ')"
    for form in sorted(words["legal_forms"], key=len, reverse=True):
        name = f"replace({name}, ' {form} ', ' ')"
    address = f"' ' || {plain} || ' '"
    for noise in sorted([*words["address_noise"], "h", "x", "d", "p", "tt"], key=len)[::-1]:
        address = f"replace(replace({address}, ' {noise} ', ' '), ' {noise} ', ' ')"
    squeeze = "trim(regexp_replace({x}, ' +', ' ', 'g'))"
    return squeeze.format(x=name), squeeze.format(x=address)


def splink_run(con, threshold: float) -> str:
    import logging

    import splink.comparison_library as cl
    import yaml
    from django.conf import settings
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    words = yaml.safe_load((settings.SEED_DATA_DIR / "compliance" / "name-words.yaml").read_text())
    name_sql = _normalise_sql("name", words)[0]
    address_sql = _normalise_sql("address", words)[1]
    for side, key in (("registry", "rid"), ("employers", "eid")):
        con.execute(f"""
            create or replace table sp_{side} as
            select {key} as unique_id, nullif(tax_code, '') as tax_code, unit,
                   {name_sql} as name_key, {address_sql} as address_key
            from {side}""")
        con.execute(f"""
            create or replace table sp_{side} as
            select *, nullif(split_part(name_key, ' ', -1), '') as name_last from sp_{side}""")
    db_api = DuckDBAPI(connection=con)
    left = db_api.register("sp_registry", dataset_display_name="registry")
    right = db_api.register("sp_employers", dataset_display_name="employers")
    model = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.DamerauLevenshteinAtThresholds("tax_code", [1]),
            cl.JaroWinklerAtThresholds("name_key", [0.97, 0.9, 0.8]),
            cl.JaroWinklerAtThresholds("address_key", [0.95, 0.85]),
            cl.ExactMatch("unit"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("tax_code"),
            block_on("unit", "name_last"),
            block_on("name_key"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([left, right], model, log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("tax_code")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("tax_code"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("unit", "name_key"))
    predicted = linker.inference.predict(threshold_match_probability=threshold)
    # Ids of the two sides do not overlap (rows from 10⁹), whichever side Splink puts left.
    con.execute(f"""
        create or replace table splink_pairs as
        select greatest(unique_id_l, unique_id_r) as rid,
               arg_max(least(unique_id_l, unique_id_r), match_probability) as eid
        from {predicted.physical_name} group by 1""")
    return "splink_pairs"


KINDS_SQL = """
    select case when r.tax_code is null then 'MST trống'
                when e.tax_code is null then 'đơn vị không có MST'
                when r.tax_code = e.tax_code then 'MST đúng'
                else 'MST gõ sai' end as tax,
           case when r.name = e.name then 'tên y hệt'
                when upper(r.name) = r.name then 'tên viết hoa'
                when r.name like '%, %' then 'loại hình ở cuối'
                when strip_accents(r.name) = r.name then 'tên không dấu'
                else 'tên viết khác' end as name,
           case when r.unit is null then 'không có địa bàn' else 'có địa bàn' end as unit,
           count(*) as n
    from {pairs} p join registry r using (rid) join employers e on e.eid = p.eid
    {where}
    group by all order by n desc limit 12
"""


def misses(con, pairs: str):
    """The kinds of true pairs not predicted, and of wrong pairs predicted."""
    con.execute(f"create or replace table missed as select * from truth "
                f"except select rid, eid from {pairs}")  # fmt: skip
    con.execute(f"create or replace table wrong as select rid, eid from {pairs} "
                f"except select * from truth")  # fmt: skip
    for title, table in (("cặp đúng bị bỏ sót", "missed"), ("cặp ghép sai", "wrong")):
        rows = con.execute(KINDS_SQL.format(pairs=table, where="")).fetchall()
        print(f"  {title}: {sum(r[-1] for r in rows):,} (nhóm lớn nhất)")
        for tax, name, unit, n in rows:
            print(f"    {n:>9,}  {tax}, {name}, {unit}")
        examples = con.execute(f"""
            select r.tax_code, r.name, r.unit, e.tax_code, e.name, e.unit
            from {table} p join registry r using (rid) join employers e on e.eid = p.eid
            order by hash(rid) limit 3""").fetchall()  # fmt: skip
        for example in examples:
            print(f"      ví dụ: {example[:3]} ~ {example[3:]}")


def line(label: str, seconds: float, s: dict) -> str:
    return (f"{label:<24} {seconds:8.1f} s   pairs {s['pairs']:>9,}   precision "
            f"{s['precision']:.4f}   recall {s['recall']:.4f}   F1 {s['f1']:.4f}")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--splink-threshold", type=float, default=0.9)
    parser.add_argument("--no-splink", action="store_true")
    parser.add_argument("--memory", default="16GB", help="DuckDB memory limit")
    args = parser.parse_args()
    setup_django()
    import duckdb

    folder, seconds = timed(generate, args.rows, args.seed)
    print(f"Synthetic data: {args.rows:,} registry rows × {args.rows:,} insured employers "
          f"({seconds:.1f} s, {folder})")  # fmt: skip
    con = duckdb.connect()
    con.execute(f"set memory_limit = '{args.memory}'")
    load(con, folder)
    print(
        f"True pairs: {con.execute('select count(*) from truth').fetchone()[0]:,}; "
        f"DuckDB threads: {con.execute('select current_setting(?)', ['threads']).fetchone()[0]}"
    )

    results = {}
    table, seconds = timed(plain_join, con)
    results["plain"] = (seconds, score(con, table))
    print(line("Plain join on tax code", *results["plain"]))

    try:
        (table, matches), seconds = timed(ansinh_run, con)
    except ImportError as exc:  # the engine not written yet
        print(f"ansinh: {exc}")
    else:
        results["ansinh"] = (seconds, score(con, table))
        print(line("ansinh (score ≥ AUTO)", *results["ansinh"]))
        review = score(con, "ansinh_review")
        print(f"{'  review band':<24} {'':>10}   pairs {review['pairs']:>9,}   of which right "
              f"{review['right']:,}")  # fmt: skip
        kept = score(con, matches)
        print(f"{'  ≥ REVIEW (if all kept)':<24} {'':>10}   precision {kept['precision']:.4f}"
              f"   recall {kept['recall']:.4f}   F1 {kept['f1']:.4f}")  # fmt: skip

    if not args.no_splink:
        table, seconds = timed(splink_run, con, args.splink_threshold)
        results["splink"] = (seconds, score(con, table))
        print(line(f"Splink (p ≥ {args.splink_threshold})", *results["splink"]))

    if "ansinh" not in results:
        return
    ansinh_time = results["ansinh"][0]
    print(f"ansinh time ÷ plain join time: {ansinh_time / results['plain'][0]:.1f}")
    if "splink" in results:
        gap = results["ansinh"][1]["f1"] - results["splink"][1]["f1"]
        print(f"ansinh time ÷ Splink time: {ansinh_time / results['splink'][0]:.2f} "
              f"(goal ≤ 0.5); F1 ansinh − Splink: {gap:+.4f} (goal ≥ 0)")  # fmt: skip
    print("ansinh:")
    misses(con, "ansinh_pairs")
    if "splink" in results:
        print("Splink:")
        misses(con, "splink_pairs")


if __name__ == "__main__":
    main()
