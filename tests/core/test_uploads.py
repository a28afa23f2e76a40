import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.uploads import validate_document, validate_image
from tests.factories import docx_bytes, image_upload

# Every upload check is written to the audit log.
pytestmark = pytest.mark.django_db


def test_a_real_jpeg_is_reencoded_under_a_random_name():
    clean = validate_image(image_upload("Ảnh hội nghị.jpg"))
    assert clean.original_name == "Ảnh hội nghị.jpg"
    assert clean.content.name.endswith(".jpg") and "hội" not in clean.content.name
    Image.open(io.BytesIO(clean.content.read())).verify()


def test_exif_is_stripped():
    out = io.BytesIO()
    image = Image.new("RGB", (50, 50))
    exif = image.getexif()
    exif[0x010E] = "<script>alert(1)</script>"
    image.save(out, format="JPEG", exif=exif.tobytes())
    clean = validate_image(SimpleUploadedFile("a.jpg", out.getvalue()))
    assert b"<script>" not in clean.content.read()


@pytest.mark.parametrize(
    "name,data",
    [
        ("a.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("b.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"),
        ("c.php.jpg", b"<?php echo 1; ?>"),
    ],
)
def test_non_images_with_image_names_are_refused(name, data):
    with pytest.raises(ValidationError):
        validate_image(SimpleUploadedFile(name, data))


def test_extension_must_match_content():
    with pytest.raises(ValidationError) as error:
        validate_image(image_upload("anh.gif", fmt="PNG"))
    assert error.value.code == "extension_mismatch"


def test_pixel_bomb_is_refused(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1000
    with pytest.raises(ValidationError) as error:
        validate_image(image_upload(size=(100, 100)))
    assert error.value.code == "too_many_pixels"


def test_docx_is_accepted_and_docm_renamed_docx_is_refused():
    assert validate_document(SimpleUploadedFile("bai.docx", docx_bytes())).kind == "docx"
    macro = docx_bytes(extra_parts={"word/vbaProject.bin": b"\x00" * 10})
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("bai.docx", macro))
    assert error.value.code == "macros"


def test_docx_with_ten_thousand_entries_is_refused():
    parts = {f"word/media/x{n}.xml": b"" for n in range(10_000)}
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("bai.docx", docx_bytes(extra_parts=parts)))
    assert error.value.code == "zip_entries"


def test_zip_bomb_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (300 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("bomb.docx", out.getvalue()))
    assert error.value.code == "zip_bomb"


def test_corrupt_docx_says_so():
    with pytest.raises(ValidationError) as error:
        validate_document(SimpleUploadedFile("hong.docx", b"PK\x03\x04garbage"))
    assert error.value.code == "corrupt"


def test_pdf_is_recognised_by_content_not_name():
    assert validate_document(SimpleUploadedFile("vb.pdf", b"%PDF-1.7\n...")).kind == "pdf"
    with pytest.raises(ValidationError):
        validate_document(SimpleUploadedFile("vb.pdf", b"MZ\x90\x00 executable"))
