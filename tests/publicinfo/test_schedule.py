import datetime

import pytest
import time_machine
from django.urls import reverse

from publicinfo.selectors import week_start

from .factories import MAX_LIST_QUERIES, make_entry, page_queries

pytestmark = pytest.mark.django_db


def test_week_parameter_names_an_iso_week():
    assert week_start("2026-W47") == datetime.date(2026, 11, 16)


@time_machine.travel("2026-11-22 10:00 +0700")
def test_a_bad_week_parameter_shows_this_week():
    assert week_start("2026-W99") == datetime.date(2026, 11, 16)
    assert week_start("<script>") == datetime.date(2026, 11, 16)


@time_machine.travel("2026-11-18 10:00 +0700")
def test_the_week_view_shows_each_day_with_its_engagements(client, leo):
    make_entry(
        leo,
        datetime.date(2026, 11, 17),
        content="Làm việc với Bộ Tư pháp",
        place="Phòng họp số 1",
        attendees="Lãnh đạo các phòng",
    )
    make_entry(leo, datetime.date(2026, 11, 24), content="Họp tuần kế tiếp")
    html = client.get(reverse("publicinfo:schedule")).content.decode()
    assert "Làm việc với Bộ Tư pháp" in html and "Phòng họp số 1" in html and "Lãnh đạo các phòng" in html
    assert "Họp tuần kế tiếp" not in html
    assert "Thứ Ba, 17/11/2026" in html
    assert "?tuan=2026-W48" in html and "?tuan=2026-W46" in html


def test_next_week_link_shows_next_week(client, leo):
    make_entry(leo, datetime.date(2026, 11, 24), content="Hội nghị tổng kết")
    html = client.get(reverse("publicinfo:schedule"), {"tuan": "2026-W48"}).content.decode()
    assert "Hội nghị tổng kết" in html


def test_filter_by_leader(client, leo, hana):
    make_entry(leo, datetime.date(2026, 11, 17), content="Việc của giám đốc")
    make_entry(hana, datetime.date(2026, 11, 17), content="Việc của phó giám đốc")
    html = client.get(
        reverse("publicinfo:schedule"), {"tuan": "2026-W47", "lanh-dao": leo.pk}
    ).content.decode()
    assert "Việc của giám đốc" in html and "Việc của phó giám đốc" not in html


def test_unpublished_engagements_are_hidden(client, leo):
    make_entry(leo, datetime.date(2026, 11, 17), content="Việc nội bộ", is_published=False)
    assert (
        "Việc nội bộ" not in client.get(reverse("publicinfo:schedule"), {"tuan": "2026-W47"}).content.decode()
    )


def test_the_week_view_uses_a_constant_number_of_queries(client, leo, hana):
    url, params = reverse("publicinfo:schedule"), {"tuan": "2026-W47"}
    make_entry(leo, datetime.date(2026, 11, 16))
    few = page_queries(client, url, params)
    for n in range(20):
        make_entry(
            leo if n % 2 else hana,
            datetime.date(2026, 11, 16) + datetime.timedelta(days=n % 7),
            hour=7 + n % 9,
        )
    assert few == page_queries(client, url, params) <= MAX_LIST_QUERIES


def test_the_page_has_print_styles(client):
    html = client.get(reverse("publicinfo:schedule")).content.decode()
    assert "publicinfo/publicinfo.css" in html


@time_machine.travel("2026-11-18 10:00 +0700")
def test_english_week_view_names_the_days_in_english(client, leo):
    make_entry(leo, datetime.date(2026, 11, 17), content="Làm việc với Bộ Tư pháp")
    html = client.get("/en/lich-cong-tac/?tuan=2026-W47").content.decode()
    assert "Tuesday, 17/11/2026" in html and "Thứ Ba" not in html
    assert "Thứ Ba, 17/11/2026" in client.get("/lich-cong-tac/?tuan=2026-W47").content.decode()
