import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from publicinfo.models import Procedure
from publicinfo.services import procedure_form_add, procedures_import
from tests.legaldocs.factories import xlsx

from .factories import MAX_LIST_QUERIES, make_procedure, page_queries

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def test_list_filters_by_field_and_level_and_searches_without_diacritics(client):
    make_procedure("Đăng ký khai sinh", level="commune")
    make_procedure("Cấp phiếu lý lịch tư pháp", field="Lý lịch tư pháp", level="province")
    html = client.get(reverse("publicinfo:procedures"), {"q": "khai sinh"}).content.decode()
    assert "Đăng ký khai sinh" in html and "lý lịch" not in html
    html = client.get(reverse("publicinfo:procedures"), {"cap": "province"}).content.decode()
    assert "Cấp phiếu lý lịch tư pháp" in html and "khai sinh" not in html


def test_list_uses_a_constant_number_of_queries(client):
    make_procedure("Thủ tục số 0")
    few = page_queries(client, reverse("publicinfo:procedures"))
    for n in range(1, 25):
        make_procedure(f"Thủ tục số {n}", field=f"Lĩnh vực {n % 3}")
    assert few == page_queries(client, reverse("publicinfo:procedures")) <= MAX_LIST_QUERIES


def test_detail_shows_steps_fees_and_online_link(client, settings):
    settings.PUBLIC_SERVICE_PORTAL_URL = "https://dichvucong.hatinh.gov.vn"
    procedure = make_procedure(steps="Bước 1: nộp hồ sơ", fees="8.000 đồng", online_level="full")
    html = client.get(procedure.get_absolute_url()).content.decode()
    assert "Bước 1: nộp hồ sơ" in html and "8.000 đồng" in html
    assert "https://dichvucong.hatinh.gov.vn" in html


def test_online_services_page_lists_only_online_procedures(client):
    make_procedure("Đăng ký kết hôn", online_level="partial")
    make_procedure("Chứng thực chữ ký", online_level="none")
    html = client.get(reverse("publicinfo:procedures_online")).content.decode()
    assert "Đăng ký kết hôn" in html and "Chứng thực chữ ký" not in html


def test_forms_are_downloaded_as_attachments(client):
    procedure = make_procedure()
    form = procedure_form_add(procedure=procedure, uploaded=SimpleUploadedFile("Tờ khai khai sinh.pdf", PDF))
    response = client.get(form.get_absolute_url())
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_unpublished_procedure_is_not_found(client):
    procedure = make_procedure(is_published=False)
    assert client.get(procedure.get_absolute_url()).status_code == 404


HEADER = [
    "Mã thủ tục",
    "Tên thủ tục",
    "Lĩnh vực",
    "Cấp thực hiện",
    "Dịch vụ công trực tuyến",
    "Đường dẫn dịch vụ công",
]


def test_import_creates_procedures_when_every_row_is_good():
    report = procedures_import(
        xlsx(
            [
                HEADER,
                ["1.001", "Đăng ký khai tử", "Hộ tịch", "Cấp xã", "Toàn trình", "https://dvc.example.vn/1"],
                ["1.002", "Cấp bản sao trích lục", "Hộ tịch", "huyện", "", ""],
            ]
        )
    )
    assert report.ok and report.created == 2
    assert Procedure.objects.get(code="1.001").online_level == "full"
    assert Procedure.objects.get(code="1.002").level == "district"


def test_import_refuses_bad_level_duplicate_code_and_script_link():
    report = procedures_import(
        xlsx(
            [
                HEADER,
                ["1.001", "A", "Hộ tịch", "Trung ương", "", ""],
                ["1.002", "B", "Hộ tịch", "xã", "", "javascript:alert(1)"],
                ["1.003", "C", "Hộ tịch", "xã", "", ""],
                ["1.003", "D", "Hộ tịch", "xã", "", ""],
            ]
        )
    )
    assert [e.row for e in report.errors] == [2, 3, 5]
    assert not Procedure.objects.exists()


def test_admin_import_page_for_procedures_reports_rows_and_imports_nothing(client, sam):
    client.force_login(sam)
    url = "/quan-tri/publicinfo/procedure/nhap-excel/"
    assert client.get("/quan-tri/publicinfo/procedure/").content.decode().count("nhap-excel/") == 1
    bad = xlsx([HEADER, ["1.001", "A", "Hộ tịch", "xã", "", ""], ["1.001", "B", "Hộ tịch", "xã", "", ""]])
    html = client.post(url, {"file": bad}).content.decode()
    assert "1.001" in html and not Procedure.objects.exists()
    good = xlsx([HEADER, ["1.001", "A", "Hộ tịch", "xã", "", ""]])
    assert client.post(url, {"file": good}).status_code == 302
    assert Procedure.objects.count() == 1


def test_import_command_for_judicial_lists(tmp_path):
    from django.core.management import CommandError, call_command

    from publicinfo.models import JudicialEntry

    path = tmp_path / "bttp.xlsx"
    path.write_bytes(xlsx([["Loại", "Tên", "Địa chỉ"], ["Công chứng", "VPCC Kỳ Anh", "Kỳ Đồng"]]).read())
    call_command("import_publicinfo", "judicial", str(path))
    assert JudicialEntry.objects.get().kind == "notary"
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(xlsx([["Tên"], ["Không có loại"]]).read())
    with pytest.raises(CommandError):
        call_command("import_publicinfo", "judicial", str(bad))
