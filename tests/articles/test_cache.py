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


# --- The outermost layer (articles.cache.PublicPageCacheMiddleware) -------------------------

SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "X-Content-Type-Options")


def test_a_cookie_less_hit_keeps_the_security_headers_and_still_counts_the_visit(client):
    from articles.visits import visits_pending_today

    item = published("Tin có tiêu đề bảo mật")
    first = client.get(item.get_absolute_url())
    before = visits_pending_today()
    again = client.get(item.get_absolute_url())
    assert again.content == first.content
    for header in SECURITY_HEADERS:
        assert again.has_header(header), header
        assert again[header] == first[header]
    assert visits_pending_today() == before + 1


def test_an_http_request_is_still_redirected_to_https_when_the_page_is_cached(client, settings):
    item = published("Tin chỉ qua https")
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(item.get_absolute_url(), secure=True).status_code == 200
    response = client.get(item.get_absolute_url())
    assert response.status_code == 301 and response["Location"].startswith("https://")


def test_an_unknown_host_is_refused_even_for_a_cached_page(client):
    client.get("/")
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def _cookie_setting_page(request):
    from django.http import HttpResponse

    _cookie_setting_page.calls += 1
    response = HttpResponse(f"call {_cookie_setting_page.calls}")
    response.set_cookie("chosen", "1")
    return response


_cookie_setting_page.calls = 0


def _plain_page(request):
    from django.http import HttpResponse

    _plain_page.calls += 1
    return HttpResponse(f"call {_plain_page.calls}")


_plain_page.calls = 0


def _urlpatterns():
    from django.urls import path

    from articles.cache import public_page

    return [path("cookie/", public_page(_cookie_setting_page)), path("plain/", public_page(_plain_page))]


urlpatterns = _urlpatterns()


@pytest.mark.urls("tests.articles.test_cache")
def test_a_response_that_sets_a_cookie_is_not_replayed_to_the_next_reader(client):
    assert client.get("/plain/").content == client.__class__().get("/plain/").content  # kept
    first = client.__class__().get("/cookie/")
    second = client.__class__().get("/cookie/")
    assert first.content != second.content and second.cookies["chosen"].value == "1"


def test_a_reader_with_a_session_or_messages_cookie_is_not_answered_from_the_shared_copy(rf):
    from articles.cache import _lane_key

    assert _lane_key(rf.get("/")) is not None
    assert _lane_key(rf.post("/")) is None
    for cookie in ("sessionid", "messages"):
        request = rf.get("/")
        request.COOKIES[cookie] = "anything"
        assert _lane_key(request) is None
