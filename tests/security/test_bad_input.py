"""The bad-input corpus against every form and upload path the site has.

Forms are discovered: every page without arguments is opened as a visitor and as
staff, and every form on it is filled in with careful values, then each bad input
replaces them. Nothing may answer 500, nothing we sent may run in a page, no stored
file may carry markup, and no form post may publish or move work to another unit.
"""

import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client

from articles.models import Item, ItemStatus

from .corpus import EMAIL_CRLF, FILE_CASES, MARKER, TEXT_CASES, dangerous_markup, jpeg_bytes
from .forms import baseline, forms_in, text_field_names
from .urls import public_urls_without_arguments, staff_urls_without_arguments

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _forms_accept_careful_input(settings):
    """The citizens' forms' CAPTCHA and rate limits would stop the payloads before they are stored."""
    settings.FEEDBACK_CAPTCHA = False
    settings.FEEDBACK_RATE_LIMIT_IP = (100000, 3600)
    settings.FEEDBACK_RATE_LIMIT_EMAIL = (100000, 3600)
    settings.FEEDBACK_RATE_LIMIT_LOOKUP = (100000, 3600)


SKIP_FORMS = {"/tai-khoan/dang-xuat/", "/i18n/setlang/"}


def _image():
    return SimpleUploadedFile("anh.jpg", jpeg_bytes(), content_type="image/jpeg")


def _client(user=None):
    client = Client(raise_request_exception=True)
    if user is not None:
        client.force_login(user)
    return client


def _discover(user, urls):
    """(page url, form) for every form on the pages, once per target."""
    client = _client(user)
    found, seen = [], set()
    for _name, url in urls:
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in forms_in(response.content.decode()):
            target = form.action or url
            if target in SKIP_FORMS or (form.method, target) in seen:
                continue
            seen.add((form.method, target))
            found.append((url, form))
    return found


def _send(client, url, form, data):
    target = form.action or url
    if form.method == "get":
        return client.get(target, {k: v for k, v in data.items() if isinstance(v, str)})
    return client.post(target, data)


def _check(response, where):
    assert response.status_code < 500, where
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        findings = dangerous_markup(response.content.decode())
        assert not findings, (where, findings)


@pytest.fixture
def forms(alice, sam):
    public = public_urls_without_arguments()
    staff = staff_urls_without_arguments()
    return [(None, *f) for f in _discover(None, public)] + [
        (user, *f) for user in (alice, sam) for f in _discover(user, staff)
    ]


def test_the_detector_flags_every_unescaped_payload_and_not_the_page_s_own_numbers():
    """The checks below are only as good as this detector: each raw payload is a finding,
    while a JSON-LD date whose microseconds happen to read 1337 is not."""
    for payload in TEXT_CASES:
        if "<" in payload and "noscript" not in payload and "math" not in payload:
            assert dangerous_markup(f"<main>{payload}</main>"), payload
    page = '<script type="application/ld+json">{"datePublished": "2026-11-22T20:24:11.413370"}</script>'
    assert not dangerous_markup(page.replace("413370", "133700"))


def test_the_corpus_reaches_the_public_forms(forms):
    targets = {form.action or url for user, url, form in forms if user is None}
    assert "/tai-khoan/dang-nhap/" in targets and "/tim-kiem/" in targets
    assert any("hoi-dap" in t or "phan-anh" in t for t in targets), targets


def test_a_careful_citizen_gets_through_the_question_form(forms):
    """The corpus is only meaningful if a form filled in carefully is accepted."""

    question_forms = [(u, url, f) for u, url, f in forms if u is None and "hoi-dap/gui" in (f.action or url)]
    if not question_forms:
        pytest.skip("feedback's question form is not there yet")
    user, url, form = question_forms[0]
    response = _send(_client(), url, form, baseline(form, _image))
    assert response.status_code == 302, response.content.decode()[:2000]


def test_text_payloads_in_every_field_never_break_or_run(forms):
    for user, url, form in forms:
        fields = text_field_names(form)
        if not fields:
            continue
        client = _client(user)
        for case, payload in TEXT_CASES:
            data = baseline(form, _image)
            data.update({name: payload for name in fields})
            _check(_send(client, url, form, data), (user and user.username, url, form.action, case))


def test_email_fields_refuse_header_injection(forms):
    from django.core import mail

    for user, url, form in forms:
        emails = [name for kind, name, _, _ in form.fields if kind == "email" or "email" in name]
        if not emails:
            continue
        data = baseline(form, _image)
        data.update({name: EMAIL_CRLF for name in emails})
        _check(_send(_client(user), url, form, data), (url, form.action, "crlf"))
    for message in mail.outbox:
        assert "everyone@example.vn" not in message.recipients()


def test_every_bad_file_on_every_upload_path_is_refused_or_made_harmless(forms):
    uploads = [(user, url, form) for user, url, form in forms if form.names("file")]
    for user, url, form in uploads:
        client = _client(user)
        for case, name, content, _refused in FILE_CASES:
            data = baseline(form, _image)
            for field in form.names("file"):
                data[field] = SimpleUploadedFile(name, content)
            _check(_send(client, url, form, data), (url, form.action, case))
        data = baseline(form, _image)
        data[form.names("file")[0]] = [SimpleUploadedFile(f"anh-{i}.jpg", jpeg_bytes()) for i in range(101)]
        response = _send(client, url, form, data)
        assert response.status_code == 400 or response.status_code < 500, (url, "101 files")
    _assert_stored_files_carry_no_markup()


def test_the_unchecked_ckeditor_upload_endpoint_is_not_routed(sam):
    """django_ckeditor_5's own upload view stores the bytes as sent (no re-encoding, no pixel
    cap: a 400-megapixel PNG is a 500). The editor uses articles:editor_image_upload instead,
    so `path("ckeditor5/", include("django_ckeditor_5.urls"))` must not be in portal/urls.py."""
    from django.urls import NoReverseMatch, reverse

    with pytest.raises(NoReverseMatch):
        reverse("ck_editor_5_upload_file")


def test_the_editor_upload_endpoint_re_encodes_or_refuses(sam):
    from .corpus import FILE_CASES

    client = _client(sam)
    for endpoint in ("/bien-tap/anh/tai-len/",):
        for case, name, content, _refused in FILE_CASES:
            if case == "50mb":
                continue
            response = client.post(endpoint, {"upload": SimpleUploadedFile(name, content)})
            assert response.status_code < 500, (endpoint, case)
    _assert_stored_files_carry_no_markup()


def test_a_form_post_cannot_publish_or_choose_another_unit(forms, other_unit, bob):
    published = set(Item.objects.filter(status=ItemStatus.PUBLISHED).values_list("pk", flat=True))
    for user, url, form in forms:
        if user is None or form.method != "post":
            continue
        data = baseline(form, _image)
        data.update(status="published", unit=str(other_unit.pk), unit_id=str(other_unit.pk),
                    author=str(bob.pk), published_at="2026-01-01T00:00", is_superuser="on", is_staff="on")
        _check(_send(_client(user), url, form, data), (url, form.action, "tamper"))
        user.refresh_from_db()
        assert not user.is_superuser
    assert set(Item.objects.filter(status=ItemStatus.PUBLISHED).values_list("pk", flat=True)) == published
    assert not Item.objects.filter(unit=other_unit).exclude(author=bob).exists()


def test_a_raw_post_bypassing_the_editor_is_sanitised(forms):
    """Whatever reaches the database through any form, the pages that show it run nothing."""
    for user, url, form in forms:
        fields = text_field_names(form)
        if form.method != "post" or not fields:
            continue
        data = baseline(form, _image)
        data.update({name: "".join(payload for _, payload in TEXT_CASES[:10]) for name in fields})
        _send(_client(user), url, form, data)
    _assert_pages_run_nothing()


def test_login_refuses_an_outside_next(client, alice):
    response = client.post("/tai-khoan/dang-nhap/?next=//evil.example/",
                           {"username": "alice", "password": "Mat-khau-dai-2026", "next": "//evil.example/"})
    assert response.status_code == 302 and "evil.example" not in response["Location"]


def test_a_100000_character_search_answers_quickly_and_cleanly(client):
    import time

    started = time.monotonic()
    response = client.get("/tim-kiem/", {"q": "pháp luật " * 10000})
    assert response.status_code in {200, 400}
    assert time.monotonic() - started < 10


def test_text_is_stored_normalised_without_invisible_characters(forms):
    for user, url, form in forms:
        fields = text_field_names(form)
        if form.method != "post" or not fields:
            continue
        data = baseline(form, _image)
        data.update({name: f"Tie\u0302\u0301ng Vie\u0323\u0302t\u200b\u202e {MARKER}" for name in fields})
        _send(_client(user), url, form, data)
    for model, field, value in _stored_text(MARKER):
        assert "\u200b" not in value and "\u202e" not in value, (model, field)
        assert "Tiếng Việt" in value or "Tie\u0302\u0301ng" not in value, (model, field)


def test_exports_show_formulas_as_text(forms, olga, hana, sam):
    formula = '=HYPERLINK("http://evil.example/","Bấm")'
    for user, url, form in forms:
        fields = text_field_names(form)
        if form.method != "post" or not fields:
            continue
        data = baseline(form, _image)
        data.update({name: formula for name in fields})
        _send(_client(user), url, form, data)
    from openpyxl import load_workbook

    for user in (olga, hana, sam):
        client = _client(user)
        for _name, url in staff_urls_without_arguments():
            if not url.endswith((".xlsx", ".csv")):
                continue
            response = client.get(url)
            if response.status_code != 200:
                continue
            if url.endswith(".csv"):
                cells = [c for line in response.content.decode("utf-8-sig").splitlines() for c in line.split(",")]
            else:
                book = load_workbook(io.BytesIO(response.content))
                cells = [c.value for sheet in book for row in sheet.iter_rows() for c in row]
            assert not any(isinstance(c, str) and c.lstrip().startswith("=") and "evil" in c for c in cells), url


# --- what was stored ---------------------------------------------------------------------------


def _stored_text(marker):
    for model in apps.get_models():
        text_fields = [f for f in model._meta.fields if isinstance(f, (models.CharField, models.TextField))]
        for field in text_fields:
            for value in model._default_manager.filter(**{f"{field.name}__contains": marker}).values_list(
                field.name, flat=True
            ):
                yield model._meta.label, field.name, value


def _assert_stored_files_carry_no_markup():
    for model in apps.get_models():
        file_fields = [f for f in model._meta.fields if isinstance(f, models.FileField)]
        for field in file_fields:
            for obj in model._default_manager.exclude(**{field.name: ""}):
                stored = getattr(obj, field.name)
                try:
                    with stored.open("rb") as handle:
                        head = handle.read().lower()
                except (FileNotFoundError, ValueError):
                    continue
                if stored.name.lower().endswith(".pdf"):
                    assert not head.lstrip().startswith(b"<"), stored.name
                    continue
                for signature in (b"<script", b"<svg", b"<html", b"onerror", b"<iframe"):
                    assert signature not in head, (model._meta.label, stored.name, signature)


def _assert_pages_run_nothing():
    client = _client()
    urls = [url for _, url in public_urls_without_arguments()]
    for model in apps.get_models():
        if hasattr(model, "get_absolute_url"):
            for obj in model._default_manager.all()[:30]:
                try:
                    urls.append(obj.get_absolute_url())
                except Exception:  # noqa: BLE001 - a model whose URL needs more context
                    continue
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            assert not dangerous_markup(response.content.decode()), url
