"""A reconciliation run: the newest list of each partner against the province's employers, in an
in-memory DuckDB (matching.py), then the pairs, the links and the findings written back.

The ORM reads the rows column by column and hands them to DuckDB as lists (one statement per
table, no row loop), the engine does the matching set-based, and the results come back in bulk
writes."""

import tempfile

import duckdb
from django.db import transaction
from django.utils import timezone

from ansinh.compliance import matching
from ansinh.compliance.enums import MatchMethod, MatchStatus, RunStatus
from ansinh.compliance.models import (
    Employer,
    MatchCandidate,
    MatchDecision,
    Reconciliation,
    RegistryRecord,
    RegistrySnapshot,
)
from ansinh.compliance.names import name_key
from ansinh.compliance.services_registry import update_employers
from ansinh.compliance.taxcode import normalize_tax_code
from ansinh.core.history import acting_as
from ansinh.org.enums import AdminLevel
from ansinh.org.models import AdminUnit


def record_key(record) -> str:
    """How a decision on a row is remembered for the next lists: its tax code, else its name and
    locality (the same key is built in SQL by `_decisions_table`)."""
    code = normalize_tax_code(record.tax_code)
    if code:
        return f"mst:{code}"
    return f"ten:{name_key(record.name)}|{record.admin_unit_id or ''}"


def latest_snapshots(province):
    """The newest list of each partner (agency and source)."""
    seen, latest = set(), []
    for snapshot in RegistrySnapshot.objects.filter(province=province).order_by(
        "-period_year", "-period_quarter", "-as_of", "-pk"
    ):
        if (snapshot.agency_id, snapshot.source) not in seen:
            seen.add((snapshot.agency_id, snapshot.source))
            latest.append(snapshot)
    return latest


def localities(province) -> dict[int, str]:
    """Admin unit id → the code of its district (the locality the matching blocks on)."""
    units = AdminUnit.objects.filter(edition=province.edition).values_list(
        "pk", "code", "level", "parent_id"
    )
    by_id = {pk: (code, level, parent) for pk, code, level, parent in units}
    found = {}
    for pk, (code, level, parent) in by_id.items():
        if level == AdminLevel.DISTRICT:
            found[pk] = code
        elif level == AdminLevel.COMMUNE and parent in by_id:
            found[pk] = by_id[parent][0]
    return found


def _load(con, table: str, columns: dict[str, list], types: dict[str, str]) -> None:
    names = list(columns)
    select = ", ".join(f"CAST(unnest(${i + 1}) AS {types[n]}) AS {n}" for i, n in enumerate(names))
    if columns[names[0]]:
        con.execute(f"CREATE TABLE {table} AS SELECT {select}", [columns[n] for n in names])
    else:
        con.execute(f"CREATE TABLE {table} ({', '.join(f'{n} {types[n]}' for n in names)})")


def _decisions_table(con, province) -> None:
    """decisions(rid, eid, accepted) from the remembered verdicts, joined to the rows by key."""
    decisions = list(
        MatchDecision.objects.filter(province=province).values_list(
            "record_key", "employer_id", "accepted"
        )
    )
    _load(
        con,
        "remembered",
        {"k": [d[0] for d in decisions], "eid": [d[1] for d in decisions],
         "accepted": [d[2] for d in decisions]},
        {"k": "VARCHAR", "eid": "BIGINT", "accepted": "BOOLEAN"},
    )  # fmt: skip
    matching._define_macros(con)
    keys = matching._keys_sql("registry", "rid", "admin_unit_id, raw_tax_code")
    con.execute(f"""
        CREATE TABLE decisions AS
        WITH k AS (
            SELECT rid, CASE WHEN raw_tax_code <> '' THEN 'mst:' || raw_tax_code
                        ELSE 'ten:' || nkey || '|' || coalesce(CAST(admin_unit_id AS VARCHAR), '')
                        END AS k
            FROM ({keys})
        )
        SELECT k.rid, m.eid, m.accepted FROM k JOIN remembered m USING (k)
    """)  # noqa: S608


def _ingest(con, province, snapshots) -> dict[int, RegistryRecord]:
    locality = localities(province)
    records = {
        r.pk: r
        for r in RegistryRecord.objects.filter(snapshot__in=snapshots).only(
            "pk", "tax_code", "name", "address", "admin_unit_id", "snapshot_id"
        )
    }
    rows = list(records.values())
    _load(
        con,
        "registry",
        {
            "rid": [r.pk for r in rows],
            "tax_code": [r.tax_code for r in rows],
            "raw_tax_code": [normalize_tax_code(r.tax_code) for r in rows],
            "name": [r.name for r in rows],
            "address": [r.address for r in rows],
            "unit": [locality.get(r.admin_unit_id) for r in rows],
            "admin_unit_id": [r.admin_unit_id for r in rows],
            "list_id": [str(r.snapshot_id) for r in rows],
        },
        {"rid": "BIGINT", "tax_code": "VARCHAR", "raw_tax_code": "VARCHAR", "name": "VARCHAR",
         "address": "VARCHAR", "unit": "VARCHAR", "admin_unit_id": "BIGINT",
         "list_id": "VARCHAR"},
    )  # fmt: skip
    employers = list(
        Employer.objects.filter(province=province).values_list(
            "pk", "tax_code", "name", "address", "admin_unit_id"
        )
    )
    _load(
        con,
        "employers",
        {"eid": [e[0] for e in employers], "tax_code": [e[1] for e in employers],
         "name": [e[2] for e in employers], "address": [e[3] for e in employers],
         "unit": [locality.get(e[4]) for e in employers]},
        {"eid": "BIGINT", "tax_code": "VARCHAR", "name": "VARCHAR", "address": "VARCHAR",
         "unit": "VARCHAR"},
    )  # fmt: skip
    return records


def _status_of(score: float, method: str) -> str:
    if method == MatchMethod.DECISION:
        return MatchStatus.CONFIRMED
    return MatchStatus.AUTO if score >= matching.AUTO else MatchStatus.PENDING


@transaction.atomic
def _write(run, records, matches) -> dict:
    candidates = [
        MatchCandidate(
            run=run, record_id=rid, employer_id=eid, score=round(score, 4),
            name_score=round(name_score or 0, 4), address_score=round(address_score or 0, 4),
            method=method, status=_status_of(score, method),
        )
        for rid, eid, score, name_score, address_score, method in matches
    ]  # fmt: skip
    MatchCandidate.objects.bulk_create(candidates, batch_size=2000)
    linked = {c.record_id: c.employer_id for c in candidates if c.status != MatchStatus.PENDING}
    changed = []
    for pk, record in records.items():
        employer_id = linked.get(pk)
        if record.employer_id != employer_id:
            record.employer_id = employer_id
            changed.append(record)
    RegistryRecord.objects.bulk_update(changed, ["employer"], batch_size=2000)
    update_employers(run.province)
    # Every count is present, zero included, so that pages and exports read them directly.
    by = dict.fromkeys([*MatchStatus.values, *(f"cach_{m}" for m in MatchMethod.values)], 0)
    for c in candidates:
        by[c.status] = by.get(c.status, 0) + 1
        by[f"cach_{c.method}"] = by.get(f"cach_{c.method}", 0) + 1
    return by


def _save(run, **fields) -> None:
    for key, value in fields.items():
        setattr(run, key, value)
    # updated_at tells a run in progress from one whose worker died (views/reconcile.py)
    Reconciliation.objects.filter(pk=run.pk).update(**fields, updated_at=timezone.now())


def reconciliation_run(*, province, user=None, progress=None, run=None) -> Reconciliation:
    """Run a reconciliation now (the background task calls this with the row it queued). A
    failure is stored on the run (status FAILED, the message) and raised again."""
    from ansinh.compliance.services_findings import findings_generate

    if run is None:
        run = Reconciliation.objects.create(province=province)

    def step(percent: int, stage: str) -> None:
        _save(run, progress=percent, stage=stage[:200])
        if progress is not None:
            progress(percent, stage)

    _save(run, status=RunStatus.RUNNING, started_at=timezone.now(), error="", progress=0)
    try:
        with acting_as(user):
            step(2, "Nạp danh sách của cơ quan phối hợp và đơn vị sử dụng lao động")
            snapshots = latest_snapshots(province)
            # In memory; a province too large for memory spills to the system's temporary
            # folder, never into the server's working directory.
            con = duckdb.connect(config={"temp_directory": tempfile.gettempdir()})
            records = _ingest(con, province, snapshots)
            _decisions_table(con, province)

            def engine(percent: int, stage: str) -> None:
                step(10 + percent * 60 // 100, stage)

            out = matching.reconcile(con, decisions="decisions", progress=engine)
            matches = con.execute(
                f"SELECT rid, eid, score, name_score, address_score, method FROM {out}"  # noqa: S608
            ).fetchall()
            con.close()
            step(75, "Ghi các cặp đã khớp và cập nhật đơn vị")
            counts = _write(run, records, matches)
            step(88, "Lập danh sách phát hiện")
            found = findings_generate(run=run, snapshots=snapshots)
        counts.update(
            danh_sach=len(snapshots), dong=len(records), khop=len(matches),
            don_vi=Employer.objects.filter(province=province).count(), **found,
        )  # fmt: skip
        _save(run, status=RunStatus.DONE, finished_at=timezone.now(), counts=counts)
        step(100, "Đã xong")
    except Exception as exc:
        _save(run, status=RunStatus.FAILED, finished_at=timezone.now(), error=str(exc)[:2000])
        raise
    return run


@transaction.atomic
def review_decide(*, candidates, accepted: bool, user, note: str = "") -> int:
    """A person's verdict on pending pairs: remembered (MatchDecision, tracked) for the next
    runs, the pair's status set and, when confirmed, the row linked to the employer."""
    done = 0
    with acting_as(user):
        for candidate in candidates:
            record = candidate.record
            MatchDecision.objects.update_or_create(
                province=candidate.run.province, record_key=record_key(record),
                employer=candidate.employer, defaults={"accepted": accepted, "note": note[:500]},
            )  # fmt: skip
            candidate.status = MatchStatus.CONFIRMED if accepted else MatchStatus.REJECTED
            candidate.save(update_fields=["status"])
            if accepted:
                record.employer = candidate.employer
            elif record.employer_id == candidate.employer_id:
                record.employer = None
            record.save(update_fields=["employer"])
            done += 1
        if done:
            update_employers(candidates[0].run.province)
    return done


@transaction.atomic
def decision_undo(*, decision, user) -> None:
    """Forget a verdict: the pairs of that row and employer go back to the queue."""
    province = decision.province
    pairs = MatchCandidate.objects.filter(
        run__province=province, employer=decision.employer,
        status__in=[MatchStatus.CONFIRMED, MatchStatus.REJECTED],
    ).select_related("record")  # fmt: skip
    with acting_as(user):
        for pair in pairs:
            if record_key(pair.record) != decision.record_key:
                continue
            pair.status = MatchStatus.PENDING
            pair.save(update_fields=["status"])
            if pair.record.employer_id == decision.employer_id:
                pair.record.employer = None
                pair.record.save(update_fields=["employer"])
        decision.delete()
