import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organisation.models import Department, StaffProfile
from organisation.selectors import DEPARTMENT_CACHE_KEY
from publicinfo.models import JudicialEntry, WebLink
from publicinfo.services import judicial_import, notice_file_add
from tests.legaldocs.factories import xlsx

from .factories import MAX_LIST_QUERIES, make_judicial, make_notice, page_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "kind,url",
    [
        ("announcement", "/thong-bao/"),
        ("conference", "/tai-lieu-hoi-nghi/"),
        ("plan", "/ke-hoach/"),
        ("project", "/du-an/"),
        ("research", "/de-tai/"),
        ("statistics", "/thong-ke/"),
        ("iso", "/iso-9001/"),
    ],
)
def test_each_kind_of_dated_document_has_its_own_list(client, kind, url):
    make_notice(f"Tài liệu loại {kind}", kind=kind)
    make_notice("Của mục khác", kind="plan" if kind != "plan" else "project")
    html = client.get(url).content.decode()
    assert f"Tài liệu loại {kind}" in html and "Của mục khác" not in html
    assert "18/11/2026" in html


def test_notice_list_uses_a_constant_number_of_queries(client):
    def add(n):
        notice = make_notice(f"Thông báo {n}")
        notice_file_add(notice=notice, uploaded=SimpleUploadedFile(f"tb{n}.pdf", b"%PDF-1.4\n"))

    for n in range(2):
        add(n)
    few = page_queries(client, "/thong-bao/")
    for n in range(2, 25):
        add(n)
    assert few == page_queries(client, "/thong-bao/") <= MAX_LIST_QUERIES
    assert "Thông báo 0" in client.get("/thong-bao/", {"page": 2}).content.decode()


def test_notice_detail_is_sanitised_and_dated_in_words(client):
    notice = make_notice(body="<p>Nội dung</p><img src=x onerror=alert(1)>")
    html = client.get(notice.get_absolute_url()).content.decode()
    assert "ngày 18 tháng 11 năm 2026" in html and "onerror" not in html


def test_notice_of_another_kind_is_not_found_under_this_url(client):
    notice = make_notice(kind="plan")
    assert client.get(f"/thong-bao/{notice.pk}/").status_code == 404


def test_directory_shows_office_contacts_but_hides_private_mobiles(client, alice, bob):
    StaffProfile.objects.filter(user=alice).update(office_phone="0239 3855 601", mobile_phone="0912 000 111")
    StaffProfile.objects.filter(user=bob).update(mobile_phone="0988 222 333", show_mobile_publicly=True)
    html = client.get(reverse("publicinfo:directory")).content.decode()
    assert "0239 3855 601" in html and alice.email in html
    assert "0912 000 111" not in html
    assert "0988 222 333" in html


def test_directory_lists_the_department_units_before_district_offices(client, alice, bob):
    html = client.get(reverse("publicinfo:directory")).content.decode()
    assert html.index(alice.email) < html.index(bob.email)  # alice: internal unit, bob: district office


def test_directory_leaves_out_people_not_shown(client, alice):
    StaffProfile.objects.filter(user=alice).update(show_in_directory=False)
    assert alice.email not in client.get(reverse("publicinfo:directory")).content.decode()


def test_directory_uses_a_constant_number_of_queries(client, unit, other_unit):
    from tests.factories import UnitFactory, make_user

    make_user(unit=unit)
    few = page_queries(client, reverse("publicinfo:directory"))
    for n in range(30):
        make_user(unit=UnitFactory() if n % 3 == 0 else other_unit)
    assert few == page_queries(client, reverse("publicinfo:directory")) <= MAX_LIST_QUERIES


def test_judicial_support_filters_by_kind_and_district(client):
    make_judicial("Văn phòng công chứng Hồng Lĩnh", district="Thị xã Hồng Lĩnh")
    make_judicial("Công ty đấu giá Hợp danh Kỳ Anh", kind="auction", district="Huyện Kỳ Anh")
    make_judicial("Trung tâm Trợ giúp pháp lý", kind="legal_aid_org", district="Thành phố Hà Tĩnh")
    html = client.get(reverse("publicinfo:judicial_support")).content.decode()
    assert "Văn phòng công chứng Hồng Lĩnh" in html and "Trung tâm Trợ giúp pháp lý" not in html
    html = client.get(reverse("publicinfo:judicial_support"), {"huyen": "Huyện Kỳ Anh"}).content.decode()
    assert "Kỳ Anh" in html and "Văn phòng công chứng Hồng Lĩnh" not in html
    html = client.get(reverse("publicinfo:legal_aid")).content.decode()
    assert "Trung tâm Trợ giúp pháp lý" in html and "đấu giá" not in html


def test_judicial_list_uses_a_constant_number_of_queries(client):
    url, params = reverse("publicinfo:judicial_support"), {"loai": "law_firm"}
    make_judicial("Văn phòng luật sư số 0", kind="law_firm", district="Huyện 0")
    few = page_queries(client, url, params)
    for n in range(1, 30):
        make_judicial(f"Văn phòng luật sư số {n}", kind="law_firm", district=f"Huyện {n % 4}")
    assert few == page_queries(client, url, params) <= MAX_LIST_QUERIES


JUDICIAL_HEADER = ["Loại", "Tên", "Huyện, thị xã, thành phố", "Địa chỉ", "Điện thoại", "Email"]


def test_judicial_import_all_or_nothing():
    good = [
        JUDICIAL_HEADER,
        ["Luật sư", "Nguyễn Văn An", "Huyện Cẩm Xuyên", "Thị trấn Cẩm Xuyên", "0912", ""],
        ["Công chứng", "Văn phòng công chứng Cẩm Xuyên", "Huyện Cẩm Xuyên", "", "", "vpcc@example.vn"],
    ]
    assert judicial_import(xlsx(good)).created == 2
    report = judicial_import(
        xlsx(
            [
                JUDICIAL_HEADER,
                ["Thừa phát lại", "VP Thừa phát lại A", "", "", "", ""],
                ["Phù thủy", "X", "", "", "", ""],
                ["Luật sư", "Y", "", "", "", "khong-phai-email"],
                ["Luật sư", "Nguyễn Văn An", "Huyện Cẩm Xuyên", "", "", ""],
            ]
        )
    )
    assert [e.row for e in report.errors] == [3, 4, 5]
    assert JudicialEntry.objects.count() == 2


def test_contact_page_shows_department_details_and_map_with_alt(client):
    from tests.factories import image_upload

    department = Department.objects.create(
        name="Sở Tư pháp tỉnh Hà Tĩnh",
        address="Số 01 Nguyễn Chí Thanh",
        phone="0239 3855 678",
        email="stp@hatinh.gov.vn",
    )
    department.map_image.save("map.png", image_upload("map.png", (400, 300), "PNG"))
    from django.core.cache import cache

    cache.delete(DEPARTMENT_CACHE_KEY)
    html = client.get(reverse("publicinfo:contact")).content.decode()
    assert "Số 01 Nguyễn Chí Thanh" in html and "stp@hatinh.gov.vn" in html
    assert 'alt="' in html and "Số 01 Nguyễn Chí Thanh" in html.split("<img")[1]


def test_leadership_page_lists_leaders_with_bio(client, leo, alice):
    StaffProfile.objects.update_or_create(
        user=leo, defaults={"position": "Giám đốc Sở", "bio": "Sinh năm 1970."}
    )
    html = client.get(reverse("publicinfo:leadership")).content.decode()
    assert f"{leo.last_name} {leo.first_name}" in html and "Giám đốc Sở" in html and "Sinh năm 1970." in html
    assert alice.last_name not in html


def test_web_links_page_and_block(client):
    from django.template import Context, Template

    WebLink.objects.create(name="Bộ Tư pháp", url="https://moj.gov.vn")
    WebLink.objects.create(name="Ẩn", url="https://hidden.example.vn", is_active=False)
    html = client.get(reverse("publicinfo:links")).content.decode()
    assert "https://moj.gov.vn" in html and "hidden.example.vn" not in html
    block = Template("{% load publicinfo_blocks %}{% web_links_block %}").render(Context())
    assert "Bộ Tư pháp" in block


def test_a_script_link_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        WebLink(name="x", url="javascript:alert(1)").full_clean()
    with pytest.raises(ValidationError):
        WebLink(name="x", url="ftp://files.example.vn/").full_clean()


def test_dates_are_iso_week_safe():
    assert datetime.date(2026, 11, 16).isocalendar()[1] == 47


@pytest.mark.parametrize(
    "url", ["/danh-ba/?don-vi=99999999999999999999999", "/lich-cong-tac/?lanh-dao=99999999999999999999"]
)
def test_absurd_ids_in_the_query_string_are_ignored(client, url):
    assert client.get(url).status_code == 200


def test_notice_number_reads_so_not_ordinal(client):
    """The number of a notice is "Số 12/TB-STP"; "STT" (row number) came from another app's catalogue."""
    notice = make_notice(number="12/TB-STP")
    for url in ("/thong-bao/", notice.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "Số 12/TB-STP" in html and "STT 12/TB-STP" not in html


def test_directory_filter_offers_the_department_units_before_district_offices(client):
    from organisation.models import Unit

    Unit.objects.create(name="Phòng Tư pháp huyện An Phú", kind=Unit.Kind.DISTRICT, order=0)
    Unit.objects.create(name="Văn phòng Sở Thử", kind=Unit.Kind.INTERNAL, order=5)
    response = client.get(reverse("publicinfo:directory"))
    names = [unit.name for unit in response.context["units"]]
    assert names.index("Văn phòng Sở Thử") < names.index("Phòng Tư pháp huyện An Phú")
    html = response.content.decode()
    assert html.index(">Văn phòng Sở Thử<") < html.index(">Phòng Tư pháp huyện An Phú<")


def test_the_demo_map_is_labelled_with_a_font_that_has_vietnamese_letters():
    from PIL import Image, ImageFont

    from publicinfo.demo import _draw_map, _font, _png

    assert isinstance(_font(22), ImageFont.FreeTypeFont)  # the bitmap default wrote "SO TU PHAP"
    assert Image.open(_png(_draw_map, (800, 500))).size == (800, 500)
