import datetime
from decimal import Decimal

import pytest
import time_machine
from django.template import Context, Template
from django.utils import timezone

from core.templatetags.vi_format import vi_date, vi_date_long, vi_datetime, vi_number, vi_person, vi_weekday


def test_long_date_in_words():
    assert vi_date_long(datetime.date(2021, 10, 18)) == "ngày 18 tháng 10 năm 2021"


def test_short_date_is_day_month_year():
    assert vi_date(datetime.date(2021, 3, 5)) == "05/03/2021"


@time_machine.travel("2026-11-22 00:00 +0000")
def test_datetimes_are_shown_in_vietnam_time():
    moment = timezone.now().replace(hour=20, minute=30)  # 20:30 UTC = 03:30 next day in Hà Nội
    assert vi_date(moment) == "23/11/2026"
    assert vi_datetime(moment) == "03:30 23/11/2026"


@pytest.mark.parametrize(
    "value,expected",
    [
        (1250000, "1.250.000"),
        (0, "0"),
        (999, "999"),
        (-1234567, "-1.234.567"),
        ("1250.5", "1.250,5"),
        (Decimal("2000.00"), "2.000"),
        ("không phải số", "không phải số"),
        (None, ""),
    ],
)
def test_numbers_use_dots_for_thousands_and_comma_for_decimals(value, expected):
    assert vi_number(value) == expected


def test_number_with_fixed_decimals():
    assert vi_number(1234.5, 2) == "1.234,50"


def test_weekday_names():
    assert vi_weekday(datetime.date(2026, 11, 16)) == "Thứ Hai"
    assert vi_weekday(datetime.date(2026, 11, 22)) == "Chủ nhật"


def test_missing_dates_render_empty():
    assert vi_date(None) == "" and vi_date_long("") == ""


def test_person_name_family_name_first():
    class Person:
        first_name, last_name = "Minh", "Lê Văn"

        def get_username(self):
            return "minh"

    assert vi_person(Person()) == "Lê Văn Minh"


def test_filters_load_in_templates():
    html = Template("{% load vi_format %}{{ d|vi_date_long }} – {{ n|vi_number }}").render(
        Context({"d": datetime.date(2021, 10, 18), "n": 1250000})
    )
    assert html == "ngày 18 tháng 10 năm 2021 – 1.250.000"
