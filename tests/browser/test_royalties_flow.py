"""A royalty from proposal to payment, through the pages people use."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from articles.models import ItemStatus
from core.workdays import LOCAL_TZ
from royalties import services
from royalties.models import RecordStatus, Statement
from tests.factories import ItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in(browser, live_server, user):
    """A browser context with the user's session (the login page itself is tested by accounts)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return context, page, errors


def test_a_royalty_goes_from_proposal_to_payment(browser, live_server, alice, sam, hana, olga):
    published = dt.datetime.now(LOCAL_TZ) - dt.timedelta(hours=2)
    item = ItemFactory(
        author=alice,
        unit=None,
        status=ItemStatus.PUBLISHED,
        published_at=published,
        title="Tập huấn nghiệp vụ hộ tịch",
    )
    [record] = services.royalties_on_publication(item=item)
    record_url = f"{live_server.url}/nhuan-but/ho-so/{record.pk}/"

    context, page, errors = logged_in(browser, live_server, sam)
    page.goto(record_url)
    page.fill("#id_coefficient", "5")
    page.click("button:has-text('Đề xuất')")
    assert "phải từ 1 đến 3" in page.inner_text(".form-errors")
    assert page.input_value("#id_coefficient") == "5"
    # Typed the Vietnamese way, key by key: a number input in Chromium dropped the comma ("25").
    page.fill("#id_coefficient", "")
    page.locator("#id_coefficient").press_sequentially("2,5")
    page.fill("#id_note", "Tin có ảnh, đúng hạn")
    page.click("button:has-text('Đề xuất')")
    assert "Đã đề xuất hệ số" in page.inner_text(".messages")
    assert "250.000 đ" in page.inner_text(".record-facts")
    context.close()

    context, page, errors = logged_in(browser, live_server, hana)
    page.goto(record_url)
    page.check("input[name=decision][value=approve]")
    page.click("button:has-text('Ghi nhận quyết định')")
    assert "Đã duyệt." in page.inner_text(".messages")
    context.close()

    context, page, errors = logged_in(browser, live_server, olga)
    page.goto(f"{live_server.url}/nhuan-but/bang-ke/")
    month = dt.datetime.now(LOCAL_TZ)
    page.select_option("#id_year", str(month.year))
    page.select_option("#id_month", str(month.month))
    page.click("button:has-text('Lập')")
    assert "Bằng chữ: Hai trăm năm mươi nghìn đồng." in page.inner_text(".in-words")
    assert "Tập huấn nghiệp vụ hộ tịch" in page.inner_text(".statement-table")
    page.emulate_media(media="print")
    assert not page.is_visible(".site-header")
    assert not page.is_visible(".statement-actions")
    assert page.is_visible(".statement-table")
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.click("text=Tải Excel")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.fill("#id_reference", "UNC 77/2026")
    page.click("button:has-text('Xác nhận đã chi')")
    assert "Đã xác nhận chi bảng kê" in page.inner_text(".messages")
    assert errors == []
    context.close()

    record.refresh_from_db()
    assert record.status == RecordStatus.PAID
    assert Statement.objects.get().paid_reference == "UNC 77/2026"
