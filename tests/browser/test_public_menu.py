"""The phone menu as a keyboard user works it: open with the button, close with Escape."""

import pytest

from tests.articles.factories import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_escape_closes_the_phone_menu_and_returns_to_its_button(live_server, browser):
    published("Tin đầu tiên")
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name="Danh mục")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#main-menu").is_visible()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#main-menu").is_visible()
    assert page.evaluate("document.activeElement.className") == "menu-toggle"
    assert not errors
    context.close()


def test_a_page_shown_again_by_the_back_button_has_its_submit_buttons_enabled(live_server, browser):
    published("Tin đầu tiên")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const b = document.querySelector('.search-form button'); b.form.setAttribute('data-once', '');"
        " b.disabled = true; window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true})); }"
    )
    assert page.locator(".search-form button").is_enabled()
    context.close()


def test_without_javascript_a_phone_still_shows_the_menu(live_server, browser):
    published("Tin đầu tiên")
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("#main-menu").is_visible()
    assert page.get_by_role("link", name="Trang chủ").first.is_visible()
    assert not page.locator(".menu-toggle").is_visible()  # a button that could do nothing is hidden
    context.close()


def test_with_javascript_the_phone_menu_starts_closed_and_desktop_shows_it(live_server, browser):
    published("Tin đầu tiên")
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.evaluate("document.documentElement.classList.contains('js')")
    assert not page.locator("#main-menu").is_visible() and page.locator(".menu-toggle").is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator("#main-menu").is_visible() and not page.locator(".menu-toggle").is_visible()
    context.close()
