"""A sender follows their submission with the tracking code and their email."""

import pytest
from django.urls import reverse

from .factories import captcha_fields, question_make

pytestmark = pytest.mark.django_db

URL = reverse("feedback:status")


def lookup(client, code, email, **extra):
    return client.post(URL, {"tracking_code": code, "email": email, **captcha_fields(), **extra})


def test_right_code_and_email_show_the_status(client):
    question = question_make()
    response = lookup(client, question.tracking_code.lower(), "DAN@example.vn")
    page = response.content.decode()
    assert question.title in page
    assert "Đã tiếp nhận" in page
    assert "no-store" in response["Cache-Control"]


def test_unknown_code_and_wrong_email_get_the_same_message(client):
    question = question_make()
    unknown = lookup(client, "HD-ZZZZZZZZ", "dan@example.vn")
    wrong_email = lookup(client, question.tracking_code, "ke-gian@example.vn")
    assert unknown.context["not_found"] and wrong_email.context["not_found"]
    assert question.title not in wrong_email.content.decode()

    def message(response):
        text = response.content.decode()
        return text[text.index('role="alert"'):].split("</p>")[0]

    assert message(unknown) == message(wrong_email)
    assert wrong_email.context["form"].data["email"] == "ke-gian@example.vn"


def test_lookups_are_rate_limited(client, settings):
    settings.FEEDBACK_RATE_LIMIT_LOOKUP = (3, 3600)
    question = question_make()
    for _n in range(3):
        lookup(client, "HD-ZZZZZZZZ", "dan@example.vn")
    response = lookup(client, question.tracking_code, "dan@example.vn")
    assert question.title not in response.content.decode()


def test_submitted_page_shows_the_code_only_to_the_sender(client):
    response = client.get(reverse("feedback:submitted"))
    assert response.status_code == 302


@pytest.mark.parametrize("typed", ["{code}", "{code_nodash}", " {code_lower} ", "{code_nodash_lower}"])
def test_the_code_is_found_however_it_is_typed(client, typed):
    question = question_make()
    code = question.tracking_code
    typed = typed.format(code=code, code_nodash=code.replace("-", ""), code_lower=code.lower(),
                         code_nodash_lower=code.replace("-", "").lower())
    response = lookup(client, typed, "dan@example.vn")
    assert code in response.content.decode() and "Không tìm thấy" not in response.content.decode()
