import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from legaldocs.models import DocumentType, IssuingBody, LegalDocument
from legaldocs.services import document_save
from organisation.roles import Role
from publicinfo.models import ScheduleEntry
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_finds_a_decision_by_typing_its_number_without_accents(live_server, page):
    document_save(
        LegalDocument(
            number="15/2024/QĐ-UBND",
            doc_type=DocumentType.objects.get(name="Quyết định"),
            issuing_body=IssuingBody.objects.create(name="Ủy ban nhân dân tỉnh"),
            issued_on=datetime.date(2024, 3, 18),
            summary="Ban hành Quy chế phối hợp quản lý hộ tịch",
        )
    )
    page.goto(live_server.url + "/van-ban/")
    page.get_by_label("Số ký hiệu hoặc từ khóa").fill("15/2024/QD-UBND")
    page.get_by_role("button", name="Tìm kiếm").last.click()
    page.get_by_role("link", name="15/2024/QĐ-UBND").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Quyết định 15/2024/QĐ-UBND"
    assert page.get_by_text("18/03/2024").first.is_visible()


@time_machine.travel("2026-11-18 09:00 +0700", tick=True)
def test_the_weekly_schedule_moves_to_next_week_and_prints_without_the_menu(live_server, page):
    leader = make_user(Role.LEADERSHIP, username="giamdoc", first_name="Minh", last_name="Lê Văn")
    ScheduleEntry.objects.create(
        leader=leader,
        day=datetime.date(2026, 11, 17),
        starts_at=datetime.time(8),
        content="Giao ban lãnh đạo Sở",
        place="Hội trường",
    )
    ScheduleEntry.objects.create(
        leader=leader,
        day=datetime.date(2026, 11, 25),
        starts_at=datetime.time(14),
        content="Hội nghị tổng kết công tác hòa giải",
        place="UBND tỉnh",
    )
    page.goto(live_server.url + "/lich-cong-tac/?tuan=2026-W47")
    assert page.get_by_text("Giao ban lãnh đạo Sở").is_visible()
    assert page.get_by_role("cell", name="Lê Văn Minh").first.is_visible()
    page.get_by_role("link", name="Tuần sau →").click()
    page.wait_for_url("**tuan=2026-W48")
    expect(page.get_by_text("Hội nghị tổng kết công tác hòa giải")).to_be_visible()
    assert page.get_by_text("Thứ Tư, 25/11/2026").is_visible()
    # A print button (static JS, strict CSP) opens the browser's print dialog.
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="In lịch tuần này").click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="In lịch tuần này").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".week-nav").is_visible()
    assert page.get_by_text("Hội nghị tổng kết công tác hòa giải").is_visible()


@time_machine.travel("2026-11-18 09:00 +0700", tick=True)
def test_on_a_phone_each_engagement_reads_as_a_block_not_five_narrow_columns(live_server, browser):
    leader = make_user(Role.LEADERSHIP, username="giamdoc", first_name="Minh", last_name="Lê Văn")
    ScheduleEntry.objects.create(
        leader=leader, day=datetime.date(2026, 11, 17), starts_at=datetime.time(8),
        content="Làm việc với Phòng Tư pháp huyện Cẩm Xuyên về công tác hộ tịch",
        place="UBND huyện Cẩm Xuyên", attendees="Phòng Hành chính tư pháp",
    )
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    phone = context.new_page()
    try:
        phone.goto(live_server.url + "/lich-cong-tac/?tuan=2026-W47")
        content = phone.get_by_text("Làm việc với Phòng Tư pháp huyện Cẩm Xuyên")
        # Before: a column about 70 px wide, one or two words a line.
        assert content.bounding_box()["width"] > 250
        assert phone.get_by_text("Địa điểm: UBND huyện Cẩm Xuyên").count() == 0  # the label is CSS, the text stays clean
        place = phone.locator("td[data-label='Địa điểm']", has_text="UBND huyện Cẩm Xuyên")
        assert place.is_visible() and place.bounding_box()["width"] > 250
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()


def test_on_a_phone_a_legal_document_shows_its_status_without_scrolling_sideways(live_server, browser):
    document_save(
        LegalDocument(
            number="15/2024/QĐ-UBND",
            doc_type=DocumentType.objects.get(name="Quyết định"),
            issuing_body=IssuingBody.objects.create(name="Ủy ban nhân dân tỉnh"),
            issued_on=datetime.date(2024, 3, 18),
            summary="Ban hành Quy chế phối hợp quản lý hộ tịch",
        )
    )
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    phone = context.new_page()
    try:
        phone.goto(live_server.url + "/van-ban/")
        status = phone.locator("td[data-label='Tình trạng'] .badge").first
        box = status.bounding_box()
        # Before: a four-column table whose status column lay beyond the screen's right edge.
        assert status.is_visible() and box["x"] + box["width"] <= 360
        summary = phone.get_by_text("Ban hành Quy chế phối hợp quản lý hộ tịch")
        assert summary.bounding_box()["width"] > 250
    finally:
        context.close()
