"""The workflow table and the one service that moves items (Bình Phước Điều 9, 11, 12, 15)."""

import pytest
from django.core import mail

from articles.models import ItemStatus
from core.models import Notification
from core.workflow import ActorNotAllowed, StaleState, TransitionError, TransitionNotAllowed
from editorial import services
from editorial.models import Revision, Transition
from editorial.workflow import MOVES, WORKFLOW

from .factories import draft_by, item_at, move

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(alice, carol, sam, mike, hana):
    return {"alice": alice, "carol": carol, "sam": sam, "mike": mike, "hana": hana}


def test_the_table_covers_every_state_and_names_its_moves():
    sources = {m.source for m in MOVES}
    assert set(ItemStatus.values) - sources == {ItemStatus.REJECTED}  # rejection is final
    assert all(m.label for m in MOVES)


def test_an_item_goes_from_author_to_publication(cast, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("editorial.services.task_send", lambda name, **kw: sent.append((name, kw)))
    with django_capture_on_commit_callbacks(execute=True):
        item = item_at("published", **cast)
    assert item.status == ItemStatus.PUBLISHED
    assert item.published_at is not None and item.slug
    actions = list(Transition.objects.filter(item=item).values_list("action", flat=True))
    assert actions == ["send_to_unit", "unit_approve", "assign", "edit_done", "verify", "approve", "publish"]
    stages = list(Revision.objects.filter(item=item).values_list("stage", flat=True))
    assert stages == ["submitted", "published"]
    assert sent == [("royalties.tasks.royalties_on_publication", {"item_id": item.pk})]
    # Each actor was told when the item reached them; the author when it was published.
    assert Notification.objects.filter(recipient=cast["carol"]).exists()
    assert Notification.objects.filter(recipient=cast["sam"]).exists()
    assert Notification.objects.filter(recipient=cast["mike"]).exists()
    assert Notification.objects.filter(recipient=cast["hana"]).exists()
    assert Notification.objects.filter(recipient=cast["alice"], verb="editorial.published").exists()
    assert any("alice@" in m.to[0] for m in mail.outbox)


def test_transition_records_say_who_when_from_to_and_why(cast):
    item = item_at("returned", **cast)
    record = Transition.objects.filter(item=item).last()
    assert (record.actor, record.from_state, record.to_state, record.comment) == (
        cast["mike"],
        "editing",
        "returned",
        "Bổ sung ảnh.",
    )
    assert record.audit_action == "editorial.edit.return"


def test_audit_names_are_dotted_by_step(cast):
    item = item_at("final_review", **cast)
    verify = Transition.objects.get(item=item, action="verify")
    assert verify.audit_action == "editorial.verify.approve"
    approve_record = move(item, "approve", cast["hana"]).transitions.last()
    assert approve_record.audit_action == "editorial.final.approve"


def test_every_move_has_its_own_dotted_audit_name():
    names = [m.extra["audit"] for m in MOVES if m.action != "publish" or m.source != "scheduled"]
    assert all(n.startswith("editorial.") and n.count(".") == 2 for n in names)
    assert len(names) == len(set(names))


def test_history_cannot_be_rewritten(cast):
    item = item_at("unit_review", **cast)
    record = Transition.objects.get(item=item)
    record.comment = "sửa"
    with pytest.raises(TransitionError):
        record.save()
    with pytest.raises(TransitionError):
        record.delete()


def test_a_wrong_transition_raises_its_own_error(cast):
    item = draft_by(cast["alice"])
    with pytest.raises(TransitionNotAllowed) as excinfo:
        services.item_transition(item_id=item.pk, action="publish", actor=cast["sam"])
    assert "Bản nháp" in str(excinfo.value.message)


def test_a_double_click_makes_one_transition(cast):
    item = item_at("approved", **cast)
    services.item_transition(item_id=item.pk, action="publish", actor=cast["sam"], expected_state="approved")
    with pytest.raises(StaleState):
        services.item_transition(
            item_id=item.pk, action="publish", actor=cast["sam"], expected_state="approved"
        )
    assert Transition.objects.filter(item=item, action="publish").count() == 1


def test_rejection_needs_a_reason_from_the_regulation_and_a_comment(cast):
    item = item_at("submitted", **cast)
    with pytest.raises(TransitionError):
        services.item_transition(item_id=item.pk, action="reject", actor=cast["sam"], comment="Không đạt")
    with pytest.raises(TransitionError):
        services.item_transition(item_id=item.pk, action="reject", actor=cast["sam"], comment="x", reason="z")
    with pytest.raises(TransitionError):
        services.item_transition(item_id=item.pk, action="reject", actor=cast["sam"], reason="b")
    services.item_transition(
        item_id=item.pk, action="reject", actor=cast["sam"], comment="Bí mật", reason="b"
    )
    assert Transition.objects.get(item=item, action="reject").reason == "b"


def test_a_return_needs_a_comment(cast):
    item = item_at("editing", **cast)
    with pytest.raises(TransitionError):
        services.item_transition(item_id=item.pk, action="return", actor=cast["mike"])


def test_the_author_answers_a_return_by_editing_and_sending_again(cast):
    item = item_at("returned", **cast)
    services.item_save_by_author(
        author=cast["alice"], item_id=item.pk, data={"title": item.title, "body": "<p>Đã bổ sung.</p>"}
    )
    move(item, "send_to_unit", cast["alice"])
    assert item.status == ItemStatus.UNIT_REVIEW
    assert Revision.objects.filter(item=item, stage="submitted").count() == 2


def test_unit_approval_is_skipped_for_collaborators_by_default(colin, sam):
    item = draft_by(colin)
    assert not item.requires_unit_approval
    assert [m.action for m in WORKFLOW.available(item, colin)] == ["submit"]
    move(item, "submit", colin)
    assert item.status == ItemStatus.SUBMITTED


def test_unit_approval_for_staff_can_be_switched_off(settings, alice):
    settings.EDITORIAL_UNIT_APPROVAL_FOR_STAFF = False
    item = draft_by(alice)
    move(item, "submit", alice)
    assert item.status == ItemStatus.SUBMITTED


def test_the_deputy_verifies_only_when_delegated(cast, dora):
    item = item_at("verifying", **cast)
    with pytest.raises(ActorNotAllowed):
        services.item_transition(item_id=item.pk, action="verify", actor=dora)
    services.delegation_grant(delegate=dora, granted_by=cast["hana"])
    dora = type(dora).objects.get(pk=dora.pk)  # permissions are cached per user object
    move(item, "verify", dora)
    move(item, "approve", dora)
    assert item.status == ItemStatus.APPROVED


def test_only_the_head_may_delegate(cast, dora, mike):
    with pytest.raises(ActorNotAllowed):
        services.delegation_grant(delegate=dora, granted_by=mike)


def test_assignment_needs_a_board_member(cast, alice):
    item = item_at("submitted", **cast)
    with pytest.raises(TransitionError):
        services.item_transition(item_id=item.pk, action="assign", actor=cast["sam"], assignee=alice)


def test_scheduling_needs_a_future_time(cast):
    from django.utils import timezone

    item = item_at("approved", **cast)
    with pytest.raises(TransitionError):
        services.item_transition(
            item_id=item.pk,
            action="schedule",
            actor=cast["sam"],
            scheduled_for=timezone.now() - timezone.timedelta(minutes=1),
        )


def test_unpublishing_refreshes_the_public_site(cast, django_capture_on_commit_callbacks, monkeypatch):
    changed = []
    monkeypatch.setattr(
        "editorial.services.item_visibility_changed", lambda item: changed.append(item.status)
    )
    item = item_at("published", **cast)
    with django_capture_on_commit_callbacks(execute=True):
        move(item, "unpublish", cast["sam"], comment="Sai sót.")
    assert changed == ["unpublished"]


def test_publication_hands_the_item_to_the_royalties_task(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    from core import outbox
    from core.models import OutboxTask

    published, original = [], outbox._publish

    def spy(task_name, kwargs):
        published.append((task_name, kwargs))
        return original(task_name, kwargs)

    monkeypatch.setattr(outbox, "_publish", spy)
    with django_capture_on_commit_callbacks(execute=True):
        item = item_at("published", **cast)
    assert ("royalties.tasks.royalties_on_publication", {"item_id": item.pk}) in published
    # Tasks run inline in tests: nothing was left in the outbox, so the royalties task accepted it.
    assert not OutboxTask.objects.filter(task_name="royalties.tasks.royalties_on_publication").exists()
