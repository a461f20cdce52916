"""Synthetic registries with ground truth for the reconciliation benchmark, made in DuckDB: a
partner list of `--rows` rows (registry) and as many insured employers (employers), written as
Parquet into a cache folder (reused when it already holds the same size and seed).

- 85% of registry rows are an insured employer (a true pair), 15% enterprises with no insured
  account; 15% of employers are in no list.
- Tax codes as partners write them: 84% right, 5% one digit changed, 3% two neighbouring digits
  swapped, 8% missing; 10% of employers are branches (-001…); 2% of employers have no tax code.
- Names as in ansinh.compliance.synthetic: without diacritics, upper case, "Cty", "TNHH MTV"
  spelt out, the legal form after the proper name; addresses abbreviated or without diacritics;
  3% of rows without a locality.
- Localities: 700 districts, as a country has.

    .venv/bin/python bench/compliance_synthetic.py [--rows 1000000] [--seed 1]

Tables: registry(rid, tax_code, name, address, unit), employers(eid, …), truth(rid, eid).
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

UNITS = 700
CACHE = Path(tempfile.gettempdir()) / "ansinh-bench-compliance"


def _list(values) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _h(salt: int, seed: int) -> str:
    """A deterministic pseudo-random 0…9999 per entity and salt."""
    return f"(hash(k, {salt}, {seed}) % 10000)::bigint"


def entities_sql(count: int, seed: int) -> str:
    from ansinh.compliance.synthetic import (
        GIVEN,
        PROPER,
        SECTORS,
        STREETS,
        SURNAMES,
        VILLAGES,
    )

    h = lambda salt: _h(salt, seed)  # noqa: E731
    sectors, proper = _list(SECTORS), _list(PROPER)
    return f"""
    create or replace table entities as
    with base as (
        -- a twin (6%) sits in the locality of the entity before it, with a name close to its
        -- name (see below): the pairs that tell a matcher's precision
        select k, {h(7)} < 600 and k > 0 as twin,
               (hash(case when {h(7)} < 600 and k > 0 then k - 1 else k end, 0, {seed})
                % {UNITS})::bigint as u,
               {h(1)} as hf, {h(2)} as hs1, {h(3)} as hs2, {h(4)} as hp, {h(5)} as ha,
               {h(6)} as hb
        from range({count}) t(k)
    ), named as (
        select *,
            case when hf < 3000 then 'Công ty TNHH' when hf < 5200 then 'Công ty TNHH MTV'
                 when hf < 7000 then 'Công ty CP' when hf < 8200 then 'DNTN'
                 when hf < 9000 then 'HTX' else 'Chi nhánh Công ty TNHH' end as form,
            {sectors}[1 + hs1 % {len(SECTORS)}]
              || case when hs2 < 3000 then ' ' || {sectors}[1 + hs2 % {len(SECTORS)}] else '' end
              || ' ' || case when hf between 7000 and 8199
                   then {_list(SURNAMES)}[1 + hp % {len(SURNAMES)}] || ' '
                        || {_list(GIVEN)}[1 + (hp // 20) % {len(GIVEN)}]
                   else {proper}[1 + hp % {len(PROPER)}] end as rest,
            case when ha < 5000
                 then 'số ' || (1 + ha % 300) || ' đường '
                      || {_list(STREETS)}[1 + hb % {len(STREETS)}]
                 else {_list(VILLAGES)}[1 + hb % {len(VILLAGES)}] end
              || ', xã ' || {proper}[1 + (ha // 7) % {len(PROPER)}]
              || ', huyện ' || {proper}[1 + u % {len(PROPER)}] || ' ' || (u // {len(PROPER)} + 1)
              as address
        from base
    ), twinned as (
        -- twins: a branch of the same name, one more sector word, or another legal form
        select n.k, n.u, n.hs2, n.address,
               case when not n.twin then n.form when n.hs1 % 3 = 0 then 'Chi nhánh Công ty TNHH'
                    when n.hs1 % 3 = 1 then p.form
                    when p.form = 'Công ty CP' then 'Công ty TNHH' else 'Công ty CP' end as form,
               case when not n.twin or n.hs1 % 3 <> 1 then coalesce(p.rest, n.rest)
                    else {sectors}[1 + n.hs2 % {len(SECTORS)}] || ' ' || p.rest end as rest0
        from named n left join named p on p.k = n.k - 1 and n.twin
    )
    select k, lpad(u::varchar, 3, '0') as unit, form, rest0 as rest, form || ' ' || rest0 as name,
           address, lpad((1 + u % 96)::varchar, 2, '0')
             || lpad(((k * 48271 + {seed} * 7919) % 100000000)::varchar, 8, '0')
             || case when form like 'Chi nhánh%' then '-00' || (1 + hs2 % 3) else '' end
             as tax_code
    from twinned
    """


def variants_sql(seed: int) -> str:
    h = lambda salt: _h(salt, seed)  # noqa: E731
    plain = "strip_accents(replace(replace({x}, 'đ', 'd'), 'Đ', 'D'))"
    spelt = (
        "replace(replace(replace(replace(replace({x}, 'Công ty TNHH MTV', "
        "'Công ty Trách nhiệm hữu hạn một thành viên'), 'Công ty TNHH', "
        "'Công ty Trách nhiệm hữu hạn'), 'Công ty CP', 'Công ty Cổ phần'), "
        "'DNTN', 'Doanh nghiệp tư nhân'), 'HTX', 'Hợp tác xã')"
    )
    short_address = "replace(replace(replace({x}, 'huyện ', 'H. '), 'xã ', 'X. '), 'đường ', 'đ. ')"
    return f"""
    create or replace table registry_raw as
    with r as (
        select *, {h(11)} as ht, {h(12)} as hn, {h(13)} as hd, {h(14)} as hp, {h(15)} as hu
        from entities
    )
    select k,
        case when ht < 8400 then tax_code
             when ht < 8900 then substr(tax_code, 1, 2 + hp % 8)
                  || ((substr(tax_code, 3 + hp % 8, 1)::int + 1 + hp % 9) % 10)::varchar
                  || substr(tax_code, 4 + hp % 8)
             when ht < 9200 then substr(tax_code, 1, 2 + hp % 7)
                  || substr(tax_code, 4 + hp % 7, 1) || substr(tax_code, 3 + hp % 7, 1)
                  || substr(tax_code, 5 + hp % 7)
             else null end as tax_code,
        case when hn < 3500 then name
             when hn < 5000 then {plain.format(x="name")}
             when hn < 6200 then upper(name)
             when hn < 7400 then replace(replace(name, 'Công ty', 'Cty'), 'Chi nhánh', 'CN')
             when hn < 8600 then {spelt.format(x="name")}
             when hn < 9400 and form not like 'Chi nhánh%' then rest || ', ' || form
             else upper({plain.format(x="name")}) end as name,
        case when hd < 5000 then address
             when hd < 8000 then {short_address.format(x="address")}
             else {plain.format(x="address")} end as address,
        case when hu < 300 then null else unit end as unit
    from r
    """


def generate(rows: int, seed: int, folder: Path = CACHE) -> Path:
    """The folder holding registry.parquet, employers.parquet and truth.parquet."""
    import duckdb

    target = folder / f"rows{rows}-seed{seed}"
    if (target / "truth.parquet").exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    unmatched = rows * 15 // 100  # employers in no list, and list rows with no insured account
    con.execute(entities_sql(rows + unmatched, seed))
    con.execute(variants_sql(seed))
    # Entities 0…rows-1 are insured employers; unmatched…rows+unmatched-1 are on the list.
    con.execute(f"""
        copy (select k as eid,
                     case when hash(k, 21, {seed}) % 50 = 0 then null else tax_code end
                       as tax_code, name, address, unit
              from entities where k < {rows} order by k)
        to '{target}/employers.parquet' (format parquet)""")
    con.execute(f"""
        copy (select k - {unmatched} + 1000000000 as rid, tax_code, name, address, unit
              from registry_raw where k >= {unmatched} order by hash(k, 22, {seed}))
        to '{target}/registry.parquet' (format parquet)""")
    con.execute(f"""
        copy (select k - {unmatched} + 1000000000 as rid, k as eid from entities
              where k >= {unmatched} and k < {rows})
        to '{target}/truth.parquet' (format parquet)""")
    con.close()
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    folder = generate(args.rows, args.seed)
    print(f"{args.rows:,} rows × {args.rows:,} employers in {folder} "
          f"({time.perf_counter() - started:.1f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
