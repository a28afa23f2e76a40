import feedparser
import pytest

from tests.articles.factories import published

pytestmark = pytest.mark.django_db


def test_site_rss_and_atom_list_published_items(client):
    published("Tin mới nhất của Sở")
    for url in ("/rss/", "/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert [e.title for e in feed.entries] == ["Tin mới nhất của Sở"]


def test_category_feeds_include_children_and_404_for_unknown(client):
    published("Tin phổ biến pháp luật", category="tin-pbgdpl")
    published("Tin hoạt động", category="hoat-dong-cua-so")
    for url in (
        "/chuyen-muc/pho-bien-giao-duc-phap-luat/rss/",
        "/chuyen-muc/pho-bien-giao-duc-phap-luat/atom/",
    ):
        feed = feedparser.parse(client.get(url).content)
        assert [e.title for e in feed.entries] == ["Tin phổ biến pháp luật"]
    assert client.get("/chuyen-muc/khong-co/rss/").status_code == 404


def test_english_feed_lists_english_items(client):
    published("Legal aid news", language="en")
    published("Tin tiếng Việt")
    feed = feedparser.parse(client.get("/en/rss/").content)
    assert [e.title for e in feed.entries] == ["Legal aid news"]


def test_sitemap_lists_items_categories_and_pages(client):
    item = published("Tin trong sơ đồ trang")
    xml = client.get("/sitemap.xml").content.decode()
    assert item.get_absolute_url() in xml and "/chuyen-muc/tin-tuc-su-kien/" in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_staff_pages_out(client):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text and "Disallow: /quan-tri/" in text
