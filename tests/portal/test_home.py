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
