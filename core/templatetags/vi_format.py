"""Vietnamese dates and numbers for templates: `ngày 18 tháng 10 năm 2021`, `18/10/2021`, `1.250.000`.

Administrative documents write dates in words with the day and month as numbers
(Nghị định 30/2020/NĐ-CP, Phụ lục I) and group thousands with dots. These filters
format the same way whatever the active language, so a document's date reads the
same on every page. Usage: `{% load vi_format %}{{ doc.issued_on|vi_date_long }}`.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone

register = template.Library()

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def _as_date(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


def _as_local_datetime(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return None


@register.filter
def vi_date_long(value):
    """`ngày 18 tháng 10 năm 2021`; empty for a missing date."""
    day = _as_date(value)
    if day is None:
        return ""
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


@register.filter
def vi_date(value):
    """`18/10/2021`."""
    day = _as_date(value)
    if day is None:
        return ""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@register.filter
def vi_datetime(value):
    """`08:30 18/10/2021` (local time)."""
    moment = _as_local_datetime(value)
    if moment is None:
        return vi_date(value)
    return f"{moment:%H:%M} {vi_date(moment)}"


@register.filter
def vi_time(value):
    """`08:30` (local time)."""
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    moment = _as_local_datetime(value)
    return f"{moment:%H:%M}" if moment else ""


@register.filter
def vi_weekday(value):
    """`Thứ Hai`… `Chủ nhật`."""
    day = _as_date(value)
    return WEEKDAYS[day.weekday()] if day else ""


@register.filter
def vi_number(value, decimals=None):
    """`1.250.000`; `1.250,5` with decimals; text that is not a number is returned unchanged."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return value
    if decimals is not None and decimals != "":
        places = int(decimals)
        number = number.quantize(Decimal(1).scaleb(-places)) if places else number.quantize(Decimal(1))
    sign = "-" if number < 0 else ""
    text = format(abs(number), "f")
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + ".".join(groups)
    if fraction and (decimals not in (None, "") or fraction.strip("0")):
        result += "," + (fraction if decimals not in (None, "") else fraction.rstrip("0"))
    return result


@register.filter
def vi_person(user):
    """A person's name in Vietnamese order, family name first: `Lê Văn Minh`."""
    from organisation.selectors import person_name

    return person_name(user)
