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
