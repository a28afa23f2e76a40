import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Category, Item, ItemStatus, Page
from tests.factories import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("quantri", "qt@example.vn", "Mat-khau-dai-2026")
    client.force_login(user)
    return client


def _item_form(**overrides):
    category = Category.objects.get(slug="tin-chuyen-nganh")
    data = {
        "kind": "tin",
        "language": "vi",
        "title": "Tin từ quản trị",
        "summary": "",
        "body": "",
        "category": category.pk,
        "cover_alt": "",
        "cover_caption": "",
        "source": "",
        "byline": "",
        "show_byline": "on",
        "sender_full_name": "",
        "sender_position": "",
        "sender_email": "",
        "sender_phone": "",
        "deadline_rule": "",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_admin_save_sanitises_the_body_and_normalises_text(admin_client):
    decomposed_title = "Pha\u0301p lua\u0323\u0302t"  # NFD, as macOS sends it
    response = admin_client.post(
        "/quan-tri/articles/item/add/",
        _item_form(title=decomposed_title, body='<p onclick="x()">Nội dung<script>alert(1)</script></p>'),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Item.objects.get()
    assert item.title == "Pháp luật" and "script" not in item.body and "onclick" not in item.body
    assert "phap luat" in item.search_text


def test_cover_image_needs_a_description(admin_client):
    response = admin_client.post("/quan-tri/articles/item/add/", _item_form(cover_image=image_upload()))
    assert response.status_code == 200
    assert Item.objects.count() == 0
    response = admin_client.post(
        "/quan-tri/articles/item/add/",
        _item_form(cover_image=image_upload(), cover_alt="Quang cảnh hội nghị"),
    )
    assert response.status_code == 302
    item = Item.objects.get()
    assert item.cover_image.name.startswith("covers/") and item.cover_width == 800


def test_a_fake_cover_image_is_refused(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("anh.jpg", b"GIF89a<script>", content_type="image/jpeg")
    response = admin_client.post("/quan-tri/articles/item/add/", _item_form(cover_image=fake, cover_alt="x"))
    assert response.status_code == 200 and Item.objects.count() == 0


def test_page_body_is_sanitised_on_save(admin_client):
    response = admin_client.post(
        "/quan-tri/articles/page/add/",
        {
            "title": "Liên hệ",
            "slug": "lien-he",
            "language": "vi",
            "order": "0",
            "is_published": "on",
            "body": '<p>Điện thoại</p><iframe src="https://evil.example/x"></iframe>',
        },
    )
    assert response.status_code == 302
    page = Page.objects.get(slug="lien-he")
    assert (
        page.body.startswith("<p>Điện thoại</p>")
        and "evil" not in page.body
        and "dien thoai" in page.search_text
    )


def test_publishing_through_the_admin_refreshes_the_public_site(
    admin_client, django_capture_on_commit_callbacks
):
    from tests.articles.factories import published

    item = published("Tin cần sửa")
    anonymous = admin_client.__class__()
    anonymous.get("/")
    local = timezone.localtime(item.published_at)
    data = _item_form(
        title="Tin đã sửa tiêu đề",
        category=item.category_id,
        published_at_0=local.strftime("%Y-%m-%d"),
        published_at_1=local.strftime("%H:%M:%S"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/quan-tri/articles/item/{item.pk}/change/", data)
    assert response.status_code == 302
    assert Item.objects.get(pk=item.pk).status == ItemStatus.PUBLISHED
    assert "Tin đã sửa tiêu đề" in anonymous.get("/").content.decode()


@pytest.mark.parametrize("how", ["one", "action"])
def test_deleting_a_published_item_in_the_admin_removes_it_from_the_cached_home_page(
    admin_client, django_capture_on_commit_callbacks, how
):
    from django.test import Client

    from tests.articles.factories import published

    item = published("Tin sẽ bị xóa khỏi cổng")
    reader = Client()
    assert "Tin sẽ bị xóa khỏi cổng" in reader.get("/").content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        if how == "one":
            response = admin_client.post(f"/quan-tri/articles/item/{item.pk}/delete/", {"post": "yes"})
        else:
            response = admin_client.post(
                "/quan-tri/articles/item/", {"action": "delete_selected", "_selected_action": [item.pk], "post": "yes"}
            )
    assert response.status_code == 302 and not Item.objects.filter(pk=item.pk).exists()
    assert "Tin sẽ bị xóa khỏi cổng" not in reader.get("/").content.decode()


def test_deleting_categories_with_the_admin_action_updates_the_cached_menu(admin_client, django_capture_on_commit_callbacks):
    from django.test import Client

    category = Category.objects.create(name="Chuyên mục tạm thời", slug="chuyen-muc-tam-thoi", in_menu=True)
    reader = Client()
    assert "Chuyên mục tạm thời" in reader.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/quan-tri/articles/category/",
            {"action": "delete_selected", "_selected_action": [category.pk], "post": "yes"},
        )
    assert "Chuyên mục tạm thời" not in reader.get("/").content.decode()
    assert reader.get("/chuyen-muc/chuyen-muc-tam-thoi/").status_code == 404
