"""The staff area of the editorial workflow (/bien-tap/) and the authors' forms.

Views parse and render; editorial.services decides and writes. Every item page
checks the object (permissions.can_view) and answers 404 for items the user may
not see, so ids of other people's items reveal nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from articles.models import Item, ItemStatus
from core.models import Notification
from core.templatetags.vi_format import vi_person
from core.workflow import TransitionError
from organisation.models import StaffProfile
from organisation.selectors import unit_of

from . import conf, selectors, services
from . import permissions as perms
from .forms import (
    AttachmentFormSet,
    BoardFilterForm,
    BulkAssignForm,
    DelegationForm,
    EditForm,
    PhotoFormSet,
    SubmissionForm,
    TransitionForm,
)
from .models import Delegation, PendingUpload, RejectionReason
from .navigation import staff_links
from .workflow import ACTIVE_STATES, FORM_ACTIONS, actions_for

PAGE_SIZE = 50


def _render(request, template, context, status=200):
    """Render a page of the staff area with its menu and the workflow's constants."""
    context = {
        "editorial_links": staff_links(request.user),
        "active_states": [str(s) for s in ACTIVE_STATES],
        "reasons": RejectionReason.choices,
        **context,
    }
    return render(request, template, context, status=status)


def _item_or_404(user, pk):
    item = get_object_or_404(Item.objects.select_related(*selectors.LIST_RELATED, "editing_by"), pk=pk)
    if not perms.can_view(user, item):
        raise Http404
    return item


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _list_context(request, page_obj, **extra):
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page_obj": page_obj,
        "items": page_obj.object_list,
        "now": timezone.now(),
        "query_string": query.urlencode(),
        **extra,
    }


# --- lists ---------------------------------------------------------------------------


@login_required
def board(request):
    """All items with the board, filterable by state, unit, kind, category, assignee and lateness."""
    user = request.user
    if not perms.is_board(user):
        raise PermissionDenied
    form = BoardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.board_items(user, **{k: v for k, v in filters.items() if v not in (None, "", False)})
    page_obj = _page(request, qs)
    return _render(request, "editorial/board.html", _list_context(request, page_obj, form=form))


@login_required
def tasks(request):
    """What waits for the current user's action, earliest deadline first."""
    page_obj = _page(request, selectors.tasks_for(request.user))
    return _render(request, "editorial/tasks.html", _list_context(request, page_obj))


@login_required
def inbox(request):
    """The secretary's received items, with bulk assignment (Bình Phước Điều 11.1)."""
    user = request.user
    if not perms.can_receive(user):
        raise PermissionDenied
    queryset = selectors.inbox(user)
    form = BulkAssignForm(request.POST or None, items=queryset)
    if request.method == "POST" and form.is_valid():
        done, failed = 0, []
        for item in form.cleaned_data["items"]:
            try:
                services.item_transition(
                    item_id=item.pk,
                    action="assign",
                    actor=user,
                    expected_state=ItemStatus.SUBMITTED,
                    assignee=form.cleaned_data["assignee"],
                )
                done += 1
            except TransitionError as exc:
                failed.append(f"{item.title}: {exc.message}")
        if done:
            messages.success(request, _("%(count)s item(s) assigned.") % {"count": done})
        for text in failed:
            messages.error(request, text)
        return redirect("editorial:inbox")
    page_obj = _page(request, queryset)
    return _render(request, "editorial/inbox.html", _list_context(request, page_obj, form=form))


@login_required
def unit_items(request):
    """The unit leader's list: items of the units they lead, awaiting approval first."""
    if not perms.led_unit_ids(request.user):
        raise PermissionDenied
    page_obj = _page(request, selectors.unit_queue(request.user))
    return _render(request, "editorial/unit.html", _list_context(request, page_obj))


@login_required
def my_items(request):
    """The author's items with their status and the board's latest comment."""
    page_obj = _page(request, selectors.items_of_author(request.user))
    return _render(request, "editorial/my_items.html", _list_context(request, page_obj))


# --- the author's form ---------------------------------------------------------------------


def _initial_sender(user):
    profile = StaffProfile.objects.filter(user=user).select_related("unit").first()
    phone = ""
    if profile:
        phone = profile.office_phone or profile.mobile_phone
    return {
        "sender_full_name": vi_person(user),
        "sender_position": profile.position if profile else "",
        "sender_email": user.email,
        "sender_phone": phone,
    }


def _keep_uploads(request, form, photos, attachments):
    """After an error, store the files that were valid and point the re-rendered form at them."""
    data = request.POST.copy()
    user = request.user
    if form.word_clean is not None:
        pending = services.pending_upload_store(
            owner=user, kind=PendingUpload.Kind.WORD, clean=form.word_clean
        )
        data[form.add_prefix("word_pending")] = pending.token
        data[form.add_prefix("body")] = form.word_html
    for formset, kind, field in (
        (photos, PendingUpload.Kind.IMAGE, "image"),
        (attachments, PendingUpload.Kind.ATTACHMENT, "file"),
    ):
        for subform in formset.forms:
            clean = getattr(subform, "cleaned_data", {}).get(field)
            if clean:
                pending = services.pending_upload_store(owner=user, kind=kind, clean=clean)
                data[subform.add_prefix("pending")] = pending.token
    for bound in (form, *photos.forms, *attachments.forms):
        bound.data = data


def _pending_names(formset):
    """Original names of kept files, by form prefix, for "already uploaded" notes."""
    tokens = {f.prefix: f.data.get(f.add_prefix("pending")) for f in formset.forms}
    found = {
        p.token: p.original_name
        for p in PendingUpload.objects.filter(token__in=[t for t in tokens.values() if t])
    }
    return {prefix: found.get(token) for prefix, token in tokens.items()}


def _submission(request, item=None):
    user = request.user
    owner_kwargs = {"owner": user}
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES, instance=item or Item(), **owner_kwargs)
        photos = PhotoFormSet(request.POST, request.FILES, prefix="photos", form_kwargs=owner_kwargs)
        attachments = AttachmentFormSet(request.POST, request.FILES, prefix="files", form_kwargs=owner_kwargs)
        valid = form.is_valid() & photos.is_valid() & attachments.is_valid()
        if valid:
            files = [f.entry() for f in attachments.forms]
            if form.word_entry():
                files.append(form.word_entry())
            try:
                saved = services.item_save_by_author(
                    author=user,
                    data=form.cleaned_data,
                    item_id=item.pk if item else None,
                    expected_version=form.cleaned_data.get("version") if item else None,
                    images=[e for e in (f.entry() for f in photos.forms) if e],
                    attachments=[e for e in files if e],
                    remove_image_ids=request.POST.getlist("remove_image"),
                    remove_attachment_ids=request.POST.getlist("remove_attachment"),
                )
            except TransitionError as exc:
                form.add_error(None, exc.message)
            else:
                if form.word_skipped:
                    messages.warning(
                        request,
                        _("%(count)s image(s) in the Word file were not valid images and were left out.")
                        % {"count": form.word_skipped},
                    )
                if request.POST.get("intent") == "send":
                    return _send(request, saved)
                messages.success(request, _("Draft saved."))
                return redirect("editorial:author_edit", pk=saved.pk)
        _keep_uploads(request, form, photos, attachments)
    else:
        initial = {} if item else _initial_sender(user)
        if item:
            initial["version"] = item.version
        form = SubmissionForm(instance=item, initial=initial, **owner_kwargs)
        photos = PhotoFormSet(prefix="photos", form_kwargs=owner_kwargs)
        attachments = AttachmentFormSet(prefix="files", form_kwargs=owner_kwargs)
    unit = item.unit if item else unit_of(user)
    context = {
        "form": form,
        "photos": photos,
        "attachments": attachments,
        "item": item,
        "unit": unit,
        "photo_pending": _pending_names(photos),
        "file_pending": _pending_names(attachments),
        "word_pending": PendingUpload.objects.filter(
            token=form.data.get("word_pending") or "-", owner=user
        ).first()
        if form.is_bound
        else None,
        "last_comment": selectors.last_comment(item) if item else None,
        "needs_unit_approval": item.requires_unit_approval
        if item
        else services.requires_unit_approval(user, unit),
    }
    return _render(request, "editorial/submit.html", context)


def _send(request, item):
    moves = [m for m in actions_for(item, request.user) if m.action in ("submit", "send_to_unit")]
    if not moves:
        messages.error(request, _("This item cannot be sent now."))
        return redirect("editorial:item", pk=item.pk)
    try:
        services.item_transition(
            item_id=item.pk, action=moves[0].action, actor=request.user, expected_state=item.status
        )
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Sent. You will be notified of every step."))
    return redirect("editorial:item", pk=item.pk)


@login_required
@never_cache
def submit(request):
    """ "Gửi tin, bài": a new item from a staff author or collaborator."""
    if not perms.can_submit(request.user):
        raise PermissionDenied
    return _submission(request)


@login_required
@never_cache
def author_edit(request, pk):
    """The author edits a draft, or answers a return for revision and sends it again."""
    item = _item_or_404(request.user, pk)
    if not perms.is_author(request.user, item):
        raise Http404
    if not perms.can_author_edit(request.user, item):
        messages.error(
            request,
            _("This item is “%(state)s”; it can no longer be changed by its author.")
            % {"state": item.get_status_display()},
        )
        return redirect("editorial:item", pk=item.pk)
    return _submission(request, item)


# --- the item page ---------------------------------------------------------------------------


@login_required
@never_cache
def item_detail(request, pk):
    user = request.user
    item = _item_or_404(user, pk)
    moves = actions_for(item, user)
    other_editor = perms.editing_by_other(item, user, conf.editing_lock_minutes())
    context = {
        "item": item,
        "moves": moves,
        "simple_moves": [m for m in moves if m.action not in FORM_ACTIONS],
        "assign_move": next((m for m in moves if m.action == "assign"), None),
        "schedule_move": next((m for m in moves if m.action == "schedule"), None),
        "transition_form": TransitionForm(
            initial={
                "expected_state": item.status,
                "kind": item.kind,
                "category": item.category_id or item.proposed_category_id,
                "deadline_rule": item.deadline_rule,
                "assignee": item.assignee_id,
            }
        ),
        "timeline": selectors.item_timeline(item),
        "diff": selectors.item_diff(item),
        "images": list(item.images.all()),
        "attachments": list(item.attachments.all()),
        "other_editor": other_editor,
        "can_board_edit": perms.can_board_edit(user, item),
        "can_author_edit": perms.can_author_edit(user, item),
        "now": timezone.now(),
    }
    return _render(request, "editorial/item.html", context)


@login_required
@require_POST
def item_act(request, pk):
    """One workflow move from a button; errors (stale page, not allowed) come back as messages."""
    item = _item_or_404(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("The action could not be read: %(errors)s")
            % {"errors": "; ".join(e for errs in form.errors.values() for e in errs)},
        )
        return redirect("editorial:item", pk=item.pk)
    data = form.cleaned_data
    try:
        services.item_transition(
            item_id=item.pk,
            action=data["action"],
            actor=request.user,
            comment=data["comment"],
            reason=data["reason"],
            expected_state=data["expected_state"],
            **form.extra(),
        )
    except TransitionError as exc:
        messages.error(request, exc.message)
    else:
        item.refresh_from_db()
        messages.success(
            request, _("Done: the item is now “%(state)s”.") % {"state": item.get_status_display()}
        )
    return redirect("editorial:item", pk=item.pk)


@login_required
@never_cache
def item_edit(request, pk):
    """The board's editor, with a warning when someone else has it open and optimistic locking on save."""
    user = request.user
    item = _item_or_404(user, pk)
    if request.method != "POST" and not perms.can_board_edit(user, item):
        messages.error(request, _("You cannot edit this item in its current state."))
        return redirect("editorial:item", pk=item.pk)
    other_editor = perms.editing_by_other(item, user, conf.editing_lock_minutes())
    if request.method == "POST":
        # Checked by the service, so text typed before the item moved on is shown again, not lost.
        form = EditForm(request.POST, instance=Item.objects.get(pk=item.pk))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.item_edit(
                    item_id=item.pk,
                    editor=user,
                    expected_version=data["version"],
                    title=data["title"],
                    summary=data["summary"],
                    body=data["body"],
                    category=data["category"],
                    kind=data["kind"],
                    byline=data["byline"],
                )
            except TransitionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("editorial:item", pk=item.pk)
        status = 409 if form.non_field_errors() else 200
        return _render(
            request,
            "editorial/edit.html",
            {"form": form, "item": item, "other_editor": other_editor},
            status=status,
        )
    services.item_editing_mark(item_id=item.pk, user=user)
    form = EditForm(instance=item, initial={"version": item.version})
    return _render(request, "editorial/edit.html", {"form": form, "item": item, "other_editor": other_editor})


# --- notifications --------------------------------------------------------------------------


@login_required
@never_cache
def notifications(request):
    qs = Notification.objects.filter(recipient=request.user).order_by("-created_at", "-pk")
    if request.GET.get("unread"):
        qs = qs.filter(read_at__isnull=True)
    page_obj = _page(request, qs)
    unread = Notification.objects.filter(recipient=request.user, read_at__isnull=True).count()
    return _render(request, "editorial/notifications.html", _list_context(request, page_obj, unread=unread))


@login_required
@require_POST
def notifications_read(request):
    ids = request.POST.getlist("id")
    services.notifications_mark_read(user=request.user, ids=[i for i in ids if i.isdigit()] if ids else None)
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("editorial:notifications")


@login_required
def notification_open(request, pk):
    """Mark one notification read and follow its link."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    url = notification.url
    if url.startswith("/") and not url.startswith("//"):
        return redirect(url)
    return redirect("editorial:notifications")


# --- delegation (Long An Điều 8.3.b) -----------------------------------------------------------


@login_required
def delegations(request):
    user = request.user
    if not perms.can_delegate(user):
        raise PermissionDenied
    form = DelegationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delegation_grant(
                delegate=form.cleaned_data["delegate"], granted_by=user, note=form.cleaned_data["note"]
            )
        except TransitionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Authorisation granted."))
        return redirect("editorial:delegations")
    active = Delegation.objects.filter(revoked_at__isnull=True).select_related("delegate", "granted_by")
    past = Delegation.objects.filter(revoked_at__isnull=False).select_related("delegate", "granted_by")[:20]
    return _render(request, "editorial/delegations.html", {"form": form, "active": active, "past": past})


@login_required
@require_POST
def delegation_revoke(request, pk):
    try:
        services.delegation_revoke(delegation_id=pk, revoked_by=request.user)
    except TransitionError as exc:
        raise PermissionDenied(exc.message) from exc
    messages.success(request, _("Authorisation withdrawn."))
    return redirect("editorial:delegations")
