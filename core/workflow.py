"""A small engine for state machines with an append-only history.

A workflow is data: a list of `Move(source, action, target, may=...)`. One
function, `Workflow.apply`, performs a move: it locks the row, checks the state
and the actor, writes the new state and a history row, and runs follow-ups
after commit. The editorial workflow (editorial/workflow.py) and the citizen
questions' life cycle (feedback/) each declare their table and reuse this.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

# Sent inside the transaction after each move (workflow, obj, record, actor), so the
# audit log (audit/receivers.py) commits or rolls back together with the move.
transition_applied = Signal()


class TransitionError(Exception):
    """A move that cannot be made; `message` is shown to the user as it is."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class TransitionNotAllowed(TransitionError):
    """The move does not exist from the object's current state."""


class ActorNotAllowed(TransitionError):
    """The actor may not make this move on this object."""


class StaleState(TransitionError):
    """The object changed since the page the user acted from was loaded."""


def _always(actor, obj):
    return True


@dataclass(frozen=True)
class Move:
    source: str
    action: str
    target: str
    label: str = ""
    may: Callable = _always
    needs_comment: bool = False
    needs_reason: bool = False
    # Called inside the transaction, after the checks and before the save:
    # effect(obj, actor, **context) may set more fields (e.g. published_at).
    effect: Callable | None = None
    # Called after commit with (obj, record); schedules notifications and tasks.
    follow_up: Callable | None = None
    style: str = "primary"
    extra: dict = field(default_factory=dict, compare=False, hash=False)


class TransitionRecord(models.Model):
    """Base of append-only history tables: one row per move."""

    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from"), max_length=40)
    to_state = models.CharField(_("to"), max_length=40)
    comment = models.TextField(_("comment"), blank=True)
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def save(self, *args, **kwargs):
        # History is append-only: an existing row is never rewritten.
        if self.pk is not None and not kwargs.pop("force_insert", False):
            raise TransitionError(_("History records cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TransitionError(_("History records cannot be deleted."))


class Workflow:
    def __init__(self, *, name, model, moves, history_model, history_fk, actor_field="actor",
                 state_field="status", state_labels=None):
        self.name = name
        self.model = model
        self.moves = list(moves)
        self.history_model = history_model
        self.history_fk = history_fk
        self.actor_field = actor_field
        self.state_field = state_field
        self.state_labels = state_labels or {}
        self._index = {}
        for move in self.moves:
            key = (move.source, move.action)
            if key in self._index:
                raise ValueError(f"Duplicate move {key} in workflow {name}")
            self._index[key] = move

    def state_label(self, state):
        return self.state_labels.get(state, state)

    def move_for(self, state, action):
        move = self._index.get((state, action))
        if move is None:
            raise TransitionNotAllowed(
                _("This action is not possible while the item is “%(state)s”.")
                % {"state": self.state_label(state)}
            )
        return move

    def moves_from(self, state):
        return [m for m in self.moves if m.source == state]

    def available(self, obj, actor):
        """The moves `actor` may make on `obj` now (for buttons)."""
        state = getattr(obj, self.state_field)
        return [m for m in self.moves_from(state) if m.may(actor, obj)]

    def apply(self, *, pk, action, actor, comment="", reason="", expected_state=None,
              expected_version=None, **context):
        """Make one move atomically; returns (obj, record). Raises TransitionError subclasses."""
        with transaction.atomic():
            obj = self.model.objects.select_for_update().get(pk=pk)
            state = getattr(obj, self.state_field)
            if expected_state is not None and state != expected_state:
                raise StaleState(
                    _("This item changed while you were looking at it: it is now “%(state)s”. "
                      "Reload the page to see what changed.")
                    % {"state": self.state_label(state)}
                )
            if expected_version is not None and hasattr(obj, "version") and int(expected_version) != obj.version:
                raise StaleState(
                    _("Someone else saved this item after you opened it. Reload the page to see their changes.")
                )
            move = self.move_for(state, action)
            if not move.may(actor, obj):
                raise ActorNotAllowed(_("You are not allowed to do this on this item."))
            comment = (comment or "").strip()
            if move.needs_comment and not comment:
                raise TransitionError(_("Please write a comment explaining this action."))
            if move.needs_reason and not reason:
                raise TransitionError(_("Please choose a reason."))
            if move.effect:
                move.effect(obj, actor, comment=comment, reason=reason, **context)
            setattr(obj, self.state_field, move.target)
            if hasattr(obj, "version"):
                obj.version += 1
            obj.save()
            record = self.history_model.objects.create(
                **{self.history_fk: obj, self.actor_field: actor},
                action=action,
                from_state=state,
                to_state=move.target,
                comment=comment,
                reason=reason or "",
            )
            transition_applied.send(sender=self.model, workflow=self, obj=obj, record=record, actor=actor)
            if move.follow_up:
                transaction.on_commit(lambda: move.follow_up(obj, record))
        return obj, record
