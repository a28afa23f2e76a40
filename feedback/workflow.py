"""The life of a citizen's question or petition, as one table (Bình Phước Điều 11).

received ──forward──▶ forwarded ──submit_answer──▶ drafted ──approve──▶ answered
   │  └─escalate─▶ escalated ──forward──▶ forwarded ◀──return── drafted
   ├─merge──▶ merged (a duplicate; its sender gets the main question's answer)
   └─decline─▶ declined
forwarded ──send_back──▶ received (not the unit's field: the secretary routes again)
`consult` keeps the state and extends the deadline from 15 to 30 working days.

The engine is core.workflow: it locks the row, checks the table and the actor,
and appends a QuestionTransition for every move.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.workdays import add_working_days
from core.workflow import Move, TransitionError, Workflow

from . import access
from .models import Question, QuestionKind, QuestionStatus, QuestionTransition

S = QuestionStatus

# DOMAIN.md deadlines: 15 working days from receipt; 30 when the Ministry or
# other bodies must be consulted (Bình Phước Điều 11.2).
ANSWER_DAYS = 15
CONSULTATION_DAYS = 30


def answer_due(received_at, *, consultation=False):
    return add_working_days(received_at, CONSULTATION_DAYS if consultation else ANSWER_DAYS)


# Who may (actor, question).
def _secretary(actor, q):
    return access.is_secretary(actor)


def _secretary_or_leadership(actor, q):
    return access.is_secretary(actor) or access.is_leadership(actor)


def _unit(actor, q):
    return access.is_unit_member(actor, q.unit)


def _approver(actor, q):
    return access.is_approver(actor)


# Effects: set the fields a move implies, inside the transaction.
def _forward(q, actor, *, unit=None, **context):
    if unit is None:
        raise TransitionError(_("Please choose the unit that will answer."))
    q.unit = unit


def _send_back(q, actor, **context):
    q.unit = None


def _merge(q, actor, *, duplicate_of=None, **context):
    if duplicate_of is None or duplicate_of.pk == q.pk:
        raise TransitionError(_("Please choose the question this one duplicates."))
    if duplicate_of.status in (S.MERGED, S.DECLINED) or duplicate_of.kind != q.kind:
        raise TransitionError(_("A question can only be merged into an open or answered one of the same kind."))
    q.duplicate_of = duplicate_of
    q.closed_at = timezone.now()


def _close(q, actor, **context):
    q.closed_at = timezone.now()


def _consult(q, actor, *, comment="", **context):
    if q.needs_consultation:
        raise TransitionError(_("This item is already marked as needing consultation."))
    q.needs_consultation = True
    q.consultation_reason = comment
    q.due_at = answer_due(q.received_at, consultation=True)


def _submit_answer(q, actor, *, answer="", **context):
    if not answer:
        raise TransitionError(_("Please write the answer."))
    q.answer = answer
    q.answer_drafted_by = actor


def _approve(q, actor, *, answer="", publish=False, **context):
    q.answer = answer or q.answer
    if not q.answer:
        raise TransitionError(_("Please write the answer."))
    now = timezone.now()
    q.approved_by = actor
    q.answered_at = now
    q.closed_at = now
    q.is_public = bool(publish)
    q.published_at = now if publish else None


def _publish(q, actor, **context):
    if q.is_public:
        raise TransitionError(_("This answer is already published."))
    q.is_public = True
    q.published_at = q.published_at or timezone.now()


def _unpublish(q, actor, **context):
    if not q.is_public:
        raise TransitionError(_("This answer is not published."))
    q.is_public = False


def _follow(name):
    """Follow-ups live in services (notifications); resolved late to avoid an import cycle."""

    def run(question, record):
        from . import services

        getattr(services, name)(question, record)

    return run


def _consult_moves():
    return [
        Move(state, "consult", state, _("Needs consultation (30 working days)"), _secretary_or_leadership,
             needs_comment=True, effect=_consult, style="secondary")
        for state in (S.RECEIVED, S.ESCALATED, S.FORWARDED, S.DRAFTED)
    ]


MOVES = [
    Move(S.RECEIVED, "forward", S.FORWARDED, _("Forward to a unit"), _secretary, effect=_forward,
         follow_up=_follow("notify_forwarded")),
    Move(S.RECEIVED, "escalate", S.ESCALATED, _("Send to the department's leadership"), _secretary,
         needs_comment=True, follow_up=_follow("notify_escalated"), style="secondary"),
    Move(S.RECEIVED, "merge", S.MERGED, _("Merge into a duplicate"), _secretary, effect=_merge,
         follow_up=_follow("notify_merged"), style="secondary"),
    Move(S.RECEIVED, "decline", S.DECLINED, _("Do not accept"), _secretary, needs_comment=True,
         effect=_close, follow_up=_follow("notify_declined"), style="danger"),
    Move(S.ESCALATED, "forward", S.FORWARDED, _("Forward to a unit"), _secretary_or_leadership,
         effect=_forward, follow_up=_follow("notify_forwarded")),
    Move(S.FORWARDED, "submit_answer", S.DRAFTED, _("Send the draft answer for approval"), _unit,
         effect=_submit_answer, follow_up=_follow("notify_drafted")),
    Move(S.FORWARDED, "send_back", S.RECEIVED, _("Not our unit's field: send back"), _unit,
         needs_comment=True, effect=_send_back, follow_up=_follow("notify_sent_back"), style="danger"),
    Move(S.DRAFTED, "approve", S.ANSWERED, _("Approve and send the answer"), _approver, effect=_approve,
         follow_up=_follow("notify_answered")),
    Move(S.DRAFTED, "return", S.FORWARDED, _("Return to the unit for revision"), _approver,
         needs_comment=True, follow_up=_follow("notify_returned"), style="danger"),
    Move(S.ANSWERED, "publish", S.ANSWERED, _("Publish in Q&A"), _approver, effect=_publish,
         style="secondary"),
    Move(S.ANSWERED, "unpublish", S.ANSWERED, _("Remove from Q&A"), _approver, effect=_unpublish,
         style="danger"),
    *_consult_moves(),
]

QUESTION_WORKFLOW = Workflow(
    name="feedback.question",
    model=Question,
    moves=MOVES,
    history_model=QuestionTransition,
    history_fk="question",
    state_labels=dict(QuestionStatus.choices),
)

# What a citizen reads on the status page: internal routing is not their concern.
PUBLIC_STATUS = {
    S.RECEIVED: _("Received"),
    S.ESCALATED: _("Being handled"),
    S.FORWARDED: _("Being handled"),
    S.DRAFTED: _("Being handled"),
    S.ANSWERED: _("Answered"),
    S.MERGED: _("Merged with an identical question; you will receive its answer"),
    S.DECLINED: _("Not accepted"),
}

KIND_PREFIX = {QuestionKind.QUESTION: "HD", QuestionKind.PETITION: "PA"}


def history_entries(question):
    """The question's history as staff read it: the move's name and the states' names, not their codes.

    Records store codes ("forward", "received") so they survive label changes; the page translates them.
    """
    labels = {move.action: move.label for move in QUESTION_WORKFLOW.moves}
    labels["submit"] = _("Sent in")
    states = dict(QuestionStatus.choices)
    return [
        {
            "record": record,
            "action": labels.get(record.action, record.action),
            "from_state": states.get(record.from_state, record.from_state),
            "to_state": states.get(record.to_state, record.to_state),
        }
        for record in question.history.select_related("actor")
    ]
