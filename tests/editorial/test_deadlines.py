"""Due times (Bình Phước Điều 9.3, 11.2; Long An Điều 9.2) and the periodic checks (Điều 13.1)."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from articles.models import ItemStatus
from core.models import Notification
from core.workdays import LOCAL_TZ
from editorial import services
from editorial.deadlines import due_at
from editorial.models import Transition
from tests.factories import ItemFactory

from .factories import item_at

pytestmark = pytest.mark.django_db

FRIDAY_4PM = dt.datetime(2026, 11, 20, 16, 0, tzinfo=LOCAL_TZ)


def local(*args):
    return dt.datetime(*args, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(
    "rule,event,expected",
    [
        ("news", FRIDAY_4PM, local(2026, 11, 24, 9, 30)),  # 12 administrative hours
        ("department_document", FRIDAY_4PM, local(2026, 11, 24, 17, 0)),  # 2 working days
        ("plan", FRIDAY_4PM, local(2026, 11, 25, 17, 0)),  # 3 working days
        ("statistics", FRIDAY_4PM, local(2026, 12, 4, 17, 0)),  # 10 working days
        ("monthly_report", local(2026, 11, 15, 9, 0), local(2026, 12, 7, 17, 0)),
        ("quarterly_report", local(2026, 11, 15, 9, 0), local(2027, 1, 10, 17, 0)),
        ("annual_report", local(2026, 12, 20, 9, 0), local(2027, 1, 4, 17, 0)),
    ],
)
def test_due_times_follow_the_regulation(rule, event, expected):
    assert due_at(rule, event_at=event, submitted_at=None) == expected


def test_news_hours_are_configurable_for_long_an(settings):
    settings.EDITORIAL_NEWS_HOURS = 8
    assert due_at("news", event_at=FRIDAY_4PM, submitted_at=None) == local(2026, 11, 23, 15, 30)


def test_items_without_an_event_are_counted_from_sending():
    sent = local(2026, 11, 23, 9, 0)
    assert due_at("general", event_at=None, submitted_at=sent) == local(2026, 11, 26, 17, 0)


@pytest.fixture
def cast(alice, carol, sam, mike, hana):
    return {"alice": alice, "carol": carol, "sam": sam, "mike": mike, "hana": hana}


def test_the_assignee_and_the_head_are_warned_once_before_and_once_after(
    cast, django_capture_on_commit_callbacks
):
    with time_machine.travel(local(2026, 11, 23, 8, 0), tick=False):
        item = item_at("editing", **cast)
        type(item).objects.filter(pk=item.pk).update(due_at=local(2026, 11, 23, 10, 0))
        assert services.deadlines_check() == 1
        services.deadlines_check()
    soon = Notification.objects.filter(verb="editorial.due_soon")
    assert set(soon.values_list("recipient__username", flat=True)) == {"mike", "hana"}
    assert soon.count() == 2
    with time_machine.travel(local(2026, 11, 23, 10, 30), tick=False):
        services.deadlines_check()
        services.deadlines_check()
    late = Notification.objects.filter(verb="editorial.late")
    assert set(late.values_list("recipient__username", flat=True)) == {"mike", "hana"}
    assert late.count() == 2


def test_published_items_are_never_late(cast):
    ItemFactory(status=ItemStatus.PUBLISHED, due_at=local(2020, 1, 1, 10, 0))
    assert services.deadlines_check() == 0


def test_a_working_day_without_publication_reminds_the_secretary_and_head(cast):
    with time_machine.travel(local(2026, 11, 23, 15, 30), tick=False):
        assert services.daily_publication_check() is True
        call_command("editorial_checks")
    reminders = Notification.objects.filter(verb="editorial.daily_check")
    assert set(reminders.values_list("recipient__username", flat=True)) == {"sam", "hana"}
    assert reminders.count() == 2


@pytest.mark.parametrize("moment", [local(2026, 11, 23, 10, 0), local(2026, 11, 22, 16, 0)])
def test_no_reminder_before_the_hour_or_on_a_day_off(moment, cast):
    with time_machine.travel(moment, tick=False):
        assert services.daily_publication_check() is False


def test_no_reminder_when_something_was_published_today(cast):
    with time_machine.travel(local(2026, 11, 23, 15, 30), tick=False):
        ItemFactory(status=ItemStatus.PUBLISHED)
        assert services.daily_publication_check() is False


def test_scheduled_items_are_published_by_the_command_through_the_workflow(cast, monkeypatch):
    monkeypatch.setattr("editorial.services.task_send", lambda *a, **k: None)
    with time_machine.travel(local(2026, 11, 23, 8, 0), tick=False):
        item = item_at("scheduled", **cast)
        call_command("publish_scheduled")
        item.refresh_from_db()
        assert item.status == ItemStatus.SCHEDULED
    with time_machine.travel(local(2026, 11, 23, 10, 5), tick=False):
        call_command("publish_scheduled")
        call_command("publish_scheduled")
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.slug
    record = Transition.objects.get(item=item, action="publish_scheduled")
    assert record.actor is None


def test_the_beat_task_publishes_scheduled_items(cast, monkeypatch):
    from editorial.tasks import publish_scheduled

    monkeypatch.setattr("editorial.services.task_send", lambda *a, **k: None)
    with time_machine.travel(local(2026, 11, 23, 8, 0), tick=False):
        item = item_at("scheduled", **cast)
    with time_machine.travel(local(2026, 11, 23, 11, 0), tick=False):
        assert publish_scheduled.apply().get() == 1
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED


def test_old_pending_uploads_are_purged(alice):
    from django.core.files.base import ContentFile

    from core.uploads import CleanFile

    clean = CleanFile(
        content=ContentFile(b"%PDF-1.4", name="x.pdf"), original_name="x.pdf", kind="pdf", size=8
    )
    with time_machine.travel(local(2026, 11, 20, 8, 0), tick=False):
        services.pending_upload_store(owner=alice, kind="attachment", clean=clean)
    assert services.pending_uploads_purge() == 1
