import datetime as dt
import sys
import types

import pytest
from django.utils import timezone

from articles.models import Page
from articles.services import page_prepare
from tests.articles.factories import published

pytestmark = pytest.mark.django_db


def test_search_ignores_diacritics_and_case(client):
    published("Phổ biến PHÁP LUẬT về đất đai")
    published("Hội nghị tổng kết")
    for query in ("phap luat", "Pháp Luật", "PHAP LUAT", "đất đai", "dat dai"):
        html = client.get("/tim-kiem/", {"q": query}).content.decode()
        assert "Hội nghị tổng kết" not in html, query
        assert "<mark>" in html, query
    assert (
        "Phổ biến <mark>PHÁP</mark> <mark>LUẬT</mark> về đất đai"
        in client.get("/tim-kiem/", {"q": "phap luat"}).content.decode()
    )


def test_decomposed_unicode_query_finds_composed_text(client):
    published("Hướng dẫn đăng ký khai sinh")
    decomposed = "\u0111a\u0306ng ky\u0301"  # "đăng ký" typed as NFD (macOS)
    assert "khai sinh" in client.get("/tim-kiem/", {"q": decomposed}).content.decode()


def test_words_in_the_title_rank_above_words_in_the_body(client):
    published("Hội nghị tập huấn", body="<p>Nói về hộ tịch trong phần nội dung.</p>", minutes_ago=1)
    published("Hướng dẫn hộ tịch trực tuyến", minutes_ago=100)
    results = list(client.get("/tim-kiem/", {"q": "ho tich"}).context["page_obj"])
    assert [item.title for item in results] == ["Hướng dẫn hộ tịch trực tuyến", "Hội nghị tập huấn"]


def test_search_filters_by_section_including_children_and_by_date(client):
    published("Pháp luật đất đai cho học sinh", category="tin-pbgdpl")
    old = published("Pháp luật đất đai năm trước", category="hoat-dong-cua-so")
    old.published_at = timezone.now() - dt.timedelta(days=400)
    old.save()
    section = client.get("/tim-kiem/", {"q": "dat dai", "chuyen-muc": "pho-bien-giao-duc-phap-luat"}).context
    assert [i.title for i in section["page_obj"]] == ["Pháp luật đất đai cho học sinh"]
    since = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    recent = client.get("/tim-kiem/", {"q": "dat dai", "tu": since}).context
    assert [i.title for i in recent["page_obj"]] == ["Pháp luật đất đai cho học sinh"]


def test_bad_filters_are_ignored_with_a_clear_message(client):
    published("Pháp luật đất đai")
    response = client.get(
        "/tim-kiem/", {"q": "dat dai", "tu": "hôm qua", "chuyen-muc": "khong-co", "page": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "không hợp lệ" in html and "Pháp luật <mark>đất</mark> <mark>đai</mark>" in html


def test_a_very_long_search_is_refused_politely(client):
    response = client.get("/tim-kiem/", {"q": "pháp luật " * 1000})
    assert response.status_code == 200
    assert "quá dài" in response.content.decode()


def test_search_finds_static_pages_and_legal_documents(client, monkeypatch):
    page = Page(
        slug="chuc-nang", title="Chức năng, nhiệm vụ của Sở", body="<p>Quản lý hộ tịch, chứng thực.</p>"
    )
    page_prepare(page)
    page.save()

    class Document:
        title = "Nghị định về chứng thực bản sao"

        def get_absolute_url(self):
            return "/van-ban/nghi-dinh-23/"

    fake = types.ModuleType("legaldocs.selectors")
    fake.documents_search = lambda query, limit: [Document()]
    monkeypatch.setitem(sys.modules, "legaldocs.selectors", fake)
    html = client.get("/tim-kiem/", {"q": "chung thuc"}).content.decode()
    assert "/trang/chuc-nang/" in html
    assert "/van-ban/nghi-dinh-23/" in html and "<mark>chứng</mark> <mark>thực</mark>" in html


def test_failing_document_search_does_not_break_the_page(client, monkeypatch):
    fake = types.ModuleType("legaldocs.selectors")

    def broken(query, limit):
        raise RuntimeError("database of documents is down")

    fake.documents_search = broken
    monkeypatch.setitem(sys.modules, "legaldocs.selectors", fake)
    assert client.get("/tim-kiem/", {"q": "luat"}).status_code == 200


def test_search_markup_escapes_titles(client):
    published("Luật <b>đậm</b> & thường")
    html = client.get("/tim-kiem/", {"q": "luat"}).content.decode()
    assert "<b>đậm</b>" not in html and "&lt;b&gt;" in html
