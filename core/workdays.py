"""Working days and administrative hours, the unit of every deadline.

Deadlines in the regulations are counted in working days (Bình Phước Điều 11.2:
15 working days to answer a citizen) or administrative hours (Bình Phước Điều
9.3.a: news within 12 administrative hours; Long An Điều 9.2: 8). A working day
is Monday–Friday, not a Vietnamese public holiday (incl. Tết, from the
`holidays` package), unless an administrator marks it otherwise
(core.CalendarDay: make-up working days and extra days off).

All functions take and return aware datetimes and work in Asia/Ho_Chi_Minh.
"""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@lru_cache(maxsize=64)
def _public_holidays(year):
    return frozenset(holidays.Vietnam(years=year).keys())


def _overrides(start, end):
    """Administrator-set exceptions between two dates: {date: is_working}."""
    from .models import CalendarDay

    return dict(
        CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "is_working_day")
    )


def is_public_holiday(day):
    return day in _public_holidays(day.year)


def is_working_day(day, overrides=None):
    if overrides is None:
        overrides = _overrides(day, day)
    if day in overrides:
        return overrides[day]
    return day.weekday() < 5 and not is_public_holiday(day)


def office_hours():
    """The office's working periods as [(time, time), ...] from settings.OFFICE_HOURS."""
    periods = []
    for start, end in settings.OFFICE_HOURS:
        periods.append((dt.time.fromisoformat(start), dt.time.fromisoformat(end)))
    return periods


def local(moment):
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=LOCAL_TZ)
    return moment.astimezone(LOCAL_TZ)


def _end_of_office_day(day):
    return dt.datetime.combine(day, office_hours()[-1][1], tzinfo=LOCAL_TZ)


def add_working_days(start, days):
    """Deadline `days` working days after `start`: the end of office hours on that day.

    The day of receipt is not counted (as for administrative time limits), so a
    question received on Friday with 1 working day is due on Monday at closing time.
    """
    start = local(start)
    day = start.date()
    horizon = day + dt.timedelta(days=days * 3 + 60)
    overrides = _overrides(day, horizon)
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if day > horizon:
            horizon = day + dt.timedelta(days=days * 3 + 60)
            overrides.update(_overrides(day, horizon))
        if is_working_day(day, overrides):
            remaining -= 1
    return _end_of_office_day(day)


def add_admin_hours(start, hours):
    """Deadline `hours` administrative (office) hours after `start`.

    Time outside office hours and on non-working days does not count: news of
    an event at 16:00 on Friday with 8 hours is due at 15:30 on Monday (with
    07:00–11:30, 13:00–17:00).
    """
    start = local(start)
    remaining = dt.timedelta(hours=hours)
    day = start.date()
    overrides = _overrides(day, day + dt.timedelta(days=hours + 60))
    periods = office_hours()
    while True:
        if is_working_day(day, overrides):
            for period_start, period_end in periods:
                begin = dt.datetime.combine(day, period_start, tzinfo=LOCAL_TZ)
                end = dt.datetime.combine(day, period_end, tzinfo=LOCAL_TZ)
                if end <= start:
                    continue
                begin = max(begin, start)
                available = end - begin
                if available >= remaining:
                    return begin + remaining
                remaining -= available
        day += dt.timedelta(days=1)


def working_days_between(start, end):
    """Whole working days after `start`'s date up to and including `end`'s date."""
    first, last = local(start).date(), local(end).date()
    if last <= first:
        return 0
    overrides = _overrides(first, last)
    count, day = 0, first
    while day < last:
        day += dt.timedelta(days=1)
        if is_working_day(day, overrides):
            count += 1
    return count


def month_bounds(year, month):
    """[start, end) of a calendar month in local time, as aware datetimes."""
    start = dt.datetime(year, month, 1, tzinfo=LOCAL_TZ)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=LOCAL_TZ)
    return start, end
