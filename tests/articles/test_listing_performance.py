"""Section listings stay cheap on a large site: capped count, row-comparison cursor, the partial index."""

import pytest
from django.db import connection

from articles import views
from tests.articles.factories import published

pytestmark = pytest.mark.django_db


def test_a_long_section_shows_no_total_and_goes_on_with_the_cursor(client, monkeypatch):
    monkeypatch.setattr(views, "LISTING_COUNT_CAP", 2 * views.PER_PAGE)
    for n in range(45):
        published(f"Tin số {n:02d}", category="tin-chuyen-nganh", minutes_ago=n + 1)
    first = client.get("/chuyen-muc/tin-chuyen-nganh/")
    html = first.content.decode()
    assert first.context["count_capped"] and "Tin số 00" in html
    assert " / " not in html.split('aria-current="page"')[1][:40]  # "page 1", not "page 1 of 2"
    second = client.get("/chuyen-muc/tin-chuyen-nganh/?page=2")
    assert "Tin số 20" in second.content.decode()
    assert second.context["next_cursor"], "the last numbered page must lead on to older items"
    older = client.get(f"/chuyen-muc/tin-chuyen-nganh/?sau={second.context['next_cursor']}").content.decode()
    assert "Tin số 40" in older and "Tin số 44" in older and "Tin số 39" not in older


def test_a_short_section_keeps_page_n_of_m(client):
    for n in range(25):
        published(f"Tin số {n:02d}", category="tin-chuyen-nganh", minutes_ago=n + 1)
    response = client.get("/chuyen-muc/tin-chuyen-nganh/")
    assert not response.context["count_capped"]
    assert response.context["page_obj"].paginator.num_pages == 2


def test_cursor_with_a_huge_id_is_harmless(client):
    item = published("Tin cũ", category="tin-chuyen-nganh", minutes_ago=10)
    micros = views.cursor_encode(item).split(".")[0]
    response = client.get(f"/chuyen-muc/tin-chuyen-nganh/?sau={micros}.99999999999999999999999")
    assert response.status_code == 200 and "Tin cũ" in response.content.decode()  # same time, smaller id


def test_public_listing_index_exists():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "articles_item")
    assert "item_category_public" in indexes
