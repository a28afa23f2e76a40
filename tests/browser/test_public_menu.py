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
