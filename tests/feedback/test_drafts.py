"""Drafts for public comment: read, comment until the deadline, summary afterwards."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from feedback.models import Draft, DraftComment

from .factories import captcha_fields, draft_make

pytestmark = pytest.mark.django_db


def comment_data(**overrides):
    data = {"full_name": "Trần Thị Góp", "organisation": "", "email": "gop@example.vn", "phone": "",
            "body": "Đề nghị sửa Điều 3.", "consent": "on", "website": "", **captcha_fields()}
    data.update(overrides)
    return data


def test_citizen_reads_an_open_draft_and_comments(client, unit, django_capture_on_commit_callbacks):
    draft = draft_make(unit)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Toàn văn" in page and "<script>alert(1)</script>" not in page  # the body is sanitised
    assert unit.name in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(draft.get_absolute_url(), comment_data(), follow=True)
    assert DraftComment.objects.filter(draft=draft).count() == 1
    assert mail.outbox[0].to == ["gop@example.vn"]
    assert "Đề nghị sửa Điều 3." not in response.content.decode()  # not published until reviewed


def test_comment_after_the_deadline_is_refused_with_the_text_kept(client, unit):
    draft = draft_make(unit, closes=1)
    page_form = client.get(draft.get_absolute_url())
    assert page_form.context["form"] is not None
    Draft.objects.filter(pk=draft.pk).update(closes_at=timezone.now() - timezone.timedelta(minutes=1))
    response = client.post(draft.get_absolute_url(), comment_data())
    assert DraftComment.objects.count() == 0
    text = response.content.decode()
    assert "Đề nghị sửa Điều 3." in text
    assert "Thời hạn góp ý dự thảo này đã kết thúc" in text


def test_closed_draft_says_so_and_shows_the_summary_and_published_comments(client, unit):
    draft = draft_make(unit, opens=-30, closes=-1, comments_summary="Đã tiếp thu 2 ý kiến.")
    DraftComment.objects.create(draft=draft, full_name="Lê Văn Công", email="cong@example.vn", body="Ý kiến A",
                                is_published=True)
    DraftComment.objects.create(draft=draft, full_name="Ẩn Danh", email="an@example.vn", body="Ý kiến B")
    response = client.get(draft.get_absolute_url())
    page = response.content.decode()
    assert response.context["form"] is None
    assert response.context["is_closed"]
    assert "Đã tiếp thu 2 ý kiến." in page and "Ý kiến A" in page and "Ý kiến B" not in page
    assert "cong@example.vn" not in page
    assert response.context["received_count"] == 2


def test_draft_list_shows_open_and_closed(client, unit, django_assert_max_num_queries):
    draft_make(unit, title="Dự thảo đang mở")
    draft_make(unit, title="Dự thảo đã đóng", opens=-30, closes=-2)
    draft_make(unit, title="Dự thảo chưa mở", opens=3, closes=20)
    with django_assert_max_num_queries(6):
        page = client.get(reverse("feedback:draft_list")).content.decode()
    assert "Dự thảo đang mở" in page and "Dự thảo đã đóng" in page and "Dự thảo chưa mở" not in page


def test_secretary_posts_a_draft_with_a_file_and_publishes_a_comment(client, sam, unit):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import docx_bytes

    client.force_login(sam)
    now = timezone.localtime()
    response = client.post(reverse("feedback:staff_draft_create"), {
        "title": "Dự thảo Quyết định về hòa giải", "slug": "", "summary": "Tóm tắt",
        "body": "<p>Nội dung</p><img src=x onerror=alert(1)>", "drafting_unit": unit.pk,
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + timezone.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
        "is_published": "on", "comments_summary": "",
        "new_file": SimpleUploadedFile("du-thao.docx", docx_bytes()),
    })
    assert response.status_code == 302
    draft = Draft.objects.get()
    assert draft.slug == "du-thao-quyet-dinh-ve-hoa-giai"
    assert "onerror" not in draft.body
    assert draft.files.get().original_name == "du-thao.docx"
    comment = DraftComment.objects.create(draft=draft, full_name="A", email="a@example.vn", body="Góp ý")
    client.post(reverse("feedback:staff_draft_edit", args=[draft.pk]), {"comment": comment.pk, "publish": "1"})
    comment.refresh_from_db()
    assert comment.is_published


def test_author_cannot_manage_drafts(client, alice, unit):
    client.force_login(alice)
    assert client.get(reverse("feedback:staff_draft_create")).status_code == 404
    assert client.get(reverse("feedback:staff_drafts")).status_code == 404


@pytest.mark.parametrize("bad", [{"website": "spam"}, {"captcha_answer": "0"}, {"email": "sai"},
                                 {"phone": "123"}, {"body": "x" * 5001}, {"consent": ""}])
def test_comment_form_has_the_same_defences(client, unit, bad):
    draft = draft_make(unit)
    response = client.post(draft.get_absolute_url(), comment_data(**bad))
    assert response.status_code == 200
    assert DraftComment.objects.count() == 0
    assert response.context["form"].data["full_name"] == "Trần Thị Góp"


def test_a_drafts_file_downloads_under_its_original_name(client, unit, settings, tmp_path):
    from django.core.files.base import ContentFile

    from feedback.models import DraftFile

    settings.MEDIA_ROOT = tmp_path
    draft = draft_make(unit)
    attached = DraftFile(draft=draft, original_name="Dự thảo quy chế.pdf")
    attached.file.save("x.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    attached.save()
    page = client.get(draft.get_absolute_url()).content.decode()
    url = reverse("feedback:draft_file_download", args=[attached.pk])
    assert f'href="{url}"' in page and attached.file.url not in page  # stored names are random
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;") and "D%E1%BB%B1%20th%E1%BA%A3o" in response[
        "Content-Disposition"]
    draft.is_published = False
    draft.save()
    assert client.get(url).status_code == 404
