"""The board's staff area: lists, filters, bulk assignment, editing with locks, history and diff."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Item, ItemStatus
from core.models import Notification
from core.templatetags.vi_format import vi_person
from editorial.models import Transition
from tests.factories import CategoryFactory, ItemFactory

from .factories import item_at, move

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(alice, carol, sam, mike, hana):
    return {"alice": alice, "carol": carol, "sam": sam, "mike": mike, "hana": hana}


def _many(n, **fields):
    category = CategoryFactory()
    for i in range(n):
        ItemFactory(
            category=category,
            submitted_at=timezone.now(),
            due_at=timezone.now() + timezone.timedelta(hours=i - 2),
            **fields,
        )


@pytest.mark.parametrize(
    "url_name,who,fields",
    [
        ("board", "sam", {"status": ItemStatus.SUBMITTED}),
        ("inbox", "sam", {"status": ItemStatus.SUBMITTED}),
        ("tasks", "mike", {"status": ItemStatus.EDITING}),
        ("tasks", "hana", {"status": ItemStatus.VERIFYING}),
    ],
)
def test_lists_take_the_same_number_of_queries_for_5_and_50_items(
    url_name, who, fields, cast, client, django_assert_num_queries
):
    user = cast[who]
    if who == "mike":
        fields = {**fields, "assignee": user}
    client.force_login(user)
    url = reverse(f"editorial:{url_name}")
    _many(5, **fields)
    client.get(url)  # warm up the session and caches
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    _many(45, **fields)
    with django_assert_num_queries(len(five.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('href="/bien-tap/tin-bai/') == 50


def test_the_board_list_filters_by_state_kind_unit_and_lateness(cast, client, unit, other_unit):
    late = ItemFactory(
        status=ItemStatus.EDITING,
        unit=unit,
        title="Tin trễ hạn",
        due_at=timezone.now() - timezone.timedelta(hours=1),
        submitted_at=timezone.now(),
    )
    ItemFactory(
        status=ItemStatus.SUBMITTED,
        unit=other_unit,
        kind="bai",
        title="Bài đúng hạn",
        due_at=timezone.now() + timezone.timedelta(days=1),
        submitted_at=timezone.now(),
    )
    client.force_login(cast["sam"])
    url = reverse("editorial:board")
    page = client.get(url, {"overdue": "on"}).content.decode()
    assert "Tin trễ hạn" in page and "Bài đúng hạn" not in page
    assert 'class="badge late"' in page
    assert "Tin trễ hạn" not in client.get(url, {"kind": "bai"}).content.decode()
    assert "Bài đúng hạn" not in client.get(url, {"unit": unit.pk}).content.decode()
    assert "Tin trễ hạn" not in client.get(url, {"status": "submitted"}).content.decode()
    assert late.title in client.get(url, {"q": "tre han"}).content.decode()  # without diacritics


def test_the_secretary_assigns_several_items_at_once(cast, client):
    items = [item_at("submitted", **cast) for _ in range(3)]
    client.force_login(cast["sam"])
    response = client.post(
        reverse("editorial:inbox"),
        {"items": [items[0].pk, items[1].pk], "assignee": cast["mike"].pk},
        follow=True,
    )
    assert response.status_code == 200
    states = {i.pk: i.status for i in Item.objects.all()}
    assert states[items[0].pk] == states[items[1].pk] == ItemStatus.EDITING
    assert states[items[2].pk] == ItemStatus.SUBMITTED
    assert Item.objects.get(pk=items[0].pk).assignee == cast["mike"]


def test_the_secretary_classifies_and_assigns_from_the_item_page(cast, client):
    item = item_at("submitted", **cast)
    category = CategoryFactory(name="Hoạt động của Sở")
    client.force_login(cast["sam"])
    client.post(
        reverse("editorial:act", kwargs={"pk": item.pk}),
        {
            "action": "assign",
            "expected_state": "submitted",
            "assignee": cast["mike"].pk,
            "category": category.pk,
            "kind": "bai",
            "deadline_rule": "plan",
        },
    )
    item.refresh_from_db()
    assert (item.status, item.category, item.kind, item.deadline_rule) == ("editing", category, "bai", "plan")


def _edit_data(item, **overrides):
    data = {
        "kind": item.kind,
        "category": item.category_id,
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "byline": item.byline,
        "version": item.version,
    }
    data.update(overrides)
    return data


def test_a_member_is_warned_when_someone_else_is_editing(cast, client, dora, hana):
    item = item_at("verifying", **cast)
    client.force_login(hana)
    client.get(reverse("editorial:edit", kwargs={"pk": item.pk}))
    from editorial.services import delegation_grant

    delegation_grant(delegate=dora, granted_by=hana)
    client.force_login(dora)
    page = client.get(reverse("editorial:item", kwargs={"pk": item.pk})).content.decode()
    assert f"{vi_person(hana)} đang biên tập tin, bài này" in page


def test_saving_over_a_newer_version_is_refused_and_the_text_kept(cast, client, dora, hana):
    item = item_at("verifying", **cast)
    from editorial.services import delegation_grant

    delegation_grant(delegate=dora, granted_by=hana)
    opened_at = item.version
    client.force_login(hana)
    client.post(
        reverse("editorial:edit", kwargs={"pk": item.pk}), _edit_data(item, body="<p>Bản của Trưởng ban.</p>")
    )
    client.force_login(dora)
    response = client.post(
        reverse("editorial:edit", kwargs={"pk": item.pk}),
        _edit_data(item, body="<p>Bản của Phó ban.</p>", version=opened_at),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Bản của Phó ban." in page  # their text is not lost
    assert vi_person(hana) in page  # and they are told who saved
    item.refresh_from_db()
    assert "Bản của Trưởng ban." in item.body


def test_the_assignee_edits_and_a_revision_is_kept(cast, client):
    item = item_at("editing", **cast)
    client.force_login(cast["mike"])
    response = client.post(
        reverse("editorial:edit", kwargs={"pk": item.pk}),
        _edit_data(item, body="<p>Đoạn thứ nhất đã sửa.</p><p>Đoạn thứ hai.</p>"),
    )
    assert response.status_code == 302
    assert item.revisions.filter(stage="edited", created_by=cast["mike"]).exists()


def test_someone_not_assigned_cannot_edit(cast, client, dora):
    item = item_at("editing", **cast)
    client.force_login(cast["hana"])
    client.post(reverse("editorial:edit", kwargs={"pk": item.pk}), _edit_data(item, body="<p>X</p>"))
    item.refresh_from_db()
    assert "<p>X</p>" not in item.body


def test_the_item_page_shows_history_and_an_escaped_diff(cast, client):
    item = item_at("editing", **cast)
    client.force_login(cast["mike"])
    client.post(
        reverse("editorial:edit", kwargs={"pk": item.pk}),
        _edit_data(item, body="<p>Đoạn thứ nhất &lt;b&gt;đã sửa&lt;/b&gt;.</p><p>Đoạn thứ hai.</p>"),
    )
    page = client.get(reverse("editorial:item", kwargs={"pk": item.pk})).content.decode()
    assert "<del>Đoạn thứ nhất.</del>" in page
    assert "<ins>Đoạn thứ nhất &lt;b&gt;đã sửa&lt;/b&gt;.</ins>" in page
    assert vi_person(cast["carol"]) in page  # who approved for the unit
    assert "Sửa xong: gửi xác thực" in page or "edit_done" in page  # the allowed action is a button


def test_the_buttons_are_the_moves_of_the_table(cast, client):
    item = item_at("approved", **cast)
    client.force_login(cast["sam"])
    page = client.get(reverse("editorial:item", kwargs={"pk": item.pk})).content.decode()
    assert 'value="publish"' in page and 'value="schedule"' in page
    assert 'value="verify"' not in page and 'value="publish_scheduled"' not in page


def test_a_stale_page_is_refused_with_what_changed(cast, client):
    item = item_at("approved", **cast)
    move(item, "publish", cast["sam"])
    client.force_login(cast["hana"])
    response = client.post(
        reverse("editorial:act", kwargs={"pk": item.pk}),
        {"action": "return", "expected_state": "approved", "comment": "x"},
        follow=True,
    )
    assert "Đã đăng" in response.content.decode()
    assert Transition.objects.filter(item=item, action="return").count() == 0


def test_notifications_page_lists_and_marks_read(cast, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = item_at("returned", **cast)
    client.force_login(cast["alice"])
    page = client.get(reverse("editorial:notifications")).content.decode()
    assert item.title in page and "Bổ sung ảnh." in page
    home = client.get(reverse("portal:staff_home")).content.decode()
    assert "/bien-tap/thong-bao/" in home
    client.post(reverse("editorial:notifications_read"))
    assert not Notification.objects.filter(recipient=cast["alice"], read_at__isnull=True).exists()


def test_opening_a_notification_marks_it_read(cast, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item = item_at("unit_review", **cast)
    notification = Notification.objects.get(recipient=cast["carol"])
    client.force_login(cast["carol"])
    response = client.get(reverse("editorial:notification_open", kwargs={"pk": notification.pk}))
    assert response["Location"] == reverse("editorial:item", kwargs={"pk": item.pk})
    notification.refresh_from_db()
    assert notification.read_at is not None
    client.force_login(cast["alice"])
    assert (
        client.get(reverse("editorial:notification_open", kwargs={"pk": notification.pk})).status_code == 404
    )


def test_workspace_links_depend_on_the_role(cast):
    from editorial.navigation import staff_links

    sam_urls = {link["url"] for link in staff_links(cast["sam"])}
    alice_urls = {link["url"] for link in staff_links(cast["alice"])}
    assert reverse("editorial:inbox") in sam_urls and reverse("editorial:inbox") not in alice_urls
    assert reverse("editorial:submit") in alice_urls
    assert reverse("editorial:unit") in {link["url"] for link in staff_links(cast["carol"])}


def test_the_admin_publishes_through_the_same_service(cast, client, monkeypatch):
    monkeypatch.setattr("editorial.services.task_send", lambda *a, **k: None)
    item = item_at("approved", **cast)
    other = item_at("editing", **cast)
    client.force_login(cast["sam"])
    url = reverse("admin:editorial_workflowitem_changelist")
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "publish", "_selected_action": [item.pk, other.pk]}, follow=True)
    item.refresh_from_db()
    other.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and other.status == ItemStatus.EDITING
    assert Transition.objects.filter(item=item, action="publish", actor=cast["sam"]).count() == 1
    assert other.title in response.content.decode()  # the refused one is reported by name


def test_the_head_delegates_in_the_admin_through_the_service(cast, client, dora):
    from editorial.models import Delegation

    client.force_login(cast["hana"])
    url = reverse("admin:editorial_delegation_add")
    response = client.post(url, {"delegate": dora.pk, "note": "Đi công tác"})
    assert response.status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.delegate, delegation.granted_by) == (dora, cast["hana"])


def test_the_head_grants_and_withdraws_a_delegation_on_the_web(cast, client, dora):
    from editorial.models import Delegation
    from editorial.permissions import can_verify

    client.force_login(cast["hana"])
    client.post(reverse("editorial:delegations"), {"delegate": dora.pk, "note": ""})
    delegation = Delegation.objects.get(revoked_at__isnull=True)
    assert can_verify(type(dora).objects.get(pk=dora.pk))
    page = client.get(reverse("editorial:delegations")).content.decode()
    assert vi_person(dora) in page
    client.post(reverse("editorial:delegation_revoke", kwargs={"pk": delegation.pk}))
    assert not can_verify(type(dora).objects.get(pk=dora.pk))
    client.force_login(cast["mike"])
    assert client.post(reverse("editorial:delegations"), {"delegate": dora.pk}).status_code == 403


def test_the_staff_area_speaks_english_under_en(cast, client):
    item = item_at("approved", **cast)
    client.force_login(cast["sam"])
    page = client.get(f"/en/bien-tap/tin-bai/{item.pk}/").content.decode()
    assert "Publish now" in page and "Workflow history" in page
    assert "Approved, awaiting publication" in page


def test_an_edit_saved_after_the_item_moved_on_keeps_the_text_and_says_why(cast, client):
    item = item_at("editing", **cast)
    client.force_login(cast["mike"])
    client.get(reverse("editorial:edit", kwargs={"pk": item.pk}))
    opened = item.version
    move(item, "return", cast["sam"], comment="Tác giả cần bổ sung.")
    response = client.post(
        reverse("editorial:edit", kwargs={"pk": item.pk}),
        _edit_data(item, body="<p>Bản đang sửa dở.</p>", version=opened),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Bản đang sửa dở." in page
    assert f"{vi_person(cast['sam'])} đã chuyển tin, bài sang trạng thái “Trả lại để chỉnh sửa”" in page
