import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from articles.models import ItemKind
from royalties import services
from royalties.models import RecordStatus, RoyaltyEvent, RoyaltyRecord, Statement
from royalties.navigation import staff_links

from .factories import approved, paid_statement, published_item, record_of

pytestmark = pytest.mark.django_db


def record_url(record, action=""):
    return reverse(f"royalties:record{'_' + action if action else ''}", kwargs={"pk": record.pk})


def test_an_author_sees_their_own_royalties_by_month(client, alice, sam, hana):
    item = published_item(author=alice, title="Hội nghị triển khai Luật Đất đai")
    approved(record_of(item), editor=sam, head=hana, coefficient="2.5")
    client.force_login(alice)
    response = client.get(reverse("royalties:mine") + "?thang=2026-11")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hội nghị triển khai Luật Đất đai" in page
    assert "250.000 đ" in page
    assert "Cache-Control" in response and "no-store" in response["Cache-Control"]


def test_an_author_does_not_see_other_peoples_records_in_their_list(client, alice, bob):
    published_item(author=bob, title="Tin của Bob")
    published_item(author=alice, title="Tin của Alice")
    client.force_login(alice)
    page = client.get(reverse("royalties:mine")).content.decode()
    assert "Tin của Alice" in page and "Tin của Bob" not in page


def test_guessing_the_url_of_someone_elses_record_is_404(client, alice, bob):
    bobs = record_of(published_item(author=bob))
    client.force_login(alice)
    assert client.get(record_url(bobs)).status_code == 404
    assert client.post(record_url(bobs, "propose"), {"coefficient": "2"}).status_code == 404
    assert client.get(record_url(record_of(published_item(author=alice)))).status_code == 200


def test_an_author_cannot_open_the_boards_pages(client, alice):
    client.force_login(alice)
    for name in ("records", "statements", "totals"):
        assert client.get(reverse(f"royalties:{name}")).status_code == 403
    assert (
        client.get(
            reverse("royalties:item_shares", kwargs={"item_pk": published_item(author=alice).pk})
        ).status_code
        == 403
    )


def test_an_author_cannot_propose_for_their_own_record(client, alice):
    record = record_of(published_item(author=alice))
    client.force_login(alice)
    assert client.post(record_url(record, "propose"), {"coefficient": "3"}).status_code == 403
    record.refresh_from_db()
    assert record.coefficient is None


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("royalties:mine"))
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_the_editor_proposes_within_the_range(client, alice, sam):
    record = record_of(published_item(author=alice))
    client.force_login(sam)
    response = client.post(record_url(record, "propose"), {"coefficient": "2", "note": "Tin có ảnh"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == RecordStatus.PROPOSED and record.amount == 200_000


def test_a_coefficient_outside_the_range_is_refused_and_the_form_keeps_the_input(client, alice, sam):
    record = record_of(published_item(author=alice))
    client.force_login(sam)
    response = client.post(record_url(record, "propose"), {"coefficient": "7", "note": "Bài dài"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Hệ số của “Tin” phải từ 1 đến 3." in page
    assert 'value="7"' in page and "Bài dài" in page
    record.refresh_from_db()
    assert record.status == RecordStatus.PENDING


@pytest.mark.parametrize("actor", ["sam", "mike", "dora", "olga", "leo"])
def test_only_the_head_of_board_approves(client, request, alice, sam, actor):
    record = record_of(published_item(author=alice))
    services.record_propose(record=record, coefficient="2", note="", actor=sam)
    client.force_login(request.getfixturevalue(actor))
    assert client.post(record_url(record, "decide"), {"decision": "approve"}).status_code == 403
    record.refresh_from_db()
    assert record.status == RecordStatus.PROPOSED


def test_the_head_approves_with_a_changed_coefficient(client, alice, sam, hana):
    record = record_of(published_item(author=alice))
    services.record_propose(record=record, coefficient="2", note="", actor=sam)
    client.force_login(hana)
    response = client.post(
        record_url(record, "decide"), {"decision": "approve", "coefficient": "3", "note": "Tin hay"}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == RecordStatus.APPROVED and record.amount == 300_000
    assert RoyaltyEvent.objects.filter(record=record, action="royalties.record.change", actor=hana).exists()


def test_the_head_refuses_with_a_reason(client, alice, sam, hana):
    record = record_of(published_item(author=alice))
    services.record_propose(record=record, coefficient="2", note="", actor=sam)
    client.force_login(hana)
    assert client.post(record_url(record, "decide"), {"decision": "refuse"}).status_code == 400
    client.post(record_url(record, "decide"), {"decision": "refuse", "note": "Trùng tin đã đăng"})
    record.refresh_from_db()
    assert record.status == RecordStatus.REFUSED


@pytest.mark.parametrize("actor", ["sam", "hana", "leo", "alice"])
def test_only_the_office_marks_a_statement_paid(client, request, alice, sam, hana, olga, actor):
    approved(record_of(published_item(author=alice)), editor=sam, head=hana)
    services.statement_generate(year=2026, month=11, actor=olga)
    client.force_login(request.getfixturevalue(actor))
    url = reverse("royalties:statement_pay", kwargs={"year": 2026, "month": 11})
    assert client.post(url, {"paid_on": "2026-11-20", "reference": "UNC 1"}).status_code == 403
    assert Statement.objects.get().status == "draft"


def test_the_office_prepares_and_pays_the_statement(client, alice, sam, hana, olga):
    approved(record_of(published_item(author=alice)), editor=sam, head=hana, coefficient="2.5")
    client.force_login(olga)
    response = client.post(reverse("royalties:statements"), {"year": 2026, "month": 11})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "250.000 đ" in page
    assert "Bằng chữ: Hai trăm năm mươi nghìn đồng." in page
    url = reverse("royalties:statement_pay", kwargs={"year": 2026, "month": 11})
    response = client.post(url, {"paid_on": "2026-11-21", "reference": "UNC 45/2026"})
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.is_paid and statement.paid_reference == "UNC 45/2026" and statement.total_paid == 250_000
    assert record_of(statement.records.get().item).status == RecordStatus.PAID


def test_preparing_a_paid_statement_again_is_refused_with_a_message(client, alice, sam, hana, olga):
    approved(record_of(published_item(author=alice)), editor=sam, head=hana)
    paid_statement(year=2026, month=11, office=olga)
    client.force_login(olga)
    response = client.post(reverse("royalties:statements"), {"year": 2026, "month": 11})
    assert response.status_code == 400
    assert "đã chi trả" in response.content.decode()


def test_a_paid_record_shows_no_edit_forms_only_the_adjustment(client, alice, sam, hana, olga):
    record = record_of(published_item(author=alice))
    approved(record, editor=sam, head=hana)
    paid_statement(year=2026, month=11, office=olga)
    client.force_login(sam)
    page = client.get(record_url(record)).content.decode()
    assert reverse("royalties:record_propose", kwargs={"pk": record.pk}) not in page
    assert reverse("royalties:record_adjust", kwargs={"pk": record.pk}) in page
    assert client.post(record_url(record, "propose"), {"coefficient": "3"}).status_code == 400
    response = client.post(record_url(record, "adjust"), {"coefficient": "3", "reason": "Tính thiếu"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.amount == 200_000 and record.adjustments.get().amount == 100_000


def test_the_statement_downloads_as_excel(client, alice, bob, sam, hana, olga):
    approved(
        record_of(published_item(author=alice, title="Tin thứ nhất")), editor=sam, head=hana, coefficient="2"
    )
    approved(record_of(published_item(author=bob, kind=ItemKind.BAI)), editor=sam, head=hana, coefficient="5")
    services.statement_generate(year=2026, month=11, actor=olga)
    client.force_login(olga)
    response = client.get(reverse("royalties:statement_excel", kwargs={"year": 2026, "month": 11}))
    assert response.status_code == 200
    assert "bang-ke-nhuan-but-2026-11.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "Tin thứ nhất" in values
    assert 700_000 in values
    assert "Bằng chữ: Bảy trăm nghìn đồng." in values


def test_the_printable_statement_loads_print_styles(client, alice, sam, hana, olga):
    approved(record_of(published_item(author=alice)), editor=sam, head=hana)
    services.statement_generate(year=2026, month=11, actor=olga)
    client.force_login(hana)
    page = client.get(reverse("royalties:statement", kwargs={"year": 2026, "month": 11})).content.decode()
    assert "royalties/royalties.css" in page and "data-print" in page


def test_an_author_cannot_open_a_statement(client, alice, olga):
    services.statement_generate(year=2026, month=11, actor=olga)
    client.force_login(alice)
    assert client.get(reverse("royalties:statement", kwargs={"year": 2026, "month": 11})).status_code == 403
    assert (
        client.get(reverse("royalties:statement_excel", kwargs={"year": 2026, "month": 11})).status_code
        == 403
    )


def test_leadership_sees_totals_per_unit_and_month(client, alice, bob, sam, hana, leo, unit, other_unit):
    approved(record_of(published_item(author=alice)), editor=sam, head=hana, coefficient="2")
    approved(
        record_of(published_item(author=alice, on=dt.date(2026, 10, 5))),
        editor=sam,
        head=hana,
        coefficient="3",
    )
    published_item(author=bob)  # not approved: not counted
    client.force_login(leo)
    page = client.get(reverse("royalties:totals") + "?nam=2026").content.decode()
    assert unit.name in page and other_unit.name not in page
    assert "200.000 đ" in page and "300.000 đ" in page and "500.000 đ" in page


def test_totals_by_unit_for_the_quota_dashboard(alice, bob, sam, hana, unit, other_unit):
    from royalties.selectors import royalty_totals_by_unit

    approved(record_of(published_item(author=alice)), editor=sam, head=hana, coefficient="2")
    approved(record_of(published_item(author=bob)), editor=sam, head=hana, coefficient="1.5")
    published_item(author=alice)  # pending: not counted
    assert royalty_totals_by_unit(2026, 11) == {unit.pk: 200_000, other_unit.pk: 150_000}
    assert royalty_totals_by_unit(2026, 10) == {}


def test_the_records_list_needs_a_constant_number_of_queries(
    client, alice, bob, sam, django_assert_max_num_queries
):
    for _n in range(3):
        published_item(author=alice)
        published_item(author=bob)
    client.force_login(sam)
    client.get(reverse("royalties:records"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("royalties:records"))
    assert response.content.decode().count("/nhuan-but/ho-so/") >= 6


def test_authors_shares_are_set_on_a_form_and_refused_when_not_100(client, alice, bob, sam):
    item = published_item(author=alice)
    client.force_login(sam)
    url = reverse("royalties:item_shares", kwargs={"item_pk": item.pk})
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-user": alice.pk,
        "form-0-percent": "70",
        "form-1-user": bob.pk,
        "form-1-percent": "20",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "90 %, không phải 100 %" in response.content.decode()
    data["form-1-percent"] = "30"
    assert client.post(url, data).status_code == 302
    assert record_of(item, bob).share == 30 and record_of(item, alice).share == 70


def test_workspace_links_follow_roles(alice, sam, hana, olga, leo, zed):
    published_item(author=alice)
    assert [link["label"] for link in staff_links(alice)] == ["Nhuận bút của tôi"]
    assert staff_links(zed) == []
    assert any(link["badge"] == 1 for link in staff_links(sam))
    assert any("bang-ke" in link["url"] for link in staff_links(olga))
    assert any("tong-hop" in link["url"] for link in staff_links(leo))


def test_monthly_remuneration_is_created_from_the_records_page(client, sam, olga):
    from royalties.models import RemunerationRate

    RemunerationRate.objects.create(
        role="secretary", basis="month", amount=500_000, valid_from=dt.date(2026, 1, 1)
    )
    client.force_login(olga)
    response = client.post(reverse("royalties:remuneration_month"), {"year": 2026, "month": 10})
    assert response.status_code == 302
    assert sam.royalty_records.get().amount == 500_000


def test_the_head_approves_several_proposals_at_once(client, alice, bob, sam, hana):
    first = record_of(published_item(author=alice))
    second = record_of(published_item(author=bob))
    untouched = record_of(published_item(author=bob))
    for record in (first, second, untouched):
        services.record_propose(record=record, coefficient="2", note="", actor=sam)
    client.force_login(hana)
    page = client.get(reverse("royalties:records") + "?trang_thai=proposed").content.decode()
    assert f'value="{first.pk}"' in page
    response = client.post(
        reverse("royalties:records_approve"), {"records": [first.pk, second.pk]}, follow=True
    )
    assert "2 hồ sơ đã được duyệt." in response.content.decode()
    statuses = {r.pk: r.status for r in RoyaltyRecord.objects.all()}
    assert statuses == {first.pk: "approved", second.pk: "approved", untouched.pk: "proposed"}


def test_only_the_head_approves_several_at_once(client, alice, sam, dora):
    record = record_of(published_item(author=alice))
    services.record_propose(record=record, coefficient="2", note="", actor=sam)
    client.force_login(dora)
    assert client.post(reverse("royalties:records_approve"), {"records": [record.pk]}).status_code == 403
    assert "records_approve" not in client.get(reverse("royalties:records")).content.decode()


def test_the_head_is_reminded_of_proposals_and_authors_are_told_when_paid(alice, sam, hana, olga):
    from core.models import Notification

    record = record_of(published_item(author=alice))
    services.record_propose(record=record, coefficient="2", note="", actor=sam)
    assert Notification.objects.filter(recipient=hana, verb="royalties.proposed").count() == 1
    services.record_decide(record=record, decision=services.Decision.APPROVE, actor=hana)
    paid_statement(year=2026, month=11, office=olga)
    paid = Notification.objects.get(recipient=alice, verb="royalties.paid")
    assert "200.000" in paid.message


def test_the_statement_reads_in_english_too(client, alice, sam, hana, olga):
    approved(record_of(published_item(author=alice)), editor=sam, head=hana, coefficient="1.5")
    services.statement_generate(year=2026, month=11, actor=olga)
    client.force_login(olga)
    page = client.get(
        "/en" + reverse("royalties:statement", kwargs={"year": 2026, "month": 11})
    ).content.decode()
    assert "150,000 VND" in page
    assert "In words: Một trăm năm mươi nghìn đồng." in page


def test_the_statement_page_needs_a_constant_number_of_queries(
    client, alice, bob, colin, sam, hana, olga, django_assert_max_num_queries
):
    for author in (alice, bob, colin, alice, bob):
        approved(record_of(published_item(author=author)), editor=sam, head=hana)
    services.statement_generate(year=2026, month=11, actor=olga)
    client.force_login(olga)
    url = reverse("royalties:statement", kwargs={"year": 2026, "month": 11})
    client.get(url)
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert "1.000.000 đ" in page


def test_an_unpublished_items_record_warns_the_head(client, alice, hana):
    from articles.models import ItemStatus

    item = published_item(author=alice)
    item.status = ItemStatus.UNPUBLISHED
    item.save()
    client.force_login(hana)
    assert "không còn được đăng" in client.get(record_url(record_of(item))).content.decode()


def test_record_history_reads_in_words_with_names_family_name_first(client, alice, sam, hana):
    record = approved(record_of(published_item(author=alice)), editor=sam, head=hana, coefficient="2")
    client.force_login(hana)
    page = client.get(record_url(record)).content.decode()
    history = page.split("Lịch sử", 1)[1]
    assert "Đề xuất hệ số" in history and "Duyệt" in history
    assert "royalties.record." not in history
    assert f"{hana.last_name} {hana.first_name}".strip() in history


def test_the_heads_record_page_has_no_duplicate_ids(client, alice, sam, hana):
    """The head sees the proposal and the decision forms together; each label must point at its own field."""
    import re
    from collections import Counter

    record = record_of(published_item(author=alice))
    services.record_propose(record=record, coefficient="2", note="", actor=sam)
    client.force_login(hana)
    page = client.get(record_url(record)).content.decode()
    assert 'action="' + record_url(record, "propose") in page and 'action="' + record_url(record, "decide") in page
    duplicates = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', page)).items() if n > 1]
    assert duplicates == []
    assert 'for="decide_coefficient"' in page


@pytest.mark.parametrize("typed", ["2,5", "2.5", " 2,5 "])
def test_a_coefficient_typed_with_a_comma_is_two_and_a_half(client, alice, sam, typed):
    record = record_of(published_item(author=alice))
    client.force_login(sam)
    response = client.post(record_url(record, "propose"), {"coefficient": typed, "note": ""})
    assert response.status_code == 302
    record.refresh_from_db()
    assert str(record.coefficient) == "2.50" and record.amount == 250_000


def test_the_coefficient_box_is_text_showing_a_comma(client, alice, sam):
    record = record_of(published_item(author=alice))
    services.record_propose(record=record, coefficient="1.5", note="", actor=sam)
    client.force_login(sam)
    page = client.get(record_url(record)).content.decode()
    assert 'type="number"' not in page
    assert 'name="coefficient" value="1,5"' in page or 'value="1,5"' in page


def test_shares_typed_with_a_comma_are_fractions_not_hundreds(client, alice, bob, sam):
    item = published_item(author=alice)
    client.force_login(sam)
    url = reverse("royalties:item_shares", kwargs={"item_pk": item.pk})
    data = {
        "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0",
        "form-0-user": alice.pk, "form-0-percent": "62,5",
        "form-1-user": bob.pk, "form-1-percent": "37,5",
    }
    assert client.post(url, data).status_code == 302
    assert record_of(item, alice).share == Decimal("62.5") and record_of(item, bob).share == Decimal("37.5")
    assert 'type="number"' not in client.get(url).content.decode()


@pytest.mark.parametrize("year", ["99999", "-5", "0", "abc"])
def test_totals_with_an_absurd_year_show_this_year(client, leo, year):
    client.force_login(leo)
    response = client.get(reverse("royalties:totals"), {"nam": year})
    assert response.status_code == 200 and response.context["year"] == 2026


def test_totals_list_the_departments_own_units_before_district_offices(client, alice, bob, sam, hana, leo,
                                                                      unit, other_unit):
    other_unit.order = 0
    other_unit.save()
    unit.order = 9
    unit.save()
    approved(record_of(published_item(author=alice)), editor=sam, head=hana, coefficient="2")
    approved(record_of(published_item(author=bob)), editor=sam, head=hana, coefficient="2")
    client.force_login(leo)
    page = client.get(reverse("royalties:totals"), {"nam": "2026"}).content.decode()
    assert page.index(unit.name) < page.index(other_unit.name)  # `unit` is internal, `other_unit` a district


def test_the_shares_page_opens_with_whole_percentages(client, alice, sam):
    """The first author's initial 100 (an int) broke the page after shares accepted a decimal comma."""
    item = published_item(author=alice)
    client.force_login(sam)
    response = client.get(reverse("royalties:item_shares", kwargs={"item_pk": item.pk}))
    assert response.status_code == 200
    assert 'value="100"' in response.content.decode()
