"""What staff and citizens read on the feedback pages is Vietnamese words, not codes or another app's wording."""

import pytest
from django.urls import reverse

from feedback.services import question_act

from .factories import question_make

pytestmark = pytest.mark.django_db


def test_history_names_the_moves_and_states_in_vietnamese_and_people_family_name_first(client, sam, other_unit):
    question = question_make()
    question_act(pk=question.pk, action="forward", actor=sam, unit=other_unit)
    client.force_login(sam)
    page = client.get(reverse("feedback:staff_question", args=[question.pk])).content.decode()
    history = page.split("feedback-history", 1)[1]
    # The Django admin catalogue translates a bare "History" as "Bản ghi nhớ" (a memo).
    assert "Lịch sử xử lý" in page and "Bản ghi nhớ" not in page
    assert "người gửi · Gửi đến Sở: Đã tiếp nhận" in history and "Chuyển đơn vị" in history
    assert "Đã tiếp nhận → Đã chuyển đơn vị" in history
    for code in ("submit:", "forward:", "received", "forwarded"):
        assert code not in history
    assert f"{sam.last_name} {sam.first_name}".strip() in history


def test_public_answer_says_who_sent_it_in_plain_vietnamese(client, sam, other_unit):
    question = question_make()
    question_act(pk=question.pk, action="forward", actor=sam, unit=other_unit)
    question.refresh_from_db()
    question.status, question.answer, question.is_public = "answered", "Trả lời.", True
    question.answered_at = question.received_at
    question.save()
    page = client.get(reverse("feedback:question_detail", args=[question.pk])).content.decode()
    assert "Gửi ngày" in page and "người gửi: N.V.D." in page
    assert "người thực hiện" not in page


def test_closed_draft_badge_in_staff_list(client, sam, unit):
    from .factories import draft_make

    draft_make(unit, opens=-20, closes=-1)
    client.force_login(sam)
    page = client.get(reverse("feedback:staff_drafts")).content.decode()
    assert "Đã kết thúc" in page and "Đã chốt" not in page


def test_units_to_forward_to_list_the_departments_own_units_first(client, sam):
    from organisation.models import Unit

    Unit.objects.create(name="Phòng Tư pháp huyện Aaa", kind=Unit.Kind.DISTRICT, order=0)
    Unit.objects.create(name="Văn phòng Sở Zzz", kind=Unit.Kind.INTERNAL, order=9)
    question = question_make()
    client.force_login(sam)
    page = client.get(reverse("feedback:staff_question", args=[question.pk])).content.decode()
    assert page.index(">Văn phòng Sở Zzz<") < page.index(">Phòng Tư pháp huyện Aaa<")


def test_vietnamese_forms_say_thu_dien_tu_not_email(client):
    """A bare "Email" is translated as "Email" by an earlier catalogue; the app's own word is "Thư điện tử"."""
    html = client.get(reverse("feedback:question_ask")).content.decode()
    assert 'for="id_email">Thư điện tử' in html and 'for="id_email">Email' not in html
