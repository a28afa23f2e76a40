import pytest
from django.core.management import call_command

from articles.models import ItemStatus
from tests.factories import ItemFactory


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)


def test_home_page_is_vietnamese_with_department_menu_search_and_footer(client, demo):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in html
    assert "Sở Tư pháp tỉnh Hà Tĩnh" in html
    for section in ("Giới thiệu", "Tin tức – Sự kiện", "Phổ biến, giáo dục pháp luật", "Thủ tục hành chính", "Hỏi – Đáp"):
        assert section in html
    assert 'role="search"' in html
    assert "0239 3855 678" in html and "stp@hatinh.gov.vn" in html
    assert 'name="viewport"' in html


def test_english_home_page_uses_english_chrome(client, demo):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "Ha Tinh Department of Justice" in html


def test_seed_demo_is_idempotent(demo):
    from django.contrib.auth import get_user_model

    from articles.models import Item

    users, items = get_user_model().objects.count(), Item.objects.count()
    call_command("seed_demo", verbosity=0)
    assert get_user_model().objects.count() == users and Item.objects.count() == items


def test_unknown_page_gives_translated_404(client, db):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_health_check_answers(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_published_item_appears_on_home(client, db):
    ItemFactory(title="Hội nghị tổng kết công tác tư pháp", status=ItemStatus.PUBLISHED)
    assert "Hội nghị tổng kết công tác tư pháp" in client.get("/").content.decode()


def _home_queries(client, url="/"):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # a cold page, the worst case
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def _links_and_unit_items(n, start=0):
    from django.utils import timezone

    from publicinfo.models import WebLink
    from sharing.models import ComponentItem, ComponentSite

    site = ComponentSite.objects.get_or_create(
        name="Phòng Tư pháp huyện Kỳ Anh", feed_url="https://kyanh.example.vn/rss"
    )[0]
    for i in range(start, start + n):
        WebLink.objects.create(name=f"Cổng thông tin {i}", url=f"https://lienket{i}.example.vn/", order=i)
        ComponentItem.objects.create(
            site=site, guid=f"g{i}", title=f"Tin đơn vị số {i}", link=f"https://kyanh.example.vn/{i}",
            published_at=timezone.now() - timezone.timedelta(minutes=i),
        )


def test_home_shows_web_links_and_news_from_the_units_in_fixed_queries(client, db):
    """The web-link and "from the units" blocks each add one query, however many rows there are."""
    ItemFactory(title="Hội nghị tổng kết", status=ItemStatus.PUBLISHED)
    html, empty = _home_queries(client)
    assert "Chưa có tin nào từ các đơn vị" in html or "Tin từ các đơn vị" in html
    _links_and_unit_items(2)
    html, few = _home_queries(client)
    assert "Tin từ các đơn vị" in html and "Liên kết web" in html
    assert "Tin đơn vị số 0" in html and "Phòng Tư pháp huyện Kỳ Anh" in html
    assert 'href="https://lienket0.example.vn/"' in html
    assert 'href="/tu-cac-don-vi/"' in html and 'href="/lien-ket/"' in html
    assert "publicinfo/publicinfo" in html  # the block style is loaded
    _links_and_unit_items(30, start=2)
    html, many = _home_queries(client)
    assert many == few == empty
    assert html.count("Tin đơn vị số") == 5  # the five newest only
    assert "Tin đơn vị số 5" not in html
    assert few == 14  # cold: the lists' keys, then one query for every row not in the cache
    english, _ = _home_queries(client, "/en/")
    assert "From the units" in english and "Web links" in english


def test_english_pages_name_the_department_in_english_in_title_header_and_footer(client, demo):
    html = client.get("/en/").content.decode()
    assert "<title>Ha Tinh Department of Justice</title>" in html
    assert '<p class="footer-name">Ha Tinh Department of Justice</p>' in html
    html = client.get("/en/khong-ton-tai/").content.decode()
    assert "Page not found – Ha Tinh Department of Justice" in html
    vietnamese = client.get("/").content.decode()
    assert '<p class="footer-name">Sở Tư pháp tỉnh Hà Tĩnh</p>' in vietnamese


def test_pages_declare_an_icon_so_browsers_do_not_ask_for_a_missing_favicon(client, db):
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/emblem.svg" type="image/svg+xml">' in html
