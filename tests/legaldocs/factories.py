import datetime
import io

from openpyxl import Workbook

from legaldocs.models import DocumentType, IssuingBody, LegalDocument, LegalField
from legaldocs.services import document_save


def make_document(
    number="15/2024/QĐ-UBND",
    *,
    summary="Ban hành Quy chế phối hợp quản lý nhà nước về công tác hộ tịch",
    type_name="Quyết định",
    body="Ủy ban nhân dân tỉnh",
    field="Hộ tịch",
    issued_on=None,
    **fields,
):
    document = LegalDocument(
        number=number,
        summary=summary,
        doc_type=DocumentType.objects.get(name=type_name),
        issuing_body=IssuingBody.objects.get_or_create(name=body)[0],
        legal_field=LegalField.objects.get_or_create(name=field)[0] if field else None,
        issued_on=issued_on or datetime.date(2024, 3, 18),
        **fields,
    )
    return document_save(document)


def xlsx(rows, name="van-ban.xlsx"):
    """An uploaded .xlsx whose first row is the header."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")
