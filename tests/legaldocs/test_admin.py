import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from legaldocs.models import DocumentType, IssuingBody, LegalDocument

from .factories import make_document

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _post_data(number, upload):
    return {
        "group": "quy-pham",
        "number": number,
        "doc_type": DocumentType.objects.get(name="Quyết định").pk,
        "issuing_body": IssuingBody.objects.get_or_create(name="Ủy ban nhân dân tỉnh")[0].pk,
        "signer": "Lê Văn A",
        "issued_on": "2024-03-18",
        "status": "in_force",
        "summary": "Quy định về chứng thực",
        "full_text": "<p>Điều 1</p><script>x()</script>",
        "is_published": "on",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-upload": upload,
        "files-0-order": "0",
    }


def test_the_secretary_adds_a_document_with_a_pdf_in_the_admin(client, sam):
    client.force_login(sam)
    response = client.post(
        "/quan-tri/legaldocs/legaldocument/add/",
        _post_data("30/2024/QĐ-UBND", SimpleUploadedFile("Quyết định 30.pdf", PDF)),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = LegalDocument.objects.get()
    assert document.slug == "quyet-dinh-30-2024-qd-ubnd"
    assert "<script" not in document.full_text
    stored = document.files.get()
    assert stored.original_name == "Quyết định 30.pdf" and "Quyết" not in stored.file.name


def test_the_admin_refuses_a_fake_pdf_and_a_duplicate_number(client, sam):
    make_document("30/2024/QĐ-UBND")
    client.force_login(sam)
    response = client.post(
        "/quan-tri/legaldocs/legaldocument/add/",
        _post_data("30/2024/QD-UBND", SimpleUploadedFile("x.pdf", b"<html>")),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "30/2024/QĐ-UBND" in html
    assert LegalDocument.objects.count() == 1
