"""The reconciliation engine: partners' rows against insured employers, set-based in DuckDB.

Input tables
    registry(rid BIGINT, tax_code VARCHAR, name VARCHAR, address VARCHAR, unit VARCHAR
             [, list_id — optional: rows of one partner's list; 1–1 is preferred within a list])
    employers(eid BIGINT, tax_code, name, address, unit)
    decisions(rid BIGINT, eid BIGINT, accepted BOOLEAN) — optional, people's verdicts
Output table
    matches(rid, eid, score DOUBLE, name_score DOUBLE, address_score DOUBLE, method VARCHAR):
    one best employer per registry row, score ≥ REVIEW; method 'mst' | 'ten_dc' | 'da_xet'.

Stages
1. accepted decisions are final (method 'da_xet', score 1); rejected pairs are never proposed;
2. the same normalised tax code (13 digits for a branch, else 10) is a match (score 1);
3. the rows left are paired with the employers left by blocking — the same 10-digit head (a
   branch of the same enterprise), a tax code one digit or one transposition away (a shared
   "deletion variant"), or a shared rare word of the name within the same locality — and
   scored on name and address similarity, a near tax code adding, a clearly different one
   subtracting;
4. the best employer per row, preferring pairs that are each other's best within one list
   (two rounds of mutual best), the rest take their best with the score held under AUTO so a
   person looks at it.

Names are keyed with the rules of names.py (same words file), written as SQL here.
"""

# ruff: noqa: S608 — the SQL is built from this module's constants, the words file and the table
# names the caller passes (identifiers of its own connection); no user text reaches it.

import re
from collections.abc import Callable

from ansinh.compliance.names import words

AUTO = 0.9  # at or above: accepted without a person
REVIEW = 0.6  # at or above: proposed to a person; below: not a match

# Blocking: each row's rarest name words (within its locality) are its blocks; a word shared by
# more rows than _COMMON is used only when it is the row's rarest (keeps 1M × 1M tractable).
_BLOCK_WORDS = 3
_COMMON = 300
_COMMON_ANYWHERE = 1000  # the same for a row of unknown locality, counted over all localities
_SAME_NAME_ANYWHERE = 300  # and a name at most this many employers bear, in any order
_PREFILTER = 0.85  # Jaro–Winkler of the name keys under which a pair needs shared words
_TOKEN_MATCH = 0.9  # two words are "the same" above this Jaro–Winkler similarity (typos)
_NAME_WEIGHT = 0.7
_BONUS_BRANCH = 0.3  # same 10-digit head, another branch
_BONUS_NEAR = 0.25  # tax code one digit or one transposition away
_MALUS_CONFLICT = 0.3  # both codes known and clearly different: likely another enterprise

_TEMPORARY = (
    *(
        "_r",
        "_e",
        "_accepted",
        "_rejected",
        "_exact",
        "_r2",
        "_e2",
        "_rt",
        "_et",
        "_df",
        "_dfall",
        "_rb",
    ),
    *("_pairs", "_pairs2", "_scored", "_round1", "_left", "_round2", "_fuzzy", "_fixed"),
)

Progress = Callable[[int, str], None] | None


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _define_macros(con) -> None:
    w = words()
    abbreviations = ", ".join(f"{_q(k)}: {_q(v)}" for k, v in w["abbreviations"].items())
    noise = ", ".join(_q(t) for t in w["address_noise"])
    con.execute(f"""
        CREATE OR REPLACE TEMP MACRO _lower(x) AS
            replace(lower(strip_accents(coalesce(x, ''))), 'đ', 'd');
        -- the regular expressions run only on the strings that need them (most do not): a
        -- global replace costs a restart per hit
        CREATE OR REPLACE TEMP MACRO _clean(x) AS CASE
            WHEN regexp_matches(x, '[^a-z0-9 ]|  |^ | $')
            THEN trim(regexp_replace(regexp_replace(x, '[^a-z0-9 ]', ' ', 'g'), ' +', ' ', 'g'))
            ELSE x END;
        CREATE OR REPLACE TEMP MACRO _expand(x) AS array_to_string(list_transform(
            string_split(x, ' '),
            lambda t: coalesce(map_extract_value(MAP {{{abbreviations}}}, t), t)), ' ');
        CREATE OR REPLACE TEMP MACRO _address_words(x) AS list_filter(string_split(x, ' '),
            lambda t: t <> '' AND NOT list_contains([{noise}], t));
        CREATE OR REPLACE TEMP MACRO _digits(x) AS
            regexp_replace(coalesce(x, ''), '[^0-9]', '', 'g');
        CREATE OR REPLACE TEMP MACRO _tax(d) AS CASE
            WHEN length(d) IN (10, 13) THEN d WHEN length(d) = 9 THEN '0' || d END;
        CREATE OR REPLACE TEMP MACRO _words(k) AS
            list_distinct(list_filter(string_split(k, ' '), lambda t: t <> ''));
        -- words of a matched by some word of b, typos allowed; the words they share are
        -- counted as such, only the others are compared letter by letter
        CREATE OR REPLACE TEMP MACRO _soft_hits(a, b) AS len(list_intersect(a, b)) + len(
            list_filter(list_filter(a, lambda x: NOT list_contains(b, x)), lambda x:
                coalesce(list_max(list_transform(list_filter(b, lambda y: NOT list_contains(a, y)),
                    lambda y: jaro_winkler_similarity(x, y))), 0) >= {_TOKEN_MATCH}));
        CREATE OR REPLACE TEMP MACRO _jaccard(a, b) AS CASE WHEN len(a) + len(b) = 0 THEN 0.0
            ELSE len(list_intersect(a, b)) / len(list_distinct(list_concat(a, b))) END;
    """)


def _keys_sql(table: str, id_column: str, extra: str) -> str:
    """Name key (names.name_key in SQL), address key and tax code of every row, step by step so
    that each costly expression runs once."""
    w = words()
    forms = _q(" (?:(?:" + "|".join(re.escape(f) for f in w["legal_forms"]) + ") )+")
    phrases = "' ' || n1 || ' '"
    for key, value in w["phrases"].items():
        phrases = f"replace({phrases}, {_q(f' {key} ')}, {_q(f' {value} ')})"
    return f"""
        WITH a AS (
            SELECT {id_column}, {extra}, _clean(_lower(name)) AS n0,
                   _clean(_lower(address)) AS a0, _tax(_digits(tax_code)) AS tc,
                   NULLIF(unit, '') AS unit
            FROM {table}
        ), b AS (
            SELECT * EXCLUDE (n0), trim(regexp_replace(' ' || n0 || ' ', {forms}, ' ', 'g'))
                AS n1 FROM a
        ), c AS (
            SELECT * EXCLUDE (n1), _expand(trim({phrases})) AS n2 FROM b
        ), d AS (
            SELECT * EXCLUDE (n2, a0),
                   _clean(trim(regexp_replace(' ' || n2 || ' ', {forms}, ' ', 'g'))) AS nkey,
                   array_to_string(_address_words(a0), ' ') AS akey
            FROM c
        )
        SELECT *, left(tc, 10) AS head, _words(nkey) AS ntoks, _words(akey) AS atoks FROM d
    """


def _has_column(con, table: str, column: str) -> bool:
    return any(row[0] == column for row in con.execute(f"DESCRIBE {table}").fetchall())


def _prepare(con, registry: str, employers: str, decisions: str | None) -> None:
    list_id = "list_id" if _has_column(con, registry, "list_id") else "0"
    r_keys = _keys_sql(registry, "rid", f"CAST({list_id} AS VARCHAR) AS list_id")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _r AS {r_keys}")
    e_keys = _keys_sql(employers, "eid", "NULL AS x")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _e AS {e_keys}")
    if decisions:
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE _accepted AS
            SELECT d.rid, max(d.eid) AS eid FROM {decisions} d JOIN _e USING (eid)
            WHERE d.accepted GROUP BY d.rid;
            CREATE OR REPLACE TEMP TABLE _rejected AS
            SELECT DISTINCT rid, eid FROM {decisions} WHERE NOT accepted;
        """)
    else:
        con.execute("""
            CREATE OR REPLACE TEMP TABLE _accepted (rid BIGINT, eid BIGINT);
            CREATE OR REPLACE TEMP TABLE _rejected (rid BIGINT, eid BIGINT);
        """)


def _exact_tax(con) -> None:
    """Stage 2: the same full tax code; several employers with one code (should not happen,
    the model forbids it) → the lowest id."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _exact AS
        SELECT r.rid, min(e.eid) AS eid, r.list_id
        FROM _r r JOIN _e e ON r.tc = e.tc
        WHERE r.rid NOT IN (SELECT rid FROM _accepted)
          AND NOT EXISTS (SELECT 1 FROM _rejected x WHERE x.rid = r.rid AND x.eid = e.eid)
        GROUP BY r.rid, r.list_id;
    """)


def _block(con) -> None:
    """Stage 3a: candidate pairs for the rows left, among the employers not yet claimed."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _r2 AS
        SELECT * FROM _r WHERE rid NOT IN (SELECT rid FROM _accepted)
                           AND rid NOT IN (SELECT rid FROM _exact);
        -- employers claimed by a tax code in every list are no one's candidate any more
        CREATE OR REPLACE TEMP TABLE _e2 AS
        SELECT * FROM _e WHERE eid NOT IN (
            SELECT eid FROM _exact GROUP BY eid
            HAVING count(DISTINCT list_id) >= (SELECT count(DISTINCT list_id) FROM _r));
        CREATE OR REPLACE TEMP TABLE _rt AS
        SELECT rid, coalesce(unit, '∅') AS u, unnest(ntoks) AS tok FROM _r2;
        CREATE OR REPLACE TEMP TABLE _et AS
        SELECT eid, coalesce(unit, '∅') AS u, unnest(ntoks) AS tok FROM _e2;
        CREATE OR REPLACE TEMP TABLE _df AS
        SELECT u, tok, count(*) AS n FROM (SELECT u, tok FROM _rt UNION ALL SELECT u, tok FROM _et)
        GROUP BY u, tok;
        -- a row of unknown locality is compared with every locality: its words must be rare in
        -- the whole table, not only among the rows of unknown locality
        CREATE OR REPLACE TEMP TABLE _dfall AS
        SELECT '∅' AS u, tok, sum(n) AS n FROM _df GROUP BY tok;
        CREATE OR REPLACE TEMP TABLE _rb AS
        SELECT rid, u, tok FROM (
            SELECT t.rid, t.u, t.tok, d.n,
                   row_number() OVER (PARTITION BY t.rid ORDER BY d.n, t.tok) AS k
            FROM _rt t JOIN (SELECT * FROM _df WHERE u <> '∅' UNION ALL SELECT * FROM _dfall) d
            USING (u, tok))
        WHERE (u <> '∅' AND (k = 1 OR (k <= {_BLOCK_WORDS} AND n <= {_COMMON})))
           OR (u = '∅' AND k <= {_BLOCK_WORDS} AND n <= {_COMMON_ANYWHERE});
        CREATE OR REPLACE TEMP TABLE _pairs AS
        -- same locality (or an unknown one) and a shared rare word
        SELECT b.rid, t.eid FROM _rb b JOIN _et t USING (u, tok)
        UNION
        SELECT b.rid, t.eid FROM _rb b JOIN _et t USING (tok) WHERE b.u = '∅' AND t.u <> '∅'
        UNION
        SELECT b.rid, t.eid FROM _rb b JOIN _et t USING (tok) WHERE t.u = '∅' AND b.u <> '∅'
        UNION
        -- unknown locality: the same words in any order anywhere, unless the name is common
        SELECT r.rid, e.eid
        FROM (SELECT rid, unit, list_sort(ntoks) AS s FROM _r2 WHERE len(ntoks) > 0) r
        JOIN (SELECT eid, unit, list_sort(ntoks) AS s, count(*) OVER (PARTITION BY s) AS n
              FROM _e2 WHERE len(ntoks) > 0) e USING (s)
        WHERE (r.unit IS NULL OR e.unit IS NULL) AND e.n <= {_SAME_NAME_ANYWHERE}
        UNION
        -- another branch of the same enterprise
        SELECT r.rid, e.eid FROM _r2 r JOIN _e2 e ON r.head = e.head
        UNION
        -- a tax code one digit or one transposition away shares a code with one digit deleted
        SELECT r.rid, e.eid FROM (
            SELECT rid, head, left(head, i - 1) || substr(head, i + 1) AS v
            FROM _r2, range(1, 11) AS t(i) WHERE head IS NOT NULL) r
        JOIN (
            SELECT eid, head, left(head, i - 1) || substr(head, i + 1) AS v
            FROM _e2, range(1, 11) AS t(i) WHERE head IS NOT NULL) e USING (v)
        WHERE r.head <> e.head AND damerau_levenshtein(r.head, e.head) <= 1;
    """)


def _similarity_sql(pairs: str) -> str:
    """name_score and address_score of the pairs (rid, eid, ...) of table `pairs`: words shared
    (a typo still counts, Jaro–Winkler ≥ _TOKEN_MATCH) and Jaro–Winkler on the whole key."""
    w = _NAME_WEIGHT
    return f"""
        WITH j AS (
            SELECT p.*, r.nkey AS rk, e.nkey AS ek, r.ntoks AS rt, e.ntoks AS et,
                   r.akey AS ra, e.akey AS ea, r.atoks AS rat, e.atoks AS eat
            FROM {pairs} p JOIN _r r USING (rid) JOIN _e e USING (eid)
        ), h AS (
            SELECT *, CASE WHEN rk = '' OR ek = '' OR rk = ek THEN NULL
                      ELSE (_soft_hits(rt, et) + _soft_hits(et, rt)) / 2.0 END AS hits
            FROM j
        )
        SELECT * EXCLUDE (rk, ek, rt, et, ra, ea, rat, eat, hits),
            CASE WHEN rk = '' OR ek = '' THEN 0.0
                 WHEN rk = ek OR list_sort(rt) = list_sort(et) THEN 1.0
                 ELSE {w} * hits / (len(rt) + len(et) - hits)
                      + {1 - w} * jaro_winkler_similarity(rk, ek) END AS name_score,
            CASE WHEN ra = '' OR ea = '' THEN NULL WHEN ra = ea THEN 1.0
                 ELSE 0.5 * _jaccard(rat, eat) + 0.5 * jaro_winkler_similarity(ra, ea)
                 END AS address_score
        FROM h
    """


def _score(con) -> None:
    """Stage 3b: scores; pairs under REVIEW and rejected pairs dropped. A cheap filter first:
    a pair sharing a rare word but little else is not worth the word-by-word comparison."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _pairs2 AS
        SELECT p.rid, p.eid, r.list_id,
               CASE WHEN r.head = e.head THEN 'branch'
                    WHEN r.head IS NULL OR e.head IS NULL THEN 'none'
                    WHEN damerau_levenshtein(r.head, e.head) <= 1 THEN 'near'
                    ELSE 'conflict' END AS evidence
        FROM _pairs p JOIN _r2 r USING (rid) JOIN _e2 e USING (eid)
        WHERE NOT EXISTS (SELECT 1 FROM _exact x WHERE x.eid = p.eid AND x.list_id = r.list_id)
          AND NOT EXISTS (SELECT 1 FROM _rejected x WHERE x.rid = p.rid AND x.eid = p.eid)
          AND (r.head = e.head OR jaro_winkler_similarity(r.nkey, e.nkey) >= {_PREFILTER}
               OR _jaccard(r.ntoks, e.ntoks) >= 0.5
               OR (r.head IS NOT NULL AND e.head IS NOT NULL
                   AND damerau_levenshtein(r.head, e.head) <= 1));
        CREATE OR REPLACE TEMP TABLE _scored AS
        WITH s AS ({_similarity_sql("_pairs2")}),
        b AS (
            SELECT *, CASE WHEN address_score IS NULL THEN name_score
                      ELSE {_NAME_WEIGHT} * name_score + {1 - _NAME_WEIGHT} * address_score
                      END AS base FROM s
        )
        SELECT rid, eid, list_id, name_score, address_score,
               least(1.0, greatest(0.0, base + CASE evidence
                   WHEN 'branch' THEN {_BONUS_BRANCH} WHEN 'near' THEN {_BONUS_NEAR}
                   WHEN 'conflict' THEN -{_MALUS_CONFLICT} ELSE 0 END)) AS score,
               CASE evidence WHEN 'branch' THEN 'mst' ELSE 'ten_dc' END AS method
        FROM b WHERE base > 0;
        DELETE FROM _scored WHERE score < {REVIEW};
    """)


def _mutual_best(con, source: str, target: str) -> None:
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {target} AS
        SELECT * EXCLUDE (by_row, by_employer) FROM (
            SELECT *, row_number() OVER (PARTITION BY rid ORDER BY score DESC, eid) AS by_row,
                      row_number() OVER (PARTITION BY list_id, eid ORDER BY score DESC, rid)
                          AS by_employer
            FROM {source})
        WHERE by_row = 1 AND by_employer = 1;
    """)


def _assign(con) -> None:
    """Stage 4: one employer per row, 1–1 within a list where the pairs allow it."""
    _mutual_best(con, "_scored", "_round1")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _left AS
        SELECT s.* FROM _scored s
        WHERE s.rid NOT IN (SELECT rid FROM _round1)
          AND NOT EXISTS (SELECT 1 FROM _round1 a WHERE a.eid = s.eid AND a.list_id = s.list_id);
    """)
    _mutual_best(con, "_left", "_round2")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _fuzzy AS
        SELECT * FROM _round1 UNION ALL SELECT * FROM _round2;
        -- rows still without a pair take their best one, held under AUTO: their employer is
        -- already another row's in the same list, a person decides
        INSERT INTO _fuzzy
        SELECT rid, eid, list_id, name_score, address_score, least(score, {AUTO} - 0.001), method
        FROM (SELECT *, row_number() OVER (PARTITION BY rid ORDER BY score DESC, eid) AS k
              FROM _scored WHERE rid NOT IN (SELECT rid FROM _fuzzy))
        WHERE k = 1;
    """)


def _finish(con, out: str) -> None:
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _fixed AS
        SELECT rid, eid, 1.0 AS score, 'da_xet' AS method FROM _accepted
        UNION ALL SELECT rid, eid, 1.0, 'mst' FROM _exact;
        CREATE OR REPLACE TABLE {out} AS
        SELECT rid, eid, CAST(score AS DOUBLE) AS score, CAST(name_score AS DOUBLE) AS name_score,
               CAST(address_score AS DOUBLE) AS address_score, method
        FROM ({_similarity_sql("_fixed")})
        UNION ALL
        SELECT rid, eid, score, name_score, address_score, method FROM _fuzzy;
    """)
    for name in _TEMPORARY:
        con.execute(f"DROP TABLE IF EXISTS {name}")


def reconcile(
    con,
    *,
    registry: str = "registry",
    employers: str = "employers",
    decisions: str | None = None,
    progress: Progress = None,
) -> str:
    """Match every registry row to its best employer; returns the name of the `matches` table."""

    def step(percent: int, stage: str) -> None:
        if progress is not None:
            progress(percent, stage)

    _define_macros(con)
    step(5, "Chuẩn hóa mã số thuế, tên và địa chỉ")
    _prepare(con, registry, employers, decisions)
    step(30, "Khớp theo mã số thuế")
    _exact_tax(con)
    step(45, "Tìm các cặp gần giống tên, địa chỉ trong cùng địa bàn")
    _block(con)
    step(65, "Chấm điểm các cặp")
    _score(con)
    step(85, "Chọn đơn vị khớp nhất cho từng dòng")
    _assign(con)
    _finish(con, "matches")
    step(100, "Đã đối chiếu xong")
    return "matches"
