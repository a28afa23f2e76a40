import pytest
from django.utils import timezone

from articles.models import Category, ItemStatus, SlugRedirect
from articles.services import item_slug_assign, item_visibility_changed
from tests.articles.factories import published
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


def test_parent_category_lists_items_of_its_children(client):
    published("Tập huấn hòa giải viên cơ sở", category="tin-pbgdpl")
    published("Tờ gấp Luật Đất đai 2024", category="to-gap-phap-luat")
    published("Hội nghị ngành tư pháp", category="hoat-dong-cua-so")
    html = client.get("/chuyen-muc/pho-bien-giao-duc-phap-luat/").content.decode()
    assert "Tập huấn hòa giải viên cơ sở" in html and "Tờ gấp Luật Đất đai 2024" in html
    assert "Hội nghị ngành tư pháp" not in html
    assert "Tin phổ biến pháp luật" in html  # the subsections are offered


def test_every_menu_category_answers(client):
    for category in Category.objects.filter(is_visible=True):
        if not category.link:
            assert client.get(f"/chuyen-muc/{category.slug}/").status_code == 200, category.slug


def test_hidden_and_unknown_categories_give_the_translated_404(client):
    Category.objects.filter(slug="thanh-tra").update(is_visible=False)
    for url in (
        "/chuyen-muc/thanh-tra/",
        "/chuyen-muc/khong-co/",
        "/tin-tuc/khong-co-tin-nay/",
        "/trang/khong-co/",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()


def test_listing_paginates_and_pages_past_the_end_are_404(client):
    for n in range(25):
        published(f"Tin số {n:02d}", category="tin-chuyen-nganh", minutes_ago=n + 1)
    first = client.get("/chuyen-muc/tin-chuyen-nganh/").content.decode()
    assert "Tin số 00" in first and "Tin số 24" not in first
    assert "Trang 1 / 2" in first or "Trang 1 trên 2" in first or "1" in first
    second = client.get("/chuyen-muc/tin-chuyen-nganh/?page=2").content.decode()
    assert "Tin số 24" in second and "Tin số 00" not in second
    assert client.get("/chuyen-muc/tin-chuyen-nganh/?page=3").status_code == 404
    assert client.get("/chuyen-muc/tin-chuyen-nganh/?page=999999999999999999999").status_code == 404
    malformed = client.get("/chuyen-muc/tin-chuyen-nganh/?page=abc")
    assert malformed.status_code == 200 and "Tin số 00" in malformed.content.decode()


def test_older_items_cursor_continues_where_the_page_ended(client):
    for n in range(25):
        published(f"Tin số {n:02d}", category="tin-chuyen-nganh", minutes_ago=n + 1)
    response = client.get("/chuyen-muc/tin-chuyen-nganh/")
    cursor = response.context["next_cursor"]
    html = client.get(f"/chuyen-muc/tin-chuyen-nganh/?sau={cursor}").content.decode()
    assert "Tin số 20" in html and "Tin số 24" in html and "Tin số 19" not in html
    garbage = client.get("/chuyen-muc/tin-chuyen-nganh/?sau=not-a-cursor")
    assert garbage.status_code == 200 and "Tin số 00" in garbage.content.decode()


def test_unpublished_and_future_items_are_not_public(client):
    draft = ItemFactory(title="Bản nháp chưa duyệt", status=ItemStatus.DRAFT)
    future = published("Tin hẹn giờ ngày mai", minutes_ago=-60 * 24)
    assert "Bản nháp chưa duyệt" not in client.get("/").content.decode()
    assert client.get(future.get_absolute_url()).status_code == 404
    assert draft.slug is None


def test_article_page_shows_summary_date_body_and_byline_as_the_board_allows(client):
    item = published(
        "Trợ giúp pháp lý lưu động", summary="Tóm tắt về trợ giúp pháp lý.", byline="Nguyễn Văn An"
    )
    html = client.get(item.get_absolute_url()).content.decode()
    assert "<h1>Trợ giúp pháp lý lưu động</h1>" in html
    assert "Tóm tắt về trợ giúp pháp lý." in html
    assert "Nguyễn Văn An" in html and item.unit.name in html
    assert item.published_at.astimezone(timezone.get_current_timezone()).strftime("%d/%m/%Y") in html
    item.show_byline = False
    item.save()
    item_visibility_changed(item)
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Nguyễn Văn An" not in html


def test_article_page_has_share_links_print_button_and_structured_data(client):
    item = published("Ngày Pháp luật Việt Nam")
    html = client.get(item.get_absolute_url()).content.decode()
    assert "facebook.com/sharer" in html and "zalo.me" in html
    assert "data-copy-link" in html and "data-print" in html
    assert '<script type="application/ld+json">' in html and '"NewsArticle"' in html
    assert '<meta property="og:title" content="Ngày Pháp luật Việt Nam">' in html
    assert f'<link rel="canonical" href="http://127.0.0.1:8000{item.get_absolute_url()}">' in html


def test_structured_data_cannot_close_its_script_element(client):
    item = published("Tiêu đề </script><script>alert(1)</script>")
    html = client.get(item.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html


def test_related_items_come_from_the_same_category(client):
    item = published("Tin chính", category="tin-chuyen-nganh")
    published("Tin cùng chuyên mục", category="tin-chuyen-nganh", minutes_ago=5)
    published("Tin chuyên mục khác", category="hoat-dong-cua-so", minutes_ago=5)
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Tin cùng chuyên mục" in html and "Tin chuyên mục khác" not in html


def test_old_slug_redirects_permanently_to_the_new_one(client):
    item = published("Tên cũ của bài viết")
    old_url = item.get_absolute_url()
    item.title = "Tên mới của bài viết"
    item_slug_assign(item)
    item.save()
    assert SlugRedirect.objects.filter(old_slug="ten-cu-cua-bai-viet", item=item).exists()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/tin-tuc/ten-moi-cua-bai-viet/"


def test_slug_of_a_published_item_is_stable_when_only_the_text_changes(client):
    item = published("Tiêu đề ban đầu")
    slug = item.slug
    item.body = "<p>Sửa nội dung</p>"
    item.save()
    assert client.get(f"/tin-tuc/{slug}/").status_code == 200


def test_english_items_appear_on_the_english_site_only(client):
    published("Legal aid in Huong Son district", language="en")
    published("Trợ giúp pháp lý tại Hương Sơn")
    english = client.get("/en/").content.decode()
    vietnamese = client.get("/").content.decode()
    assert "Legal aid in Huong Son district" in english and "Trợ giúp pháp lý tại Hương Sơn" not in english
    assert (
        "Trợ giúp pháp lý tại Hương Sơn" in vietnamese and "Legal aid in Huong Son district" not in vietnamese
    )


def test_language_switch_links_to_the_same_page_in_the_other_language(client):
    html = client.get("/chuyen-muc/tin-tuc-su-kien/").content.decode()
    assert 'href="/en/chuyen-muc/tin-tuc-su-kien/" hreflang="en"' in html
    english = client.get("/en/chuyen-muc/tin-tuc-su-kien/").content.decode()
    assert 'href="/chuyen-muc/tin-tuc-su-kien/" hreflang="vi"' in english
    assert "News and events" in english


def test_static_page_is_shown_with_sanitised_body(client):
    from articles.models import Page

    Page.objects.create(slug="gioi-thieu-chung", title="Giới thiệu chung", body="<p>Sở Tư pháp</p>")
    html = client.get("/trang/gioi-thieu-chung/").content.decode()
    assert "<h1>Giới thiệu chung</h1>" in html and "<p>Sở Tư pháp</p>" in html


@pytest.mark.parametrize(
    "url",
    [
        "/chuyen-muc/tin-chuyen-nganh/?page=-5",
        "/chuyen-muc/tin-chuyen-nganh/?page=0",
        "/chuyen-muc/tin-chuyen-nganh/?sau=99999999999999999999999.1",
        "/chuyen-muc/tin-chuyen-nganh/?sau=1.abc",
        "/chuyen-muc/tin-chuyen-nganh/?sau=1.99999999999999999999999",  # beyond bigint on PostgreSQL
        "/chuyen-muc/tin-chuyen-nganh/?sau=-1.-1",
        "/chuyen-muc/tin-chuyen-nganh/?page=1e9",
        "/tim-kiem/?q=" + "đ" * 10000,
        "/tim-kiem/?q=luat&page=abc",
        "/chuyen-muc/tin-chuyen-nganh/?sau=%00%ff",
        "/tim-kiem/?q=%00%01<script>",
        "/tim-kiem/?q=!!!",
        "/tim-kiem/?q=luat&tu=9999-12-31&den=0001-01-01",
        "/tim-kiem/?q=luat&chuyen-muc=%3Cscript%3E",
    ],
)
def test_malformed_input_never_breaks_a_page(client, url):
    published("Luật mới", category="tin-chuyen-nganh")
    assert client.get(url).status_code == 200


def test_module_links_keep_english_readers_on_the_english_site(client):
    html = client.get("/en/").content.decode()
    assert 'href="/en/thong-bao/"' in html
    assert 'href="/thong-bao/"' in client.get("/").content.decode()


def test_a_section_made_only_of_subsections_does_not_say_it_is_empty(client):
    from tests.factories import CategoryFactory

    parent = CategoryFactory(name="Giới thiệu chung", slug="gioi-thieu-chung")
    CategoryFactory(name="Cơ cấu tổ chức Sở", slug="co-cau-to-chuc-so", parent=parent)
    CategoryFactory(name="Chuyên mục trống", slug="chuyen-muc-trong")
    html = client.get("/chuyen-muc/gioi-thieu-chung/").content.decode()
    assert "Cơ cấu tổ chức Sở" in html
    assert "Chuyên mục này chưa có" not in html
    assert "Chuyên mục này chưa có" in client.get("/chuyen-muc/chuyen-muc-trong/").content.decode()
