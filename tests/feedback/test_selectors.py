"""Monthly figures (for quotas' report) and the feedback dashboard."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from core.workdays import LOCAL_TZ
from feedback.models import DraftComment
from feedback.selectors import dashboard_rows, feedback_counts_for_month
from feedback.services import question_act

from .factories import draft_make, question_make

pytestmark = pytest.mark.django_db


def answer(question, sam, carol, hana, unit):
    question_act(pk=question.pk, action="forward", actor=sam, unit=unit)
    question_act(pk=question.pk, action="submit_answer", actor=carol, answer="Trả lời")
    question_act(pk=question.pk, action="approve", actor=hana)


def test_counts_for_a_month(sam, carol, hana, unit):
    with time_machine.travel(dt.datetime(2026, 10, 1, 9, tzinfo=LOCAL_TZ), tick=False):
        on_time = question_make(title="Đúng hạn")
        late = question_make(title="Trễ hạn")
        never = question_make(title="Chưa trả lời")
        draft = draft_make(unit, closes=30)
        DraftComment.objects.create(draft=draft, full_name="A", email="a@example.vn", body="x")
    with time_machine.travel(dt.datetime(2026, 10, 5, 9, tzinfo=LOCAL_TZ), tick=False):
        answer(on_time, sam, carol, hana, unit)
    with time_machine.travel(dt.datetime(2026, 10, 29, 9, tzinfo=LOCAL_TZ), tick=False):
        answer(late, sam, carol, hana, unit)
    with time_machine.travel(dt.datetime(2026, 11, 2, 9, tzinfo=LOCAL_TZ), tick=False):
        counts = feedback_counts_for_month(2026, 10)
        rows = dashboard_rows(2026, 10)
    assert counts == {"received": 3, "answered": 2, "answered_on_time": 1, "late": 2, "comments": 1}
    assert never.unit is None
    by_unit = {row["unit"].pk if row["unit"] else None: row for row in rows}
    assert by_unit[unit.pk]["on_time"] == 1 and by_unit[unit.pk]["late"] == 1
    assert by_unit[None]["late"] == 1
    assert feedback_counts_for_month(2026, 9) == {"received": 0, "answered": 0, "answered_on_time": 0,
                                                  "late": 0, "comments": 0}


def test_dashboard_page_for_board_and_leadership_only(client, leo, alice):
    question_make()
    client.force_login(leo)
    today = timezone.localdate()  # the question was received today
    response = client.get(reverse("feedback:staff_dashboard") + f"?nam={today.year}&thang={today.month}")
    assert response.status_code == 200 and response.context["totals"]["received"] == 1
    assert client.get(reverse("feedback:staff_dashboard") + "?nam=x&thang=99").status_code == 200
    client.force_login(alice)
    assert client.get(reverse("feedback:staff_dashboard")).status_code == 404
