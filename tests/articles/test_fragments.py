"""Cached HTML fragments of public pages (articles/fragments.py): shared, yet never stale.

The whole-page cache is off here, as on a page-cache miss: what a reader sees then comes from
the fragments, which a publication, a category change or a department change must refresh.
"""

import re

import pytest
from django.core.cache import cache
from django.template import Context, Template, TemplateSyntaxError

from articles.models import Category, ItemStatus
from articles.selectors import categories_all, public_cache_generation
from articles.services import category_cache_clear, item_visibility_changed
from organisation.services import department_update
from tests.articles.factories import published

pytestmark = pytest.mark.django_db

SECTION = "/chuyen-muc/hoat-dong-cua-so/"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PUBLIC_PAGE_CACHE = False


def _fragment_keys():
    from articles.fragments import _key, _known

    return [name for name, version in _known if cache.get(_key("vi", name, version)) is not None]


def test_layout_fragments_are_cached_and_the_page_is_unchanged(client):
    published("Tin đầu tiên", category="hoat-dong-cua-so")
    first = client.get(SECTION).content.decode()
    assert _fragment_keys(), "the header and footer were stored as fragments"
    second = client.get(SECTION).content.decode()
    visits = re.compile(r"<dd>[0-9.,]+</dd>")  # the visit counters move on
    assert visits.sub("", second) == visits.sub("", first)
    assert 'id="main-menu"' in second and "Tin đầu tiên" in second


def test_a_publication_refreshes_item_rows_sidebars_and_counts(client):
    item = published("Tiêu đề cũ", category="hoat-dong-cua-so")
    other = published("Tin cùng chuyên mục", category="hoat-dong-cua-so", minutes_ago=5)
    assert "Tiêu đề cũ" in client.get(SECTION).content.decode()
    assert "Tiêu đề cũ" in client.get(other.get_absolute_url()).content.decode()  # related news

    item.title = "Tiêu đề mới"
    item.save()
    item_visibility_changed(item)
    listing = client.get(SECTION).content.decode()
    assert "Tiêu đề mới" in listing and "Tiêu đề cũ" not in listing
    article = client.get(other.get_absolute_url()).content.decode()
    assert "Tiêu đề mới" in article and "Tiêu đề cũ" not in article

    fresh = published("Tin vừa đăng", category="hoat-dong-cua-so", minutes_ago=0)
    item_visibility_changed(fresh)
    assert "Tin vừa đăng" in client.get(SECTION).content.decode()

    item.status = ItemStatus.UNPUBLISHED
    item.save()
    item_visibility_changed(item)
    assert "Tiêu đề mới" not in client.get(SECTION).content.decode()
    assert client.get(item.get_absolute_url()).status_code == 404


def test_a_category_change_refreshes_the_menu(client):
    client.get(SECTION)
    Category.objects.create(name="Chuyên mục mới", slug="chuyen-muc-moi", in_menu=True, order=1)
    assert "Chuyên mục mới" not in client.get(SECTION).content.decode()  # the menu is cached
    category_cache_clear()
    html = client.get(SECTION).content.decode()
    assert "Chuyên mục mới" in html and "/chuyen-muc/chuyen-muc-moi/" in html


def test_a_department_change_refreshes_header_and_footer(client):
    client.get(SECTION)
    department_update(name="Sở Tư pháp", address="Số 1 Đường Mới, Hà Tĩnh", editor_in_charge="Bà Trần Thị Mới")
    html = client.get(SECTION).content.decode()
    assert "Số 1 Đường Mới, Hà Tĩnh" in html and "Bà Trần Thị Mới" in html


def test_english_pages_get_english_fragments(client):
    vietnamese = client.get(SECTION).content.decode()
    english = client.get("/en" + SECTION).content.decode()
    assert 'lang="vi"' in vietnamese and "Trang chủ" in vietnamese
    assert 'lang="en"' in english and "Home" in english and "Trang chủ" not in english
    assert 'href="/en/"' in english


def test_staff_see_their_own_links_not_the_shared_ones(client, alice):
    client.get(SECTION)  # the anonymous login link is cached
    client.force_login(alice)
    html = client.get(SECTION).content.decode()
    assert "csrfmiddlewaretoken" in html and "/tai-khoan/dang-nhap/" not in html
    client.logout()
    assert "/tai-khoan/dang-nhap/" in client.get(SECTION).content.decode()


def test_fragments_work_without_the_cache(client, monkeypatch):
    """Redis down, as operations.cache.TolerantRedisCache reports it: every read a miss."""
    published("Tin khi Redis dừng", category="hoat-dong-cua-so")
    monkeypatch.setattr(cache, "get", lambda key, default=None, version=None: default)
    monkeypatch.setattr(cache, "get_many", lambda keys, version=None: {})
    for name in ("set", "set_many", "add"):
        monkeypatch.setattr(cache, name, lambda *args, **kwargs: None)
    for _ in range(2):
        html = client.get(SECTION).content.decode()
        assert "Tin khi Redis dừng" in html and 'id="main-menu"' in html


def test_a_fragment_refuses_what_differs_between_readers():
    for body in ("{% csrf_token %}", "{% block x %}{% endblock %}"):
        with pytest.raises(TemplateSyntaxError):
            Template('{% load articles_tags %}{% public_fragment "x" %}' + body + "{% endpublic_fragment %}")
    html = Template('{% load articles_tags %}{% public_fragment "y" %}{{ a }}{% endpublic_fragment %}').render(
        Context({"a": "<b>"})
    )
    assert html == "&lt;b&gt;"  # no request in the context: rendered, not cached


def test_an_emptied_cache_never_brings_back_an_old_generation():
    before = public_cache_generation()
    categories_all()
    cache.clear()
    assert public_cache_generation() != before
    Category.objects.create(name="Sau khi xoá bộ đệm", slug="sau-khi-xoa")
    assert "sau-khi-xoa" in [c.slug for c in categories_all()]


def test_without_a_working_cache_categories_are_read_fresh(monkeypatch):
    monkeypatch.setattr(cache, "get", lambda key, default=None, version=None: default)
    monkeypatch.setattr(cache, "get_many", lambda keys, version=None: {})
    for name in ("set", "set_many", "add"):
        monkeypatch.setattr(cache, name, lambda *args, **kwargs: None)
    categories_all()
    Category.objects.create(name="Khi Redis dừng", slug="khi-redis-dung")
    assert "khi-redis-dung" in [c.slug for c in categories_all()]


def test_a_fragment_is_shared_only_within_the_language_it_was_made_in():
    """A store belongs to the language of its request: a page (or a view that switched
    language) asking in another language renders its own, whether it names the page's
    language (a Jinja2 page, fragment_render) or the active one is read."""
    from django.utils import translation

    from articles.fragments import FragmentStore

    with translation.override("vi"):
        store = FragmentStore()
        store.put("menu", "v1", "<nav>Trang chủ</nav>")
        assert store.get("menu", "v1") == "<nav>Trang chủ</nav>"
        assert store.get("menu", "v1", "vi") == "<nav>Trang chủ</nav>"
        assert store.get("menu", "v1", "en") is None
        with translation.override("en"):
            assert store.get("menu", "v1") is None
            store.put("menu", "v1", "<nav>Home</nav>")  # not kept: another language's
        assert store.get("menu", "v1") == "<nav>Trang chủ</nav>"


def test_a_jinja2_page_names_its_own_language_for_its_fragments(client):
    """The English article page shows English layout fragments even right after the
    Vietnamese one filled the cache (fragment_render passes the page's language)."""
    item = published("Tin song ngữ", category="hoat-dong-cua-so")
    vietnamese = client.get(item.get_absolute_url()).content.decode()
    english = client.get("/en" + item.get_absolute_url()).content.decode()
    assert "Trang chủ" in vietnamese and 'lang="vi"' in vietnamese
    assert "Trang chủ" not in english and 'lang="en"' in english
