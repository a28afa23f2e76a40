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


def test_article_page_shows_cover_with_renditions(client, item_with_cover):
    html = client.get(item_with_cover.get_absolute_url()).content.decode()
    assert "/media/renditions/" in html and 'alt="Hội nghị tổng kết"' in html
