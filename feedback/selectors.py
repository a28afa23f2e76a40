"""Reads for citizens' feedback: public Q&A, staff inboxes, status lookup, statistics."""

import hashlib
import hmac
from collections import defaultdict

from django.db.models import Case, Count, Q, Value, When
from django.utils import timezone

from core.text import search_terms
from core.workdays import month_bounds
from organisation.models import Unit
from organisation.selectors import unit_of, units_led_by

from . import access
from .conf import public_name_mode
from .models import OPEN_STATUSES, Draft, DraftComment, DraftFile, Field, Question, QuestionStatus


def fields_active():
    return Field.objects.filter(is_active=True)


def units_for_forwarding():
    """Active units, the department's own first: Unit's default order ("kind") puts district offices first."""
    own_first = Case(When(kind=Unit.Kind.INTERNAL, then=Value(0)), default=Value(1))
    return Unit.objects.filter(is_active=True).order_by(own_first, "order", "name").only("name")


def questions_public(*, kind, query="", field_slug=""):
    """Answered submissions the board chose to publish; never selects contact details."""
    qs = (
        Question.objects.filter(kind=kind, is_public=True, status=QuestionStatus.ANSWERED)
        .select_related("field")
        .only("title", "body", "full_name", "published_at", "received_at", "kind", "tracking_code",
              "field__name", "field__name_en", "field__slug")
        .order_by("-published_at", "-pk")
    )
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    if field_slug:
        qs = qs.filter(field__slug=field_slug)
    return qs


def questions_public_count(*, kind, query="", field_slug=""):
    """len(questions_public(...)), kept until a change the public sees: counting the answered
    questions read the whole table on every list page (58 ms for 60,000 of 100,000)."""
    from articles.selectors import generation_cached

    digest = hashlib.sha256(f"{kind}\n{field_slug}\n{' '.join(search_terms(query))}".encode()).hexdigest()[:24]
    return generation_cached(
        f"feedback:public-count:{digest}",
        lambda: questions_public(kind=kind, query=query, field_slug=field_slug).count(),
    )


def question_public_get(*, kind, pk):
    return (
        Question.objects.filter(kind=kind, is_public=True, status=QuestionStatus.ANSWERED, pk=pk)
        .select_related("field")
        .first()
    )


def public_name(full_name):
    """The sender's name as the public sees it: initials or nothing (settings.FEEDBACK_PUBLIC_NAME)."""
    if public_name_mode() == "hidden":
        return ""
    return "".join(f"{part[0].upper()}." for part in (full_name or "").split() if part)


def question_lookup(*, tracking_code, email):
    """The sender's own submission by code and email; None for a wrong code *or* email (same answer)."""
    question = Question.objects.filter(tracking_code=tracking_code).select_related("field").first()
    if question is None or not question.email:
        return None
    if not hmac.compare_digest(question.email.lower().encode(), (email or "").lower().encode()):
        return None
    return question


def _user_unit_ids(user):
    ids = set(units_led_by(user).values_list("pk", flat=True))
    unit = unit_of(user)
    if unit is not None:
        ids.add(unit.pk)
    return ids


def questions_for_staff(user, *, status="", kind="", query=""):
    """Submissions a staff member may see: all for the board and leadership, else their units'."""
    qs = Question.objects.select_related("field", "unit").defer("body", "answer", "search_text")
    if not (access.is_board(user) or access.is_leadership(user)):
        qs = qs.filter(unit_id__in=_user_unit_ids(user))
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status == "late":
        qs = qs.filter(status__in=OPEN_STATUSES, due_at__lt=timezone.now())
    elif status and status != "all":
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    for term in search_terms(query):
        qs = qs.filter(Q(search_text__contains=term) | Q(tracking_code__icontains=term))
    return qs.order_by("due_at", "pk") if status in ("open", "late") else qs.order_by("-received_at", "-pk")


def question_possible_duplicates(question, *, limit=5):
    """Other submissions of the same kind and field whose titles share most words: help the secretary merge."""
    words = {w for w in search_terms(question.title) if len(w) > 2}
    if not words or question.status != QuestionStatus.RECEIVED:
        return []
    candidates = (
        Question.objects.filter(kind=question.kind, field_id=question.field_id)
        .exclude(pk=question.pk)
        .exclude(status__in=(QuestionStatus.MERGED, QuestionStatus.DECLINED))
        .only("tracking_code", "title", "status")
        .order_by("-received_at")[:200]
    )
    scored = []
    for other in candidates:
        shared = len(words & set(search_terms(other.title)))
        if shared * 2 >= len(words):
            scored.append((shared, other))
    scored.sort(key=lambda pair: -pair[0])
    return [other for _shared, other in scored[:limit]]


def staff_todo_count(user):
    """Items waiting for this user's action (the workspace badge)."""
    statuses = []
    if access.is_secretary(user):
        statuses.append(QuestionStatus.RECEIVED)
    if access.is_approver(user):
        statuses.append(QuestionStatus.DRAFTED)
    count = Question.objects.filter(status__in=statuses).count() if statuses else 0
    if access.is_leadership(user):
        count += Question.objects.filter(status=QuestionStatus.ESCALATED).count()
    unit_ids = _user_unit_ids(user)
    if unit_ids:
        count += Question.objects.filter(status=QuestionStatus.FORWARDED, unit_id__in=unit_ids).count()
    return count


def feedback_counts_for_month(year, month):
    """Monthly figures for the board's report to leadership (Bình Phước Điều 18.5).

    received: submissions received in the month; answered: answers approved in the
    month, of which answered_on_time by their deadline; late: answered in the month
    after the deadline plus still-open items whose deadline fell in the month and has
    passed; comments: comments on drafts received in the month.
    """
    start, end = month_bounds(year, month)
    now = timezone.now()
    rows = Question.objects.all()
    received = rows.filter(received_at__gte=start, received_at__lt=end).count()
    answered_qs = rows.filter(answered_at__gte=start, answered_at__lt=end)
    answered = answered_qs.count()
    on_time = sum(1 for a, d in answered_qs.values_list("answered_at", "due_at") if a <= d)
    still_late = rows.filter(
        status__in=OPEN_STATUSES, due_at__gte=start, due_at__lt=min(end, now)
    ).count()
    comments = DraftComment.objects.filter(created_at__gte=start, created_at__lt=end).count()
    return {
        "received": received,
        "answered": answered,
        "answered_on_time": on_time,
        "late": answered - on_time + still_late,
        "comments": comments,
    }


def dashboard_rows(year, month):
    """Per unit: received, answered on time and late in the month (same rules as the monthly counts)."""
    start, end = month_bounds(year, month)
    now = timezone.now()
    table = defaultdict(lambda: {"received": 0, "answered": 0, "on_time": 0, "late": 0, "open": 0})
    for unit_id, received_at, answered_at, due_at, status in Question.objects.filter(
        Q(received_at__gte=start, received_at__lt=end)
        | Q(answered_at__gte=start, answered_at__lt=end)
        | Q(status__in=OPEN_STATUSES, due_at__gte=start, due_at__lt=end)
    ).values_list("unit_id", "received_at", "answered_at", "due_at", "status"):
        row = table[unit_id]
        if start <= received_at < end:
            row["received"] += 1
        if answered_at and start <= answered_at < end:
            row["answered"] += 1
            row["on_time" if answered_at <= due_at else "late"] += 1
        elif status in OPEN_STATUSES:
            if start <= due_at < min(end, now):
                row["late"] += 1
            else:
                row["open"] += 1
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[k for k in table if k])}
    result = [{"unit": units.get(k), **v} for k, v in table.items()]
    result.sort(key=lambda r: (r["unit"] is None, r["unit"].name if r["unit"] else ""))
    return result


def drafts_public():
    now = timezone.now()
    return (
        Draft.objects.filter(is_published=True, opens_at__lte=now)
        .select_related("drafting_unit")
        .annotate(published_comments=Count("comments", filter=Q(comments__is_published=True)))
        .order_by("-opens_at", "-pk")
    )


def draft_public_get(slug):
    return (
        Draft.objects.filter(is_published=True, opens_at__lte=timezone.now(), slug=slug)
        .select_related("drafting_unit")
        .first()
    )


def draft_file_public_get(pk):
    """A file of a draft the public may see (published and open for reading), or None."""
    return (
        DraftFile.objects.filter(pk=pk, draft__is_published=True, draft__opens_at__lte=timezone.now())
        .only("file", "original_name")
        .first()
    )


def draft_comments_published(draft):
    return draft.comments.filter(is_published=True).only("full_name", "organisation", "body", "created_at")
