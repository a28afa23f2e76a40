"""The question's life: routing, answering, approval, publication (Bình Phước Điều 11)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from core.workdays import LOCAL_TZ, add_working_days
from core.workflow import ActorNotAllowed, StaleState, TransitionError, TransitionNotAllowed
from feedback.models import QuestionStatus, QuestionTransition
from feedback.services import question_act
from feedback.workflow import MOVES, QUESTION_WORKFLOW

from .factories import question_make

pytestmark = pytest.mark.django_db


def act(question, action, actor, **kwargs):
    return question_act(pk=question.pk, action=action, actor=actor, **kwargs)[0]


def test_every_move_of_the_table_has_a_label_and_a_known_state():
    states = set(QuestionStatus.values)
    for move in MOVES:
        assert move.source in states and move.target in states and move.label


@pytest.fixture
def actors(sam, mike, dora, hana, leo, carol, alice, bob, zed, other_unit):
    from organisation.roles import Role
    from tests.factories import make_user

    # The board's actors all have a profile in `unit`; the table's unit rows use `other_unit`.
    return {"secretary": sam, "board_member": mike, "deputy_head": dora, "head": hana, "leadership": leo,
            "unit_leader": carol, "unit_staff": alice, "other_unit_staff": bob, "nobody": zed,
            "other_unit_leader": make_user(Role.UNIT_LEADER, unit=other_unit, username="otto")}


# (state the question is brought to, action, context) -> roles that may do it
TABLE = [
    ("received", "forward", {"unit": True}, {"secretary"}),
    ("received", "escalate", {"comment": "Nhiều đơn vị"}, {"secretary"}),
    ("received", "decline", {"comment": "Không thuộc thẩm quyền"}, {"secretary"}),
    ("received", "consult", {"comment": "Hỏi ý kiến Bộ Tư pháp"}, {"secretary", "leadership"}),
    ("escalated", "forward", {"unit": True}, {"secretary", "leadership"}),
    ("forwarded", "submit_answer", {"answer": "Trả lời"}, {"other_unit_leader", "other_unit_staff"}),
    ("forwarded", "send_back", {"comment": "Không thuộc lĩnh vực"}, {"other_unit_leader", "other_unit_staff"}),
    ("drafted", "approve", {}, {"secretary", "head", "deputy_head"}),
    ("drafted", "return", {"comment": "Bổ sung căn cứ"}, {"secretary", "head", "deputy_head"}),
]


def bring_to(state, sam, carol, unit):
    question = question_make()
    if state == "escalated":
        act(question, "escalate", sam, comment="Nhiều đơn vị")
    if state in ("forwarded", "drafted"):
        act(question, "forward", sam, unit=unit)
    if state == "drafted":
        act(question, "submit_answer", carol, answer="Dự thảo trả lời")
    question.refresh_from_db()
    return question


@pytest.mark.parametrize(("state", "action", "context", "allowed"), TABLE)
def test_who_may_make_each_move(actors, other_unit, state, action, context, allowed):
    unit = other_unit
    for role, user in actors.items():
        question = bring_to(state, actors["secretary"], actors["other_unit_leader"], unit)
        kwargs = dict(context)
        if kwargs.pop("unit", False):
            kwargs["unit"] = unit
        if role in allowed:
            moved = act(question, action, user, **kwargs)
            assert moved.status == next(m.target for m in MOVES if m.source == state and m.action == action)
        else:
            with pytest.raises(ActorNotAllowed):
                act(question, action, user, **kwargs)


def test_full_life_sends_the_answer_and_publishes_without_personal_data(client, sam, carol, hana, unit,
                                                                         django_capture_on_commit_callbacks):
    question = question_make(full_name="Nguyễn Văn Dân")
    with django_capture_on_commit_callbacks(execute=True):
        act(question, "forward", sam, unit=unit)
        act(question, "submit_answer", carol, answer="Theo Luật Hộ tịch…")
        question = act(question, "approve", hana, publish=True)
    assert question.status == QuestionStatus.ANSWERED and question.is_public
    assert question.answered_at and question.approved_by == hana
    answer_mail = [m for m in mail.outbox if m.to == ["dan@example.vn"] and "Theo Luật Hộ tịch" in m.body]
    assert len(answer_mail) == 1
    assert list(question.history.values_list("action", flat=True)) == ["submit", "forward", "submit_answer",
                                                                      "approve"]
    page = client.get(reverse("feedback:question_detail", args=[question.pk])).content.decode()
    assert "Theo Luật Hộ tịch" in page
    assert "dan@example.vn" not in page and "0912345678" not in page and "Trần Phú" not in page
    assert "Nguyễn Văn Dân" not in page and "N.V.D." in page


def test_public_name_can_be_hidden(client, settings, sam, carol, hana, unit):
    settings.FEEDBACK_PUBLIC_NAME = "hidden"
    question = question_make(full_name="Nguyễn Văn Dân")
    act(question, "forward", sam, unit=unit)
    act(question, "submit_answer", carol, answer="Trả lời")
    act(question, "approve", hana, publish=True)
    page = client.get(reverse("feedback:question_detail", args=[question.pk])).content.decode()
    assert "N.V.D." not in page and "Nguyễn Văn Dân" not in page


def test_answer_not_chosen_for_publication_stays_private(client, sam, carol, hana, unit):
    question = question_make()
    act(question, "forward", sam, unit=unit)
    act(question, "submit_answer", carol, answer="Trả lời riêng")
    act(question, "approve", hana, publish=False)
    assert client.get(reverse("feedback:question_detail", args=[question.pk])).status_code == 404
    assert "Trả lời riêng" not in client.get(reverse("feedback:question_list")).content.decode()


def test_forward_needs_a_unit(sam):
    with pytest.raises(TransitionError):
        act(question_make(), "forward", sam)


def test_returning_needs_a_comment(sam, carol, hana, unit):
    question = bring_to("drafted", sam, carol, unit)
    with pytest.raises(TransitionError):
        act(question, "return", hana)


def test_a_move_from_the_wrong_state_is_refused(sam, hana):
    with pytest.raises(TransitionNotAllowed):
        act(question_make(), "approve", hana)


def test_a_stale_page_is_refused(sam, unit):
    question = question_make()
    act(question, "forward", sam, unit=unit)
    with pytest.raises(StaleState):
        act(question, "escalate", sam, comment="x", expected_state="received")


def test_consultation_extends_the_deadline_to_30_working_days(sam):
    with time_machine.travel(dt.datetime(2026, 11, 23, 9, 0, tzinfo=LOCAL_TZ), tick=False):
        question = question_make()
        assert question.due_at == add_working_days(question.received_at, 15)
        question = act(question, "consult", sam, comment="Cần xin ý kiến Bộ Tư pháp")
    assert question.needs_consultation
    assert question.consultation_reason == "Cần xin ý kiến Bộ Tư pháp"
    assert question.due_at == add_working_days(question.received_at, 30)
    with pytest.raises(TransitionError):
        act(question, "consult", sam, comment="again")


def test_consultation_needs_a_reason(sam):
    with pytest.raises(TransitionError):
        act(question_make(), "consult", sam)


def test_merged_duplicate_sender_also_gets_the_answer(sam, carol, hana, unit, django_capture_on_commit_callbacks):
    main = question_make()
    duplicate = question_make(email="other@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        merged = act(duplicate, "merge", sam, duplicate_code=main.tracking_code)
        assert merged.status == QuestionStatus.MERGED and merged.duplicate_of == main
        act(main, "forward", sam, unit=unit)
        act(main, "submit_answer", carol, answer="Câu trả lời chung")
        act(main, "approve", hana)
    assert any(m.to == ["other@example.vn"] and "Câu trả lời chung" in m.body for m in mail.outbox)


def test_merge_into_itself_or_unknown_code_is_refused(sam):
    question = question_make()
    with pytest.raises(TransitionError):
        act(question, "merge", sam, duplicate_code=question.tracking_code)
    with pytest.raises(TransitionError):
        act(question, "merge", sam, duplicate_code="HD-NOPE")


def test_unit_sends_back_and_secretary_routes_again(sam, carol, unit, other_unit):
    question = question_make()
    act(question, "forward", sam, unit=unit)
    question = act(question, "send_back", carol, comment="Thuộc Phòng Tư pháp huyện")
    assert question.status == QuestionStatus.RECEIVED and question.unit is None
    question = act(question, "forward", sam, unit=other_unit)
    assert question.unit == other_unit


def test_history_is_append_only(sam, unit):
    act(question_make(), "forward", sam, unit=unit)
    record = QuestionTransition.objects.filter(action="forward").get()
    assert record.comment == unit.name
    with pytest.raises(TransitionError):
        record.save()
    with pytest.raises(TransitionError):
        record.delete()


def test_staff_page_makes_a_move_and_shows_the_error_of_a_wrong_one(client, sam, unit):
    question = question_make()
    client.force_login(sam)
    url = question.get_staff_url()
    response = client.post(url, {"action": "forward", "expected_state": "received", "comment": ""})
    assert response.status_code == 200
    assert "Vui lòng chọn đơn vị trả lời." in response.content.decode()
    response = client.post(url, {"action": "forward", "expected_state": "received", "unit": unit.pk})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.FORWARDED


def test_publish_and_unpublish_after_answering(client, sam, carol, hana, unit, django_capture_on_commit_callbacks):
    question = bring_to("drafted", sam, carol, unit)
    act(question, "approve", hana)
    with django_capture_on_commit_callbacks(execute=True):
        act(question, "publish", hana)
    assert client.get(reverse("feedback:question_detail", args=[question.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the cached page is dropped after commit
        act(question, "unpublish", hana)
    assert client.get(reverse("feedback:question_detail", args=[question.pk])).status_code == 404
    assert QUESTION_WORKFLOW.available(question, carol) == []


def test_secretary_sees_possible_duplicates(client, sam):
    first = question_make(title="Thủ tục đăng ký khai sinh cho con")
    question_make(title="Đăng ký kết hôn với người nước ngoài")
    second = question_make(title="Hỏi thủ tục đăng ký khai sinh")
    client.force_login(sam)
    response = client.get(second.get_staff_url())
    assert [q.pk for q in response.context["similar"]] == [first.pk]
