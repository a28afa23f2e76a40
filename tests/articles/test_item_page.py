"""The article page's hand-written reads (articles.selectors.item_public) match the ORM's."""

import pytest
from django.core.files.base import ContentFile

from articles.models import Item, ItemAttachment, ItemImage, Tag
from articles.selectors import item_public
from tests.articles.factories import published
from tests.factories import image_upload

pytestmark = pytest.mark.django_db


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname != "search_text"}


def test_item_public_reads_what_the_orm_reads(unit):
    item = published("Tin đầy đủ", category="hoat-dong-cua-so", unit=unit, byline="Tác giả", featured=True)
    for order, caption in ((2, "Ảnh thứ ba"), (0, "Ảnh đầu"), (1, "Ảnh giữa")):
        ItemImage.objects.create(item=item, image=image_upload(f"a{order}.jpg", size=(40, 30)), caption=caption, order=order)
    for order, title in ((1, "Phụ lục"), (0, "Quyết định")):
        ItemAttachment.objects.create(
            item=item, file=ContentFile(b"%PDF-1.4", name=f"{order}.pdf"), original_name=f"{order}.pdf", title=title,
            size=8, order=order,
        )
    item.tags.add(*(Tag.objects.create(name=name, slug=slug) for name, slug in (("Đất đai", "dat-dai"), ("Hộ tịch", "ho-tich"))))
    expected = (
        Item.objects.select_related("category", "unit").prefetch_related("images", "attachments", "tags").get(pk=item.pk)
    )
    found = item_public(item.slug)
    assert _fields(found) == _fields(expected)
    assert found.unit.name == unit.name and found.category.slug == "hoat-dong-cua-so"
    for name in ("images", "attachments", "tags"):
        assert [_fields(o) for o in getattr(found, name).all()] == [_fields(o) for o in getattr(expected, name).all()]
    assert [i.caption for i in found.images.all()] == ["Ảnh đầu", "Ảnh giữa", "Ảnh thứ ba"]


def test_item_public_shows_only_what_the_public_may_see():
    future = published("Tin hẹn giờ", minutes_ago=-60)
    assert item_public(future.slug) is None
    item = published("Tin rút xuống")
    Item.objects.filter(pk=item.pk).update(status="unpublished")
    assert item_public(item.slug) is None
    plain = published("Tin không ảnh", minutes_ago=24 * 60, unit=None)
    found = item_public(plain.slug)
    assert found.unit is None and list(found.images.all()) == [] and list(found.tags.all()) == []


def test_structured_data_cannot_close_its_script_element(client):
    import json
    import re

    title = "Tin </script><script>alert(1)</script> & <b>đậm</b>"
    item = published(title)
    html = client.get(item.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["headline"] == title


def test_a_cover_stored_with_an_absolute_address_keeps_it(client, settings):
    """Media in an S3-compatible bucket (STORAGES) have absolute URLs: the page must not put
    the site's address in front of them (Open Graph and structured data)."""
    from django.core.files.storage import FileSystemStorage

    from articles.models import Item

    storage = FileSystemStorage(location=settings.MEDIA_ROOT, base_url="https://media.example.vn/stp/")
    item = published("Tin ảnh trong kho S3", cover_image=image_upload("bia.jpg", size=(64, 48)))
    field = Item._meta.get_field("cover_image")
    original = field.storage
    field.storage = storage
    try:
        html = client.get(item.get_absolute_url()).content.decode()
    finally:
        field.storage = original
    assert '<meta property="og:image" content="https://media.example.vn/stp/' in html
    assert '"image": ["https://media.example.vn/stp/' in html
    assert settings.SITE_URL + "https://" not in html


def test_the_items_read_for_the_page_behave_as_the_orms(unit):
    """item_public builds its objects from the row without Model.__init__ (articles.selectors._instance):
    they must still be saved as updates, load the field left out on demand, and reach post_init
    receivers (the page cache's, ImageField's dimensions) with their values already set."""
    from django.db.models.signals import post_init

    item = published("Tin gốc", unit=unit)
    ItemImage.objects.create(item=item, image=image_upload("a.jpg", size=(40, 30)), caption="Ảnh")
    seen = []

    def initialised(sender, instance, **kwargs):
        seen.append((sender, instance.pk, instance.__dict__.get("title")))

    post_init.connect(initialised, sender=Item)
    try:
        found = item_public(item.slug)
    finally:
        post_init.disconnect(initialised, sender=Item)
    assert seen == [(Item, item.pk, "Tin gốc")]
    assert found._state.adding is False and found._state.db == "default"
    assert found.get_deferred_fields() == {"search_text"}
    assert found.search_text == Item.objects.get(pk=item.pk).search_text  # read when asked for
    assert found.unit._state.adding is False and found.images.all()[0]._state.adding is False
    found.title = "Tin đã sửa"
    found.save(update_fields=["title"])
    assert Item.objects.count() == 1 and Item.objects.get(pk=item.pk).title == "Tin đã sửa"
    image = found.images.all()[0]
    image.caption = "Ảnh đã sửa"
    image.save()
    assert ItemImage.objects.get().caption == "Ảnh đã sửa"
