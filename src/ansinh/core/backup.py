"""Backup and restore of the whole installation: the database and the uploaded files.

A backup is one .tar.gz holding `manifest.json` (ansinh version, database engine, applied
migrations, time of creation), the database (`database.sqlite3`, a consistent copy made with
SQLite's online backup API, or `database.pgdump`, pg_dump's custom format) and `media/…`, the
files under MEDIA_ROOT. Both work while the server runs.

Restoring replaces the database and the files. It refuses a backup from another engine or from a
newer ansinh (migrations this installation does not have); an older backup is restored as it is
and `ansinh migrate` brings it up to date.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
PG_TOOLS_MISSING = (
    "Không tìm thấy chương trình {tool} của PostgreSQL trên máy này. Cài gói máy khách PostgreSQL "
    "(Debian/Ubuntu: apt-get install postgresql-client, cùng phiên bản chính với máy chủ) rồi "
    "chạy lại."
)


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the operator (Vietnamese)."""


@dataclass(frozen=True)
class Manifest:
    ansinh_version: str
    engine: str
    migrations: dict[str, list[str]]
    created_at: str
    media_files: int
    format: int = FORMAT

    def as_json(self) -> bytes:
        data = {
            "format": self.format,
            "ansinh_version": self.ansinh_version,
            "engine": self.engine,
            "created_at": self.created_at,
            "media_files": self.media_files,
            "migrations": self.migrations,
        }
        return json.dumps(data, ensure_ascii=False, indent=2).encode()


def engine_of(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {engine}.")


def ansinh_version() -> str:
    try:
        return version("ansinh")
    except PackageNotFoundError:  # running from a checkout that was not installed
        return "0+chua-cai-dat"


def applied_migrations(using: str = "default") -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connections[using]).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def known_migrations() -> set[tuple[str, str]]:
    """The migrations this installation's code has (whatever the database says)."""
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


# --- making a backup -------------------------------------------------------------------------


def backup_create(output: Path, *, using: str = "default") -> Manifest:
    """Write a backup of the database `using` and of MEDIA_ROOT to `output` (.tar.gz)."""
    connection = connections[using]
    engine = engine_of(connection.settings_dict)
    media_root = Path(settings.MEDIA_ROOT)
    media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
    manifest = Manifest(
        ansinh_version=ansinh_version(),
        engine=engine,
        migrations=applied_migrations(using),
        created_at=timezone.localtime().isoformat(timespec="seconds"),
        media_files=len(media),
    )
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".dang-ghi")
    with tempfile.TemporaryDirectory(prefix="ansinh-backup-") as work:
        dump = Path(work) / DUMP_NAMES[engine]
        if engine == "sqlite":
            _sqlite_dump(connection, dump)
        else:
            _pg_dump(connection.settings_dict, dump)
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, manifest.as_json())
            archive.add(dump, arcname=dump.name)
            for path in media:
                archive.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}")
    # A backup that stopped half-way never has the final name, so cron never keeps a broken one.
    partial.replace(output)
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, BytesIO(data))


def _sqlite_dump(connection, target: Path) -> None:
    # The online backup API copies a consistent state even while the server writes.
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _pg_tool(name: str) -> str:
    program = shutil.which(name)
    if program is None:
        raise BackupError(PG_TOOLS_MISSING.format(tool=name))
    return program


def _pg_env(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    options = settings_dict.get("OPTIONS") or {}
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _run(command: list[str], *, settings_dict: dict, what: str) -> None:
    result = subprocess.run(  # noqa: S603 (PostgreSQL's own tools found on PATH, no shell)
        command, env=_pg_env(settings_dict), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{what} không thành công: {' / '.join(detail[-5:]) or 'không rõ lỗi'}")


def _pg_dump(settings_dict: dict, target: Path) -> None:
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    _run([*command, f"--file={target}"], settings_dict=settings_dict, what="pg_dump")


# --- reading and restoring -------------------------------------------------------------------


def manifest_read(path: Path) -> Manifest:
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            data = json.loads(member.read()) if member else None
    except FileNotFoundError as exc:
        raise BackupError(f"Không tìm thấy tệp {path}.") from exc
    except (tarfile.TarError, KeyError, OSError, ValueError) as exc:
        raise BackupError(f"{path} không phải một bản sao lưu ansinh ({exc}).") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{path} không phải một bản sao lưu ansinh mà phiên bản này đọc được.")
    return Manifest(
        ansinh_version=data["ansinh_version"],
        engine=data["engine"],
        migrations=data["migrations"],
        created_at=data["created_at"],
        media_files=data["media_files"],
    )


def restore_problems(manifest: Manifest, settings_dict: dict) -> list[str]:
    """Why this backup cannot be restored here (empty when it can)."""
    problems = []
    engine = engine_of(settings_dict)
    if manifest.engine != engine:
        theirs = ENGINE_LABELS.get(manifest.engine, manifest.engine)
        problems.append(
            f"Bản sao lưu là của cơ sở dữ liệu {theirs}, còn cài đặt này dùng "
            f"{ENGINE_LABELS[engine]}: không khôi phục chéo được."
        )
    known = known_migrations()
    newer = sorted(
        f"{app}.{name}"
        for app, names in manifest.migrations.items()
        for name in names
        if (app, name) not in known
    )
    if newer:
        shown = ", ".join(newer[:5]) + (
            f" và {len(newer) - 5} migration khác" if len(newer) > 5 else ""
        )
        problems.append(
            f"Bản sao lưu được tạo bởi ansinh {manifest.ansinh_version}, mới hơn bản cài đặt này "
            f"(có migration mà bản cài đặt chưa có: {shown}). Hãy nâng cấp ansinh trước."
        )
    return problems


def backup_restore(path: Path, *, settings_dict: dict | None = None, media_root=None) -> Manifest:
    """Replace the database (by default the configured one) and the files under MEDIA_ROOT with
    the backup's. The database is replaced in one transaction: a failure leaves it as it was."""
    settings_dict = settings_dict or settings.DATABASES["default"]
    manifest = manifest_read(path)
    problems = restore_problems(manifest, settings_dict)
    if problems:
        raise BackupError(" ".join(problems))
    with tempfile.TemporaryDirectory(prefix="ansinh-restore-") as work:
        folder = Path(work)
        with tarfile.open(path, "r:gz") as archive:
            # The "data" filter refuses absolute paths, links out of the folder and device files.
            archive.extractall(folder, filter="data")
        dump = folder / DUMP_NAMES[manifest.engine]
        if not dump.is_file():
            raise BackupError(f"Bản sao lưu {path} thiếu tệp cơ sở dữ liệu {dump.name}.")
        if manifest.engine == "sqlite":
            _sqlite_load(dump, settings_dict)
        else:
            _pg_load(dump, settings_dict)
        _media_replace(folder / MEDIA, Path(media_root or settings.MEDIA_ROOT))
    return manifest


def _sqlite_load(dump: Path, settings_dict: dict) -> None:
    connections.close_all()
    source = sqlite3.connect(dump)
    target = sqlite3.connect(settings_dict["NAME"], timeout=30)
    try:
        # The backup API copies page by page inside one write lock: all or nothing.
        source.backup(target)
    finally:
        target.close()
        source.close()


def _pg_load(dump: Path, settings_dict: dict) -> None:
    """Drop every table of the target schema and load the dump, in one psql transaction."""
    from django.db.backends.postgresql.base import DatabaseWrapper

    restore_tool, psql = _pg_tool("pg_restore"), _pg_tool("psql")
    script = dump.with_suffix(".sql")
    _run(
        [restore_tool, "--no-owner", "--no-privileges", f"--file={script}", str(dump)],
        settings_dict=settings_dict,
        what="pg_restore",
    )
    wrapper = DatabaseWrapper(settings_dict, alias="ansinh_restore")
    try:
        with wrapper.cursor() as cursor:
            tables = wrapper.introspection.table_names(cursor)
    finally:
        wrapper.close()
    quote = wrapper.ops.quote_name
    drop = f"DROP TABLE IF EXISTS {', '.join(map(quote, tables))} CASCADE;\n" if tables else ""
    full = dump.with_suffix(".full.sql")
    with full.open("w", encoding="utf-8") as out:
        out.write(drop)
        with script.open(encoding="utf-8") as body:
            shutil.copyfileobj(body, out)
    connections.close_all()
    command = [psql, "--quiet", "--no-psqlrc", "--single-transaction", "-v", "ON_ERROR_STOP=1"]
    _run([*command, f"--file={full}"], settings_dict=settings_dict, what="psql (nạp bản sao lưu)")


def _media_replace(source: Path, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.is_dir():
        shutil.copytree(source, media_root, dirs_exist_ok=True)
