"""The author's "Gửi tin, bài" form: sender details, Word import, files kept across errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Item, ItemStatus
from editorial.models import PendingUpload, Transition
from tests.factories import image_upload

from .factories import png_bytes, rich_docx

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "kind": "tin",
        "title": "Tập huấn nghiệp vụ hộ tịch",
        "summary": "Tóm tắt.",
        "body": "<p>Nội dung tin.</p>",
        "event_at": "2026-11-20T09:00",
        "deadline_rule": "",
        "sender_full_name": "Nguyễn Thị Alice",
        "sender_position": "Chuyên viên",
        "sender_email": "alice@stp.example.vn",
        "sender_phone": "0239 3855 678",
        "photos-TOTAL_FORMS": "3",
        "photos-INITIAL_FORMS": "0",
        "files-TOTAL_FORMS": "2",
        "files-INITIAL_FORMS": "0",
        "intent": "save",
    }
    data.update(overrides)
    return data


def test_the_form_is_prefilled_with_the_senders_details(client, alice):
    client.force_login(alice)
    page = client.get(reverse("editorial:submit")).content.decode()
    assert 'value="alice@stp.example.vn"' in page
    assert "Chuyên viên" in page
    assert "Phòng Hành chính tư pháp" in page
    assert "django_ckeditor_5/dist/bundle.js" in page  # the editor is served locally


def test_an_author_saves_a_draft_then_sends_it_to_the_unit_leader(client, alice, carol):
    client.force_login(alice)
    response = client.post(reverse("editorial:submit"), _form())
    item = Item.objects.get()
    assert response.status_code == 302 and item.status == ItemStatus.DRAFT
    assert item.author == alice and item.unit.name == "Phòng Hành chính tư pháp"
    assert item.due_at is None  # the clock starts when it is sent
    response = client.post(
        reverse("editorial:author_edit", kwargs={"pk": item.pk}),
        _form(intent="send", version=str(item.version)),
        follow=True,
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.UNIT_REVIEW
    assert item.due_at is not None and item.deadline_rule == "news"
    assert (
        "Chờ lãnh đạo đơn vị duyệt" in response.content.decode()
        or item.get_status_display() in response.content.decode()
    )


def test_sender_details_are_required(client, alice):
    client.force_login(alice)
    response = client.post(reverse("editorial:submit"), _form(sender_phone="", sender_email=""))
    assert response.status_code == 200
    assert not Item.objects.exists()
    page = response.content.decode()
    assert 'value="Tập huấn nghiệp vụ hộ tịch"' in page  # what was typed is kept


def test_a_word_file_becomes_the_body_and_is_kept_as_attachment(client, alice):
    client.force_login(alice)
    docx = SimpleUploadedFile("bai.docx", rich_docx(png_bytes()))
    client.post(reverse("editorial:submit"), _form(body="", word_file=docx))
    item = Item.objects.get()
    assert "<h2>Kết quả hội nghị</h2>" in item.body and "<table>" in item.body
    assert "data:" not in item.body
    assert item.attachments.get().original_name == "bai.docx"


def test_a_corrupt_word_file_is_refused_and_the_rest_kept(client, alice):
    client.force_login(alice)
    docx = SimpleUploadedFile("hong.docx", b"PK\x03\x04garbage")
    response = client.post(reverse("editorial:submit"), _form(body="", word_file=docx))
    page = response.content.decode()
    assert response.status_code == 200 and not Item.objects.exists()
    assert "hong.docx" in page
    assert 'value="Tập huấn nghiệp vụ hộ tịch"' in page


def test_uploads_survive_an_error_elsewhere_in_the_form(client, alice):
    client.force_login(alice)
    data = _form(
        title="",
        **{
            "photos-0-image": image_upload("hoi-nghi.jpg"),
            "photos-0-caption": "Quang cảnh",
            "files-0-file": SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 test"),
            "files-0-title": "Kế hoạch",
        },
    )
    response = client.post(reverse("editorial:submit"), data)
    page = response.content.decode()
    assert response.status_code == 200 and not Item.objects.exists()
    assert "hoi-nghi.jpg" in page and "ke-hoach.pdf" in page  # shown as already uploaded
    photo = PendingUpload.objects.get(kind="image")
    document = PendingUpload.objects.get(kind="attachment")
    assert f'value="{photo.token}"' in page
    # The author fixes the title and sends again without choosing the files again.
    fixed = _form(
        **{
            "photos-0-pending": photo.token,
            "photos-0-caption": "Quang cảnh",
            "files-0-pending": document.token,
            "files-0-title": "Kế hoạch",
        }
    )
    client.post(reverse("editorial:submit"), fixed)
    item = Item.objects.get()
    assert item.images.get().caption == "Quang cảnh"
    assert item.attachments.get().original_name == "ke-hoach.pdf"
    assert not PendingUpload.objects.exists()


def test_someone_elses_pending_token_is_ignored(client, alice, bob):
    client.force_login(bob)
    client.post(reverse("editorial:submit"), _form(title="", **{"photos-0-image": image_upload("anh.jpg")}))
    token = PendingUpload.objects.get().token
    client.force_login(alice)
    client.post(reverse("editorial:submit"), _form(**{"photos-0-pending": token}))
    assert Item.objects.get().images.count() == 0


def test_a_fake_image_is_refused_by_content(client, alice):
    client.force_login(alice)
    fake = SimpleUploadedFile("anh.jpg", b"<html>not an image</html>", content_type="image/jpeg")
    response = client.post(reverse("editorial:submit"), _form(**{"photos-0-image": fake}))
    assert response.status_code == 200 and not Item.objects.exists()
    assert "anh.jpg" in response.content.decode()


def test_doc_and_odt_files_are_accepted_as_attachments(client, alice):
    client.force_login(alice)
    doc = SimpleUploadedFile("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    client.post(reverse("editorial:submit"), _form(**{"files-0-file": doc}))
    assert Item.objects.get().attachments.get().original_name == "cu.doc"


def test_a_double_click_on_send_makes_one_transition(client, alice):
    client.force_login(alice)
    client.post(reverse("editorial:submit"), _form())
    item = Item.objects.get()
    url = reverse("editorial:act", kwargs={"pk": item.pk})
    client.post(url, {"action": "send_to_unit", "expected_state": "draft"})
    response = client.post(url, {"action": "send_to_unit", "expected_state": "draft"}, follow=True)
    assert Transition.objects.filter(item=item).count() == 1
    assert "đã thay đổi trong lúc bạn đang xem" in response.content.decode()


def test_the_author_sees_the_return_comment_and_resubmits(client, alice, carol):
    client.force_login(alice)
    client.post(reverse("editorial:submit"), _form(intent="send"))
    item = Item.objects.get()
    client.force_login(carol)
    client.post(
        reverse("editorial:act", kwargs={"pk": item.pk}),
        {"action": "return", "expected_state": "unit_review", "comment": "Bổ sung thời gian, địa điểm."},
    )
    client.force_login(alice)
    page = client.get(reverse("editorial:author_edit", kwargs={"pk": item.pk})).content.decode()
    assert "Bổ sung thời gian, địa điểm." in page
    item.refresh_from_db()
    client.post(
        reverse("editorial:author_edit", kwargs={"pk": item.pk}),
        _form(intent="send", version=str(item.version), body="<p>Đã bổ sung.</p>"),
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.UNIT_REVIEW and "Đã bổ sung" in item.body


def test_a_collaborator_sends_straight_to_the_board(client, colin, sam):
    client.force_login(colin)
    client.post(reverse("editorial:submit"), _form(intent="send"))
    assert Item.objects.get().status == ItemStatus.SUBMITTED


def test_a_converted_word_file_survives_an_error_elsewhere(client, alice):
    client.force_login(alice)
    docx = SimpleUploadedFile("bai.docx", rich_docx())
    response = client.post(reverse("editorial:submit"), _form(title="", body="", word_file=docx))
    page = response.content.decode()
    assert response.status_code == 200 and not Item.objects.exists()
    assert "bai.docx" in page and "Kết quả hội nghị" in page  # the body now holds the converted text
    pending = PendingUpload.objects.get(kind="word")
    client.post(
        reverse("editorial:submit"),
        _form(body="<h2>Kết quả hội nghị</h2><p>Đã sửa.</p>", word_pending=pending.token),
    )
    item = Item.objects.get()
    assert item.attachments.get().original_name == "bai.docx"
    assert "Đã sửa." in item.body


def test_my_items_show_each_status_and_the_boards_latest_comment(client, alice, carol):
    client.force_login(alice)
    client.post(reverse("editorial:submit"), _form(intent="send"))
    item = Item.objects.get()
    client.force_login(carol)
    client.post(
        reverse("editorial:act", kwargs={"pk": item.pk}),
        {"action": "return", "expected_state": "unit_review", "comment": "Thiếu ảnh minh họa."},
    )
    client.force_login(alice)
    page = client.get(reverse("editorial:my_items")).content.decode()
    assert "Thiếu ảnh minh họa." in page
    assert "state-returned" in page
