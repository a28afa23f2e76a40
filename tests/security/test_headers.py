"""What every response tells the browser: CSP without inline scripts, no framing, no sniffing."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _csp(response):
    return {
        part.strip().split()[0]: part.strip().split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }


def test_public_pages_carry_a_strict_content_security_policy(client):
    policy = _csp(client.get("/"))
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert set(policy["script-src"]) - {"'self'"} <= {s for s in policy["script-src"] if s.startswith("'nonce-")}
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_security_headers_are_set(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_has_inline_scripts_or_event_handler_attributes(client, alice):
    client.force_login(alice)
    for url in ["/", "/tai-khoan/dang-nhap/", "/lam-viec/", "/khong-co-trang-nay/"]:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag or "nonce=" in tag, (url, tag)
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), url


def test_the_admin_works_under_the_policy(client):
    from tests.factories import make_user

    boss = make_user(None, username="root", is_staff=True, is_superuser=True)
    client.force_login(boss)
    html = client.get("/quan-tri/auth/user/add/").content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or "application/json" in tag, tag


def test_the_rich_text_editor_loads_from_static_files_only(client, alice):
    from django import forms
    from django_ckeditor_5.widgets import CKEditor5Widget

    class Form(forms.Form):
        body = forms.CharField(widget=CKEditor5Widget())

    html = str(Form()["body"]) + str(Form().media)
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or "application/json" in tag, tag
    assert "/static/django_ckeditor_5/dist/bundle.js" in html


def test_production_sets_hsts_for_a_year_with_subdomains_and_secure_cookies():
    import os
    import subprocess
    import sys

    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.LANGUAGE_COOKIE_SECURE)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(PORTAL_ENV="production", SECRET_KEY="k7$2mZ!pQ9xL@v3Rt8#wN5yB1cF6hJ0sD4gA-uE_iO+oP=aS&dX*zC",
               ALLOWED_HOSTS="stp.example.gov.vn", DJANGO_SETTINGS_MODULE="portal.settings")
    result = subprocess.run([sys.executable, "-c", "import django;django.setup();" + code], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "Lax", "True"], result.stderr
