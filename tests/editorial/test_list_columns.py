"""Editorial lists do not load item texts: a list of 50 long bodies was most of the board's SQL time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ItemStatus
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


def test_board_list_and_inbox_do_not_select_the_body(client, sam, alice, unit):
    ItemFactory(
        title="Tin gửi lên Ban biên tập",
        status=ItemStatus.SUBMITTED,
        author=alice,
        unit=unit,
    )
    client.force_login(sam)
    for url in ("/bien-tap/", "/bien-tap/hop-thu/"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert "Tin gửi lên Ban biên tập" in response.content.decode()
        item_queries = [
            q["sql"] for q in queries if 'FROM "articles_item"' in q["sql"] and "COUNT(" not in q["sql"]
        ]
        assert item_queries, url
        assert not any('"articles_item"."body"' in sql for sql in item_queries), url
