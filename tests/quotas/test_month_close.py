"""Closing a month keeps the figures presented; reopening is logged; the beat tasks run twice safely."""

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from articles.models import ItemKind
from core.models import OutgoingEmail
from organisation.roles import Role
from quotas import tasks
from quotas.models import MonthSnapshot, MonthSnapshotEvent, QuotaRule
from quotas.selectors import Month, cell_items, month_report, year_ranking
from quotas.services import quota_exemption_grant, quota_month_close, quota_month_reopen
from tests.factories import UnitFactory, make_user

from .factories import at, sent

pytestmark = pytest.mark.django_db


@time_machine.travel(at(2026, 11, 2), tick=False)
def test_a_closed_month_is_not_rewritten_when_an_item_moves_or_a_rule_changes(unit, other_unit, leo):
    item = sent(unit, at(2026, 10, 3), title="Tin chuyển đơn vị")
    quota_month_close(year=2026, month=10, actor=leo)
    item.unit = other_unit
    item.save()
    QuotaRule.objects.filter(unit_kind="internal").update(min_tin=50)
    rows = {r.unit_id: r for r in month_report(Month(2026, 10)).rows}
    assert rows[unit.pk].sent_tin == 1 and rows[unit.pk].target_tin == 5
    assert rows[other_unit.pk].sent_tin == 0
    assert list(cell_items(Month(2026, 10), unit.pk, "sent_tin")) == [item]


@time_machine.travel(at(2026, 11, 2), tick=False)
def test_closing_twice_keeps_one_snapshot_and_one_history_row(unit, leo):
    first, closed = quota_month_close(year=2026, month=10, actor=leo)
    again, closed_again = quota_month_close(year=2026, month=10, actor=leo)
    assert closed and not closed_again and first.pk == again.pk
    assert MonthSnapshot.objects.count() == 1
    assert MonthSnapshotEvent.objects.count() == 1
    assert first.rows.count() == 1


@time_machine.travel(at(2026, 11, 2), tick=False)
@pytest.mark.parametrize("year, month", [(2026, 11), (2026, 12), (2027, 1)])
def test_the_current_or_a_future_month_cannot_be_closed(unit, year, month):
    with pytest.raises(ValidationError) as error:
        quota_month_close(year=year, month=month)
    assert "/" in error.value.messages[0]
    assert not MonthSnapshot.objects.exists()


@time_machine.travel(at(2026, 11, 2), tick=False)
def test_reopening_needs_a_reason_is_logged_and_makes_figures_live(unit, other_unit, leo):
    item = sent(unit, at(2026, 10, 3))
    quota_month_close(year=2026, month=10, actor=leo)
    with pytest.raises(ValidationError):
        quota_month_reopen(year=2026, month=10, actor=leo, reason=" ")
    quota_month_reopen(year=2026, month=10, actor=leo, reason="Tin gửi nhầm đơn vị")
    item.unit = other_unit
    item.save()
    rows = {r.unit_id: r for r in month_report(Month(2026, 10)).rows}
    assert rows[other_unit.pk].sent_tin == 1 and rows[unit.pk].sent_tin == 0
    events = list(MonthSnapshotEvent.objects.values_list("action", "reason"))
    assert events == [("close", ""), ("reopen", "Tin gửi nhầm đơn vị")]
    snapshot, closed = quota_month_close(year=2026, month=10, actor=leo)
    assert closed and snapshot.rows.get(unit=other_unit).sent_tin == 1
    assert MonthSnapshotEvent.objects.count() == 3


@time_machine.travel(at(2026, 11, 2), tick=False)
def test_a_month_not_closed_cannot_be_reopened(leo):
    with pytest.raises(ValidationError):
        quota_month_reopen(year=2026, month=10, actor=leo, reason="Sửa")


@time_machine.travel(at(2026, 11, 2), tick=False)
def test_exemptions_of_a_closed_month_cannot_change(unit, leo):
    quota_month_close(year=2026, month=10, actor=leo)
    with pytest.raises(ValidationError) as error:
        quota_exemption_grant(unit=unit, year=2026, month=10, reason="Muộn", actor=leo)
    assert "10/2026" in " ".join(error.value.messages)


@time_machine.travel(at(2026, 11, 2), tick=False)
def test_the_ranking_reads_closed_months_from_their_snapshots(unit, other_unit, leo):
    items = [sent(unit, at(2026, 10, d)) for d in range(1, 6)]
    items += [sent(unit, at(2026, 10, 8), kind=ItemKind.BAI) for _ in range(2)]
    quota_month_close(year=2026, month=10, actor=leo)
    for item in items:
        item.unit = other_unit
        item.save()
    rows, months = year_ranking(2026)
    by_unit = {r.unit_id: r for r in rows}
    assert months[-1] == Month(2026, 10)
    assert by_unit[unit.pk].months_met == 1 and by_unit[unit.pk].rank == 1
    assert by_unit[other_unit.pk].months_met == 0


# --- Beat tasks.

@pytest.fixture
def pbgdpl(db):
    unit = UnitFactory(name="Phòng Phổ biến, giáo dục pháp luật")
    return make_user(Role.AUTHOR, unit=unit, username="phuong")


def test_month_start_closes_the_month_and_sends_one_summary_even_if_run_twice(
    unit, leo, pbgdpl, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(2026, 11, 1, 6, 30), tick=False):
        sent(unit, at(2026, 10, 3))
        with django_capture_on_commit_callbacks(execute=True):
            tasks.month_close_previous()
        with django_capture_on_commit_callbacks(execute=True):
            tasks.month_close_previous()
    assert MonthSnapshot.objects.filter(year=2026, month=10, is_closed=True).count() == 1
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([leo.email, pbgdpl.email])
    assert "10/2026" in mail.outbox[0].subject
    assert "Phòng Hành chính tư pháp" in mail.outbox[0].body


def test_a_reopened_month_is_not_closed_again_by_the_beat(unit, leo):
    with time_machine.travel(at(2026, 11, 1, 6, 30), tick=False):
        tasks.month_close_previous()
        quota_month_reopen(year=2026, month=10, actor=leo, reason="Bổ sung số liệu")
        tasks.month_close_previous()
    assert not MonthSnapshot.objects.get(year=2026, month=10).is_closed


def test_mid_month_reminder_goes_once_to_leaders_of_units_behind_pace(
    unit, other_unit, carol, django_capture_on_commit_callbacks
):
    district_leader = make_user(Role.UNIT_LEADER, unit=other_unit, username="dung")
    for day in range(1, 5):
        sent(other_unit, at(2026, 11, day))  # 4 of 3: the district office is ahead
    with time_machine.travel(at(2026, 11, 15, 8), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.reminders_send() == 1
        with django_capture_on_commit_callbacks(execute=True):
            tasks.reminders_send()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [carol.email]
    assert "Phòng Hành chính tư pháp" in mail.outbox[0].subject
    assert district_leader.email not in [a for m in mail.outbox for a in m.to]
    assert OutgoingEmail.objects.count() == 1


def test_no_reminder_on_other_days_and_the_day_is_configurable(unit, carol, settings):
    with time_machine.travel(at(2026, 11, 14, 8), tick=False):
        assert tasks.reminders_send() == 0
    settings.QUOTAS_REMINDER_DAY = 10
    with time_machine.travel(at(2026, 11, 10, 8), tick=False):
        assert tasks.reminders_send() == 1


def test_the_beat_schedule_lists_both_tasks(settings):
    from quotas.beat import SCHEDULE

    assert {entry["task"] for entry in SCHEDULE.values()} == {
        "quotas.tasks.month_close_previous", "quotas.tasks.reminders_send"}
    assert "quotas-reminders" in settings.CELERY_BEAT_SCHEDULE


@pytest.mark.django_db(transaction=True)
def test_closing_concurrently_twice_gives_one_snapshot(unit):
    """Two workers running the close at once: the unique (year, month) keeps one snapshot."""
    import threading

    from django.db import connection

    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL for concurrent transactions")
    errors = []

    def close():
        try:
            with time_machine.travel(at(2026, 11, 1, 6, 30), tick=False):
                quota_month_close(year=2026, month=10)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=close) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert MonthSnapshot.objects.count() == 1
    assert MonthSnapshotEvent.objects.count() == 1
