import datetime
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from core.text import search_terms
from organisation.models import StaffProfile, Unit
from organisation.roles import Role

from .models import JudicialEntry, Notice, Procedure, ScheduleEntry, WebLink

DEFAULT_PUBLIC_SERVICE_PORTAL_URL = "https://dichvucong.gov.vn"


def public_service_portal_url():
    """The provincial public-service portal; set PUBLIC_SERVICE_PORTAL_URL to the province's own."""
    return getattr(settings, "PUBLIC_SERVICE_PORTAL_URL", "") or DEFAULT_PUBLIC_SERVICE_PORTAL_URL


def procedures_filter(*, query="", field=None, level="", online_only=False):
    queryset = Procedure.objects.filter(is_published=True).select_related("field")
    if field:
        queryset = queryset.filter(field_id=field)
    if level:
        queryset = queryset.filter(level=level)
    if online_only:
        queryset = queryset.exclude(online_level="none")
    for term in search_terms(query):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


# Weeks are ISO weeks (Monday to Sunday), written 2026-W47 in links.
WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{1,2})$")


def week_start(value=None):
    """The Monday of the week named by `?tuan=2026-W47`, or of this week for a missing or bad value."""
    match = WEEK_PATTERN.match((value or "").strip())
    if match:
        year, week = int(match[1]), int(match[2])
        if 2000 <= year <= 2100:
            try:
                return datetime.date.fromisocalendar(year, week, 1)
            except ValueError:
                pass
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


def week_label(monday):
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def schedule_week(monday, *, leader=None):
    """The published engagements of a week, as [(day, [entries])] for Monday to Sunday."""
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    entries = ScheduleEntry.objects.filter(is_published=True, day__range=(days[0], days[-1])).select_related(
        "leader", "leader__profile"
    )
    if leader:
        entries = entries.filter(leader_id=leader)
    by_day = {day: [] for day in days}
    for entry in entries:
        by_day[entry.day].append(entry)
    return [(day, by_day[day]) for day in days]


def leaders():
    """Members of the department's leadership, ordered as in the directory."""
    User = get_user_model()
    return (
        User.objects.filter(is_active=True, groups__name=Role.LEADERSHIP)
        .select_related("profile", "profile__unit")
        .order_by("profile__directory_order", "last_name", "first_name")
        .distinct()
    )


def schedule_leaders():
    User = get_user_model()
    return (
        User.objects.filter(
            Q(groups__name=Role.LEADERSHIP) | Q(schedule_entries__isnull=False), is_active=True
        )
        .order_by("profile__directory_order", "last_name")
        .distinct()
    )


def notices_public(kind):
    return Notice.objects.filter(kind=kind, is_published=True).prefetch_related("files")


def directory_units():
    """Units for the directory's filter, in the order the list shows them: the department's own units first."""
    rank = Case(When(kind=Unit.Kind.INTERNAL, then=Value(0)), default=Value(1))
    return Unit.objects.filter(is_active=True).order_by(rank, "order", "name")


def directory_entries(*, unit=None):
    profiles = StaffProfile.objects.filter(show_in_directory=True, user__is_active=True).select_related(
        "user", "unit"
    )
    if unit:
        profiles = profiles.filter(unit_id=unit)
    # The department's own units first, then the district offices, then people without a unit.
    unit_rank = Case(
        When(unit__kind=Unit.Kind.INTERNAL, then=Value(0)),
        When(unit__isnull=False, then=Value(1)),
        default=Value(2),
    )
    return profiles.order_by(unit_rank, "unit__order", "unit__name", "directory_order", "user__last_name")


def judicial_entries(kinds, *, kind="", district=""):
    entries = JudicialEntry.objects.filter(is_active=True, kind__in=kinds)
    if kind:
        entries = entries.filter(kind=kind)
    if district:
        entries = entries.filter(district=district)
    return entries


def judicial_districts(kinds):
    return list(
        JudicialEntry.objects.filter(is_active=True, kind__in=kinds)
        .exclude(district="")
        .order_by("district")
        .values_list("district", flat=True)
        .distinct()
    )


def web_links():
    return WebLink.objects.filter(is_active=True)
