import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_shows_vietnamese_title_and_menu(live_server, page):
    call_command("seed_demo", verbosity=0)
    page.goto(live_server.url + "/")
    assert "Sở Tư pháp" in page.title()
    menu = page.locator("#main-menu")
    assert menu.get_by_role("link", name="Tin tức – Sự kiện").is_visible()
    assert menu.get_by_role("link", name="Hỏi – Đáp").count() >= 1


def test_phone_sized_screen_opens_menu_with_the_toggle(live_server, browser):
    call_command("seed_demo", verbosity=0)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert not page.locator("#main-menu").is_visible()
    page.get_by_role("button", name="Danh mục").click()
    assert page.locator("#main-menu").get_by_role("link", name="Giới thiệu").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    context.close()
