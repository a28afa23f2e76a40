import re

import pytest
from django.template import Context, Template

from articles.images import WIDTHS, rendition
from tests.articles.factories import published
from tests.factories import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def item_with_cover():
    item = published("Tin có ảnh", cover_alt="Hội nghị tổng kết")
    item.cover_image.save("anh.jpg", image_upload(size=(1600, 900)), save=True)
    return item


def test_renditions_are_resized_webp_and_jpeg_and_made_once(item_with_cover, settings):
    from PIL import Image

    card = rendition(item_with_cover.cover_image, WIDTHS["card"], "webp")
    assert card.width == 640 and card.height == 360
    path = settings.MEDIA_ROOT / card.url.removeprefix(settings.MEDIA_URL)
    with Image.open(path) as image:
        assert image.format == "WEBP" and image.size == (640, 360)
    modified = path.stat().st_mtime_ns
    assert rendition(item_with_cover.cover_image, WIDTHS["card"], "webp").url == card.url
    assert path.stat().st_mtime_ns == modified
    assert "/renditions/" in card.url


def test_small_originals_are_not_enlarged(db):
    item = published("Ảnh nhỏ", cover_alt="ảnh nhỏ")
    item.cover_image.save("nho.png", image_upload("nho.png", size=(300, 200), fmt="PNG"), save=True)
    assert rendition(item.cover_image, WIDTHS["full"], "jpg").width == 300


def test_picture_tag_gives_srcset_alt_and_dimensions(item_with_cover):
    html = Template("{% load articles_tags %}{% picture item.cover_image alt=item.cover_alt %}").render(
        Context({"item": item_with_cover})
    )
    assert '<source type="image/webp" srcset="' in html and " 320w, " in html and " 1280w" in html
    assert 'alt="Hội nghị tổng kết"' in html and 'width="1280" height="720"' in html


def test_the_same_picture_with_other_words_is_written_anew(item_with_cover):
    """picture() keeps its HTML per srcset result and words: a changed alt text or size hint
    must show at once, escaped, and the same call gives the same HTML."""
    from articles.templatetags.articles_tags import picture

    first = picture(item_with_cover.cover_image, alt="Hội nghị tổng kết")
    assert picture(item_with_cover.cover_image, alt="Hội nghị tổng kết") == first
    other = picture(item_with_cover.cover_image, alt='Ảnh "mới" <b>')
    assert 'alt="Ảnh &quot;mới&quot; &lt;b&gt;"' in other and 'sizes="100vw"' in other
    assert 'sizes="50vw"' in picture(item_with_cover.cover_image, alt='Ảnh "mới" <b>', sizes="50vw")
    assert 'loading="eager"' in picture(item_with_cover.cover_image, alt='Ảnh "mới" <b>', eager=True)
    assert 'alt="Hội nghị tổng kết"' in first and 'sizes="100vw"' in first and 'loading="lazy"' in first
    srcsets = re.compile(r'srcset="([^"]+)"')
    assert srcsets.findall(first) == srcsets.findall(other) and len(srcsets.findall(first)) == 2


def test_article_page_shows_cover_with_renditions(client, item_with_cover):
    html = client.get(item_with_cover.get_absolute_url()).content.decode()
    assert "/media/renditions/" in html and 'alt="Hội nghị tổng kết"' in html


def test_renditions_live_in_the_object_store_when_media_are_not_on_disk(settings):
    """With MEDIA_S3_BUCKET every web node reads originals and renditions through Django's
    storage API; Django's in-memory storage stands in for the bucket (no network here)."""
    from django.core.files.storage import default_storage
    from PIL import Image

    from articles.images import srcset

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage",
                    "OPTIONS": {"base_url": "https://media.example.vn/"}},
    }
    item = published("Tin ảnh trong kho đối tượng", cover_alt="Lễ ra mắt")
    item.cover_image.save("anh-kho.jpg", image_upload(size=(1600, 900)), save=True)
    assert not (settings.MEDIA_ROOT / item.cover_image.name).exists()  # nothing on this node's disk
    card = rendition(item.cover_image, WIDTHS["card"], "webp")
    assert card.url.startswith("https://media.example.vn/renditions/") and (card.width, card.height) == (640, 360)
    stored = card.url.removeprefix("https://media.example.vn/")
    with default_storage.open(stored, "rb") as handle, Image.open(handle) as image:
        assert image.format == "WEBP" and image.size == (640, 360)
    sources = srcset(item.cover_image)
    assert sources["src"].url.startswith("https://media.example.vn/") and " 1280w" in sources["webp"]


def test_a_missing_original_is_not_looked_for_on_every_page_view(caplog, monkeypatch):
    from articles import images

    item = published("Ảnh đã bị xóa khỏi đĩa", cover_alt="ảnh")
    item.cover_image.save("mat.jpg", image_upload(size=(800, 600)), save=True)
    item.cover_image.storage.delete(item.cover_image.name)
    assert images.srcset(item.cover_image) is None
    warnings = len([r for r in caplog.records if "cannot make a rendition" in r.getMessage()])
    assert warnings == 1
    assert images.srcset(item.cover_image) is None  # remembered: not tried again
    assert len([r for r in caplog.records if "cannot make a rendition" in r.getMessage()]) == warnings
    name = item.cover_image.name
    assert item.cover_image.storage.save(name, image_upload(size=(800, 600))) == name  # the file is back
    assert images.srcset(item.cover_image) is None  # still remembered as failed for a while
    monkeypatch.setattr(images.time, "monotonic", lambda: 10**12)  # RETRY_FAILED_AFTER has passed
    assert images.srcset(item.cover_image) is not None
