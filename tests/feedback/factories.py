"""Factories and helpers for feedback tests."""

from django.utils import timezone

from feedback import antiabuse, services
from feedback.models import Draft, Field


def field(slug="ho-tich"):
    return Field.objects.get(slug=slug)


def question_make(kind="question", *, title="Đăng ký khai sinh muộn", body="Con tôi 7 tuổi chưa khai sinh.",
                  email="dan@example.vn", now=None, **extra):
    """A question as if sent through the public form."""
    data = dict(kind=kind, field=field(), title=title, body=body, full_name="Nguyễn Văn Dân", email=email,
                phone="0912345678", address="12 Trần Phú, Hà Tĩnh", now=now)
    data.update(extra)
    return services.question_submit(**data)


def form_data(**overrides):
    """What a citizen types into the question form, with the CAPTCHA solved."""
    question, token = antiabuse.captcha_new()
    answer, _nonce = antiabuse.captcha_solution(token)
    data = {
        "full_name": "Nguyễn Văn Dân", "email": "dan@example.vn", "phone": "0912 345 678",
        "address": "12 Trần Phú, Hà Tĩnh", "field": str(field().pk), "title": "Đăng ký khai sinh muộn",
        "body": "Con tôi 7 tuổi chưa được đăng ký khai sinh, thủ tục thế nào?", "consent": "on",
        "captcha_token": token, "captcha_answer": str(answer), "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def captcha_fields():
    _question, token = antiabuse.captcha_new()
    answer, _nonce = antiabuse.captcha_solution(token)
    return {"captcha_token": token, "captcha_answer": str(answer)}


def draft_make(unit, *, opens=-5, closes=10, title="Dự thảo quy chế phối hợp", **extra):
    now = timezone.now()
    draft = Draft(title=title, summary="Tóm tắt", body="<p>Toàn văn <script>alert(1)</script></p>",
                  drafting_unit=unit, opens_at=now + timezone.timedelta(days=opens),
                  closes_at=now + timezone.timedelta(days=closes), **extra)
    return services.draft_save(draft=draft, actor=None)
