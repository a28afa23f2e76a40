"""Reads of the editorial workflow: who sees which items, lists, history and the text diff."""

import difflib
import re

from django.db.models import Prefetch, Q
from django.utils import timezone

from articles.models import Item, ItemStatus
from core.html import html_to_text

from . import permissions as perms
from .models import RejectionReason, Revision, Transition
from .workflow import ACTIVE_STATES

LIST_RELATED = ("unit", "category", "proposed_category", "assignee", "author")
# Lists never show the text: loading 50 bodies made SQL 170 ms of the board list (docs/performance.md).
LIST_DEFERRED = ("body", "search_text")


def items_visible_to(user):
    """Items whose pages `user` may open; the same rule as permissions.can_view, as a query."""
    if not user or not user.is_authenticated:
        return Item.objects.none()
    own = Q(author=user)
    if perms.can_receive(user) or perms.can_verify(user) or perms.can_publish(user):
        return Item.objects.filter(own | ~Q(status=ItemStatus.DRAFT))
    condition = own
    led = perms.led_unit_ids(user)
    if led:
        condition |= Q(unit_id__in=led) & ~Q(status=ItemStatus.DRAFT)
    if perms.can_edit_step(user):
        condition |= Q(assignee=user) & ~Q(status=ItemStatus.DRAFT)
    return Item.objects.filter(condition)


def board_items(user, *, status="", unit=None, kind="", category=None, assignee=None, overdue=False, q=""):
    """The board's list of items with the filters of the list page."""
    qs = (
        items_visible_to(user)
        .exclude(status=ItemStatus.DRAFT)
        .select_related(*LIST_RELATED)
        .defer(*LIST_DEFERRED)
    )
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if kind:
        qs = qs.filter(kind=kind)
    if category is not None:
        qs = qs.filter(Q(category=category) | Q(category__isnull=True, proposed_category=category))
    if assignee is not None:
        qs = qs.filter(assignee=assignee)
    if overdue:
        qs = qs.filter(status__in=ACTIVE_STATES, due_at__lt=timezone.now())
    if q:
        from core.text import fold

        for term in fold(q).split()[:8]:
            qs = qs.filter(search_text__contains=term)
    return qs.order_by("-submitted_at", "-pk")


def inbox(user):
    """What the secretary has received and not yet assigned (Bình Phước Điều 11.1)."""
    if not perms.can_receive(user):
        return Item.objects.none()
    return (
        Item.objects.filter(status=ItemStatus.SUBMITTED)
        .select_related(*LIST_RELATED)
        .defer(*LIST_DEFERRED)
        .order_by("due_at", "submitted_at", "pk")
    )


def tasks_for(user):
    """Items waiting for this user's action, by role: assigned edits, verification, approval, publication."""
    if not user or not user.is_authenticated:
        return Item.objects.none()
    condition = Q(pk__in=[])
    if perms.can_edit_step(user):
        condition |= Q(status=ItemStatus.EDITING, assignee=user)
    if perms.can_verify(user):
        condition |= Q(status=ItemStatus.VERIFYING)
    if perms.can_final_approve(user):
        condition |= Q(status=ItemStatus.FINAL_REVIEW)
    if perms.can_receive(user):
        condition |= Q(status=ItemStatus.SUBMITTED)
    if perms.can_publish(user):
        condition |= Q(status=ItemStatus.APPROVED)
    led = perms.led_unit_ids(user)
    if led:
        condition |= Q(status=ItemStatus.UNIT_REVIEW, unit_id__in=led)
    condition |= Q(status=ItemStatus.RETURNED, author=user)
    return (
        Item.objects.filter(condition)
        .select_related(*LIST_RELATED)
        .defer(*LIST_DEFERRED)
        .order_by("due_at", "submitted_at", "pk")
    )


def unit_queue(user):
    """The unit leader's view of the unit's items (never others' drafts)."""
    led = perms.led_unit_ids(user)
    return (
        Item.objects.filter(unit_id__in=led)
        .exclude(status=ItemStatus.DRAFT)
        .select_related(*LIST_RELATED)
        .defer(*LIST_DEFERRED)
        .order_by("-submitted_at", "-pk")
    )


def items_of_author(user):
    """The author's items, each with the board's comments (newest first) in `board_comments`."""
    comments = Transition.objects.exclude(comment="").select_related("actor").order_by("-created_at", "-pk")
    return (
        Item.objects.filter(author=user)
        .select_related(*LIST_RELATED)
        .defer(*LIST_DEFERRED)
        .prefetch_related(Prefetch("transitions", queryset=comments, to_attr="board_comments"))
        .order_by("-created_at", "-pk")
    )


def item_timeline(item):
    """Every move of the item, with readable state and reason labels."""
    states = dict(ItemStatus.choices)
    steps = list(Transition.objects.filter(item=item).select_related("actor").order_by("created_at", "pk"))
    for step in steps:
        step.from_label = states.get(step.from_state, step.from_state)
        step.to_label = states.get(step.to_state, step.to_state)
        step.reason_label = (
            RejectionReason(step.reason).label if step.reason in RejectionReason.values else ""
        )
    return steps


def last_comment(item):
    """The latest return or rejection comment, which the author needs to see first."""
    return (
        Transition.objects.filter(item=item, to_state__in=[ItemStatus.RETURNED, ItemStatus.REJECTED])
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )


_BLOCK_END = re.compile(r"(?i)</(?:p|h[1-6]|li|tr|td|th|blockquote|div|figcaption|caption|pre)>|<br\s*/?>")


def html_paragraphs(html):
    """Plain-text paragraphs of an HTML body (one per block), for comparing versions."""
    pieces = _BLOCK_END.split(html or "")
    return [text for text in (html_to_text(piece) for piece in pieces) if text]


def text_diff(old_html, new_html, *, old_title="", new_title=""):
    """Rows (tag, old, new) with tag in equal/delete/insert/replace; the template escapes every text."""
    old = ([old_title] if old_title else []) + html_paragraphs(old_html)
    new = ([new_title] if new_title else []) + html_paragraphs(new_html)
    rows = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(("equal", a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True))
        elif tag == "delete":
            rows.extend(("delete", a, "") for a in old[i1:i2])
        elif tag == "insert":
            rows.extend(("insert", "", b) for b in new[j1:j2])
        else:
            olds, news = old[i1:i2], new[j1:j2]
            for n in range(max(len(olds), len(news))):
                a = olds[n] if n < len(olds) else ""
                b = news[n] if n < len(news) else ""
                rows.append(("replace" if a and b else ("delete" if a else "insert"), a, b))
    return rows


def item_diff(item):
    """Diff between the text as last submitted by the author and now (as edited or published)."""
    first = (
        Revision.objects.filter(item=item, stage=Revision.Stage.SUBMITTED)
        .order_by("-created_at", "-pk")
        .first()
    )
    if first is None:
        return None
    return text_diff(first.body, item.body, old_title=first.title, new_title=item.title)
