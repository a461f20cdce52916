"""`ansinh backup` and `ansinh restore`: a round trip gives the same tables, rows and files.

The backup is taken from the test database (the session's seed, committed before the tests);
it is restored into a scratch database of the same engine, so the seed every other test relies
on is never replaced. On PostgreSQL (CI's second run, DATABASE_URL) the scratch database is
created next to the test database; on SQLite it is a file.
"""

import hashlib
import io
import json
import os
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from ansinh.core import backup

pytestmark = pytest.mark.django_db

MEDIA_FILES = {
    "bao-cao/2025/Báo cáo quý 1.docx": b"PK\x03\x04 bao cao",
    "tep-dinh-kem/bien-ban.pdf": b"%PDF-1.7 bien ban",
    "mau.txt": "Mẫu báo cáo tổng hợp".encode(),
}


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    # Restoring closes every connection (a file being replaced must not be held open); in a test
    # that would close the connection holding the test's transaction.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)


def table_contents(wrapper) -> dict[str, tuple[int, str]]:
    """Each table's row count and a digest of all its rows (in a stable order)."""
    quote = wrapper.ops.quote_name
    contents = {}
    with wrapper.cursor() as cursor:
        for table in wrapper.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {quote(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            contents[table] = (len(rows), digest)
    return contents


def media_contents(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def scratch_database(tmp_path):
    """Settings of an empty database of the test database's engine, holding a stale table that
    the restore must remove."""
    engine = backup.engine_of(connection.settings_dict)
    if engine == "sqlite":
        target = {**connection.settings_dict, "NAME": str(tmp_path / "khoi-phuc.sqlite3")}
        with sqlite3.connect(target["NAME"]) as raw:
            raw.execute("CREATE TABLE cu_khong_con (id integer)")
        yield target
        return
    name = f"{connection.settings_dict['NAME']}_khoi_phuc_{os.getpid()}"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    target = {**connection.settings_dict, "NAME": name}
    wrapper = scratch_wrapper(target)
    with wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE cu_khong_con (id integer)")
    wrapper.close()
    yield target
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def scratch_wrapper(settings_dict):
    backend = type(connections["default"])
    return backend(settings_dict, alias="khoi_phuc")


def write_media(root: Path) -> None:
    for name, data in MEDIA_FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_a_backup_restored_elsewhere_has_the_same_tables_rows_and_files(
    tmp_path, scratch_database, monkeypatch
):
    if backup.engine_of(connection.settings_dict) == "postgresql" and not (
        backup.shutil.which("pg_dump") and backup.shutil.which("psql")
    ):
        pytest.skip("PostgreSQL client tools (pg_dump, pg_restore, psql) are not installed")
    media_root = Path(settings.MEDIA_ROOT)
    write_media(media_root)
    archive = tmp_path / "sao-luu" / "ansinh.tar.gz"
    out = io.StringIO()
    call_command("backup", output=str(archive), stdout=out)
    assert f"Đã sao lưu vào {archive}" in out.getvalue()
    assert "3 tệp tải lên" in out.getvalue()
    original = table_contents(connection)
    assert original["accounts_user"][0] > 0, "the seed's users are in the backup"

    # The files change after the backup: one deleted, one added; the restore puts them back.
    (media_root / "mau.txt").unlink()
    (media_root / "moi-them.txt").write_text("sau khi sao lưu")
    monkeypatch.setitem(settings.DATABASES, "default", scratch_database)
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "Đã khôi phục" in out.getvalue()

    restored = scratch_wrapper(scratch_database)
    try:
        assert table_contents(restored) == original
    finally:
        restored.close()
    assert media_contents(media_root) == MEDIA_FILES


def test_the_manifest_names_version_engine_migrations_and_time(tmp_path):
    archive = tmp_path / "ansinh.tar.gz"
    if backup.engine_of(connection.settings_dict) == "postgresql" and not backup.shutil.which(
        "pg_dump"
    ):
        pytest.skip("pg_dump is not installed")
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    manifest = backup.manifest_read(archive)
    assert manifest.engine == backup.engine_of(connection.settings_dict)
    assert manifest.ansinh_version
    assert "0001_initial" in manifest.migrations["accounts"]
    assert manifest.created_at[:4].isdigit()
    assert manifest.media_files == 0
    with tarfile.open(archive) as tar:
        assert backup.DUMP_NAMES[manifest.engine] in tar.getnames()


def fake_backup(path: Path, **changes) -> Path:
    data = {
        "format": backup.FORMAT,
        "ansinh_version": "0.1.0",
        "engine": backup.engine_of(connection.settings_dict),
        "created_at": "2025-06-30T23:00:00+07:00",
        "media_files": 0,
        "migrations": backup.applied_migrations(),
        **changes,
    }
    with tarfile.open(path, "w:gz") as tar:
        backup._add_bytes(tar, backup.MANIFEST, json.dumps(data).encode())
    return path


def test_restore_refuses_a_backup_of_another_engine(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = fake_backup(tmp_path / "khac.tar.gz", engine=other)
    with pytest.raises(CommandError, match="không khôi phục chéo được"):
        call_command("restore", str(archive), "--yes", stdout=io.StringIO())


def test_restore_refuses_a_backup_made_by_a_newer_ansinh(tmp_path):
    migrations = backup.applied_migrations()
    migrations["core"] = [*migrations["core"], "9999_tuong_lai"]
    archive = fake_backup(tmp_path / "moi.tar.gz", ansinh_version="9.0", migrations=migrations)
    with pytest.raises(CommandError, match=r"ansinh 9\.0, mới hơn.*core\.9999_tuong_lai"):
        call_command("restore", str(archive), "--yes", stdout=io.StringIO())


def test_restore_asks_before_replacing_anything(tmp_path, monkeypatch):
    archive = fake_backup(tmp_path / "sao-luu.tar.gz")
    restored = []
    monkeypatch.setattr(
        "ansinh.core.management.commands.restore.backup_restore",
        lambda *args, **kwargs: restored.append(args),
    )
    # Without a terminal to ask on, --yes is required.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive), stdout=io.StringIO())
    # At a terminal, anything but "co" cancels.
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "khong")
    with pytest.raises(CommandError, match="Đã huỷ"):
        call_command("restore", str(archive), stdout=io.StringIO())
    assert restored == []


def test_restore_names_a_file_that_is_not_a_backup(tmp_path):
    not_a_backup = tmp_path / "bang.xlsx"
    not_a_backup.write_bytes(b"PK\x03\x04 khong phai")
    with pytest.raises(CommandError, match="không phải một bản sao lưu ansinh"):
        call_command("restore", str(not_a_backup), "--yes", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("restore", str(tmp_path / "khong-co.tar.gz"), stdout=io.StringIO())


def test_a_missing_pg_dump_is_named_in_vietnamese(monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    with pytest.raises(backup.BackupError, match="Không tìm thấy chương trình pg_dump"):
        backup._pg_dump(connection.settings_dict, Path("/tmp/khong-dung"))
