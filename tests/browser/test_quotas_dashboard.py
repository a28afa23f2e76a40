"""The quota dashboard as leadership and a unit leader use it, without JavaScript tricks."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from articles.models import ItemKind, ItemStatus
from core.workdays import LOCAL_TZ
from quotas.selectors import Month
from tests.factories import ItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in(browser, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", **options)
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "domain": host, "path": "/",
    }])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    return context, page, errors


def test_a_unit_leader_drills_down_from_a_figure_to_the_items(browser, live_server, unit, other_unit, carol):
    now = dt.datetime.now(LOCAL_TZ)
    ItemFactory(unit=unit, kind=ItemKind.TIN, status=ItemStatus.SUBMITTED, submitted_at=now,
                title="Tập huấn hòa giải ở cơ sở")
    ItemFactory(unit=other_unit, kind=ItemKind.TIN, status=ItemStatus.SUBMITTED, submitted_at=now,
                title="Tin của huyện")
    context, page, errors = logged_in(browser, live_server, carol)
    page.goto(live_server.url + "/dinh-muc/")
    table = page.locator("table.quota-table")
    row = table.locator("tbody tr", has_text=unit.name)
    assert row.is_visible()
    assert table.get_by_text(other_unit.name).count() == 0
    status = row.locator(".status")
    assert status.inner_text().strip() in ("→ Đúng tiến độ", "! Chậm tiến độ", "✓ Đạt")
    row.get_by_role("link", name="1").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Tin đã gửi")
    assert page.get_by_text("Tập huấn hòa giải ở cơ sở").is_visible()
    assert page.get_by_text("Tin của huyện").count() == 0
    assert not errors
    context.close()


def test_leadership_close_last_month_and_print_the_report(browser, live_server, unit, leo):
    previous = Month.current().shift(-1)
    context, page, errors = logged_in(browser, live_server, leo)
    page.goto(live_server.url + f"/dinh-muc/?thang={previous}")
    assert page.locator("svg[role=img] title").first.text_content().startswith("Toàn Sở")
    page.get_by_role("button", name=f"Chốt số liệu tháng {previous.label}").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"Đã chốt số liệu tháng {previous.label}").is_visible()
    assert page.get_by_role("button", name=f"Mở lại tháng {previous.label}").is_visible()
    page.get_by_role("link", name="Báo cáo để in").click()
    page.wait_for_load_state()
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.get_by_text("BÁO CÁO KẾT QUẢ THỰC HIỆN ĐỊNH MỨC TIN, BÀI").is_visible()
    assert page.locator("table.quota-table").get_by_text(unit.name).is_visible()
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp Excel (.xlsx)").click()
    assert download.value.suggested_filename == f"bao-cao-dinh-muc-{previous}.xlsx"
    assert not errors
    context.close()


def test_the_dashboard_fits_a_phone_screen(browser, live_server, unit, leo):
    context, page, errors = logged_in(browser, live_server, leo, )
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/dinh-muc/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("table.quota-table").is_visible()
    context.close()
