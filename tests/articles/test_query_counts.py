"""Public pages make a fixed number of queries however many items there are (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import DailyVisits, ItemImage, Tag
from tests.articles.factories import published
from tests.factories import image_upload

pytestmark = pytest.mark.django_db

SECTIONS = ["tin-pbgdpl", "hoat-dong-cua-so", "to-gap-phap-luat", "thanh-tra"]


def _content(n):
    items = []
    for i in range(n):
        item = published(
            f"Pháp luật số {i}",
            category=SECTIONS[i % len(SECTIONS)],
            minutes_ago=i + 1,
            featured=i < 3,
            byline="Tác giả",
        )
        items.append(item)
    tag = Tag.objects.get_or_create(name="Đất đai", slug="dat-dai")[0]
    main = items[0]
    main.tags.add(tag)
    for i in range(n):
        ItemImage.objects.create(
            item=main, image=image_upload(f"a{i}.jpg", size=(40, 30)), caption=f"Ảnh {i}"
        )
        DailyVisits.objects.create(date="2026-11-20", item=items[i], count=i + 1)
    return main


def _queries(client, url):
    from django.core.cache import cache

    cache.clear()  # measure a cold page, the worst case
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/en/",
        "/chuyen-muc/pho-bien-giao-duc-phap-luat/",
        "/chuyen-muc/tin-pbgdpl/?page=1",
        "/tim-kiem/?q=phap+luat",
        "/rss/",
        "/sitemap.xml",
        "ARTICLE",
    ],
)
def test_public_page_queries_do_not_grow_with_items(client, url):
    main = _content(3)
    target = main.get_absolute_url() if url == "ARTICLE" else url
    few = _queries(client, target)
    _content_more = [
        published(f"Tin thêm {i}", category=SECTIONS[i % 4], minutes_ago=100 + i) for i in range(27)
    ]
    for i in range(27):
        ItemImage.objects.create(
            item=main, image=image_upload(f"b{i}.jpg", size=(40, 30)), caption=f"Ảnh thêm {i}"
        )
    many = _queries(client, target)
    assert many == few, f"{target}: {few} queries with 3 items, {many} with 30"
    assert few <= 15
