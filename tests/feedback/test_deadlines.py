"""Deadline warnings, overdue flags (beat) and erasure of personal data after retention."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from core.models import Notification
from core.workdays import LOCAL_TZ
from feedback import beat, tasks
from feedback.models import Question
from feedback.services import question_act

from .factories import draft_make, question_make

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 11, 23, 9, 0, tzinfo=LOCAL_TZ)


def test_beat_schedules_the_tasks():
    names = {entry["task"] for entry in beat.SCHEDULE.values()}
    assert names == {"feedback.tasks.deadlines_check", "feedback.tasks.personal_data_erase"}


def test_unit_and_secretary_are_warned_before_the_deadline_once(sam, carol, unit,
                                                               django_capture_on_commit_callbacks):
    with time_machine.travel(MONDAY, tick=False):
        question = question_make()
        question_act(pk=question.pk, action="forward", actor=sam, unit=unit)
    question.refresh_from_db()
    with time_machine.travel(question.due_at - dt.timedelta(days=2), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.deadlines_check()["warned"] == 1
            tasks.deadlines_check()
    warned = Notification.objects.filter(verb="feedback.due_soon")
    assert set(warned.values_list("recipient__username", flat=True)) >= {"sam", "carol"}
    assert warned.filter(recipient=carol).count() == 1
    assert any("carol" in m.to[0] for m in mail.outbox)


def test_overdue_items_are_flagged_and_shown_late(client, sam, unit):
    with time_machine.travel(MONDAY, tick=False):
        question = question_make()
    with time_machine.travel(question.due_at + dt.timedelta(hours=1), tick=False):
        assert tasks.deadlines_check()["overdue"] == 1
        assert tasks.deadlines_check()["overdue"] == 0
        client.force_login(sam)
        page = client.get(question.get_staff_url()).content.decode()
        question.refresh_from_db()
        assert question.is_late()
    assert question.overdue_flagged_at is not None
    assert "Quá hạn" in page
    assert Notification.objects.filter(verb="feedback.overdue", recipient=sam).count() == 1


def test_contact_details_are_erased_after_the_retention_period(settings, sam, carol, hana, unit):
    settings.FEEDBACK_RETENTION_MONTHS = 24
    with time_machine.travel(MONDAY, tick=False):
        question = question_make(full_name="Nguyễn Văn Dân")
        question_act(pk=question.pk, action="forward", actor=sam, unit=unit)
        question_act(pk=question.pk, action="submit_answer", actor=carol, answer="Trả lời")
        question_act(pk=question.pk, action="approve", actor=hana, publish=True)
        still_open = question_make(email="open@example.vn")
        draft = draft_make(unit, closes=1)
        draft.comments.create(full_name="Góp Ý", email="gop@example.vn", phone="0912345678", body="x")
    with time_machine.travel(MONDAY + dt.timedelta(days=700), tick=False):
        tasks.personal_data_erase()
        question.refresh_from_db()
        assert question.email == "dan@example.vn"  # not yet 24 months
    with time_machine.travel(MONDAY + dt.timedelta(days=740), tick=False):
        assert tasks.personal_data_erase() == 2
        assert tasks.personal_data_erase() == 0
    question.refresh_from_db()
    assert (question.email, question.phone, question.address) == ("", "", "")
    assert question.full_name == "N.V.D." and question.personal_data_erased_at
    assert question.is_public and question.answer == "Trả lời"
    assert Question.objects.get(pk=still_open.pk).email == "open@example.vn"
    comment = draft.comments.get()
    assert comment.email == "" and comment.phone == ""
