import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from legaldocs.models import LegalDocument
from legaldocs.services import document_file_add

from .factories import make_document

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_list_shows_documents_with_vietnamese_dates(client):
    make_document()
    response = client.get(reverse("legaldocs:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "15/2024/QĐ-UBND" in html
    assert "18/03/2024" in html


def test_list_filters_direction_documents(client):
    make_document("1/2024/QĐ-UBND")
    make_document("7/CT-STP", type_name="Chỉ thị", group="chi-dao", summary="Chỉ thị về cải cách hành chính")
    html = client.get(reverse("legaldocs:list"), {"nhom": "chi-dao"}).content.decode()
    assert "7/CT-STP" in html
    assert "1/2024/QĐ-UBND" not in html


def test_list_ignores_a_bad_filter_value_but_keeps_the_others(client):
    make_document("1/2024/QĐ-UBND")
    make_document("2/2023/QĐ-UBND", issued_on=__import__("datetime").date(2023, 2, 1))
    html = client.get(reverse("legaldocs:list"), {"nam": "2023", "loai": "nonsense"}).content.decode()
    assert "2/2023/QĐ-UBND" in html and "1/2024/QĐ-UBND" not in html


def test_list_uses_a_constant_number_of_queries(client):
    from tests.publicinfo.factories import MAX_LIST_QUERIES, page_queries

    for n in range(3):
        make_document(f"{n + 1}/2024/QĐ-UBND")
    few = page_queries(client, reverse("legaldocs:list"), {"nam": "2024"})
    for n in range(3, 30):
        make_document(f"{n + 1}/2024/QĐ-UBND", field=f"Lĩnh vực {n}", body=f"Cơ quan {n}")
    many = page_queries(client, reverse("legaldocs:list"), {"nam": "2024"})
    assert few == many <= MAX_LIST_QUERIES
    assert "1/2024/QĐ-UBND" in client.get(reverse("legaldocs:list"), {"page": 2}).content.decode()


def test_detail_links_to_the_replacing_document(client):
    old = make_document("1/2020/QĐ-UBND", status="expired")
    new = make_document("5/2024/QĐ-UBND")
    old.replaced_by.add(new)
    html = client.get(old.get_absolute_url()).content.decode()
    assert "Hết hiệu lực" in html or "Expired" in html
    assert new.get_absolute_url() in html


def test_detail_by_id_redirects_to_the_slug(client):
    document = make_document()
    response = client.get(reverse("legaldocs:detail_pk", args=[document.pk]))
    assert response.status_code == 301 and response["Location"].endswith(document.get_absolute_url())


def test_unpublished_document_is_not_found(client):
    document = make_document(is_published=False)
    assert client.get(document.get_absolute_url()).status_code == 404


def test_full_text_is_sanitised():
    document = make_document(full_text='<p>Điều 1.</p><script>alert(1)</script><a href="javascript:x">x</a>')
    assert "<script" not in document.full_text and "javascript:" not in document.full_text


def test_file_is_downloaded_as_an_attachment_with_its_original_name(client):
    document = make_document()
    stored = document_file_add(document=document, uploaded=SimpleUploadedFile("Quyết định 15.pdf", PDF))
    assert "Quyết định" not in stored.file.name
    response = client.get(stored.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%2015.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_a_fake_pdf_is_refused():
    from django.core.exceptions import ValidationError

    document = make_document()
    with pytest.raises(ValidationError):
        document_file_add(document=document, uploaded=SimpleUploadedFile("x.pdf", b"<html><script>"))


def test_files_of_unpublished_documents_are_not_served(client):
    document = make_document()
    stored = document_file_add(document=document, uploaded=SimpleUploadedFile("a.pdf", PDF))
    LegalDocument.objects.filter(pk=document.pk).update(is_published=False)
    assert client.get(stored.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "params", [{"loai": "9" * 25}, {"co_quan": "-1"}, {"nam": "99999"}, {"page": "999"}, {"q": "x" * 500}]
)
def test_absurd_filter_values_never_break_the_list(client, params):
    make_document()
    assert client.get(reverse("legaldocs:list"), params).status_code in (200, 404)


def test_list_and_detail_use_the_terms_of_legal_documents(client):
    """"Summary"/"Status" must read "Trích yếu"/"Tình trạng", not another catalogue's "Tóm tắt"/"Trạng thái"."""
    document = make_document()
    listing = client.get(reverse("legaldocs:list")).content.decode()
    assert "Trích yếu" in listing and "Tình trạng" in listing
    assert "Tóm tắt" not in listing and "Trạng thái" not in listing
    detail = client.get(document.get_absolute_url()).content.decode()
    assert "Tình trạng" in detail and "Trạng thái" not in detail


def test_document_name_in_admin_messages_is_cut_on_a_word():
    document = make_document(summary="Ban hành Quy chế phối hợp trong công tác đăng ký, quản lý hộ tịch trên địa bàn tỉnh "
                                     "và các xã, phường thuộc tỉnh")
    name = str(document)
    assert name.startswith("15/2024/QĐ-UBND – Ban hành") and name.endswith("…")
    assert name.rstrip("…").split()[-1] in document.summary.split()


def test_the_list_is_cached_for_readers_and_a_new_document_shows_at_once(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_document("1/2024/QĐ-UBND")
    url = reverse("legaldocs:list")
    client.get(url)
    with django_assert_num_queries(0):
        assert "1/2024/QĐ-UBND" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("9/2024/QĐ-UBND")
    assert "9/2024/QĐ-UBND" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        document.is_published = False
        document.save()
    assert "9/2024/QĐ-UBND" not in client.get(url).content.decode()
    assert client.get(document.get_absolute_url()).status_code == 404
