"""Backups of the whole site in one archive: the database and every stored file (public
media and each private storage), with a manifest of checksums (`manage.py backup` and
`manage.py restore`; docs/deploy.md, issue 18).

Files go through the Django storage API, so the same commands copy a local disk or an
S3-compatible store. The database goes through its own tools: `pg_dump -Fc` and
`pg_restore` on PostgreSQL, SQLite's online backup API otherwise (which also copies the
in-memory test database)."""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import environ
from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
CHUNK = 1024 * 1024
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar")


class BackupError(Exception):
    pass


def storages_to_back_up() -> dict[str, Storage]:
    """Every storage that holds files the database points at, by a stable key: the public
    default storage and each private storage (wsr/site/storage.py)."""
    from wsr.site import storage as private

    listed = getattr(private, "storages_to_back_up", None)
    if listed is not None:
        return dict(listed())
    found: dict[str, Storage] = {"default": default_storage}
    for storage in private._storages:  # noqa: SLF001
        found[f"private/{storage.__dict__['_folder']}"] = storage
    return found


def _walk(storage: Storage, directory: str = "") -> Iterator[str]:
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(directory, name) if directory else name
    for name in sorted(directories):
        yield from _walk(storage, posixpath.join(directory, name) if directory else name)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _database_settings(alias: str, database_url: str) -> dict:
    """The connection to dump from or restore into: DATABASE_URL's, or a direct one (behind
    PgBouncer in transaction pooling, pg_dump and pg_restore must reach PostgreSQL itself)."""
    if database_url:
        return environ.Env.db_url_config(database_url)
    return connections[alias].settings_dict


def _postgres_environment(database: dict) -> dict[str, str]:
    values = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database["NAME"],
        "PGSSLMODE": (database.get("OPTIONS") or {}).get("sslmode", ""),
    }
    return {**os.environ, **{key: value for key, value in values.items() if value}}


def _vendor(database: dict) -> str:
    engine = database["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"No backup method for the database engine {engine}.")


def _run(command: list[str], environment: dict[str, str]) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _database_dump(*, alias: str, database_url: str, directory: Path) -> dict:
    database = _database_settings(alias, database_url)
    vendor = _vendor(database)
    if connections[alias].in_atomic_block:
        # SQLite's backup would wait for ever on this connection's own lock; pg_dump would
        # leave out what this transaction wrote.
        raise BackupError("Backup cannot run inside a transaction.")
    if vendor == "postgresql":
        target = directory / "database.dump"
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--file", str(target)],
            _postgres_environment(database),
        )
    else:
        target = directory / "database.sqlite3"
        connection = connections[alias]
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    return {
        "vendor": vendor,
        "file": target.name,
        "size": target.stat().st_size,
        "sha256": _sha256_file(target),
    }


def _database_load(*, alias: str, database_url: str, directory: Path, entry: dict) -> None:
    database = _database_settings(alias, database_url)
    vendor = _vendor(database)
    if vendor != entry["vendor"]:
        raise BackupError(
            f"The archive holds a {entry['vendor']} database; this site runs on {vendor}."
        )
    source = directory / entry["file"]
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError("Restore cannot run inside a transaction.")
    if vendor == "postgresql":
        connection.close()  # pg_restore drops the tables this connection may have open
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-acl",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                database["NAME"],
                str(source),
            ],
            _postgres_environment(database),
        )
    else:
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()


def _files_dump(directory: Path) -> dict[str, list[dict]]:
    listing: dict[str, list[dict]] = {}
    for key, storage in storages_to_back_up().items():
        entries = listing[key] = []
        for name in _walk(storage):
            target = directory / FILES / key / name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest, size = hashlib.sha256(), 0
            with storage.open(name, "rb") as source, target.open("wb") as copy:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    copy.write(chunk)
            entries.append({"name": name, "size": size, "sha256": digest.hexdigest()})
    return listing


def _safe_name(name: str) -> str:
    parts = posixpath.normpath(name).split("/")
    if name.startswith("/") or ".." in parts:
        raise BackupError(f"Refusing a file name outside its storage: {name!r}")
    return name


def _files_load(directory: Path, listing: dict[str, list[dict]], *, prune: bool) -> int:
    storages = storages_to_back_up()
    missing = set(listing) - set(storages)
    if missing:
        raise BackupError(f"The archive holds storages this site does not have: {missing}")
    restored = 0
    for key, entries in listing.items():
        storage = storages[key]
        for entry in entries:
            name = _safe_name(entry["name"])
            if storage.exists(name):
                storage.delete(name)  # else a file-system storage saves under a new name
            with (directory / FILES / key / name).open("rb") as source:
                saved = storage.save(name, File(source, name=posixpath.basename(name)))
            if saved != name:
                raise BackupError(f"{key}: {name} was stored as {saved}.")
            restored += 1
        if prune:
            kept = {entry["name"] for entry in entries}
            for name in list(_walk(storage)):
                if name not in kept:
                    storage.delete(name)
    return restored


def _verify(directory: Path, manifest: dict) -> None:
    """Every checksum before anything is overwritten: a damaged archive changes nothing."""
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
    checks = [(directory / manifest["database"]["file"], manifest["database"]["sha256"])]
    for key, entries in manifest["files"].items():
        checks += [
            (directory / FILES / key / _safe_name(entry["name"]), entry["sha256"])
            for entry in entries
        ]
    for path, expected in checks:
        if not path.is_file() or _sha256_file(path) != expected:
            raise BackupError(f"{path.relative_to(directory)} is missing or damaged.")


def _is_archive(path: Path) -> bool:
    return path.name.endswith(ARCHIVE_SUFFIXES)


def backup_create(*, destination: Path, alias: str = "default", database_url: str = "") -> dict:
    """Write the database and every stored file into `destination`: a new directory, or a
    tarball when the name ends in .tar.gz, .tgz or .tar. Returns the manifest."""
    destination = Path(destination)
    if destination.exists() and (_is_archive(destination) or any(destination.iterdir())):
        raise BackupError(f"{destination} already exists.")
    # A backup holds password hashes, second-factor secrets, sessions and confidential case
    # files: readable by its owner only, whatever the umask (found by review).
    previous = os.umask(0o077)
    try:
        return _backup_write(destination, alias=alias, database_url=database_url)
    finally:
        os.umask(previous)


def _backup_write(destination: Path, *, alias: str, database_url: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="wsr-backup-") as scratch:
        directory = Path(scratch) if _is_archive(destination) else destination
        directory.mkdir(parents=True, exist_ok=True)
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "site_url": settings.SITE_URL,
            "database": _database_dump(alias=alias, database_url=database_url, directory=directory),
            "files": _files_dump(directory),
        }
        (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
        if _is_archive(destination):
            destination.parent.mkdir(parents=True, exist_ok=True)
            mode = "w" if destination.name.endswith(".tar") else "w:gz"
            partial = destination.with_name(destination.name + ".partial")
            with tarfile.open(partial, mode) as archive:
                for path in sorted(directory.iterdir()):
                    archive.add(path, arcname=path.name)
            partial.replace(destination)
    return manifest


@contextmanager
def _opened(source: Path) -> Iterator[Path]:
    if source.is_dir():
        yield source
        return
    if not _is_archive(source) or not source.is_file():
        raise BackupError(f"{source} is neither a backup directory nor a backup archive.")
    with tempfile.TemporaryDirectory(prefix="wsr-restore-") as scratch:
        with tarfile.open(source) as archive:
            archive.extractall(scratch, filter="data")
        yield Path(scratch)


def backup_restore(
    *, source: Path, alias: str = "default", database_url: str = "", prune: bool = False
) -> dict:
    """Replace the database and the stored files with an archive's. With `prune`, files the
    archive does not hold are deleted from the storages too. Returns the manifest."""
    from django.contrib.contenttypes.models import ContentType

    with _opened(Path(source)) as directory:
        manifest_path = directory / MANIFEST
        if not manifest_path.is_file():
            raise BackupError(f"{source} has no {MANIFEST}.")
        manifest = json.loads(manifest_path.read_text())
        _verify(directory, manifest)
        _database_load(
            alias=alias, database_url=database_url, directory=directory, entry=manifest["database"]
        )
        _files_load(directory, manifest["files"], prune=prune)
    # Cached pages, chrome and ids describe the database that was replaced.
    ContentType.objects.clear_cache()
    cache.clear()
    return manifest
