"""core.storage.MediaStorage: Django's FileSystemStorage, each URL worked out once."""

from django.core.files.storage import FileSystemStorage
from django.test import override_settings

from core.storage import MediaStorage


def test_media_is_stored_by_the_portals_storage_with_djangos_urls(settings, tmp_path):
    assert settings.STORAGES["default"]["BACKEND"] == "core.storage.MediaStorage"  # no object store set
    ours, django_s = MediaStorage(location=tmp_path), FileSystemStorage(location=tmp_path)
    for name in ("anh/hòa giải 2026.jpg", "tep/Quyết định số 1#2?.docx", "a b/c%20d.pdf"):
        assert ours.url(name) == django_s.url(name)
        assert ours.url(name) == django_s.url(name)  # the remembered one too


def test_a_changed_media_url_changes_the_urls(tmp_path):
    storage = MediaStorage(location=tmp_path)
    with override_settings(MEDIA_URL="/media/"):
        assert storage.url("anh/a.jpg") == "/media/anh/a.jpg"
    with override_settings(MEDIA_URL="https://cdn.example.vn/stp/"):
        assert storage.url("anh/a.jpg") == "https://cdn.example.vn/stp/anh/a.jpg"
