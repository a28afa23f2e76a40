import pytest

from articles.models import Item
from articles.services import item_prepare, item_slug_assign
from tests.articles.factories import published

pytestmark = pytest.mark.django_db

WORD_PASTE = (
    '<h2 style="mso-style:x">Phần I</h2><p class="MsoNormal"><b>Đậm</b> và <i>nghiêng</i></p>'
    "<ul><li>Một</li><li>Hai</li></ul><ol><li>Thứ nhất</li></ol>"
    '<table><tbody><tr><td colspan="2">Ô gộp</td></tr></tbody></table>'
    '<p><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">liên kết</a></p>'
    '<iframe src="https://www.youtube.com/embed/abc"></iframe><iframe src="https://evil.example/embed/x"></iframe>'
)


def test_text_pasted_from_word_keeps_structure_and_loses_scripts_and_styles():
    item = item_prepare(Item(title="Bài", body=WORD_PASTE))
    for kept in (
        "<h2>Phần I</h2>",
        "<b>Đậm</b>",
        "<i>nghiêng</i>",
        "<ul><li>Một</li>",
        "<ol>",
        'colspan="2"',
        'src="https://www.youtube.com/embed/abc"',
    ):
        assert kept in item.body, kept
    for gone in ("style=", "MsoNormal", "onerror", "javascript:", "evil.example"):
        assert gone not in item.body, gone


def test_text_is_stored_nfc_and_searchable_without_diacritics():
    item = item_prepare(
        Item(title="Ho\u0323\u0302i nghi\u0323 \u200bTư pháp", summary="Tóm tắt", body="<p>Đất đai</p>")
    )
    assert item.title == "Hội nghị Tư pháp"
    assert item.search_text == "hoi nghi tu phap tom tat dat dai"


def test_slugs_are_unique_and_never_reuse_an_old_slug():
    first = published("Hội nghị tổng kết")
    second = published("Hội nghị tổng kết")
    assert (first.slug, second.slug) == ("hoi-nghi-tong-ket", "hoi-nghi-tong-ket-2")
    first.title = "Hội nghị sơ kết"
    item_slug_assign(first)
    first.save()
    third = published("Hội nghị tổng kết")
    assert third.slug == "hoi-nghi-tong-ket-3"  # the old slug still redirects to the first item
