import logging
import socket
import time

import pytest
from django.urls import reverse

from sharing.models import ComponentItem, ComponentSite
from sharing.services import component_site_fetch, component_sites_fetch
from sharing.tasks import component_sites_fetch_task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _short_limits(settings):
    settings.SHARING_FEED_TIMEOUT = 1
    settings.SHARING_FEED_MAX_BYTES = 2 * 1024 * 1024


def site(url, name="Phòng Tư pháp huyện Cẩm Xuyên"):
    return ComponentSite.objects.create(name=name, feed_url=url)


def test_a_good_feed_is_stored_as_plain_text_with_web_links_only(feed_server):
    source = site(f"{feed_server}/good")
    assert component_site_fetch(source) == 2
    first = ComponentItem.objects.get(guid="cx-1")
    assert first.title == "Tuyên truyền Luật Hòa giải ở cơ sở"
    assert "<" not in first.summary and "alert" not in first.summary and "Nội dung" in first.summary
    assert first.link == "https://camxuyen.example.vn/tin/1"
    assert ComponentItem.objects.get(guid="cx-2").link == ""
    source.refresh_from_db()
    assert source.last_success_at and source.last_error == ""


def test_fetching_again_adds_no_duplicates(feed_server):
    source = site(f"{feed_server}/good")
    component_site_fetch(source)
    assert component_site_fetch(source) == 0
    assert ComponentItem.objects.count() == 2


@pytest.mark.parametrize(
    "path,reason",
    [
        ("/malformed", "malformed"),
        ("/huge", "too large"),
        ("/huge-undeclared", "larger than"),
        ("/error", "500"),
        ("/redirect-file", "not allowed"),
        ("/slow", "timed out"),
        ("/trickle", "slower than"),
    ],
)
def test_a_bad_feed_is_skipped_with_a_warning(feed_server, caplog, path, reason):
    source = site(f"{feed_server}{path}")
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="sharing.services"):
        assert component_site_fetch(source) == 0
    assert time.monotonic() - started < 5
    assert any("skipped" in r.getMessage() for r in caplog.records)
    source.refresh_from_db()
    assert source.last_error
    assert reason.lower() in (source.last_error + caplog.text).lower()
    assert not ComponentItem.objects.exists()


def test_a_site_that_is_down_does_not_stop_the_others(feed_server, caplog):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    site(f"http://127.0.0.1:{closed_port}/rss", name="Trang hỏng")
    site(f"{feed_server}/good", name="Trang tốt")
    with caplog.at_level(logging.WARNING, logger="sharing.services"):
        assert component_sites_fetch_task.delay().get() == 2
    assert "Trang hỏng" in caplog.text


def test_inactive_sites_are_not_fetched(feed_server):
    ComponentSite.objects.create(name="Tạm dừng", feed_url=f"{feed_server}/good", active=False)
    assert component_sites_fetch() == 0


def test_the_task_is_scheduled_hourly():
    from sharing.beat import SCHEDULE

    entry = SCHEDULE["sharing-component-sites"]
    assert entry["task"] == "sharing.tasks.component_sites_fetch"
    assert entry["schedule"].hour == set(range(24))


def test_from_units_page_shows_source_and_link_and_never_fetches(client, feed_server, monkeypatch):
    component_site_fetch(site(f"{feed_server}/good"))

    def no_network(*args, **kwargs):
        raise AssertionError("a request must never fetch a feed")

    monkeypatch.setattr("sharing.services.feed_download", no_network)
    html = client.get(reverse("sharing:from_units")).content.decode()
    assert "Phòng Tư pháp huyện Cẩm Xuyên" in html
    assert 'href="https://camxuyen.example.vn/tin/1"' in html
    assert "javascript:" not in html and "<script>alert" not in html
    assert "17/11/2026" in html


def test_from_units_page_uses_a_constant_number_of_queries(client):
    from django.utils import timezone

    from tests.publicinfo.factories import MAX_LIST_QUERIES, page_queries

    sources = [
        ComponentSite.objects.create(name=f"Đơn vị {n}", feed_url=f"https://u{n}.example.vn/rss")
        for n in range(5)
    ]
    ComponentItem.objects.create(site=sources[0], guid="first", title="Tin đầu", published_at=timezone.now())
    few = page_queries(client, reverse("sharing:from_units"))
    for n in range(40):
        ComponentItem.objects.create(
            site=sources[n % 5], guid=str(n), title=f"Tin {n}", published_at=timezone.now()
        )
    assert few == page_queries(client, reverse("sharing:from_units")) <= MAX_LIST_QUERIES


def test_from_units_block(feed_server):
    from django.template import Context, Template

    component_site_fetch(site(f"{feed_server}/good"))
    html = Template("{% load sharing_blocks %}{% from_units_block 1 %}").render(Context())
    assert "Luật Hòa giải" in html and "Tin có liên kết độc" not in html


def test_only_web_feed_urls_are_accepted():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        ComponentSite(name="x", feed_url="file:///etc/passwd").full_clean()
