"""The demo department, crawled: every page reachable by a visitor or by staff of each role
answers without an error and runs none of the corpus' payloads, also after the payloads were
sent to every form found on the way (including pages about one item, which the URL-based
discovery cannot fill in)."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from .corpus import TEXT_CASES, dangerous_markup
from .forms import baseline, forms_in, text_field_names

pytestmark = pytest.mark.django_db
STAFF_ROLES = ["tacgia", "lanhdaophong", "thuky", "bientapvien", "truongban", "giamdoc", "vanphong", "quantri"]
NEVER_FOLLOW = ("/tai-khoan/dang-xuat/", "/i18n/", "/media/", "/static/", "/quan-tri/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href)


def _crawl(client, start, limit):
    seen, queue, pages = {start}, deque([start]), []
    while queue and len(pages) < limit:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code < 500, url
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or "html" not in content_type:
            continue
        html = response.content.decode()
        assert not dangerous_markup(html), (url, dangerous_markup(html))
        pages.append((url, html))
        parser = _Links()
        parser.feed(html)
        for href in parser.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/") or href.startswith(NEVER_FOLLOW):
                continue
            if href.endswith((".xlsx", ".csv", ".pdf", ".docx")):
                continue
            if href not in seen:
                seen.add(href)
                queue.append(href)
    return pages


@pytest.fixture
def demo_site():
    call_command("seed_demo", verbosity=0)


def _login(username):
    client = Client(raise_request_exception=True)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_every_public_page_of_the_demo_site_answers_and_its_forms_hold(demo_site, settings):
    settings.FEEDBACK_CAPTCHA = False
    settings.FEEDBACK_RATE_LIMIT_IP = (100000, 3600)
    settings.FEEDBACK_RATE_LIMIT_EMAIL = (100000, 3600)
    visitor = Client(raise_request_exception=True)
    pages = _crawl(visitor, "/", limit=250)
    assert len(pages) > 30
    sent = set()
    for url, html in pages:
        for form in forms_in(html):
            target = form.action or url
            fields = text_field_names(form)
            if form.method != "post" or not fields or target in sent or target.startswith(NEVER_FOLLOW):
                continue
            sent.add(target)
            for _case, payload in TEXT_CASES[:10]:
                data = baseline(form, lambda: None)
                data = {k: v for k, v in data.items() if v is not None}
                data.update({name: payload for name in fields})
                response = visitor.post(target, data)
                assert response.status_code < 500, (target, _case)
                if response.status_code == 200:
                    assert not dangerous_markup(response.content.decode()), target
    _crawl(Client(raise_request_exception=True), "/", limit=250)


def test_every_page_each_role_can_reach_from_the_workspace_answers(demo_site):
    # One seeded site for all roles: seeding is the slow part.
    for username in STAFF_ROLES:
        pages = _crawl(_login(username), "/lam-viec/", limit=120)
        assert len(pages) > 1, username


def test_item_pages_open_exactly_for_those_the_rules_let_see_them(demo_site):
    """IDOR on real data: every unpublished item of the demo (and a few published ones, and an id
    past the last), tried by every role; the page opens exactly when editorial's rule says so."""
    from articles.models import Item, ItemStatus
    from editorial.permissions import can_view

    unpublished = list(Item.objects.exclude(status=ItemStatus.PUBLISHED).order_by("pk")[:60])
    published = list(Item.objects.filter(status=ItemStatus.PUBLISHED).order_by("pk")[:5])
    assert unpublished
    items = {item.pk: item for item in unpublished + published}
    missing = Item.objects.order_by("-pk").values_list("pk", flat=True).first() + 1
    mismatches, outcomes = [], set()
    for username in STAFF_ROLES + ["tacgia.huyen", "congtacvien"]:
        user = get_user_model().objects.get(username=username)
        client = _login(username)
        for pk in [*items, missing]:
            status = client.get(f"/bien-tap/tin-bai/{pk}/").status_code
            fresh = get_user_model().objects.get(pk=user.pk)
            expected = 200 if pk in items and can_view(fresh, items[pk]) else 404
            outcomes.add(expected)
            if status != expected:
                mismatches.append((username, pk, items[pk].status if pk in items else "-", status, expected))
    assert not mismatches, mismatches
    assert outcomes == {200, 404}  # both answers occur: the check is not vacuous
