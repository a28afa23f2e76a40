"""Backups that restore: back up, wipe, restore, and find every row and file again."""

import hashlib
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from audit.services import audit_record
from operations.services import BackupError, backup_create, backup_restore, backup_rotate, backup_sets
from tests.factories import ItemFactory


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _files(root):
    root = Path(root)
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*") if p.is_file()
    }


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_every_row_and_file(tmp_path, settings, alice, bob):
    for number in range(5):
        ItemFactory(title=f"Tin sao lưu {number}")
    audit_record(action="test.backup", object_repr="trước khi sao lưu")
    for number in range(3):
        default_storage.save(f"items/2026/11/file-{number}.bin", ContentFile(f"nội dung {number}".encode()))
    counts = _row_counts()
    files = _files(settings.MEDIA_ROOT)
    assert files and counts["articles.Item"] == 5

    path = backup_create(directory=tmp_path / "backups")
    assert (path / "SHA256SUMS").exists()

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert _row_counts()["articles.Item"] == 0

    backup_restore(path)
    assert _row_counts() == counts
    assert _files(settings.MEDIA_ROOT) == files


@pytest.mark.django_db(transaction=True)
def test_a_tampered_backup_is_refused(tmp_path):
    ItemFactory()
    path = backup_create(directory=tmp_path / "backups")
    archive = path / "media.tar.gz"
    archive.write_bytes(archive.read_bytes() + b"tampered")
    with pytest.raises(BackupError):
        backup_restore(path)


@pytest.mark.django_db(transaction=True)
def test_old_backups_are_rotated(tmp_path):
    root = tmp_path / "backups"
    for day in range(1, 6):
        (root / f"portal-2026110{day}-011500").mkdir(parents=True)
    backup_rotate(directory=root, keep=3)
    assert [p.name for p in backup_sets(root)] == [
        "portal-20261103-011500", "portal-20261104-011500", "portal-20261105-011500"
    ]


@pytest.mark.django_db(transaction=True)
def test_the_backup_and_restore_commands_work(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "backups"
    ItemFactory(title="Tin trước khi khôi phục")
    call_command("backup", verbosity=0)
    from articles.models import Item

    Item.objects.all().delete()
    call_command("restore", "--yes", verbosity=0)
    assert Item.objects.filter(title="Tin trước khi khôi phục").exists()


def test_the_backup_runs_daily_from_beat(settings):
    assert settings.CELERY_BEAT_SCHEDULE["operations-backup-daily"]["task"] == "operations.tasks.backup_daily"
