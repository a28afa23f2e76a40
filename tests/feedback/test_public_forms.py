"""A citizen asks a question or sends a petition through the public forms."""

import pytest
from django.core import mail
from django.urls import reverse

from core.models import OutgoingEmail
from feedback.models import Question, QuestionStatus

from .factories import form_data

pytestmark = pytest.mark.django_db

ASK = reverse("feedback:question_ask")


def test_citizen_asks_a_question_and_gets_a_tracking_code_and_an_email(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ASK, form_data(), follow=True)
    question = Question.objects.get()
    assert question.status == QuestionStatus.RECEIVED
    assert question.tracking_code.startswith("HD-")
    assert question.tracking_code in response.content.decode()
    assert question.phone == "0912345678"
    assert question.consent_at is not None and question.consent_version == "2026-01"
    assert question.due_at > question.received_at
    assert len(mail.outbox) == 1
    assert question.tracking_code in mail.outbox[0].body
    assert mail.outbox[0].to == ["dan@example.vn"]
    assert question.history.get().action == "submit"


def test_petition_form_creates_a_petition(client):
    client.post(reverse("feedback:petition_send"), form_data(title="Kiến nghị về thủ tục"), follow=True)
    assert Question.objects.get().tracking_code.startswith("PA-")


def test_form_pages_are_not_cached(client):
    response = client.get(ASK)
    assert "no-store" in response["Cache-Control"]
    assert response.status_code == 200
    assert "Sở Tư pháp" in response.content.decode()  # the consent notice says who keeps the data


def test_consent_box_is_unticked_and_required(client):
    page = client.get(ASK).content.decode()
    assert 'name="consent"' in page and "checked" not in page.split('name="consent"')[1].split(">")[0]
    response = client.post(ASK, form_data(consent=None))
    assert response.status_code == 200
    assert Question.objects.count() == 0
    assert "Nguyễn Văn Dân" in response.content.decode()  # what was typed is kept


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("full_name", ""),
        ("title", ""),
        ("body", "   "),
        ("title", "x" * 201),
        ("body", "x" * 5001),
        ("full_name", "y" * 101),
        ("address", "z" * 301),
        ("email", "khong-phai-email"),
        ("phone", "12345"),
        ("phone", "0112345678"),
        ("body", "\u200b\u200b"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_kept(client, field, value):
    response = client.post(ASK, form_data(**{field: value}))
    assert response.status_code == 200
    assert Question.objects.count() == 0
    form = response.context["form"]
    assert field in form.errors
    assert form.data[field] == value


@pytest.mark.parametrize("phone", ["0912345678", "+84 912 345 678", "84912345678", "091.234.5678",
                                   "0239 3855 555", "(0239) 3855555"])
def test_vietnamese_phone_formats_are_accepted_and_normalised(client, phone):
    client.post(ASK, form_data(phone=phone))
    assert Question.objects.get().phone.startswith("0")


def test_nfd_and_zero_width_text_is_normalised(client):
    import unicodedata

    title = unicodedata.normalize("NFD", "Đăng ký khai sinh") + "\u200b"
    client.post(ASK, form_data(title=title, full_name=unicodedata.normalize("NFD", "Lê Thị Hồng")))
    question = Question.objects.get()
    assert question.title == "Đăng ký khai sinh"
    assert question.full_name == "Lê Thị Hồng"


def test_html_in_fields_is_stored_as_text_and_shown_escaped(client, sam):
    client.post(ASK, form_data(title="<script>alert(1)</script>", body="<b onmouseover=x>hi</b>"))
    question = Question.objects.get()
    client.force_login(sam)
    page = client.get(question.get_staff_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b onmouseover" not in page


def test_honeypot_filled_by_a_robot_is_refused(client):
    response = client.post(ASK, form_data(website="http://spam.example"))
    assert Question.objects.count() == 0
    assert "Không thể tiếp nhận nội dung bạn gửi" in response.content.decode()


def test_wrong_captcha_is_refused_and_a_new_one_is_asked(client):
    data = form_data(captcha_answer="999")
    response = client.post(ASK, data)
    assert Question.objects.count() == 0
    assert "captcha_answer" in response.context["form"].errors
    assert response.context["form"].data["captcha_token"] != data["captcha_token"]
    assert response.context["form"].data["title"] == data["title"]


def test_captcha_token_cannot_be_replayed(client):
    data = form_data()
    client.post(ASK, data)
    client.post(ASK, data)
    assert Question.objects.count() == 1


def test_forged_captcha_token_is_refused(client):
    client.post(ASK, form_data(captcha_token="forged", captcha_answer="2"))
    assert Question.objects.count() == 0


def test_captcha_can_be_switched_off(client, settings):
    settings.FEEDBACK_CAPTCHA = False
    client.post(ASK, form_data(captcha_token=None, captcha_answer=None))
    assert Question.objects.count() == 1


def test_csrf_is_enforced(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(ASK, form_data())
    assert response.status_code == 403
    assert Question.objects.count() == 0


def test_rate_limit_per_email(client, settings):
    settings.FEEDBACK_RATE_LIMIT_EMAIL = (2, 3600)
    for n in range(3):
        response = client.post(ASK, form_data(title=f"Câu hỏi {n}"), REMOTE_ADDR=f"10.0.0.{n}")
    assert Question.objects.count() == 2
    assert "Quá nhiều lượt gửi" in response.content.decode()


def test_rate_limit_per_ip(client, settings):
    settings.FEEDBACK_RATE_LIMIT_IP = (2, 3600)
    for n in range(3):
        client.post(ASK, form_data(email=f"dan{n}@example.vn"), REMOTE_ADDR="10.9.9.9")
    assert Question.objects.count() == 2


def test_cache_down_fails_open_with_a_warning(client, monkeypatch, caplog):
    """A Redis outage must never block a citizen: the limit is skipped and a warning logged."""
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(cache, "add", broken)
    monkeypatch.setattr(cache, "incr", broken)
    with caplog.at_level("WARNING", logger="feedback.antiabuse"):
        client.post(ASK, form_data())
    assert Question.objects.count() == 1
    assert "cache unavailable" in caplog.text


def test_mail_server_down_keeps_the_question_and_sends_later(client, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 1
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ASK, form_data(), follow=True)
    question = Question.objects.get()
    assert question.tracking_code in response.content.decode()
    email = OutgoingEmail.objects.get(key=f"feedback:q{question.pk}:received")
    assert email.status == OutgoingEmail.Status.PENDING and email.attempts == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from core.tasks import outbox_drain

    outbox_drain()
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
    assert question.tracking_code in mail.outbox[-1].body


def test_broker_down_keeps_the_question_and_the_email_task(client, monkeypatch, django_capture_on_commit_callbacks):
    import core.outbox
    from core.models import OutboxTask

    def broker_down(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(core.outbox, "_publish", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, form_data(), follow=True)
    assert Question.objects.count() == 1
    assert OutboxTask.objects.filter(task_name="core.tasks.email_deliver").exists()
    assert mail.outbox == []
    monkeypatch.undo()
    core.outbox.outbox_drain()
    assert len(mail.outbox) == 1


def test_attachment_is_validated_by_content(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("giay-to.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(ASK, {**form_data(), "attachment": fake})
    assert Question.objects.count() == 0
    assert "attachment" in response.context["form"].errors


def test_valid_image_attachment_is_stored_for_staff(client, sam):
    from tests.factories import image_upload

    client.post(ASK, {**form_data(), "attachment": image_upload("anh.jpg")})
    question = Question.objects.get()
    assert question.attachment_name == "anh.jpg"
    client.force_login(sam)
    response = client.get(reverse("feedback:staff_attachment", args=[question.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("backend", [
    "django.core.cache.backends.redis.RedisCache",
    # The production backend swallows errors and answers add() with False, like a replayed token.
    "operations.cache.TolerantRedisCache",
])
def test_unreachable_redis_cache_fails_open(client, settings, caplog, backend):
    """With the cache pointed at a Redis that is not running, citizens can still send questions."""
    settings.CACHES = {
        "default": {
            "BACKEND": backend,
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    with caplog.at_level("WARNING", logger="feedback.antiabuse"):
        response = client.post(ASK, form_data())
    # Not followed: rendering any page needs the department from the cache (portal's context processor).
    assert response.status_code == 302 and response["Location"] == reverse("feedback:submitted")
    assert Question.objects.count() == 1
    assert "Rate limit not checked" in caplog.text and "CAPTCHA replay not checked" in caplog.text


def test_english_form_page(client):
    response = client.get("/en/hoi-dap/gui-cau-hoi/")
    assert response.status_code == 200
    assert "Ask a question" in response.content.decode()


def test_english_form_offers_fields_of_law_in_english(client):
    from feedback.models import Field

    Field.objects.filter(slug="ho-tich").update(name_en="Civil status")
    html = client.get("/en/hoi-dap/gui-cau-hoi/").content.decode()
    assert ">Civil status<" in html and ">Hộ tịch<" not in html
    assert ">Hộ tịch<" in client.get(ASK).content.decode()


def test_the_confirmation_email_is_signed_by_the_department(client, django_capture_on_commit_callbacks):
    from organisation.selectors import department_get

    with django_capture_on_commit_callbacks(execute=True):
        client.post(ASK, form_data(), follow=True)
    body = mail.outbox[0].body
    department = department_get()
    assert "\n--\n" in body and department.name in body.split("\n--\n", 1)[1]


def test_a_wrong_email_gets_a_clear_vietnamese_message_and_the_text_stays(client):
    response = client.post(ASK, form_data(email="dan@@example"))
    html = response.content.decode()
    assert "Địa chỉ thư điện tử không hợp lệ" in html and "Nhập địa chỉ email." not in html
    assert 'value="dan@@example"' in html
