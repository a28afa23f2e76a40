"""The dashboard, drill-down, ranking, reports and exports as leadership and unit leaders see them."""

import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from articles.models import ItemKind
from organisation.roles import Role
from quotas.models import MonthSnapshot, MonthSnapshotEvent
from quotas.selectors import Month, month_report, year_ranking
from quotas.services import quota_month_close
from tests.factories import UnitFactory, make_user

from .factories import at, published, sent

pytestmark = pytest.mark.django_db

NOW = at(2026, 11, 20, 9)
DASHBOARD = reverse("quotas:dashboard")


@pytest.fixture(autouse=True)
def _frozen():
    # A request under /en/ leaves English active in the thread; start every test in Vietnamese.
    with time_machine.travel(NOW, tick=False), translation.override("vi"):
        yield


def page(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


# --- Access.

@pytest.mark.parametrize("actor", ["leo", "sam", "mike", "dora", "hana"])
def test_leadership_and_the_board_see_every_unit(request, client, unit, other_unit, actor):
    response = page(client, request.getfixturevalue(actor), DASHBOARD)
    assert response.status_code == 200
    assert unit.name in response.text and other_unit.name in response.text


def test_legal_dissemination_office_staff_see_every_unit(client, unit, other_unit):
    pbgdpl = UnitFactory(name="Phòng Phổ biến, giáo dục pháp luật")
    staff = make_user(Role.AUTHOR, unit=pbgdpl, username="phuong")
    response = page(client, staff, DASHBOARD)
    assert response.status_code == 200 and other_unit.name in response.text


def test_a_unit_leader_sees_only_their_own_unit(client, unit, other_unit, carol):
    response = page(client, carol, DASHBOARD)
    assert response.status_code == 200
    assert unit.name in response.text and other_unit.name not in response.text
    assert page(client, carol, reverse("quotas:yearly")).status_code == 403


@pytest.mark.parametrize("actor", ["alice", "bob", "olga", "colin", "zed"])
@pytest.mark.parametrize("name", ["dashboard", "ranking", "report", "report_xlsx", "yearly", "yearly_xlsx"])
def test_others_are_refused(request, client, actor, name):
    response = page(client, request.getfixturevalue(actor), reverse(f"quotas:{name}"))
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_unit_leader_cannot_drill_into_another_unit(client, unit, other_unit, carol):
    sent(other_unit, at(2026, 11, 3), title="Tin của huyện")
    response = page(client, carol, reverse("quotas:cell", args=[other_unit.pk, "sent_tin"]), thang="2026-11")
    assert response.status_code == 404


def test_workspace_links_depend_on_the_role(unit, leo, carol, alice):
    from quotas.navigation import staff_links

    assert len(staff_links(leo)) == 3
    assert [link["url"] for link in staff_links(carol)] == [DASHBOARD, reverse("quotas:ranking")]
    assert staff_links(alice) == []


# --- The dashboard.

def test_the_dashboard_shows_figures_targets_and_a_worded_status(client, unit, other_unit, leo):
    for day in range(1, 6):
        sent(unit, at(2026, 10, day))
    published(unit, at(2026, 10, 7), kind=ItemKind.BAI)
    published(unit, at(2026, 10, 8), kind=ItemKind.RESEARCH)
    response = page(client, leo, DASHBOARD, thang="2026-10")
    text = response.text
    assert "10/2026" in text
    rows = {r.unit_id: r for r in response.context["report"].rows}
    assert (rows[unit.pk].sent_tin, rows[unit.pk].published_bai, rows[unit.pk].percent) == (5, 2, 100)
    assert 'class="status status-met"' in text and "Đạt" in text
    assert "Không đạt" in text  # the district office sent nothing
    assert "<svg" in text and "<title id=\"chart-department-title\">" in text


def test_a_cell_links_to_the_items_behind_it(client, unit, leo):
    sent(unit, at(2026, 11, 3), kind=ItemKind.BAI, title="Bài nghiên cứu về hòa giải")
    response = page(client, leo, DASHBOARD, thang="2026-11")
    link = reverse("quotas:cell", args=[unit.pk, "sent_bai"]) + "?thang=2026-11"
    assert link in response.text
    drill = client.get(link)
    assert drill.status_code == 200 and "Bài nghiên cứu về hòa giải" in drill.text


def test_an_unknown_measure_is_not_found(client, unit, leo):
    assert page(client, leo, reverse("quotas:cell", args=[unit.pk, "bogus"])).status_code == 404


@pytest.mark.parametrize("value", ["abc", "2026-13", "13/2026", "2026-11-05", "x" * 300])
def test_a_malformed_month_shows_the_current_month_with_a_message(client, unit, leo, value):
    response = page(client, leo, DASHBOARD, thang=value)
    assert response.status_code == 200
    assert response.context["month"] == Month(2026, 11)
    assert "YYYY-MM" in response.text


def test_a_future_month_shows_the_current_month_with_a_message(client, unit, leo):
    response = page(client, leo, DASHBOARD, thang="2027-02")
    assert response.context["month"] == Month(2026, 11)
    assert "02/2027" in response.text


def test_a_bad_year_on_the_ranking_falls_back_to_this_year(client, unit, leo):
    response = page(client, leo, reverse("quotas:ranking"), nam="20x6")
    assert response.status_code == 200 and response.context["year"] == 2026


def _units(count):
    return [UnitFactory(kind="district" if n % 2 else "internal") for n in range(count)]


def _fill(units):
    for unit in units:
        sent(unit, at(2026, 10, 3))
        published(unit, at(2026, 11, 3), kind=ItemKind.BAI)


@pytest.mark.parametrize("count", [2, 20])
def test_the_month_report_is_a_fixed_number_of_queries(count, django_assert_num_queries):
    units = _units(count)
    _fill(units)
    # snapshot, rules, exemptions, counts, royalties (units are given)
    with django_assert_num_queries(5):
        report = month_report(Month(2026, 11), units=units, with_royalties=True)
    assert len(report.rows) == count


@pytest.mark.parametrize("count", [2, 20])
def test_the_yearly_ranking_is_a_fixed_number_of_queries(count, django_assert_num_queries):
    units = _units(count)
    _fill(units)
    quota_month_close(year=2026, month=9)
    # closed months (the key of the rows kept in memory), their snapshot rows (not kept yet),
    # sent, published, rules, exemptions
    with django_assert_num_queries(6):
        rows, months = year_ranking(2026, units=units)
    assert len(rows) == count and len(months) == 10


def test_the_dashboard_page_costs_the_same_for_2_and_20_units(client, leo):
    counts = []
    client.force_login(leo)
    client.get(DASHBOARD, {"thang": "2026-11"})  # warm the per-site caches (department, menu)
    for count in (2, 18):
        _fill(_units(count))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(DASHBOARD, {"thang": "2026-11"}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_ranking_page_costs_the_same_for_2_and_20_units(client, leo):
    counts = []
    client.force_login(leo)
    client.get(reverse("quotas:ranking"))  # warm the per-site caches (department, menu)
    for count in (2, 18):
        _fill(_units(count))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("quotas:ranking")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_ranking_orders_units_by_months_met(client, unit, other_unit, leo):
    for month in (9, 10):
        for day in range(1, 3):
            sent(other_unit, at(2026, month, day))
        sent(other_unit, at(2026, month, 5), kind=ItemKind.BAI)
    response = page(client, leo, reverse("quotas:ranking"), nam="2026")
    rows = response.context["rows"]
    assert rows[0].unit_id == other_unit.pk and rows[0].months_met == 2 and rows[0].rank == 1
    assert rows[1].months_missed == 10
    assert other_unit.name in response.text


# --- Closing from the dashboard.

def test_leadership_close_a_month_from_the_dashboard(client, unit, leo):
    client.force_login(leo)
    response = client.post(reverse("quotas:month_close"), {"thang": "2026-10"}, follow=True)
    assert MonthSnapshot.objects.get(year=2026, month=10).is_closed
    assert "10/2026" in response.text and response.context["report"].is_closed


def test_closing_the_current_month_is_refused_with_a_message(client, unit, leo):
    client.force_login(leo)
    response = client.post(reverse("quotas:month_close"), {"thang": "2026-11"}, follow=True)
    assert not MonthSnapshot.objects.exists()
    assert "11/2026" in response.text


def test_a_unit_leader_may_not_close_a_month(client, unit, carol):
    client.force_login(carol)
    assert client.post(reverse("quotas:month_close"), {"thang": "2026-10"}).status_code == 403


def test_reopening_without_a_reason_keeps_the_month_closed_and_says_why(client, unit, leo):
    quota_month_close(year=2026, month=10, actor=leo)
    client.force_login(leo)
    response = client.post(reverse("quotas:month_reopen"), {"thang": "2026-10", "reason": "  "})
    assert response.status_code == 400
    assert MonthSnapshot.objects.get(year=2026, month=10).is_closed
    response = client.post(reverse("quotas:month_reopen"), {"thang": "2026-10", "reason": "Bổ sung tin"}, follow=True)
    assert not MonthSnapshot.objects.get(year=2026, month=10).is_closed
    assert "Bổ sung tin" in response.text
    assert MonthSnapshotEvent.objects.filter(action="reopen", actor=leo).exists()


# --- Reports and exports.

def test_the_printable_report_has_the_department_header_month_date_and_extras(client, unit, leo):
    published(unit, at(2026, 10, 3))
    response = page(client, leo, reverse("quotas:report"), thang="2026-10")
    text = response.text
    assert response.status_code == 200
    assert "SỞ TƯ PHÁP" in text and "10/2026" in text and "20/11/2026" in text
    assert "Lượt truy cập" in text  # site visits (Bình Phước Điều 18.5)
    assert "quotas.css" in text


def test_missing_visit_and_feedback_providers_show_a_dash(client, unit, leo, monkeypatch):
    from quotas import selectors

    monkeypatch.setattr(selectors, "_optional", lambda module, name: None)
    response = page(client, leo, reverse("quotas:report"), thang="2026-10")
    assert response.status_code == 200
    assert response.context["report"].visits is None and "—" in response.text
    assert "Nhuận bút" not in response.text  # no royalties column


def test_royalties_appear_beside_the_figures_when_the_royalties_app_provides_them(client, unit, leo, monkeypatch):
    from quotas import selectors

    real = selectors._optional
    monkeypatch.setattr(
        selectors, "_optional",
        lambda module, name: (lambda y, m: {unit.pk: 350000}) if name == "royalty_totals_by_unit" else real(module, name),
    )
    response = page(client, leo, DASHBOARD, thang="2026-10")
    assert "350.000" in response.text or "350,000" in response.text


def test_the_excel_report_has_vietnamese_headings_totals_and_colours(client, unit, other_unit, leo):
    for day in range(1, 4):
        sent(unit, at(2026, 10, day))
    response = page(client, leo, reverse("quotas:report_xlsx"), thang="2026-10")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "bao-cao-dinh-muc-2026-10.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    flat = [str(v) for row in values for v in row if v is not None]
    assert "SỞ TƯ PHÁP" in " ".join(flat)
    assert "Đơn vị" in flat and "Tháng 10/2026" in flat
    total = next(row for row in values if row[1] == "Tổng cộng")
    assert total[4] == 3  # sent tin
    assert sheet.conditional_formatting  # coloured percentages
    assert "Ngày lập báo cáo: 20/11/2026" in flat


def test_the_excel_report_of_an_empty_month_is_empty_not_an_error(client, leo):
    from organisation.models import Unit

    Unit.objects.update(is_active=False)
    response = page(client, leo, reverse("quotas:report_xlsx"), thang="2025-01")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    total = next(row for row in sheet.iter_rows(values_only=True) if row[1] == "Tổng cộng")
    assert total[4] == 0


def test_a_unit_leaders_export_holds_only_their_unit(client, unit, other_unit, carol):
    response = page(client, carol, reverse("quotas:report_xlsx"), thang="2026-10")
    names = [row[1] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]
    assert unit.name in names and other_unit.name not in names


def test_the_yearly_table_counts_published_items_per_year_category_and_unit(client, unit, other_unit, leo):
    published(unit, at(2024, 12, 31, 23, 30))
    published(unit, at(2025, 1, 1, 0, 30))
    published(other_unit, at(2026, 5, 1))
    sent(unit, at(2026, 5, 1))  # not published: not counted
    response = page(client, leo, reverse("quotas:yearly"), nam="2026")
    table = response.context["table"]
    assert table.years == [2024, 2025, 2026] and table.totals == [1, 1, 1]
    by_unit = {name: counts for name, counts, _total in table.by_unit}
    assert by_unit[unit.name] == [1, 1, 0] and by_unit[other_unit.name] == [0, 0, 1]
    export = client.get(reverse("quotas:yearly_xlsx"), {"nam": "2026"})
    workbook = load_workbook(io.BytesIO(export.content))
    assert [s.title for s in workbook.worksheets] == ["Theo chuyên mục", "Theo đơn vị"]
    rows = list(workbook["Theo đơn vị"].iter_rows(values_only=True))
    assert any(row[1] == unit.name and row[2:6] == (1, 1, 0, 2) for row in rows)


def test_the_english_dashboard_is_in_english(client, unit, leo):
    client.force_login(leo)
    response = client.get("/en" + DASHBOARD)
    assert response.status_code == 200 and "Monthly quotas" in response.text


# --- Exemptions from the dashboard.

def test_leadership_exempt_a_unit_with_a_reason(client, unit, leo):
    client.force_login(leo)
    response = client.post(
        reverse("quotas:exemption_grant"),
        {"thang": "2026-10", "unit": unit.pk, "reason": "Đơn vị mới thành lập"}, follow=True,
    )
    row = response.context["report"].rows[0]
    assert row.status.code == "exempt" and "Đơn vị mới thành lập" in response.text


def test_an_exemption_without_a_reason_keeps_what_was_typed(client, unit, leo):
    client.force_login(leo)
    response = client.post(reverse("quotas:exemption_grant"), {"thang": "2026-10", "unit": unit.pk, "reason": " "})
    assert response.status_code == 400
    assert response.context["exemption_form"]["unit"].value() == str(unit.pk)


def test_an_exemption_twice_is_refused_with_a_message(client, unit, leo):
    client.force_login(leo)
    data = {"thang": "2026-10", "unit": unit.pk, "reason": "Lý do"}
    client.post(reverse("quotas:exemption_grant"), data)
    response = client.post(reverse("quotas:exemption_grant"), data)
    assert response.status_code == 400 and "đã được miễn" in response.text


def test_a_unit_leader_cannot_exempt_their_unit(client, unit, carol):
    client.force_login(carol)
    response = client.post(reverse("quotas:exemption_grant"), {"thang": "2026-10", "unit": unit.pk, "reason": "x"})
    assert response.status_code == 403


# --- Found by looking at the pages in a browser.

def test_the_month_history_names_people_family_name_first(client, unit):
    from organisation.roles import Role

    minh = make_user(Role.LEADERSHIP, unit=unit, username="minh", first_name="Minh", last_name="Lê Văn")
    quota_month_close(year=2026, month=10, actor=minh)
    html = page(client, minh, DASHBOARD, thang="2026-10").text
    assert "(Lê Văn Minh)" in html and "Minh Lê Văn" not in html


def test_a_refused_reopening_or_exemption_brings_the_reader_back_to_the_form(client, unit, leo):
    """The forms sit below the table: their errors must not be rendered out of sight."""
    quota_month_close(year=2026, month=10, actor=leo)
    html = page(client, leo, DASHBOARD, thang="2026-10").text
    assert 'action="/dinh-muc/mo-lai/#close-heading"' in html and 'id="close-heading"' in html
    html = page(client, leo, DASHBOARD, thang="2026-11").text
    assert 'action="/dinh-muc/mien-dinh-muc/#exempt-heading"' in html and 'id="exempt-heading"' in html
    # After success the message at the top of the page must be in view, not the form's fragment.
    response = client.post(reverse("quotas:month_reopen"), {"thang": "2026-10", "reason": "Bổ sung tin"})
    assert response.status_code == 302 and response["Location"].endswith("?thang=2026-10#top")


def test_the_report_writes_visit_counts_with_vietnamese_thousands(client, unit, leo, monkeypatch):
    from quotas import selectors

    real = selectors._optional
    monkeypatch.setattr(
        selectors, "_optional",
        lambda module, name: (lambda y, m: 13239) if name == "visits_for_month" else real(module, name),
    )
    response = page(client, leo, reverse("quotas:report"), thang="2026-10")
    assert response.context["report"].visits == 13239
    assert ">13.239<" in response.text


def test_english_quota_pages_name_the_department_in_english(client, unit, leo):
    from organisation.services import department_update

    department_update(name="Sở Tư pháp tỉnh Hà Tĩnh", address="Hà Tĩnh", name_en="Ha Tinh Department of Justice")
    html = page(client, leo, "/en/dinh-muc/").text
    assert "<title>Monthly quotas" in html and "Ha Tinh Department of Justice</title>" in html
