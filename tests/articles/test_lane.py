"""The ASGI page lane (articles/lane.py): what production's server answers before Django.

Each test drives a fresh `PublicPageLane(DjangoThread(...))` (portal/asgi.py) with ASGI
messages against a real Redis, the way uvicorn does: the lane's bytes, headers, visit
counters and invalidation are checked as a reader and the nightly statistics see them.
"""

import uuid

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings as django_settings

from articles.models import DailyVisits, Item
from articles.services import item_visibility_changed, public_cache_invalidate
from tests.articles.factories import published
from tests.asgi import asgi_request, django_on_test_thread

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = ("content-security-policy", "x-frame-options", "referrer-policy", "x-content-type-options")


def _redis_location():
    import redis

    url = django_settings.REDIS_URL or "redis://127.0.0.1:6379/13"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {url}: the page lane needs a real one")
    return url


@pytest.fixture
def redis_cache(settings):
    """The default cache on a real Redis under a key prefix of this test's own."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "operations.cache.TolerantRedisCache",
            "LOCATION": _redis_location(),
            "KEY_PREFIX": f"lane-test-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    settings.PUBLIC_PAGE_CACHE = True
    return settings


def new_lane(**options):
    """A lane that re-reads the generation and adds views to Redis at every request, unless told."""
    from articles.lane import PublicPageLane

    return PublicPageLane(django_on_test_thread(), **{"generation_ttl": 0, "visit_batch_seconds": 0, **options})


@pytest.fixture
def lane(redis_cache):
    return new_lane()


def asgi_get(app, path, *, query="", headers=(), method="GET", scheme="http", host="testserver"):
    """(status, headers dict, body) of one request through `app`, as uvicorn would send it."""
    messages = asgi_request(app, path, method=method, scheme=scheme, host=host, query=query.encode(),
                            headers=[(k.encode(), v.encode()) for k, v in headers])
    start = messages[0]
    body = b"".join(message.get("body", b"") for message in messages[1:])
    return start["status"], {k.decode().lower(): v.decode() for k, v in start["headers"]}, body


def pending_views(item=None):
    from django.core.cache import cache
    from django.utils import timezone

    from articles.visits import _item_key, _site_key

    day = timezone.localdate().strftime("%Y%m%d")
    return int(cache.get(_item_key(day, item.pk) if item else _site_key(day)) or 0)


def test_a_stored_page_is_answered_with_the_same_bytes_and_headers_without_rendering(lane):
    item = published("Tin trong làn nhanh")
    status, headers, first = asgi_get(lane, item.get_absolute_url())
    assert status == 200 and "Tin trong làn nhanh" in first.decode()
    # A change the page cache is not told of: only a rendering would show it.
    Item.objects.filter(pk=item.pk).update(title="Tiêu đề đổi ngầm")
    again_status, again_headers, again = asgi_get(lane, item.get_absolute_url())
    assert again_status == 200 and again == first
    assert again_headers["content-length"] == str(len(first))
    for header in SECURITY_HEADERS:
        assert again_headers[header] == headers[header], header
    # The worker's own copy answers the third time, and still with the same page.
    assert asgi_get(lane, item.get_absolute_url())[2] == first


def test_a_publication_shows_at_once_even_on_pages_a_worker_kept(lane):
    published("Tin cũ trên trang chủ")
    for _ in range(3):  # stored, then kept by the worker
        assert "Tin vừa đăng lên" not in asgi_get(lane, "/")[2].decode()
    fresh = published("Tin vừa đăng lên")
    item_visibility_changed(fresh)
    assert "Tin vừa đăng lên" in asgi_get(lane, "/")[2].decode()


def test_every_answer_counts_one_view_and_the_flush_moves_them_to_the_statistics(lane):
    from articles.visits import visits_flush

    item = published("Tin được đọc nhiều")
    url = item.get_absolute_url()
    site_before = pending_views()
    for _ in range(4):  # rendered, from Redis, then twice from the worker's copy
        assert asgi_get(lane, url)[0] == 200
    assert pending_views(item) == 4
    assert pending_views() == site_before + 4
    public_cache_invalidate()  # the worker's copy is stale: the view is counted once, not twice
    assert asgi_get(lane, url)[0] == 200
    assert pending_views(item) == 5
    visits_flush()
    item.refresh_from_db()
    assert item.view_count == 5
    assert DailyVisits.objects.get(item=item).count == 5


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_worker_trusts_the_generation_it_read_for_one_second(redis_cache):
    """Production's lane: a kept page needs no Redis round trip for a second; a publication
    shows as soon as that second has passed (as through nginx's one-second microcache)."""
    clock = Clock()
    lane = new_lane(generation_ttl=1.0, clock=clock)
    published("Tin cũ trên trang chủ")
    asgi_get(lane, "/")  # rendered and stored
    asgi_get(lane, "/")  # read from Redis and kept
    item_visibility_changed(published("Tin mới đăng"))
    clock.now += 0.5
    assert "Tin mới đăng" not in asgi_get(lane, "/")[2].decode()
    clock.now += 0.6
    assert "Tin mới đăng" in asgi_get(lane, "/")[2].decode()


def test_views_are_added_to_redis_in_batches_and_none_is_lost(redis_cache):
    clock = Clock()
    lane = new_lane(generation_ttl=1.0, visit_batch_seconds=1.0, clock=clock)
    item = published("Tin đếm theo đợt")
    url = item.get_absolute_url()
    asgi_get(lane, url)  # rendered by Django, which counts at once
    for _ in range(3):
        asgi_get(lane, url)
    assert pending_views(item) == 1  # three views wait in the worker's memory
    clock.now += 1.5
    asgi_get(lane, url)  # its generation is re-read: the three go to Redis in that round trip
    assert pending_views(item) == 4
    async_to_sync(lane._flush)()  # what the timer does a second later if no request comes
    assert pending_views(item) == 5


def test_head_gets_the_headers_of_the_stored_page_and_no_body(lane):
    item = published("Tin hỏi bằng HEAD")
    _status, _headers, body = asgi_get(lane, item.get_absolute_url())
    status, headers, head_body = asgi_get(lane, item.get_absolute_url(), method="HEAD")
    assert status == 200 and head_body == b"" and headers["content-length"] == str(len(body))


def test_readers_with_a_session_or_messages_cookie_get_a_fresh_page(lane):
    item = published("Tin cho người có phiên")
    asgi_get(lane, item.get_absolute_url())
    Item.objects.filter(pk=item.pk).update(title="Tiêu đề mới nhất")
    for cookie in ("sessionid=abc", "messages=xyz"):
        body = asgi_get(lane, item.get_absolute_url(), headers=[("cookie", cookie)])[2].decode()
        assert "Tiêu đề mới nhất" in body, cookie


def test_query_strings_are_distinct_pages(lane):
    published("Tin trang một")
    first = asgi_get(lane, "/tim-kiem/", query="q=trang+mot")[2]
    other = asgi_get(lane, "/tim-kiem/", query="q=khong+co+gi")[2]
    assert first != other


def test_an_unknown_host_and_plain_http_are_refused_as_django_would(lane, settings):
    item = published("Tin chỉ qua https")
    assert asgi_get(lane, item.get_absolute_url(), scheme="https")[0] == 200
    assert asgi_get(lane, item.get_absolute_url(), host="evil.example", scheme="https")[0] == 400
    settings.SECURE_SSL_REDIRECT = True
    lane = new_lane()  # Django's middleware reads the setting when the handler starts
    status, headers, _body = asgi_get(lane, item.get_absolute_url())
    assert status == 301 and headers["location"].startswith("https://")


def test_with_redis_unreachable_pages_are_rendered_and_nothing_waits_on_it(lane, settings, caplog):
    item = published("Tin khi Redis dừng")
    settings.CACHES = {
        **settings.CACHES,
        "default": {**settings.CACHES["default"], "LOCATION": "redis://127.0.0.1:1/0"},
    }
    for _ in range(2):
        status, _headers, body = asgi_get(lane, item.get_absolute_url())
        assert status == 200 and "Tin khi Redis dừng" in body.decode()
    assert not lane.enabled()  # stands aside for a while after the failure
    assert any("Page lane" in record.getMessage() for record in caplog.records)


def test_without_redis_the_lane_stands_aside(settings):
    if settings.REDIS_URL:
        pytest.skip("this run's cache is Redis")
    item = published("Tin không có Redis")
    lane = new_lane()
    assert not lane.enabled()
    assert asgi_get(lane, item.get_absolute_url())[0] == 200


def test_local_pages_keep_at_most_their_size_in_bytes():
    from articles.lane import LocalPages

    pages = LocalPages(max_bytes=10)
    pages.put("a", {"content": b"12345"})
    pages.put("b", {"content": b"12345"})
    pages.get("a")  # recently used: stays
    pages.put("c", {"content": b"123"})
    assert pages.get("a") and pages.get("c") and pages.get("b") is None
    assert pages.size == 8
    pages.put("huge", {"content": b"x" * 11})
    assert pages.get("huge") is None and pages.size == 8


def test_production_refuses_an_oversized_body_before_reading_it(settings):
    """portal.asgi's outermost wrapper (operations.middleware.RequestSizeLimitASGI)."""
    from portal.asgi import application

    settings.REQUEST_MAX_BYTES = 1000
    messages = []

    async def receive():
        raise AssertionError("the body was read")

    async def send(message):
        messages.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
        "path": "/hoi-dap/gui/", "raw_path": b"/hoi-dap/gui/", "root_path": "", "query_string": b"",
        "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
        "headers": [(b"host", b"testserver"), (b"content-length", b"5000000")],
    }
    async_to_sync(application)(scope, receive, send)
    assert messages[0]["status"] == 413
    assert "quá lớn" in messages[1]["body"].decode()  # Vietnamese first, like the middleware
