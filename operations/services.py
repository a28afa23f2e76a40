"""Backups that restore: the database and the media files, with checksums and rotation.

A backup set is a directory BACKUP_DIR/<portal-YYYYmmdd-HHMMSS>/ holding
`database.dump` (pg_dump custom format) or `database.sqlite3` (SQLite's online
backup API), `media.tar.gz`, and `SHA256SUMS`. `backup_restore` refuses a set
whose checksums do not match, then replaces the database and the media.
"""

import hashlib
import logging
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

logger = logging.getLogger(__name__)

CHECKSUMS = "SHA256SUMS"
MEDIA_ARCHIVE = "media.tar.gz"
PREFIX = "portal-"


class BackupError(Exception):
    pass


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env(db):
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db):
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def _pg_binary(name):
    """pg_dump/pg_restore; PG_BIN_DIR picks a version matching the server."""
    directory = os.environ.get("PG_BIN_DIR", "")
    return str(Path(directory) / name) if directory else name


def _database_dump(target_dir, alias="default"):
    db = connections[alias].settings_dict
    if connections[alias].vendor == "postgresql":
        path = target_dir / "database.dump"
        subprocess.run(
            [_pg_binary("pg_dump"), *_pg_args(db), "--format=custom", "--no-owner", "--no-privileges",
             "--file", str(path), db["NAME"]],
            check=True, env=_pg_env(db), capture_output=True, timeout=3600,
        )
        return path, "postgresql"
    if connections[alias].vendor == "sqlite":
        path = target_dir / "database.sqlite3"
        connections[alias].ensure_connection()
        destination = sqlite3.connect(path)
        try:
            connections[alias].connection.backup(destination)
        finally:
            destination.close()
        return path, "sqlite"
    raise BackupError(f"Unsupported database: {connections[alias].vendor}")


def _media_archive(target_dir):
    path = target_dir / MEDIA_ARCHIVE
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "w:gz") as archive:
        if media_root.exists():
            for child in sorted(media_root.iterdir()):
                archive.add(child, arcname=child.name)
    return path


def backup_create(*, directory=None, keep=None, now=None):
    """Write one backup set and rotate old ones; returns the set's path."""
    root = Path(directory or settings.BACKUP_DIR)
    root.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    final = root / f"{PREFIX}{stamp}"
    if final.exists():
        return final  # the same second's backup is already there (a redelivered task)
    partial = root / f".partial-{stamp}-{os.getpid()}"
    partial.mkdir()
    try:
        database, engine = _database_dump(partial)
        media = _media_archive(partial)
        lines = [f"{_sha256(p)}  {p.name}\n" for p in (database, media)]
        (partial / CHECKSUMS).write_text("".join(lines), encoding="ascii")
        partial.rename(final)  # a set appears complete or not at all
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    size = sum(p.stat().st_size for p in final.iterdir())
    from .models import Backup

    Backup.objects.get_or_create(name=final.name, defaults={"size": size, "engine": engine})
    backup_rotate(directory=root, keep=keep)
    logger.info("Backup written: %s (%s bytes)", final, size)
    return final


def backup_sets(directory=None):
    root = Path(directory or settings.BACKUP_DIR)
    if not root.exists():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith(PREFIX))


def backup_rotate(*, directory=None, keep=None):
    """Keep the newest `keep` sets (BACKUP_KEEP); delete the rest."""
    keep = keep or settings.BACKUP_KEEP
    sets = backup_sets(directory)
    removed = sets[:-keep] if len(sets) > keep else []
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def backup_verify(path):
    """Check every file against SHA256SUMS; raise BackupError on any mismatch."""
    path = Path(path)
    sums = path / CHECKSUMS
    if not sums.exists():
        raise BackupError(f"{path} has no {CHECKSUMS}")
    names = []
    for line in sums.read_text(encoding="ascii").splitlines():
        expected, name = line.split(None, 1)
        name = name.strip().lstrip("*")
        if "/" in name or name.startswith("."):
            raise BackupError(f"Unexpected file name in checksums: {name!r}")
        file = path / name
        if not file.exists() or _sha256(file) != expected:
            raise BackupError(f"Checksum mismatch for {file}")
        names.append(name)
    if MEDIA_ARCHIVE not in names or not ({"database.dump", "database.sqlite3"} & set(names)):
        raise BackupError(f"{path} is incomplete")
    return names


def _database_restore(path, alias="default"):
    db = connections[alias].settings_dict
    vendor = connections[alias].vendor
    if (path / "database.dump").exists():
        if vendor != "postgresql":
            raise BackupError("This backup is of PostgreSQL; the configured database is not.")
        connections[alias].close()
        subprocess.run(
            [_pg_binary("pg_restore"), *_pg_args(db), "--clean", "--if-exists", "--no-owner",
             "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname", db["NAME"],
             str(path / "database.dump")],
            check=True, env=_pg_env(db), capture_output=True, timeout=3600,
        )
        return
    if vendor != "sqlite":
        raise BackupError("This backup is of SQLite; the configured database is not.")
    connections[alias].ensure_connection()
    source = sqlite3.connect(path / "database.sqlite3")
    try:
        source.backup(connections[alias].connection)
    finally:
        source.close()


def _media_restore(path):
    media_root = Path(settings.MEDIA_ROOT)
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with tarfile.open(path / MEDIA_ARCHIVE, "r:gz") as archive:
        archive.extractall(staging, filter="data")  # refuses absolute paths, "..", devices, links out
    old = media_root.with_name(media_root.name + ".before-restore")
    shutil.rmtree(old, ignore_errors=True)
    if media_root.exists():
        media_root.rename(old)
    staging.rename(media_root)
    shutil.rmtree(old, ignore_errors=True)


def backup_restore(path):
    """Verify a set's checksums, then replace the database and the media with it."""
    path = Path(path)
    backup_verify(path)
    _database_restore(path)
    _media_restore(path)
    connection.close()
    logger.warning("Restored backup %s at %s", path, datetime.now().isoformat())
    return path
