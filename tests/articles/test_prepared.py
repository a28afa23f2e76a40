"""The article page's queries run as prepared statements on PostgreSQL (core/prepared.py)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from articles.models import ItemImage, Tag
from articles.selectors import categories_all, category_public, category_rows, item_public
from tests.articles.factories import published
from tests.factories import image_upload

pytestmark = pytest.mark.django_db


def _prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_article_page_is_the_same_with_prepared_statements(client):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (DATABASE_URL=postgres://...)")
    item = published("Hòa giải ở cơ sở năm 2026", category="tin-pbgdpl", byline="Tác giả")
    item.tags.add(Tag.objects.create(name="Hòa giải", slug="hoa-giai"))
    ItemImage.objects.create(item=item, image=image_upload("a.jpg", size=(40, 30)), caption="Buổi hòa giải")
    pages = []
    for _ in range(3):  # the first view prepares, the next ones reuse the statements
        cache.clear()  # rendered each time, not answered from the page cache
        with CaptureQueriesContext(connection) as captured:
            response = client.get(item.get_absolute_url(), HTTP_COOKIE="")
        assert response.status_code == 200
        pages.append(response.content.decode())
        assert any("articles_item" in q["sql"] for q in captured), "the page's queries are still counted"
    for page in pages:
        assert "Hòa giải ở cơ sở năm 2026" in page and "Buổi hòa giải" in page and ">Hòa giải</span>" in page
    statements = _prepared_statements()
    # One statement reads the item, its unit and its three lists (one round trip).
    assert any(
        'FROM "articles_item"' in s and '"slug" = $1' in s and "articles_itemimage" in s and "articles_tag" in s
        for s in statements
    ), statements
    item_queries = [q for q in captured if '"articles_item"."slug"' in q["sql"] or "articles_itemimage" in q["sql"]]
    assert len(item_queries) == 1, item_queries


def test_section_listing_is_prepared_and_nothing_else_is(client):
    """psycopg would prepare any query run five times; only the chosen ones are."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (DATABASE_URL=postgres://...)")
    for minutes in range(25):
        published(f"Tin số {minutes}", category="tin-pbgdpl", minutes_ago=minutes + 1)
    first = client.get("/chuyen-muc/tin-pbgdpl/")
    cursor = first.context["next_cursor"]
    for _ in range(6):
        cache.clear()
        assert client.get("/chuyen-muc/tin-pbgdpl/").status_code == 200
        older = client.get(f"/chuyen-muc/tin-pbgdpl/?sau={cursor}")
    titles = [f"Tin số {n}" for n in range(20, 25)]
    assert all(title in older.content.decode() for title in titles)  # the cursor page: the 5 oldest
    assert "Tin số 19<" not in older.content.decode()
    statements = _prepared_statements()
    listing = [s for s in statements if '"category_id" = $3' in s]
    assert len(listing) == 2, statements  # page by offset, page after a cursor
    chosen = ('"slug" = $1', '"category_id" = $3')
    assert all(any(mark in s for mark in chosen) for s in statements), statements


class RecordingRouter:
    """Sends reads to the default database and remembers which models asked."""

    asked = []

    def db_for_read(self, model, **hints):
        RecordingRouter.asked.append(model._meta.label)
        return "default"


@override_settings(DATABASE_ROUTERS=["tests.articles.test_prepared.RecordingRouter"])
def test_article_and_section_rows_read_where_the_router_says():
    """With DATABASE_REPLICA_URL an anonymous reader's queries go to the replica
    (portal/routers.py): the hand-written queries ask the router as the ORM would."""
    item = published("Tin định tuyến", category="tin-pbgdpl")
    RecordingRouter.asked.clear()
    assert item_public(item.slug).pk == item.pk
    assert "articles.Item" in RecordingRouter.asked, RecordingRouter.asked
    RecordingRouter.asked.clear()
    section = category_public("tin-pbgdpl", categories_all())
    assert [row.pk for row in category_rows(section, "vi", categories_all(), limit=20)] == [item.pk]
    assert "articles.Item" in RecordingRouter.asked, RecordingRouter.asked


def test_a_parent_section_lists_its_subsections_newest_first_on_every_page():
    """A parent's rows come from each subsection's newest (one index walk each): the pages,
    by offset and by cursor, are exactly the ORM's newest-first order of all of them."""
    from articles.models import Category
    from articles.selectors import category_items

    parent = Category.objects.create(name="Mục cha", slug="muc-cha")
    children = [Category.objects.create(name=f"Mục con {n}", slug=f"muc-con-{n}", parent=parent) for n in range(3)]
    hidden = Category.objects.create(name="Mục ẩn", slug="muc-an", parent=parent, is_visible=False)
    sections = [parent, *children]
    for minutes in range(47):  # most in one subsection: its page 3 lies beyond the others' newest
        section = sections[minutes % 4] if minutes % 6 == 0 else children[1]
        published(f"Tin {minutes}", category=section, minutes_ago=minutes + 1)
    published("Tin mục ẩn", category=hidden, minutes_ago=0)
    cache.clear()
    categories = categories_all()
    parent = category_public("muc-cha", categories)
    expected = list(category_items(parent, "vi", categories).values_list("pk", "published_at"))
    assert len(expected) == 47
    for offset in (0, 20, 40):
        rows = category_rows(parent, "vi", categories, limit=20, offset=offset)
        assert [tuple(r) for r in rows] == expected[offset : offset + 20]
    after = expected[19]
    rows = category_rows(parent, "vi", categories, limit=21, before=(after[1], after[0]))
    assert [tuple(r) for r in rows] == expected[20:41]
