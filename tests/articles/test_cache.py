import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.session import SessionStorage

from articles.models import ItemStatus
from articles.services import item_visibility_changed
from tests.articles.factories import published

pytestmark = pytest.mark.django_db


def test_anonymous_home_is_served_from_cache_without_queries(client, django_assert_num_queries):
    published("Tin đầu tiên")
    client.get("/")
    with django_assert_num_queries(0):
        response = client.get("/")
    assert "Tin đầu tiên" in response.content.decode()


def test_publishing_unpublishing_and_changing_refresh_cached_pages(client):
    first = published("Tin đầu tiên")
    client.get("/")
    second = published("Tin vừa đăng")
    assert "Tin vừa đăng" not in client.get("/").content.decode()  # cached until told
    item_visibility_changed(second)
    assert "Tin vừa đăng" in client.get("/").content.decode()
    first.status = ItemStatus.UNPUBLISHED
    first.save()
    item_visibility_changed(first)
    assert "Tin đầu tiên" not in client.get("/").content.decode()
    assert client.get(first.get_absolute_url()).status_code == 404


def test_logged_in_users_never_get_the_cached_page(client, alice):
    published("Tin công khai")
    client.get("/")
    client.force_login(alice)
    response = client.get("/")
    html = response.content.decode()
    assert "Đăng xuất" in html or "Log out" in html or "logout" in html.lower()
    assert "private" in response["Cache-Control"]
    client.logout()
    assert "Đăng xuất" not in client.get("/").content.decode()


def test_a_readers_message_is_not_cached_for_others(client, rf):
    from django.contrib.messages.storage.base import Message

    published("Tin công khai")
    client.get("/")  # cached, without any message
    session = client.session
    request = rf.get("/")
    request.session = session
    storage = SessionStorage(request)
    session["_messages"] = storage.serialize_messages(
        [Message(constants.SUCCESS, "Cảm ơn bạn đã gửi câu hỏi.")]
    )
    session.save()
    assert "Cảm ơn bạn đã gửi câu hỏi." in client.get("/").content.decode()
    assert "Cảm ơn bạn đã gửi câu hỏi." not in client.__class__().get("/").content.decode()


def test_pages_work_when_the_cache_is_broken(client, monkeypatch):
    from django.core.cache import cache

    item = published("Tin khi Redis hỏng")

    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    for name in ("incr", "add", "decr"):
        monkeypatch.setattr(cache, name, broken)
    assert client.get(item.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200
