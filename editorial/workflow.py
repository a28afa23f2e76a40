"""The editorial workflow as one table (Bình Phước Điều 9, 11, 12, 15; Long An Điều 8–9).

Each row: (state, action) → next state, who may, what the move needs. The one
service that performs moves is editorial.services.item_transition; views, admin,
tasks and commands all go through it. Buttons on item pages come from
`WORKFLOW.available(item, user)`, so what is shown is what is allowed.
"""

from django.utils.translation import gettext_lazy as _

from articles.models import Item, ItemStatus
from core.workflow import Move, TransitionNotAllowed, Workflow

from . import permissions as perms
from .models import Transition

S = ItemStatus


# --- who may -----------------------------------------------------------------


def _author_via_unit(actor, item):
    return perms.is_author(actor, item) and item.requires_unit_approval


def _author_direct(actor, item):
    return perms.is_author(actor, item) and not item.requires_unit_approval


def _unit_leader(actor, item):
    # Bình Phước Điều 9.1.a; guardian object permission on the item's unit.
    return perms.leads_unit(actor, item.unit_id)


def _secretary(actor, item):
    # Bình Phước Điều 11.1: the secretary receives, classifies and assigns.
    return perms.can_receive(actor)


def _assignee(actor, item):
    return actor is not None and item.assignee_id == actor.pk and perms.can_edit_step(actor)


def _assignee_or_secretary(actor, item):
    return _assignee(actor, item) or perms.can_receive(actor)


def _verifier(actor, item):
    # Step 2: the head, or a deputy the head authorised (Long An Điều 8.3.b).
    return perms.can_verify(actor)


def _final_approver(actor, item):
    return perms.can_final_approve(actor)


def _publisher(actor, item):
    # Bình Phước Điều 15.3: the secretary publishes after the final approval.
    return perms.can_publish(actor)


def _system_or_publisher(actor, item):
    return actor is None or perms.can_publish(actor)


def _publisher_or_head(actor, item):
    return perms.can_publish(actor) or perms.can_final_approve(actor)


# --- effects and follow-ups (inside the transaction / after commit) ----------------


def _effect(name):
    def run(item, actor, **context):
        from . import services

        getattr(services, name)(item, actor, **context)

    run.__name__ = name
    return run


def _follow_up(item, record):
    from . import services

    services.transition_follow_up(item, record)


def _move(source, action, target, label, may, style="primary", *, audit, **kwargs):
    """One row of the table; `audit` is the move's dotted name in the audit log."""
    return Move(
        source,
        action,
        target,
        label=label,
        may=may,
        style=style,
        follow_up=_follow_up,
        extra={"audit": f"editorial.{audit}"},
        **kwargs,
    )


RETURN = _("Return for revision")
REJECT = _("Reject")

# fmt: off
MOVES = [
    # 1. The author sends; via the unit leader when the setting asks for it (Bình Phước Điều 9.1.a).
    _move(S.DRAFT, "send_to_unit", S.UNIT_REVIEW, _("Send to my unit's leader"), _author_via_unit,
          effect=_effect("effect_submit"), audit="submit.to_unit"),
    _move(S.DRAFT, "submit", S.SUBMITTED, _("Send to the editorial board"), _author_direct,
          effect=_effect("effect_submit"), audit="submit.to_board"),
    _move(S.RETURNED, "send_to_unit", S.UNIT_REVIEW, _("Send again to my unit's leader"), _author_via_unit,
          effect=_effect("effect_submit"), audit="resubmit.to_unit"),
    _move(S.RETURNED, "submit", S.SUBMITTED, _("Send again to the editorial board"), _author_direct,
          effect=_effect("effect_submit"), audit="resubmit.to_board"),
    # Unit approval.
    _move(S.UNIT_REVIEW, "unit_approve", S.SUBMITTED, _("Approve and send to the board"), _unit_leader,
          audit="unit.approve"),
    _move(S.UNIT_REVIEW, "return", S.RETURNED, RETURN, _unit_leader, style="secondary",
          needs_comment=True, audit="unit.return"),
    _move(S.UNIT_REVIEW, "reject", S.REJECTED, REJECT, _unit_leader, style="danger",
          needs_comment=True, needs_reason=True, audit="unit.reject"),
    # 2. Received by the secretary: classified and assigned (Bình Phước Điều 11.1).
    _move(S.SUBMITTED, "assign", S.EDITING, _("Classify and assign"), _secretary,
          effect=_effect("effect_assign"), audit="receive.assign"),
    _move(S.SUBMITTED, "return", S.RETURNED, RETURN, _secretary, style="secondary",
          needs_comment=True, audit="receive.return"),
    _move(S.SUBMITTED, "reject", S.REJECTED, REJECT, _secretary, style="danger",
          needs_comment=True, needs_reason=True, audit="receive.reject"),
    # 3. Step 1 – edited by the assigned member.
    _move(S.EDITING, "edit_done", S.VERIFYING, _("Editing done: send for verification"), _assignee,
          audit="edit.done"),
    _move(S.EDITING, "assign", S.EDITING, _("Reassign"), _secretary, style="secondary",
          effect=_effect("effect_assign"), audit="edit.reassign"),
    _move(S.EDITING, "return", S.RETURNED, RETURN, _assignee_or_secretary, style="secondary",
          needs_comment=True, audit="edit.return"),
    _move(S.EDITING, "reject", S.REJECTED, REJECT, _assignee_or_secretary, style="danger",
          needs_comment=True, needs_reason=True, audit="edit.reject"),
    # 4. Step 2 – verified by the head or a delegate (Long An Điều 8.3.b).
    _move(S.VERIFYING, "verify", S.FINAL_REVIEW, _("Verified: send for final approval"), _verifier,
          audit="verify.approve"),
    _move(S.VERIFYING, "send_back", S.EDITING, _("Send back to the editor"), _verifier, style="secondary",
          needs_comment=True, audit="verify.send_back"),
    _move(S.VERIFYING, "return", S.RETURNED, RETURN, _verifier, style="secondary",
          needs_comment=True, audit="verify.return"),
    _move(S.VERIFYING, "reject", S.REJECTED, REJECT, _verifier, style="danger",
          needs_comment=True, needs_reason=True, audit="verify.reject"),
    # 5. Step 3 – final approval, then publication by the secretary (Bình Phước Điều 15.3).
    _move(S.FINAL_REVIEW, "approve", S.APPROVED, _("Approve for publication"), _final_approver,
          audit="final.approve"),
    _move(S.FINAL_REVIEW, "send_back", S.EDITING, _("Send back to the editor"), _final_approver,
          style="secondary", needs_comment=True, audit="final.send_back"),
    _move(S.FINAL_REVIEW, "return", S.RETURNED, RETURN, _final_approver, style="secondary",
          needs_comment=True, audit="final.return"),
    _move(S.FINAL_REVIEW, "reject", S.REJECTED, REJECT, _final_approver, style="danger",
          needs_comment=True, needs_reason=True, audit="final.reject"),
    _move(S.APPROVED, "publish", S.PUBLISHED, _("Publish now"), _publisher,
          effect=_effect("effect_publish"), audit="publish.now"),
    _move(S.APPROVED, "schedule", S.SCHEDULED, _("Schedule"), _publisher, style="secondary",
          effect=_effect("effect_schedule"), audit="publish.schedule"),
    _move(S.APPROVED, "return", S.RETURNED, RETURN, _publisher_or_head, style="secondary",
          needs_comment=True, audit="publish.return"),
    _move(S.APPROVED, "reject", S.REJECTED, REJECT, _publisher_or_head, style="danger",
          needs_comment=True, needs_reason=True, audit="publish.reject"),
    _move(S.SCHEDULED, "publish", S.PUBLISHED, _("Publish now"), _publisher,
          effect=_effect("effect_publish"), audit="publish.now"),
    _move(S.SCHEDULED, "publish_scheduled", S.PUBLISHED, _("Publish at the scheduled time"),
          _system_or_publisher, effect=_effect("effect_publish"), audit="publish.scheduled"),
    _move(S.SCHEDULED, "unschedule", S.APPROVED, _("Cancel the schedule"), _publisher, style="secondary",
          effect=_effect("effect_unschedule"), audit="publish.unschedule"),
    # After publication.
    _move(S.PUBLISHED, "unpublish", S.UNPUBLISHED, _("Unpublish"), _publisher_or_head, style="danger",
          needs_comment=True, audit="publication.unpublish"),
    _move(S.UNPUBLISHED, "publish", S.PUBLISHED, _("Publish again"), _publisher,
          effect=_effect("effect_publish"), audit="publication.republish"),
]
# fmt: on

# Moves the beat task makes with no person behind them; never shown as buttons.
SYSTEM_ACTIONS = {"publish_scheduled"}

# Moves that need more than a comment on the item page (a form with extra fields).
FORM_ACTIONS = {"assign", "schedule"}

WORKFLOW = Workflow(
    name="editorial",
    model=Item,
    moves=MOVES,
    history_model=Transition,
    history_fk="item",
    actor_field="actor",
    state_field="status",
    state_labels=dict(ItemStatus.choices),
)

# States in which an item is with the board and its deadline runs.
ACTIVE_STATES = (S.UNIT_REVIEW, S.SUBMITTED, S.EDITING, S.VERIFYING, S.FINAL_REVIEW, S.APPROVED)


def actions_for(item, user):
    """The moves to show as buttons for this user on this item."""
    if not user or not user.is_authenticated:
        return []
    return [m for m in WORKFLOW.available(item, user) if m.action not in SYSTEM_ACTIONS]


def audit_name(state, action):
    """The dotted audit name of the move (state, action), e.g. editorial.verify.approve."""
    try:
        return WORKFLOW.move_for(state, action).extra["audit"]
    except TransitionNotAllowed:
        return f"editorial.{action}"
