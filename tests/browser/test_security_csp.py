"""The strict Content-Security-Policy in a real browser: the editor, the admin and the
login work, and the browser reports no violation."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


def _page(browser, live_server, user=None):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    if user is not None:
        client = Client()
        client.force_login(user)
        host = live_server.url.split("//", 1)[1].split(":")[0]
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                              "domain": host, "path": "/"}])
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return context, page


def _violations(page):
    return page.evaluate("window.__csp")


def test_the_rich_text_editor_starts_under_the_policy(live_server, browser, alice):
    context, page = _page(browser, live_server, alice)
    page.goto(f"{live_server.url}/bien-tap/gui-tin-bai/")
    page.wait_for_selector(".ck-editor__editable", timeout=15000)
    page.click(".ck-editor__editable")
    page.keyboard.type("Tin thử nghiệm")
    assert "Tin thử nghiệm" in page.inner_text(".ck-editor__editable")
    assert _violations(page) == []
    assert page.errors == []
    context.close()


def test_the_admin_works_under_the_policy(live_server, browser):
    boss = make_user(None, username="root", is_staff=True, is_superuser=True)
    context, page = _page(browser, live_server, boss)
    page.goto(f"{live_server.url}/quan-tri/auth/user/add/")
    page.wait_for_selector("#id_username")
    page.goto(f"{live_server.url}/quan-tri/audit/auditentry/")
    assert _violations(page) == []
    assert page.errors == []
    context.close()


def test_logging_in_works_under_the_policy(live_server, browser, alice):
    context, page = _page(browser, live_server)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "Mat-khau-dai-2026")
    page.click("main form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/lam-viec/")
    assert _violations(page) == []
    context.close()
