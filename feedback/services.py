"""Writes for citizens' feedback: submissions, routing moves, drafts, deadlines, retention."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.html import sanitize_html
from core.notify import email_queue, notify
from core.text import fold, normalize_text, slugify_vi
from core.workdays import add_working_days
from organisation.models import Department
from organisation.roles import Role

from .conf import consent_version, retention_months
from .models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    Draft,
    DraftComment,
    DraftFile,
    Question,
    QuestionStatus,
    QuestionTransition,
)
from .workflow import KIND_PREFIX, PUBLIC_STATUS, QUESTION_WORKFLOW, answer_due

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def tracking_code_new(kind):
    prefix = KIND_PREFIX[kind]
    while True:
        code = f"{prefix}-" + "".join(secrets.choice(CODE_ALPHABET) for _i in range(8))
        if not Question.objects.filter(tracking_code=code).exists():
            return code


def question_search_text(question):
    return fold(" ".join([question.title, question.body, question.answer or ""]))


def _signed(body):
    """A citizen's email ends with who wrote it and how to reach them (the department's details)."""
    # From the database, not department_get()'s cache: a submission must not depend on Redis.
    department = Department.objects.first() or Department(name="Sở Tư pháp", address="")
    lines = [department.name, department.address,
             " · ".join(part for part in (department.phone, department.email) if part)]
    return body + "\n--\n" + "\n".join(line for line in lines if line) + "\n"


def _site(url):
    return f"{settings.SITE_URL}{url}"


def _users_in(*roles):
    return list(get_user_model().objects.filter(groups__name__in=[str(r) for r in roles], is_active=True).distinct())


def unit_people(unit):
    """Leaders and staff of a unit: they answer what is forwarded to it."""
    if unit is None:
        return []
    return list(
        get_user_model().objects.filter(Q(led_units=unit) | Q(profile__unit=unit), is_active=True).distinct()
    )


@transaction.atomic
def question_submit(*, kind, field, title, body, full_name, email, phone, address="", attachment=None,
                    now=None):
    """Save a citizen's submission, start its deadline, and queue the confirmation email.

    The row is committed first; the email is delivered after commit (core.notify), so a
    mail server or Redis outage delays the email but never loses the question.
    """
    now = now or timezone.now()
    question = Question(
        kind=kind,
        tracking_code=tracking_code_new(kind),
        field=field,
        title=normalize_text(title, multiline=False),
        body=normalize_text(body),
        full_name=normalize_text(full_name, multiline=False),
        email=email,
        phone=phone,
        address=normalize_text(address or "", multiline=False),
        consent_at=now,
        consent_version=consent_version(),
        received_at=now,
        due_at=answer_due(now),
    )
    if attachment is not None:
        question.attachment.save(attachment.content.name, attachment.content, save=False)
        question.attachment_name = attachment.original_name
    question.search_text = question_search_text(question)
    question.full_clean(exclude=["attachment"])
    question.save()
    QuestionTransition.objects.create(
        question=question, actor=None, action="submit", from_state="", to_state=QuestionStatus.RECEIVED
    )
    status_url = _site(reverse("feedback:status"))
    email_queue(
        to=[question.email],
        subject=_("We received your submission %(code)s") % {"code": question.tracking_code},
        body=_signed(_(
            "Dear %(name)s,\n\nThe Department of Justice received your submission “%(title)s” on %(date)s.\n"
            "Tracking code: %(code)s\nWe answer within %(days)s working days, by %(due)s.\n\n"
            "You can follow its status at %(url)s with this code and your email address.\n"
        ) % {
            "name": question.full_name, "title": question.title, "code": question.tracking_code,
            "date": timezone.localtime(now).strftime("%d/%m/%Y %H:%M"), "days": 15,
            "due": timezone.localtime(question.due_at).strftime("%d/%m/%Y"), "url": status_url,
        }),
        key=f"feedback:q{question.pk}:received",
    )
    notify(
        users=_users_in(Role.SECRETARY),
        verb="feedback.received",
        message=_("New submission %(code)s: %(title)s") % {"code": question.tracking_code, "title": question.title},
        url=question.get_staff_url(),
        key=f"feedback:q{question.pk}:received",
    )
    return question


def question_act(*, pk, action, actor, comment="", expected_state=None, unit=None, duplicate_code="",
                 answer="", publish=False):
    """Make one move of the question's workflow (feedback/workflow.py) on behalf of a staff member."""
    context = {"answer": normalize_text(answer or ""), "publish": publish}
    if action == "forward":
        context["unit"] = unit
        if unit is not None:
            comment = f"{unit.name}: {comment}" if comment else unit.name
    if action == "merge":
        code = (duplicate_code or "").strip().upper()
        context["duplicate_of"] = Question.objects.filter(tracking_code=code).first() if code else None
        if context["duplicate_of"] is not None:
            comment = f"{code}: {comment}" if comment else code
    question, record = QUESTION_WORKFLOW.apply(
        pk=pk, action=action, actor=actor, comment=comment, expected_state=expected_state or None, **context
    )
    if action in ("approve", "submit_answer", "publish", "unpublish"):
        Question.objects.filter(pk=question.pk).update(search_text=question_search_text(question))
    return question, record


# --- Follow-ups of the moves (run after commit by core.workflow).

def _notify(users, question, verb, message, email=True):
    notify(
        users=users, verb=verb, message=message, url=question.get_staff_url(),
        key=f"feedback:q{question.pk}:{verb}:{question.version}",
        email_subject=message if email else None,
    )


def notify_forwarded(question, record):
    _notify(unit_people(question.unit), question, "feedback.forwarded",
            _("Please answer %(code)s by %(due)s: %(title)s") % {
                "code": question.tracking_code, "title": question.title,
                "due": timezone.localtime(question.due_at).strftime("%d/%m/%Y")})


def notify_escalated(question, record):
    _notify(_users_in(Role.LEADERSHIP), question, "feedback.escalated",
            _("%(code)s involves several units and needs your direction: %(title)s") % {
                "code": question.tracking_code, "title": question.title})


def notify_sent_back(question, record):
    _notify(_users_in(Role.SECRETARY), question, "feedback.sent_back",
            _("%(code)s was sent back by the unit: %(comment)s") % {
                "code": question.tracking_code, "comment": record.comment})


def notify_drafted(question, record):
    _notify(_users_in(Role.SECRETARY, Role.HEAD, Role.DEPUTY_HEAD), question, "feedback.drafted",
            _("The answer to %(code)s awaits approval") % {"code": question.tracking_code})


def notify_returned(question, record):
    _notify(unit_people(question.unit), question, "feedback.returned",
            _("The answer to %(code)s was returned for revision: %(comment)s") % {
                "code": question.tracking_code, "comment": record.comment})


def _email_answer(question, recipient, main):
    if not recipient.email:
        return
    public = _site(main.get_absolute_url()) if main.is_public else ""
    email_queue(
        to=[recipient.email],
        subject=_("Answer to your submission %(code)s") % {"code": recipient.tracking_code},
        body=_signed(_(
            "Dear %(name)s,\n\nThe Department of Justice answers your submission “%(title)s” (%(code)s):\n\n"
            "%(answer)s\n"
        ) % {"name": recipient.full_name, "title": recipient.title, "code": recipient.tracking_code,
             "answer": main.answer} + (f"\n{public}\n" if public else "")),
        key=f"feedback:q{recipient.pk}:answer",
    )


def notify_answered(question, record):
    """Email the answer to the sender and to the senders of merged duplicates."""
    with transaction.atomic():
        _email_answer(question, question, question)
        for duplicate in question.duplicates.filter(status=QuestionStatus.MERGED):
            _email_answer(question, duplicate, question)
    _notify(unit_people(question.unit), question, "feedback.answered",
            _("The answer to %(code)s was approved and sent") % {"code": question.tracking_code}, email=False)


def notify_merged(question, record):
    main = question.duplicate_of
    if main is not None and main.status == QuestionStatus.ANSWERED:
        _email_answer(main, question, main)


def notify_declined(question, record):
    if question.email:
        email_queue(
            to=[question.email],
            subject=_("Your submission %(code)s") % {"code": question.tracking_code},
            body=_signed(_("Dear %(name)s,\n\nThe Department of Justice cannot accept your submission “%(title)s”:\n"
                           "%(reason)s\n") % {"name": question.full_name, "title": question.title,
                                              "reason": record.comment}),
            key=f"feedback:q{question.pk}:declined",
        )


# --- Deadlines (beat) and retention.

def deadlines_check(*, now=None):
    """Warn the unit and the secretary before a deadline; flag and report overdue items.

    Idempotent: each warning has its own notification key, so a rerun sends nothing new.
    """
    now = now or timezone.now()
    warn_days = int(getattr(settings, "FEEDBACK_WARN_WORKING_DAYS", 3))
    horizon = add_working_days(now, warn_days)
    secretaries = _users_in(Role.SECRETARY)
    warned = flagged = 0
    open_items = Question.objects.filter(status__in=OPEN_STATUSES).select_related("unit")
    for question in open_items.filter(due_at__gt=now, due_at__lte=horizon):
        notify(
            users=secretaries + unit_people(question.unit),
            verb="feedback.due_soon",
            message=_("%(code)s is due on %(due)s: %(title)s") % {
                "code": question.tracking_code, "title": question.title,
                "due": timezone.localtime(question.due_at).strftime("%d/%m/%Y")},
            url=question.get_staff_url(),
            key=f"feedback:q{question.pk}:due-soon:{question.due_at:%Y%m%d}",
            email_subject=_("Deadline approaching: %(code)s") % {"code": question.tracking_code},
        )
        warned += 1
    for question in open_items.filter(due_at__lte=now, overdue_flagged_at__isnull=True):
        Question.objects.filter(pk=question.pk).update(overdue_flagged_at=now)
        notify(
            users=secretaries + unit_people(question.unit),
            verb="feedback.overdue",
            message=_("%(code)s is overdue since %(due)s: %(title)s") % {
                "code": question.tracking_code, "title": question.title,
                "due": timezone.localtime(question.due_at).strftime("%d/%m/%Y")},
            url=question.get_staff_url(),
            key=f"feedback:q{question.pk}:overdue:{question.due_at:%Y%m%d}",
            email_subject=_("Overdue: %(code)s") % {"code": question.tracking_code},
        )
        flagged += 1
    return {"warned": warned, "overdue": flagged}


def _initials(name):
    return "".join(f"{part[0]}." for part in (name or "").split() if part)


def personal_data_erase(*, now=None):
    """Erase contact details kept longer than settings.FEEDBACK_RETENTION_MONTHS after closing.

    The question and its answer stay (they may be public); name becomes initials,
    email, phone, address and the attachment go.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=round(retention_months() * 30.44))
    erased = 0
    questions = Question.objects.filter(
        status__in=CLOSED_STATUSES, closed_at__lt=cutoff, personal_data_erased_at__isnull=True
    )
    for question in questions:
        with transaction.atomic():
            if question.attachment:
                question.attachment.delete(save=False)
            Question.objects.filter(pk=question.pk).update(
                full_name=_initials(question.full_name), email="", phone="", address="",
                attachment="", attachment_name="", personal_data_erased_at=now,
            )
        erased += 1
    comments = DraftComment.objects.filter(
        draft__closes_at__lt=cutoff, personal_data_erased_at__isnull=True
    )
    erased += comments.count()
    for comment in comments:
        DraftComment.objects.filter(pk=comment.pk).update(
            email="", phone="", personal_data_erased_at=now
        )
    return erased


# --- Drafts for comment.

def draft_save(*, draft, actor, new_file=None):
    """Save a draft posted by the board: sanitised full text, slug, an optional new file."""
    draft.title = normalize_text(draft.title, multiline=False)
    draft.body = sanitize_html(draft.body or "")
    if not draft.slug:
        base = slugify_vi(draft.title, max_length=180) or "du-thao"
        slug, n = base, 2
        while Draft.objects.filter(slug=slug).exclude(pk=draft.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        draft.slug = slug
    if draft.created_by_id is None:
        draft.created_by = actor
    with transaction.atomic():
        draft.save()
        if new_file is not None:
            attached = DraftFile(draft=draft, original_name=new_file.original_name,
                                 order=draft.files.count())
            attached.file.save(new_file.content.name, new_file.content, save=False)
            attached.save()
    return draft


def draft_comment_submit(*, draft, full_name, email, body, organisation="", phone="", now=None):
    """Store a comment; refused once the comment period is over (checked on the locked draft)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        if not locked.is_open(now):
            raise ValidationError(
                _("The comment period for this draft is closed; comments are no longer accepted.")
                if locked.is_closed(now) else _("This draft is not open for comments yet."),
                code="closed",
            )
        comment = DraftComment.objects.create(
            draft=locked, full_name=full_name, organisation=organisation, email=email, phone=phone,
            body=body, consent_at=now, consent_version=consent_version(), created_at=now,
        )
        email_queue(
            to=[email],
            subject=_("We received your comment on “%(title)s”") % {"title": locked.title[:200]},
            body=_signed(_("Dear %(name)s,\n\nThank you for your comment on the draft “%(title)s”. The drafting "
                           "unit will consider it; a summary of how comments were taken in is published on the "
                           "draft's page after %(date)s.\n") % {
                "name": full_name, "title": locked.title,
                "date": timezone.localtime(locked.closes_at).strftime("%d/%m/%Y")}),
            key=f"feedback:c{comment.pk}:received",
        )
    return comment


def draft_comment_moderate(*, comment, publish):
    from articles.services import public_cache_invalidate

    DraftComment.objects.filter(pk=comment.pk).update(is_published=bool(publish))
    transaction.on_commit(public_cache_invalidate)  # the draft list shows published comments


def public_status_label(question):
    return PUBLIC_STATUS.get(question.status, question.get_status_display())
