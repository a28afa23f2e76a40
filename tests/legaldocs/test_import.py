import pytest

from legaldocs.models import LegalDocument
from legaldocs.services import documents_import

from .factories import make_document, xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    "Số ký hiệu",
    "Loại văn bản",
    "Cơ quan ban hành",
    "Người ký",
    "Lĩnh vực",
    "Ngày ban hành",
    "Ngày hiệu lực",
    "Tình trạng",
    "Trích yếu",
]


def row(number="20/2024/QĐ-UBND", issued="18/10/2024", status="Còn hiệu lực", **over):
    values = {
        "number": number,
        "type": "Quyết định",
        "body": "UBND tỉnh",
        "signer": "Lê Văn A",
        "field": "Công chứng",
        "issued": issued,
        "effective": "",
        "status": status,
        "summary": "Quy định mức thu phí công chứng",
    }
    values.update(over)
    return [
        values[k]
        for k in ("number", "type", "body", "signer", "field", "issued", "effective", "status", "summary")
    ]


def test_a_good_file_imports_every_row():
    report = documents_import(
        xlsx([HEADER, row("1/2024/QĐ-UBND"), row("2/2024/QĐ-UBND", status="Hết hiệu lực")])
    )
    assert report.ok and report.created == 2
    assert LegalDocument.objects.get(number="2/2024/QĐ-UBND").status == "expired"
    assert LegalDocument.objects.get(number="1/2024/QĐ-UBND").issued_on.isoformat() == "2024-10-18"


def test_a_bad_date_refuses_the_whole_file_with_the_row_number():
    report = documents_import(
        xlsx([HEADER, row("1/2024/QĐ-UBND"), row("2/2024/QĐ-UBND", issued="31/02/2024")])
    )
    assert not report.ok
    assert [(e.row, "31/02/2024" in e.reason) for e in report.errors] == [(3, True)]
    assert not LegalDocument.objects.exists()


def test_duplicate_numbers_in_the_file_or_the_database_are_refused():
    make_document("9/2023/QĐ-UBND")
    report = documents_import(
        xlsx(
            [
                HEADER,
                row("1/2024/QĐ-UBND"),
                row("1/2024/QD-UBND"),
                row("9 2023 qđ ubnd"),
            ]
        )
    )
    assert [e.row for e in report.errors] == [3, 4]
    assert "row 2" in report.errors[0].reason.lower() or "dòng 2" in report.errors[0].reason.lower()
    assert LegalDocument.objects.count() == 1


def test_wrong_columns_are_refused_before_any_row():
    report = documents_import(xlsx([["Số", "Tên"], ["1", "x"]]))
    assert not report.ok
    assert all(e.row == 1 for e in report.errors)
    assert any("Số ký hiệu" in e.reason for e in report.errors)


def test_a_file_that_is_not_a_spreadsheet_is_refused():
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = documents_import(SimpleUploadedFile("van-ban.xlsx", b"not a workbook"))
    assert not report.ok and report.errors[0].row == 0


def test_unknown_document_type_is_reported():
    report = documents_import(xlsx([HEADER, row(type="Sắc lệnh XYZ")]))
    assert report.errors[0].row == 2 and "Sắc lệnh XYZ" in report.errors[0].reason


def test_admin_import_page_shows_row_errors(client, sam):
    sam.is_staff = True
    sam.save()
    client.force_login(sam)
    url = "/quan-tri/legaldocs/legaldocument/nhap-excel/"
    response = client.post(url, {"file": xlsx([HEADER, row(issued="hôm qua")])})
    assert response.status_code == 200
    assert "hôm qua" in response.content.decode()
    assert not LegalDocument.objects.exists()
    response = client.post(url, {"file": xlsx([HEADER, row()])})
    assert response.status_code == 302
    assert LegalDocument.objects.count() == 1


def test_management_command_reports_errors(tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "vb.xlsx"
    path.write_bytes(xlsx([HEADER, row(issued="")]).read())
    with pytest.raises(CommandError):
        call_command("import_legaldocs", str(path))
    assert not LegalDocument.objects.exists()


def test_a_row_refused_while_writing_rolls_back_the_rows_before_it(monkeypatch):
    from django.core.exceptions import ValidationError

    from legaldocs import services

    real_save = services.document_save

    def save_but_refuse_the_second(document):
        if document.number.startswith("2/"):
            raise ValidationError("Cơ sở dữ liệu từ chối dòng này.")
        return real_save(document)

    monkeypatch.setattr(services, "document_save", save_but_refuse_the_second)
    report = documents_import(xlsx([HEADER, row("1/2024/QĐ-UBND"), row("2/2024/QĐ-UBND")]))
    assert [(e.row, e.reason) for e in report.errors] == [(3, "Cơ sở dữ liệu từ chối dòng này.")]
    assert not LegalDocument.objects.exists()


def test_admin_import_of_a_picture_says_the_file_is_wrong_not_row_0(client, sam):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sam.is_staff = True
    sam.save()
    client.force_login(sam)
    picture = SimpleUploadedFile("van-ban.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    page = client.post("/quan-tri/legaldocs/legaldocument/nhap-excel/", {"file": picture}).content.decode()
    assert "<td>Tệp</td>" in page and "<td>0</td>" not in page
