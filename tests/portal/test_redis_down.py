"""With the cache's Redis unreachable, the public site and the quota pages still answer (no 500s)."""

import socket

import pytest
from django.core.cache import caches
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "operations.cache.TolerantRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # Django's setting_changed signal rebuilds the cache handler.
    assert "TolerantRedisCache" in type(caches["default"]).__name__


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)


def test_public_pages_answer_while_the_cache_is_down(client, demo, redis_down):
    from articles.models import Item, ItemStatus

    article = Item.objects.filter(status=ItemStatus.PUBLISHED, language="vi").first()
    for url in ("/", "/en/", "/chuyen-muc/tin-tuc-su-kien/", article.get_absolute_url(), "/tim-kiem/?q=pháp+luật",
                "/rss/", "/sitemap.xml", "/khong-ton-tai/"):
        response = client.get(url)
        assert response.status_code in (200, 404), url
    assert "Tin từ các đơn vị" in client.get("/").content.decode()


def test_quota_pages_and_closing_a_month_work_while_the_cache_is_down(client, demo, redis_down):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="giamdoc"))
    for url in ("/dinh-muc/", "/dinh-muc/xep-hang/", "/dinh-muc/thong-ke-nam/", "/dinh-muc/bao-cao/",
                "/dinh-muc/bao-cao.xlsx", "/en/dinh-muc/"):
        assert client.get(url).status_code == 200, url
    response = client.post("/dinh-muc/mo-lai/", {"thang": "2026-10", "reason": "Bổ sung số liệu"}, follow=True)
    assert response.status_code == 200
