"""Writes of the editorial workflow. Every state change goes through `item_transition`."""

import secrets

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from articles.models import Item, ItemAttachment, ItemImage, ItemStatus
from articles.services import item_prepare, item_slug_assign, item_visibility_changed
from core.notify import notify
from core.outbox import task_send
from core.templatetags.vi_format import vi_person
from core.workdays import LOCAL_TZ, is_working_day, local
from core.workflow import ActorNotAllowed, StaleState, TransitionError
from organisation.roles import Role, user_has_role
from organisation.selectors import unit_of

from . import conf, deadlines
from . import permissions as perms
from .models import Delegation, PendingUpload, RejectionReason, Revision
from .workflow import ACTIVE_STATES, WORKFLOW

# --- the one way to move an item ------------------------------------------------------


def item_transition(
    *, item_id, action, actor, comment="", reason="", expected_state=None, expected_version=None, **extra
):
    """Make one workflow move; raises a core.workflow.TransitionError subclass with a message for the user."""
    if reason and reason not in RejectionReason.values:
        raise TransitionError(_("Please choose one of the listed reasons."))
    return WORKFLOW.apply(
        pk=item_id,
        action=action,
        actor=actor,
        comment=comment,
        reason=reason,
        expected_state=expected_state,
        expected_version=expected_version,
        **extra,
    )


def _revision_add(item, stage, user):
    Revision.objects.create(
        item=item, stage=stage, title=item.title, summary=item.summary, body=item.body, created_by=user
    )


def item_due_refresh(item):
    """Recompute the due time from the item's rule and event (Bình Phước Điều 9.3)."""
    item.deadline_rule = item.deadline_rule or deadlines.default_rule(item.kind)
    if item.submitted_at or item.event_at:
        item.due_at = deadlines.due_at(
            item.deadline_rule, event_at=item.event_at, submitted_at=item.submitted_at
        )


def effect_submit(item, actor, **context):
    item.submitted_at = timezone.now()
    item_due_refresh(item)
    _revision_add(item, Revision.Stage.SUBMITTED, actor)


def effect_assign(item, actor, *, assignee=None, category=None, kind=None, deadline_rule=None, **context):
    if assignee is None or not assignee.is_active or not perms.can_edit_step(assignee):
        raise TransitionError(_("Choose a member of the editorial board to assign the item to."))
    if category is not None:
        item.category = category
    if kind:
        item.kind = kind
    if deadline_rule:
        item.deadline_rule = deadline_rule
    item.assignee = assignee
    item_due_refresh(item)


def effect_schedule(item, actor, *, scheduled_for=None, **context):
    if scheduled_for is None or scheduled_for <= timezone.now():
        raise TransitionError(_("Choose a publication time in the future."))
    item.scheduled_for = scheduled_for


def effect_unschedule(item, actor, **context):
    item.scheduled_for = None


def effect_publish(item, actor, **context):
    item.published_at = item.published_at or timezone.now()
    item.scheduled_for = None
    item.editing_by = None
    item.editing_since = None
    item_slug_assign(item)
    _revision_add(item, Revision.Stage.PUBLISHED, actor)
    # The royalties app records what is owed for the publication (Hà Tĩnh 2; Long An Điều 11).
    task_send("royalties.tasks.royalties_on_publication", item_id=item.pk)


# --- who hears about a move ------------------------------------------------------------


def _users_in(*roles):
    return list(
        get_user_model().objects.filter(groups__name__in=[str(r) for r in roles], is_active=True).distinct()
    )


def verifiers():
    """The head and everyone the head delegated steps 2–3 to."""
    users = {u.pk: u for u in _users_in(Role.HEAD)}
    for delegation in Delegation.objects.filter(revoked_at__isnull=True).select_related("delegate"):
        users[delegation.delegate_id] = delegation.delegate
    return list(users.values())


def unit_leaders(unit):
    if unit is None:
        return []
    from guardian.shortcuts import get_users_with_perms

    return list(get_users_with_perms(unit, only_with_perms_in=["lead_unit"], with_group_users=False))


def item_url(item):
    return reverse("editorial:item", kwargs={"pk": item.pk})


def _recipients(item, record):
    target = record.to_state
    if target == ItemStatus.UNIT_REVIEW:
        return unit_leaders(item.unit)
    if target == ItemStatus.SUBMITTED:
        return _users_in(Role.SECRETARY)
    if target == ItemStatus.EDITING:
        return [item.assignee]
    if target in (ItemStatus.VERIFYING, ItemStatus.FINAL_REVIEW):
        return verifiers()
    if target == ItemStatus.APPROVED:
        return _users_in(Role.SECRETARY)
    if target in (ItemStatus.RETURNED, ItemStatus.REJECTED, ItemStatus.UNPUBLISHED):
        return [item.author, item.assignee]
    if target == ItemStatus.PUBLISHED:
        return [item.author, item.assignee]
    return []


def transition_follow_up(item, record):
    """After commit: tell the people the item reached; refresh public caches on (un)publication."""
    if record.to_state in (ItemStatus.PUBLISHED, ItemStatus.UNPUBLISHED):
        item_visibility_changed(item)
    users = [u for u in _recipients(item, record) if u is not None and u.pk != record.actor_id]
    if not users:
        return
    state = WORKFLOW.state_label(record.to_state)
    message = _("“%(title)s”: %(state)s.") % {"title": item.title, "state": state}
    if record.reason:
        message += " " + str(RejectionReason(record.reason).label) + "."
    if record.comment:
        message += " " + _("Comment: %(comment)s") % {"comment": record.comment}
    notify(
        users=users,
        verb=f"editorial.{record.to_state}",
        message=message,
        url=item_url(item),
        key=f"editorial:{item.pk}:t{record.pk}",
        email_subject=_("[Editorial] %(title)s – %(state)s") % {"title": item.title[:120], "state": state},
    )


# --- the author's form -----------------------------------------------------------------

AUTHOR_TEXT_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "deadline_rule",
    "sender_full_name",
    "sender_position",
    "sender_email",
    "sender_phone",
)


def requires_unit_approval(author, unit):
    """Bình Phước Điều 9.1.a, as configured: staff via their leader, collaborators straight to the board."""
    if unit is None or perms.leads_unit(author, unit.pk):
        return False
    if user_has_role(author, Role.COLLABORATOR):
        return conf.unit_approval_for_collaborators()
    return conf.unit_approval_for_staff()


def _attach_files(item, images, attachments, remove_image_ids=(), remove_attachment_ids=()):
    if remove_image_ids:
        ItemImage.objects.filter(item=item, pk__in=remove_image_ids).delete()
    if remove_attachment_ids:
        ItemAttachment.objects.filter(item=item, pk__in=remove_attachment_ids).delete()
    order = item.images.count()
    for entry in images:
        content, name = _file_content(entry)
        image = ItemImage(
            item=item,
            caption=entry.get("caption", ""),
            photographer=entry.get("photographer", ""),
            alt=entry.get("caption", ""),
            order=order,
        )
        image.image.save(name, content, save=False)
        image.save()
        order += 1
    order = item.attachments.count()
    for entry in attachments:
        content, name = _file_content(entry)
        attachment = ItemAttachment(
            item=item,
            title=entry.get("title", ""),
            original_name=entry["original_name"],
            size=entry["size"],
            order=order,
        )
        attachment.file.save(name, content, save=False)
        attachment.save()
        order += 1


def _file_content(entry):
    pending = entry.get("pending")
    if pending is not None:
        with pending.file.open("rb") as stream:
            data = stream.read()
        name = pending.file.name.rsplit("/", 1)[-1]
        pending.file.delete(save=False)
        pending.delete()
        return ContentFile(data, name=name), name
    clean = entry["clean"]
    return clean.content, clean.content.name


@transaction.atomic
def item_save_by_author(
    *,
    author,
    data,
    item_id=None,
    expected_version=None,
    images=(),
    attachments=(),
    remove_image_ids=(),
    remove_attachment_ids=(),
):
    """Create or update the author's draft (or returned item); files as validated entries."""
    if item_id is None:
        if not perms.can_submit(author):
            raise ActorNotAllowed(_("You are not allowed to submit items."))
        item = Item(author=author, status=ItemStatus.DRAFT)
        item.unit = unit_of(author)
        item.requires_unit_approval = requires_unit_approval(author, item.unit)
    else:
        item = Item.objects.select_for_update().get(pk=item_id)
        if not perms.can_author_edit(author, item):
            raise TransitionError(
                _("This item is “%(state)s” and can no longer be changed by its author.")
                % {"state": item.get_status_display()}
            )
        if expected_version is not None and int(expected_version) != item.version:
            raise StaleState(
                _("This item was changed after you opened it. Reload the page to see the changes.")
            )
        item.version += 1
    for field in AUTHOR_TEXT_FIELDS:
        if field in data:
            setattr(item, field, data[field] or "")
    item.event_at = data.get("event_at")
    item.proposed_category = data.get("proposed_category")
    if not item.deadline_rule:
        item.deadline_rule = deadlines.default_rule(item.kind)
    item.byline = item.byline or item.sender_full_name
    item_prepare(item)
    item.save()
    _attach_files(item, images, attachments, remove_image_ids, remove_attachment_ids)
    return item


# --- the board's editor ----------------------------------------------------------------


def _stale_edit_message(item):
    """Say what happened to the item since the editor was opened: a newer save or a move."""
    revision = item.revisions.select_related("created_by").order_by("-created_at", "-pk").first()
    move = item.transitions.select_related("actor").order_by("-created_at", "-pk").first()
    if move is not None and (revision is None or move.created_at >= revision.created_at):
        return _(
            "%(who)s moved this item to “%(state)s” at %(when)s while you were editing. Your text is kept "
            "below: copy what you need and reload the page."
        ) % {
            "who": vi_person(move.actor) if move.actor else _("Someone"),
            "state": item.get_status_display(),
            "when": date_format(local(move.created_at), "H:i d/m/Y"),
        }
    who = revision.created_by if revision else None
    when = revision.created_at if revision else item.updated_at
    return _(
        "%(who)s saved a newer version at %(when)s while you were editing. Your text is kept below: "
        "copy what you need, reload the page and apply your changes again."
    ) % {"who": vi_person(who) if who else _("Someone"), "when": date_format(local(when), "H:i d/m/Y")}


@transaction.atomic
def item_edit(
    *, item_id, editor, expected_version, title, summary, body, category=None, kind=None, byline=""
):
    """Save an edit step's text (step 1, or corrections in steps 2–3) with optimistic locking."""
    item = Item.objects.select_for_update().get(pk=item_id)
    if int(expected_version) != item.version:
        raise StaleState(_stale_edit_message(item))
    if not perms.can_board_edit(editor, item):
        raise ActorNotAllowed(_("You cannot edit this item in its current state."))
    item.title, item.summary, item.body = title, summary, body
    if category is not None:
        item.category = category
    if kind:
        item.kind = kind
    item.byline = byline
    item.version += 1
    item.editing_by = None
    item.editing_since = None
    item_prepare(item)
    item.save()
    _revision_add(item, Revision.Stage.EDITED, editor)
    if item.status == ItemStatus.PUBLISHED:
        transaction.on_commit(lambda: item_visibility_changed(item))
    return item


def item_editing_mark(*, item_id, user):
    """Record that `user` has the editor open (others are warned); no version change."""
    Item.objects.filter(pk=item_id).update(editing_by=user, editing_since=timezone.now())


# --- delegation (Long An Điều 8.3.b) ---------------------------------------------------


@transaction.atomic
def delegation_grant(*, delegate, granted_by, note=""):
    if not perms.can_delegate(granted_by):
        raise ActorNotAllowed(_("Only the head of the board or an administrator can delegate."))
    if not user_has_role(delegate, Role.DEPUTY_HEAD, Role.BOARD_MEMBER, Role.HEAD):
        raise TransitionError(_("Only members of the editorial board can be authorised."))
    delegation, _created = Delegation.objects.get_or_create(
        delegate=delegate, revoked_at__isnull=True, defaults={"granted_by": granted_by, "note": note}
    )
    return delegation


@transaction.atomic
def delegation_revoke(*, delegation_id, revoked_by):
    if not perms.can_delegate(revoked_by):
        raise ActorNotAllowed(_("Only the head of the board or an administrator can delegate."))
    Delegation.objects.filter(pk=delegation_id, revoked_at__isnull=True).update(revoked_at=timezone.now())


# --- files kept across a form with errors --------------------------------------------------


def pending_upload_store(*, owner, kind, clean):
    token = secrets.token_urlsafe(24)
    pending = PendingUpload(
        owner=owner, kind=kind, token=token, original_name=clean.original_name, size=clean.size
    )
    pending.file.save(clean.content.name, clean.content, save=False)
    pending.save()
    return pending


def pending_upload_get(*, owner, token, kind):
    if not token:
        return None
    return PendingUpload.objects.filter(owner=owner, token=token, kind=kind).first()


def pending_uploads_purge(now=None):
    limit = (now or timezone.now()) - timezone.timedelta(hours=conf.pending_upload_hours())
    count = 0
    for pending in PendingUpload.objects.filter(created_at__lt=limit):
        pending.file.delete(save=False)
        pending.delete()
        count += 1
    return count


# --- periodic jobs ---------------------------------------------------------------------


def publish_scheduled(now=None):
    """Publish scheduled items whose time has come, through the workflow; returns how many."""
    now = now or timezone.now()
    published = 0
    due = Item.objects.filter(status=ItemStatus.SCHEDULED, scheduled_for__lte=now).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        try:
            item_transition(
                item_id=pk, action="publish_scheduled", actor=None, expected_state=ItemStatus.SCHEDULED
            )
        except TransitionError:
            continue  # published or unscheduled meanwhile
        published += 1
    return published


def deadlines_check(now=None):
    """Warn the assignee and the head of items about to be late and late (Bình Phước Điều 9.3, 11.2).

    Keys name the item, the kind of warning and the due time, so a rerun sends
    nothing new and a changed deadline warns again.
    """
    now = now or timezone.now()
    soon = now + timezone.timedelta(hours=conf.due_soon_hours())
    items = Item.objects.filter(
        status__in=ACTIVE_STATES, due_at__isnull=False, due_at__lte=soon
    ).select_related("assignee", "unit")
    heads = verifiers()
    secretaries = _users_in(Role.SECRETARY)
    sent = 0
    for item in items:
        late = item.due_at <= now
        if item.status == ItemStatus.UNIT_REVIEW:
            owners = unit_leaders(item.unit)
        elif item.assignee_id and item.status == ItemStatus.EDITING:
            owners = [item.assignee]
        else:
            owners = secretaries
        due_text = date_format(local(item.due_at), "H:i d/m/Y")
        if late:
            message = _("“%(title)s” is late: it was due at %(due)s.") % {
                "title": item.title,
                "due": due_text,
            }
        else:
            message = _("“%(title)s” is due at %(due)s.") % {"title": item.title, "due": due_text}
        notify(
            users=[*owners, *heads],
            verb="editorial.late" if late else "editorial.due_soon",
            message=message,
            url=item_url(item),
            key=f"editorial:{item.pk}:{'late' if late else 'soon'}:{item.due_at:%Y%m%d%H%M}",
            email_subject=message[:300],
        )
        sent += 1
    return sent


def daily_publication_check(now=None):
    """On a working day with nothing new published by the configured hour, remind (Bình Phước Điều 13.1)."""
    now = local(now or timezone.now())
    if not is_working_day(now.date()) or now.hour < conf.daily_check_hour():
        return False
    day_start = now.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(LOCAL_TZ)
    if Item.objects.filter(status=ItemStatus.PUBLISHED, published_at__gte=day_start).exists():
        return False
    message = _(
        "Nothing new has been published today (%(day)s). The portal must publish new information "
        "every working day."
    ) % {"day": date_format(now.date(), "d/m/Y")}
    notify(
        users=[*_users_in(Role.SECRETARY), *verifiers()],
        verb="editorial.daily_check",
        message=message,
        url=reverse("editorial:board"),
        key=f"editorial:daily:{now.date():%Y%m%d}",
        email_subject=message[:300],
    )
    return True


# --- in-app notifications ----------------------------------------------------------------


def notifications_mark_read(*, user, ids=None):
    from core.models import Notification

    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
