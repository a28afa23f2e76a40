import json

import pytest
from django.urls import reverse

from articles.models import ItemStatus
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


def test_json_feed_lists_published_items_only(client):
    ItemFactory(status=ItemStatus.PUBLISHED, title="Tin đã đăng")
    ItemFactory(status=ItemStatus.DRAFT, title="Bản nháp")
    response = client.get(reverse("sharing:items_feed"))
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert [i["title"] for i in data["items"]] == ["Tin đã đăng"]
    assert data["items"][0]["url"].startswith("http")


def test_json_feed_is_paginated_with_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for n in range(45):
        ItemFactory(status=ItemStatus.PUBLISHED, title=f"Tin số {n}")
    with django_assert_max_num_queries(3):
        data = json.loads(client.get(reverse("sharing:items_feed"), {"page": 2}).content)
    assert data["count"] == 45 and data["pages"] == 3 and len(data["items"]) == 20
    assert data["next"].endswith("page=3") and data["previous"].endswith("page=1")


def test_json_feed_out_of_range_page_is_404(client):
    assert client.get(reverse("sharing:items_feed"), {"page": 9}).status_code == 404


def test_json_feed_is_read_only(client):
    assert client.post(reverse("sharing:items_feed")).status_code == 405


def test_json_feed_is_titled_with_the_department_and_its_language(client):
    from organisation.selectors import department_get

    data = json.loads(client.get(reverse("sharing:items_feed")).content)
    assert data["title"] == department_get().name and data["title"] != "tin-bai"
    assert data["language"] == "vi"
    assert json.loads(client.get("/en/api/tin-bai.json").content)["language"] == "en"
