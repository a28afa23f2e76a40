import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from PIL import Image

from tests.factories import image_upload

pytestmark = pytest.mark.django_db
URL = "/bien-tap/anh/tai-len/"


def _jpeg_with_exif():
    image = Image.new("RGB", (400, 300), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (21.0, 2.0, 3.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("anh-hien-truong.jpg", out.getvalue(), content_type="image/jpeg")


def test_anonymous_and_roleless_users_cannot_upload(client, zed):
    assert client.post(URL, {"upload": image_upload()}).status_code == 403
    client.force_login(zed)
    assert client.post(URL, {"upload": image_upload()}).status_code == 403


def test_upload_needs_the_csrf_token(sam, settings):
    client = Client(enforce_csrf_checks=True)
    client.force_login(sam)
    assert client.post(URL, {"upload": image_upload()}).status_code == 403
    token = _get_new_csrf_string()
    client.cookies[settings.CSRF_COOKIE_NAME] = token  # what CKEditor sends back as X-CSRFToken
    response = client.post(URL, {"upload": image_upload()}, headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_staff_upload_is_stored_under_a_random_name_without_exif(client, sam, settings):
    client.force_login(sam)
    response = client.post(URL, {"upload": _jpeg_with_exif()})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/editor/") and "anh-hien-truong" not in url
    stored = settings.MEDIA_ROOT / url.removeprefix("/media/")
    with Image.open(stored) as image:
        assert not image.getexif()


def test_authors_may_upload_images_for_their_items(client, alice):
    client.force_login(alice)
    assert client.post(URL, {"upload": image_upload("anh.png", fmt="PNG")}).status_code == 200


def test_a_script_named_like_an_image_is_refused(client, sam):
    client.force_login(sam)
    fake = SimpleUploadedFile("anh.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client.post(URL, {"upload": fake})
    assert response.status_code == 400 and "error" in response.json()


def test_oversize_and_decompression_bombs_are_refused(client, sam, settings):
    client.force_login(sam)
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1000
    response = client.post(URL, {"upload": image_upload(size=(200, 200))})
    assert response.status_code == 400
    settings.UPLOAD_MAX_IMAGE_PIXELS = 40_000_000
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (6 * 1024 * 1024), content_type="image/jpeg")
    assert client.post(URL, {"upload": big}).status_code in (400, 413)


def test_get_is_not_allowed(client, sam):
    client.force_login(sam)
    assert client.get(URL).status_code == 405


def test_missing_file_is_a_clear_error(client, sam):
    client.force_login(sam)
    response = client.post(URL, {})
    assert response.status_code == 400 and response.json()["error"]["message"]
