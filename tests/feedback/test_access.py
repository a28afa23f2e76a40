"""Who sees what: personal data only for those handling the item; 404 for the rest."""

import pytest
from django.urls import reverse

from feedback.services import question_act

from .factories import question_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def forwarded(sam, other_unit):
    question = question_make()
    question_act(pk=question.pk, action="forward", actor=sam, unit=other_unit)
    question.refresh_from_db()
    return question


def test_secretary_sees_contact_details_without_caching(client, sam, forwarded):
    client.force_login(sam)
    response = client.get(forwarded.get_staff_url())
    assert "dan@example.vn" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_assigned_unit_staff_sees_contact_details(client, bob, forwarded):
    client.force_login(bob)
    assert "0912345678" in client.get(forwarded.get_staff_url()).content.decode()


def test_staff_of_another_unit_gets_404(client, forwarded, zed):
    from organisation.roles import Role
    from tests.factories import UnitFactory, make_user

    stranger = make_user(Role.AUTHOR, unit=UnitFactory(), username="stranger")
    client.force_login(stranger)
    assert client.get(forwarded.get_staff_url()).status_code == 404
    assert client.get(reverse("feedback:staff_attachment", args=[forwarded.pk])).status_code == 404
    assert forwarded.tracking_code not in client.get(reverse("feedback:staff_inbox") + "?trang-thai=all").content.decode()
    client.force_login(zed)
    assert client.get(reverse("feedback:staff_inbox")).status_code == 404


def test_leadership_sees_the_item_but_not_contact_details_unless_escalated(client, leo, sam, forwarded):
    client.force_login(leo)
    page = client.get(forwarded.get_staff_url()).content.decode()
    assert forwarded.title in page and "dan@example.vn" not in page
    escalated = question_make(email="esc@example.vn")
    question_act(pk=escalated.pk, action="escalate", actor=sam, comment="Nhiều đơn vị")
    assert "esc@example.vn" in client.get(escalated.get_staff_url()).content.decode()


def test_anonymous_is_sent_to_login(client, forwarded):
    response = client.get(forwarded.get_staff_url())
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


def test_inbox_lists_only_the_users_units_items(client, bob, alice, forwarded, django_assert_max_num_queries):
    question_make(title="Một câu hỏi chưa chuyển")
    client.force_login(bob)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("feedback:staff_inbox") + "?trang-thai=all").content.decode()
    assert forwarded.tracking_code in page and "Một câu hỏi chưa chuyển" not in page
    client.force_login(alice)
    assert forwarded.tracking_code not in client.get(reverse("feedback:staff_inbox") + "?trang-thai=all").content.decode()


def test_workspace_links_and_badge(sam, bob, zed, forwarded):
    from feedback.navigation import staff_links

    labels = [link["url"] for link in staff_links(sam)]
    assert reverse("feedback:staff_inbox") in labels and reverse("feedback:staff_drafts") in labels
    assert staff_links(bob)[0]["badge"] == 1
    assert staff_links(zed) == []
