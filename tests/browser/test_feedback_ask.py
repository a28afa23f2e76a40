"""A citizen asks a question through the real form in Chromium and gets a tracking code."""

import re

import pytest
from django.core import mail

from feedback.models import Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_asks_a_question_and_gets_a_tracking_code(live_server, page):
    page.goto(live_server.url + "/hoi-dap/gui-cau-hoi/")
    assert "Gửi câu hỏi" in page.locator("h1").inner_text()
    page.locator("#id_full_name").fill("Nguyễn Văn Dân")
    page.locator("#id_email").fill("dan@example.vn")
    page.locator("#id_phone").fill("0912 345 678")
    page.locator("#id_field").select_option(label="Hộ tịch")
    page.locator("#id_title").fill("Đăng ký khai sinh muộn")
    page.get_by_label("Câu hỏi của bạn").fill("Con tôi 7 tuổi chưa được khai sinh, thủ tục thế nào?")
    consent = page.locator("#id_consent")
    assert not consent.is_checked()
    consent.check()
    label = page.locator("label[for=id_captcha_answer]").inner_text()
    a, b = map(int, re.findall(r"(\d+) \+ (\d+)", label)[0])
    page.locator("#id_captcha_answer").fill(str(a + b))
    page.get_by_role("button", name="Gửi").click()
    code = page.locator("#tracking-code").inner_text()
    assert re.fullmatch(r"HD-[A-Z2-9]{8}", code)
    assert Question.objects.get().tracking_code == code
    assert not page.locator("input[name=website]").is_visible()
    # The confirmation was queued with the question and delivered after commit.
    assert [m.to for m in mail.outbox] == [["dan@example.vn"]] and code in mail.outbox[0].body


def test_the_public_list_filter_is_one_compact_row(live_server, page):
    page.goto(live_server.url + "/hoi-dap/")
    search = page.locator("form.feedback-filter input[type=search]").bounding_box()
    field = page.locator("form.feedback-filter select").bounding_box()
    button = page.locator("form.feedback-filter button").bounding_box()
    # Before: three full-width controls stacked one under another.
    assert abs(search["y"] - field["y"]) < 15 and abs(search["y"] - button["y"]) < 15
    assert field["width"] < 600
