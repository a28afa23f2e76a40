"""PostgreSQL-only search behaviour: GIN indexes, and trigram fallback for misspellings."""

import pytest
from django.db import connection

from tests.articles.factories import published

pytestmark = [pytest.mark.django_db, pytest.mark.services]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...): full-text and trigram search")


def test_search_indexes_and_extensions_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'articles_item'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert {"unaccent", "pg_trgm"} <= extensions
    assert {"articles_item_search_fts", "articles_item_search_trgm"} <= indexes


def test_a_spelling_variant_still_finds_the_item(client):
    published("Hướng dẫn đăng ký khai sinh trực tuyến")
    published("Hội nghị tổng kết năm")
    results = list(client.get("/tim-kiem/", {"q": "dang ki khai sinh"}).context["page_obj"])
    assert [item.title for item in results] == ["Hướng dẫn đăng ký khai sinh trực tuyến"]


def test_full_text_search_matches_word_prefixes(client):
    published("Phổ biến pháp luật về đất đai")
    results = list(client.get("/tim-kiem/", {"q": "phap lu"}).context["page_obj"])
    assert [item.title for item in results] == ["Phổ biến pháp luật về đất đai"]


def test_a_very_common_word_ranks_only_the_newest_matches_and_says_so(client, monkeypatch):
    from articles import selectors

    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", 3)
    for n in range(5):
        published(f"Hòa giải ở cơ sở số {n}", minutes_ago=n + 1)
    response = client.get("/tim-kiem/", {"q": "hoa giai"})
    titles = [item.title for item in response.context["page_obj"]]
    assert sorted(titles) == ["Hòa giải ở cơ sở số 0", "Hòa giải ở cơ sở số 1", "Hòa giải ở cơ sở số 2"]
    assert response.context["capped"] and "Tìm thấy hơn" in response.content.decode()
    few = client.get("/tim-kiem/", {"q": "so 4"})
    assert not few.context["capped"]
