"""Public pages (Q&A, feedback and petitions, drafts for comment, status) and staff pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from articles.cache import public_page
from core.workflow import TransitionError
from publicinfo.downloads import attachment_response

from . import access, selectors, services
from .antiabuse import client_ip
from .forms import DraftCommentForm, DraftForm, QuestionActionForm, QuestionForm, StatusLookupForm
from .models import Draft, DraftComment, Question, QuestionKind, QuestionStatus
from .workflow import QUESTION_WORKFLOW, history_entries

KINDS = {
    QuestionKind.QUESTION: {
        "list": "feedback:question_list", "ask": "feedback:question_ask",
        "title": gettext_lazy("Questions and answers"), "ask_label": gettext_lazy("Ask a question"),
    },
    QuestionKind.PETITION: {
        "list": "feedback:petition_list", "ask": "feedback:petition_send",
        "title": gettext_lazy("Feedback and petitions"),
        "ask_label": gettext_lazy("Send feedback or a petition"),
    },
}


def _kind_context(kind):
    info = KINDS[kind]
    return {"kind": kind, "kind_title": str(info["title"]), "list_url": reverse(info["list"]),
            "ask_url": reverse(info["ask"]), "ask_label": str(info["ask_label"])}


# --- Public pages. Anonymous readers get them from the page cache (articles.cache), refreshed
# when a question, draft or field the public sees changes (FeedbackConfig.ready); the lists
# also expire after PUBLIC_TIMEOUT because a draft opens for comment at a set time.

PUBLIC_TIMEOUT = 60

def _public_list(request, kind):
    query = request.GET.get("q", "")[:200]
    field_slug = request.GET.get("linh-vuc", "")[:120]
    paginator = Paginator(selectors.questions_public(kind=kind, query=query, field_slug=field_slug), 15)
    paginator.count = selectors.questions_public_count(kind=kind, query=query, field_slug=field_slug)
    page_obj = paginator.get_page(request.GET.get("page"))
    for question in page_obj:
        question.public_name = selectors.public_name(question.full_name)
    context = {
        **_kind_context(kind),
        "page_obj": page_obj,
        "fields": list(selectors.fields_active()),
        "q": query,
        "field_slug": field_slug,
        "query_string": urlencode({k: v for k, v in (("q", query), ("linh-vuc", field_slug)) if v}),
    }
    return render(request, "feedback/public_list.html", context)


@public_page(count=False, timeout=PUBLIC_TIMEOUT)
def question_list(request):
    return _public_list(request, QuestionKind.QUESTION)


@public_page(count=False, timeout=PUBLIC_TIMEOUT)
def petition_list(request):
    return _public_list(request, QuestionKind.PETITION)


def _public_detail(request, kind, pk):
    question = selectors.question_public_get(kind=kind, pk=pk)
    if question is None:
        raise Http404
    context = {**_kind_context(kind), "question": question, "public_name": selectors.public_name(question.full_name)}
    return render(request, "feedback/public_detail.html", context)


@public_page(count=False, timeout=PUBLIC_TIMEOUT)
def question_detail(request, pk):
    return _public_detail(request, QuestionKind.QUESTION, pk)


@public_page(count=False, timeout=PUBLIC_TIMEOUT)
def petition_detail(request, pk):
    return _public_detail(request, QuestionKind.PETITION, pk)


@never_cache
@require_http_methods(["GET", "POST"])
def _ask(request, kind):
    if request.method == "POST":
        form = QuestionForm(request.POST, request.FILES, kind=kind, ip=client_ip(request))
        if form.is_valid():
            data = form.cleaned_data
            question = services.question_submit(
                kind=kind, field=data["field"], title=data["title"], body=data["body"],
                full_name=data["full_name"], email=data["email"], phone=data["phone"],
                address=data["address"], attachment=data["attachment"],
            )
            request.session["feedback_submitted"] = question.pk
            return redirect("feedback:submitted")
    else:
        form = QuestionForm(kind=kind)
    return render(request, "feedback/ask.html", {**_kind_context(kind), "form": form})


def question_ask(request):
    return _ask(request, QuestionKind.QUESTION)


def petition_send(request):
    return _ask(request, QuestionKind.PETITION)


@never_cache
def submitted(request):
    """The tracking code, shown once to the sender who just submitted (kept in their session)."""
    pk = request.session.get("feedback_submitted")
    question = Question.objects.filter(pk=pk).only("tracking_code", "due_at", "kind", "email").first() if pk else None
    if question is None:
        return redirect("feedback:status")
    return render(request, "feedback/submitted.html", {**_kind_context(question.kind), "question": question})


@never_cache
@require_http_methods(["GET", "POST"])
def status(request):
    question = None
    not_found = False
    if request.method == "POST":
        form = StatusLookupForm(request.POST, ip=client_ip(request))
        if form.is_valid():
            question = selectors.question_lookup(
                tracking_code=form.cleaned_data["tracking_code"], email=form.cleaned_data["email"]
            )
            not_found = question is None
    else:
        form = StatusLookupForm(initial={"tracking_code": request.GET.get("ma", "")[:20]})
    context = {"form": form, "question": question, "not_found": not_found,
               "public_status": services.public_status_label(question) if question else ""}
    return render(request, "feedback/status.html", context)


@public_page(count=False, timeout=PUBLIC_TIMEOUT)
def draft_list(request):
    page_obj = Paginator(selectors.drafts_public(), 15).get_page(request.GET.get("page"))
    return render(request, "feedback/draft_list.html", {"page_obj": page_obj, "now": timezone.now()})


@require_http_methods(["GET"])
def draft_file_download(request, pk):
    """A draft's file under its original name: stored names are random (core.uploads.upload_to)."""
    draft_file = selectors.draft_file_public_get(pk)
    if draft_file is None:
        raise Http404
    return attachment_response(draft_file.file, draft_file.original_name)


@never_cache
@require_http_methods(["GET", "POST"])
def draft_detail(request, slug):
    draft = selectors.draft_public_get(slug)
    if draft is None:
        raise Http404
    now = timezone.now()
    form = None
    if request.method == "POST":
        form = DraftCommentForm(request.POST, ip=client_ip(request))
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.draft_comment_submit(
                    draft=draft, full_name=data["full_name"], email=data["email"], body=data["body"],
                    organisation=data["organisation"], phone=data["phone"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
                form._captcha_issue()
            else:
                messages.success(request, _("Thank you. Your comment was received and will be published after review."))
                return redirect(draft.get_absolute_url())
    elif draft.is_open(now):
        form = DraftCommentForm()
    comments = list(selectors.draft_comments_published(draft))
    context = {
        "draft": draft, "form": form, "comments": comments, "is_open": draft.is_open(now),
        "is_closed": draft.is_closed(now), "received_count": draft.comments.count(),
        "files": list(draft.files.all()),
    }
    return render(request, "feedback/draft_detail.html", context)


# --- Staff pages.

def _staff_or_404(request):
    if not access.can_handle_questions(request.user):
        raise Http404


@never_cache
@login_required
def staff_inbox(request):
    _staff_or_404(request)
    status = request.GET.get("trang-thai", "open")[:20]
    kind = request.GET.get("loai", "")[:20]
    query = request.GET.get("q", "")[:200]
    page_obj = Paginator(selectors.questions_for_staff(request.user, status=status, kind=kind, query=query), 30
                         ).get_page(request.GET.get("page"))
    context = {
        "page_obj": page_obj, "status": status, "kind": kind, "q": query, "now": timezone.now(),
        "statuses": QuestionStatus.choices, "kinds": QuestionKind.choices,
        "query_string": urlencode({"trang-thai": status, "loai": kind, "q": query}),
        "can_dashboard": access.can_see_dashboard(request.user),
        "can_drafts": access.can_manage_drafts(request.user),
    }
    return render(request, "feedback/staff_inbox.html", context)


def _question_for(request, pk):
    _staff_or_404(request)
    question = get_object_or_404(Question.objects.select_related("field", "unit", "duplicate_of"), pk=pk)
    if not access.can_see_question(request.user, question):
        raise Http404
    return question


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def staff_question(request, pk):
    question = _question_for(request, pk)
    error = None
    if request.method == "POST":
        form = QuestionActionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.question_act(
                    pk=question.pk, action=data["action"], actor=request.user, comment=data["comment"],
                    expected_state=data["expected_state"], unit=data["unit"],
                    duplicate_code=data["duplicate_code"], answer=data["answer"], publish=data["publish"],
                )
            except TransitionError as exc:
                error = exc.message
            else:
                messages.success(request, _("Done."))
                return redirect(question.get_staff_url())
        else:
            error = _("Please correct the fields below.")
        question = _question_for(request, pk)
    moves = QUESTION_WORKFLOW.available(question, request.user)
    context = {
        "question": question,
        "moves": moves,
        "error": error,
        "posted": request.POST if request.method == "POST" else {},
        "show_personal": access.can_see_personal_data(request.user, question),
        "history": history_entries(question),
        "duplicates": question.duplicates.only("tracking_code", "title"),
        "similar": selectors.question_possible_duplicates(question) if access.is_secretary(request.user) else [],
        "units": selectors.units_for_forwarding() if moves else [],
        "now": timezone.now(),
        "late": question.is_late(),
    }
    return render(request, "feedback/staff_question.html", context)


@never_cache
@login_required
def staff_attachment(request, pk):
    question = _question_for(request, pk)
    if not question.attachment or not access.can_see_personal_data(request.user, question):
        raise Http404
    response = FileResponse(question.attachment.open("rb"), as_attachment=True,
                            filename=question.attachment_name or "tep")
    return response


@login_required
def staff_dashboard(request):
    if not access.can_see_dashboard(request.user):
        raise Http404
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", today.year))
        month = int(request.GET.get("thang", today.month))
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise ValueError
    except ValueError:
        year, month = today.year, today.month
    context = {
        "rows": selectors.dashboard_rows(year, month),
        "totals": selectors.feedback_counts_for_month(year, month),
        "year": year, "month": month, "months": range(1, 13),
    }
    return render(request, "feedback/staff_dashboard.html", context)


def _drafts_or_404(request):
    if not access.can_manage_drafts(request.user):
        raise Http404


@login_required
def staff_drafts(request):
    _drafts_or_404(request)
    drafts = Draft.objects.select_related("drafting_unit").order_by("-opens_at")
    page_obj = Paginator(drafts, 30).get_page(request.GET.get("page"))
    return render(request, "feedback/staff_drafts.html", {"page_obj": page_obj, "now": timezone.now()})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def staff_draft_edit(request, pk=None):
    _drafts_or_404(request)
    draft = get_object_or_404(Draft, pk=pk) if pk else None
    if request.method == "POST" and "comment" in request.POST:
        comment = get_object_or_404(DraftComment, pk=request.POST.get("comment"), draft=draft)
        services.draft_comment_moderate(comment=comment, publish=request.POST.get("publish") == "1")
        messages.success(request, _("Done."))
        return redirect("feedback:staff_draft_edit", pk=draft.pk)
    form = DraftForm(request.POST or None, request.FILES or None, instance=draft)
    if request.method == "POST" and form.is_valid():
        draft = services.draft_save(draft=form.save(commit=False), actor=request.user,
                                    new_file=form.cleaned_data["new_file"])
        messages.success(request, _("The draft was saved."))
        return redirect("feedback:staff_draft_edit", pk=draft.pk)
    comments = list(draft.comments.all()) if draft else []
    return render(request, "feedback/staff_draft_form.html", {"form": form, "draft": draft, "comments": comments})
