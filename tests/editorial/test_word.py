"""Word files become the body: structure kept, images validated and stored, never inlined."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from editorial.word import word_to_html
from tests.factories import docx_bytes

from .factories import png_bytes, rich_docx

pytestmark = pytest.mark.django_db


def _upload(data, name="bai-viet.docx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_headings_tables_and_images_are_kept():
    html, skipped, clean = word_to_html(_upload(rich_docx(png_bytes())))
    assert "<h2>Kết quả hội nghị</h2>" in html
    assert "<table>" in html and "<td>" in html and "Kết quả" in html
    assert 'alt="Quang cảnh hội nghị"' in html
    assert "data:" not in html
    src = html.split('src="', 1)[1].split('"', 1)[0]
    assert src.startswith("/media/editor/")
    assert default_storage.exists(src.removeprefix("/media/"))
    assert skipped == 0 and clean.kind == "docx"


def test_an_invalid_image_inside_is_left_out():
    html, skipped, _clean = word_to_html(_upload(rich_docx(b"not an image at all")))
    assert "<img" not in html and skipped == 1
    assert "Kết quả hội nghị" in html


def test_a_corrupt_file_gives_a_clear_error():
    with pytest.raises(ValidationError) as excinfo:
        word_to_html(_upload(b"PK\x03\x04 broken zip"))
    assert "bai-viet.docx" in excinfo.value.messages[0]


def test_a_password_protected_file_gives_a_clear_error():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(ValidationError) as excinfo:
        word_to_html(_upload(ole))
    assert excinfo.value.code == "password"


def test_a_doc_file_is_not_converted_but_explained():
    with pytest.raises(ValidationError) as excinfo:
        word_to_html(_upload(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, name="cu.doc"))
    assert excinfo.value.code == "not_docx"


def test_scripts_in_word_text_are_neutralised():
    html, *_ = word_to_html(_upload(docx_bytes(["&lt;script&gt;alert(1)&lt;/script&gt;"])))
    assert "<script" not in html
