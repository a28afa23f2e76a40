import datetime as dt

import pytest

from core.models import CalendarDay
from core.workdays import (
    LOCAL_TZ,
    add_admin_hours,
    add_working_days,
    is_working_day,
    month_bounds,
    working_days_between,
)


def at(y, m, d, h=9, mi=0):
    return dt.datetime(y, m, d, h, mi, tzinfo=LOCAL_TZ)


@pytest.mark.django_db
def test_weekends_are_not_working_days():
    assert is_working_day(dt.date(2026, 11, 20))  # Friday
    assert not is_working_day(dt.date(2026, 11, 21))  # Saturday
    assert not is_working_day(dt.date(2026, 11, 22))  # Sunday


@pytest.mark.django_db
def test_tet_and_national_day_are_not_working_days():
    assert not is_working_day(dt.date(2026, 2, 17))  # Tết Bính Ngọ, first day
    assert not is_working_day(dt.date(2026, 9, 2))  # National Day


@pytest.mark.django_db
def test_answer_received_on_friday_with_one_working_day_is_due_monday_evening():
    due = add_working_days(at(2026, 11, 20, 10), 1)
    assert due == at(2026, 11, 23, 17, 0)


@pytest.mark.django_db
def test_fifteen_working_days_skip_weekends():
    # Monday 2 Nov 2026 + 15 working days = Monday 23 Nov 2026.
    assert add_working_days(at(2026, 11, 2), 15).date() == dt.date(2026, 11, 23)


@pytest.mark.django_db
def test_deadline_across_tet_skips_the_holiday_week():
    # Received Friday 13 Feb 2026; Tết holidays cover 16–20 Feb in the calendar.
    due = add_working_days(at(2026, 2, 13), 2)
    assert due.date() > dt.date(2026, 2, 20)


@pytest.mark.django_db
def test_make_up_saturday_counts_and_extra_day_off_does_not():
    CalendarDay.objects.create(date=dt.date(2026, 11, 21), is_working_day=True, note="Làm bù")
    CalendarDay.objects.create(date=dt.date(2026, 11, 23), is_working_day=False, note="Nghỉ bù")
    assert add_working_days(at(2026, 11, 20), 1).date() == dt.date(2026, 11, 21)
    assert add_working_days(at(2026, 11, 20), 2).date() == dt.date(2026, 11, 24)


@pytest.mark.django_db
def test_news_of_friday_afternoon_event_with_eight_admin_hours_is_due_monday():
    # 16:00 Fri: 1 h left on Friday; Monday 07:00–11:30 (4.5 h), 13:00–15:30 (2.5 h).
    assert add_admin_hours(at(2026, 11, 20, 16), 8) == at(2026, 11, 23, 15, 30)


@pytest.mark.django_db
def test_admin_hours_start_outside_office_hours_begin_next_morning():
    assert add_admin_hours(at(2026, 11, 19, 20), 2) == at(2026, 11, 20, 9, 0)
    assert add_admin_hours(at(2026, 11, 19, 12), 1) == at(2026, 11, 19, 14, 0)


@pytest.mark.django_db
def test_working_days_between_counts_days_after_the_start():
    assert working_days_between(at(2026, 11, 20), at(2026, 11, 23)) == 1
    assert working_days_between(at(2026, 11, 23), at(2026, 11, 20)) == 0


def test_month_bounds_are_local_calendar_months_including_leap_february():
    start, end = month_bounds(2028, 2)
    assert start == at(2028, 2, 1, 0) and end == at(2028, 3, 1, 0)
    assert (end - start).days == 29
    assert month_bounds(2026, 12)[1] == at(2027, 1, 1, 0)
