"""A server killed in the middle of an import leaves the database as it was, and the import can
be run again. The import runs in a real process on a database of its own (a file copy of the
seeded test database on SQLite; a copy made with pg_dump on PostgreSQL), announces when its
first rows are written inside the import's transaction, and is killed there with SIGKILL: no
handler, no rollback by Python — only the database's own recovery stands between the half
import and the data. Covered: the BHXH arrears statement (C12-TS) and the health-fund monthly
spending."""

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

SCRIPT = Path(__file__).with_name("killed_import_script.py")
WAIT_SECONDS = 120


def _sqlite_copy(tmp_path) -> str:
    path = tmp_path / "killed.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{path}"


def _postgres_copy():
    """A new database holding the seeded test database, by pg_dump | psql; dropped after."""
    if not (shutil.which("pg_dump") and shutil.which("psql")):
        pytest.skip("pg_dump and psql are needed to copy the PostgreSQL test database")
    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_killed_{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    where = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432),
             "-U", str(db.get("USER") or "postgres")]  # fmt: skip
    _admin_execute(f'CREATE DATABASE "{name}"')
    try:
        dump = subprocess.run(
            ["pg_dump", "--no-owner", *where, db["NAME"]], env=env, capture_output=True,
            check=True,
        )  # fmt: skip
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", *where, name], input=dump.stdout, env=env,
            capture_output=True, check=True,
        )  # fmt: skip
    except BaseException:
        _drop(name)
        raise
    user, password = db.get("USER") or "postgres", db.get("PASSWORD") or ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    auth = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{auth}{host}:{port}/{name}", name


def _admin_execute(sql: str) -> None:
    """CREATE and DROP DATABASE refuse to run inside a transaction, and the test's own
    connection is inside one: they go through a connection of their own, in autocommit."""
    import psycopg

    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres", password=db.get("PASSWORD") or None,
        dbname=db["NAME"], autocommit=True,
    ) as admin:  # fmt: skip
        admin.execute(sql)


def _drop(name):
    _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def database_url(seed, tmp_path):
    """A database of its own for the import process, holding the seed."""
    if connection.vendor == "sqlite":
        yield _sqlite_copy(tmp_path)
    elif connection.vendor == "postgresql":
        url, name = _postgres_copy()
        try:
            yield url
        finally:
            _drop(name)
    else:
        pytest.skip(f"no copy for {connection.vendor}")


def _env(database_url, tmp_path, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ansinh.settings",
        "ANSINH_TESTING": "1",
        "ANSINH_DATA_DIR": str(tmp_path),
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(settings.REPO_DIR / "src"),
        **extra,
    }


def _run(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args], env=env, capture_output=True, text=True,
        timeout=WAIT_SECONDS,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def _snapshot(env) -> dict:
    return json.loads(_run(env, "snapshot").strip().splitlines()[-1])


def _kill_while_writing(env, kind):
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "import", kind],
        env={**env, "KILLED_IMPORT_PAUSE": "1"}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = process.stdout.readline()
        assert line.strip() == "WRITING", process.stderr.read()
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=WAIT_SECONDS)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL


@pytest.mark.parametrize(
    "kind, table",
    [("arrears", "compliance.ArrearsLine"), ("spending", "healthfund.MonthlySpending")],
)
def test_import_killed_midway_leaves_the_data_as_before_and_can_be_retried(
    database_url, tmp_path, kind, table
):
    env = _env(database_url, tmp_path)
    _run(env, "setup")
    before = _snapshot(env)

    _kill_while_writing(env, kind)

    assert _snapshot(env) == before
    assert "DONE" in _run(env, "import", kind)
    after = _snapshot(env)
    loaded = {"arrears": 3000, "spending": 600}[kind]
    assert after[table][0] == before[table][0] + loaded
