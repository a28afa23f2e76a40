"""Every malicious file in the corpus is refused, or stored harmless and served safely."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.uploads import file_response, validate_document, validate_image

from .corpus import FILE_CASES, MARKER, PDF_WITH_JS

pytestmark = pytest.mark.django_db


def _validate(name, content):
    upload = SimpleUploadedFile(name, content)
    if name.endswith((".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")):
        return validate_image(upload)
    return validate_document(upload)


@pytest.mark.parametrize(("case", "name", "content", "refused"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_each_malicious_file_is_refused_or_stored_harmless(case, name, content, refused):
    if refused:
        with pytest.raises(ValidationError):
            _validate(name, content)
        return
    clean = _validate(name, content)
    stored = clean.content.read()
    assert b"<script" not in stored.lower() or clean.kind == "pdf"
    assert b"onerror" not in stored.lower()
    assert MARKER.encode() not in stored or clean.kind == "pdf"
    assert "/" not in clean.content.name and ".." not in clean.content.name
    assert clean.content.name != name
    assert "<" not in clean.original_name and '"' not in clean.original_name and "/" not in clean.original_name


def test_images_are_re_encoded_without_exif_or_trailing_data():
    from .corpus import exif_with_html

    clean = validate_image(SimpleUploadedFile("anh.jpg", exif_with_html()))
    with Image.open(clean.content) as image:
        assert not image.getexif()


def test_a_pdf_with_javascript_is_served_as_an_attachment_never_inline():
    clean = validate_document(SimpleUploadedFile("Quyết định.pdf", PDF_WITH_JS))
    path = default_storage.save(f"test/{clean.content.name}", clean.content)
    fieldfile = _fieldfile(path)
    response = file_response(fieldfile, clean.original_name)
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Quy" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_a_re_encoded_image_may_be_shown_inline_with_nosniff():
    from .corpus import jpeg_bytes

    clean = validate_image(SimpleUploadedFile("anh.jpg", jpeg_bytes()))
    path = default_storage.save(f"test/{clean.content.name}", clean.content)
    response = file_response(_fieldfile(path), '"><img onerror=x>.jpg')
    assert response["Content-Disposition"].startswith("inline;")
    assert "<" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_unknown_stored_type_is_an_octet_stream_attachment():
    path = default_storage.save("test/thing.html", ContentFile(b"<script>alert(1)</script>"))
    response = file_response(_fieldfile(path), "thing.html")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def _fieldfile(path):
    from django.db.models.fields.files import FieldFile, FileField

    field = FileField()
    field.storage = default_storage
    return FieldFile(None, field, path)


def test_upload_limits_are_consistent(settings):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 100
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.REQUEST_MAX_BYTES >= settings.UPLOAD_MAX_DOCUMENT_BYTES


def test_a_request_body_above_the_limit_is_refused_before_parsing(client, settings):
    settings.REQUEST_MAX_BYTES = 1024 * 1024
    response = client.post("/hoi-dap/gui-cau-hoi/", {"file": SimpleUploadedFile("a.jpg", b"x" * (2 * 1024 * 1024))})
    assert response.status_code == 413


def test_101_files_in_one_request_are_refused_cleanly(client):
    files = [SimpleUploadedFile(f"a{i}.jpg", b"x") for i in range(101)]
    response = client.post("/tai-khoan/dang-nhap/", {"file": files})
    assert response.status_code == 400
