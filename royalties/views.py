"""Staff pages under /nhuan-but/: own royalties, the board's records, statements, leadership totals.

Views parse and render; royalties.services decides. Records a user may not see
are 404 (no hint that they exist); actions a user may not take are 403.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from articles.models import Item, ItemStatus
from organisation.models import Unit

from . import selectors, services
from .excel import statement_workbook
from .forms import AdjustForm, DecideForm, MonthForm, PayForm, ProposeForm, ShareFormSet
from .models import RecordStatus, StatementStatus
from .services import RoyaltyError


def _month_param(request, default=None):
    """?thang=YYYY-MM, or the current month."""
    value = request.GET.get("thang", "")
    try:
        year, month = (int(part) for part in value.split("-", 1))
        return dt.date(year, month, 1)
    except (ValueError, TypeError):
        return default if default is not None else timezone.localdate().replace(day=1)


@login_required
def index(request):
    if selectors.can_see_all(request.user):
        return redirect("royalties:records")
    return redirect("royalties:mine")


@never_cache
@login_required
def mine(request):
    """An author's own royalties by month (nobody else's)."""
    months = selectors.months_of(request.user)
    period = _month_param(request, default=months[0] if months else None)
    records = list(selectors.records_of(request.user, period.year, period.month))
    counted = [r for r in records if r.status in selectors.COUNTED]
    context = {
        "period": period,
        "months": months,
        "records": records,
        "total": sum(r.amount for r in counted),
    }
    return render(request, "royalties/mine.html", context)


@never_cache
@login_required
def records(request):
    if not selectors.can_see_all(request.user):
        raise PermissionDenied
    status = request.GET.get("trang_thai", "")
    if status not in RecordStatus.values:
        status = ""
    period = _month_param(request) if request.GET.get("thang") else None
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.records_for_board(status=status, period=period, query=query), 50).get_page(
        request.GET.get("page")
    )
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "page_obj": page,
        "status": status,
        "period": period,
        "query": query,
        "statuses": RecordStatus.choices,
        "query_string": query_string.urlencode(),
        "month_form": MonthForm(
            initial={"year": timezone.localdate().year, "month": timezone.localdate().month}
        ),
        "can_prepare": selectors.can_prepare(request.user),
        "can_approve": selectors.can_approve(request.user),
    }
    return render(request, "royalties/records.html", context)


@require_POST
@login_required
def records_approve(request):
    """The head approves several proposals at once, as proposed; each is checked like a single approval."""
    if not selectors.can_approve(request.user):
        raise PermissionDenied
    ids = [int(pk) for pk in request.POST.getlist("records") if pk.isdigit()][:200]
    approved, refused = 0, []
    for record in selectors.records_visible_to(request.user).filter(pk__in=ids, status=RecordStatus.PROPOSED):
        try:
            services.record_decide(record=record, decision=services.Decision.APPROVE, actor=request.user)
        except RoyaltyError as error:
            refused.append(f"#{record.pk}: {error.message}")
        else:
            approved += 1
    if approved:
        messages.success(request, _("%(count)s records approved.") % {"count": approved})
    for message in refused:
        messages.error(request, message)
    if not approved and not refused:
        messages.error(request, _("Select the proposals to approve."))
    return redirect(f"{reverse('royalties:records')}?trang_thai={RecordStatus.PROPOSED}")


def _record_for(request, pk):
    return get_object_or_404(selectors.records_visible_to(request.user), pk=pk)


def _record_page(request, record, *, propose_form=None, decide_form=None, adjust_form=None, status=200):
    user = request.user
    open_for_proposal = record.kind != "remuneration" and record.status in (
        RecordStatus.PENDING,
        RecordStatus.PROPOSED,
        RecordStatus.REFUSED,
    )
    context = {
        "record": record,
        "history": selectors.record_history(record),
        "adjustments": record.adjustments.all(),
        "propose_form": (propose_form or ProposeForm(initial={"coefficient": record.coefficient}))
        if open_for_proposal and selectors.can_propose(user)
        else None,
        "decide_form": (decide_form or DecideForm(initial={"coefficient": record.coefficient}))
        if record.status in (RecordStatus.PROPOSED, RecordStatus.APPROVED) and selectors.can_approve(user)
        else None,
        "adjust_form": (adjust_form or AdjustForm())
        if record.status == RecordStatus.PAID
        and record.kind != "remuneration"
        and selectors.can_propose(user)
        else None,
        "staff_view": selectors.can_see_all(user),
    }
    return render(request, "royalties/record.html", context, status=status)


@never_cache
@login_required
def record(request, pk):
    return _record_page(request, _record_for(request, pk))


def _act(request, pk, form_class, allowed, perform, form_key):
    record = _record_for(request, pk)
    if not allowed(request.user):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            message = perform(record, form.cleaned_data)
        except RoyaltyError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, message)
            return redirect(record)
    return _record_page(request, record, status=400, **{form_key: form})


@require_POST
@login_required
def record_propose(request, pk):
    def perform(record, data):
        services.record_propose(
            record=record, coefficient=data["coefficient"], note=data["note"], actor=request.user
        )
        return _("The coefficient is proposed to the head of board.")

    return _act(request, pk, ProposeForm, selectors.can_propose, perform, "propose_form")


@require_POST
@login_required
def record_decide(request, pk):
    def perform(record, data):
        record = services.record_decide(
            record=record,
            decision=data["decision"],
            coefficient=data["coefficient"],
            note=data["note"],
            actor=request.user,
        )
        return _("Approved.") if record.status == RecordStatus.APPROVED else _("Refused.")

    return _act(request, pk, DecideForm, selectors.can_approve, perform, "decide_form")


@require_POST
@login_required
def record_adjust(request, pk):
    created = {}

    def perform(record, data):
        created["record"] = services.record_adjust(
            record=record, coefficient=data["coefficient"], reason=data["reason"], actor=request.user
        )
        return _("The adjustment is proposed to the head of board; it will be on the next statement.")

    response = _act(request, pk, AdjustForm, selectors.can_propose, perform, "adjust_form")
    if "record" in created:
        return redirect(created["record"])
    return response


@never_cache
@login_required
def item_shares(request, item_pk):
    """How co-authors share an item's royalty (default: 100 % to the author)."""
    if not selectors.can_propose(request.user):
        raise PermissionDenied
    item = get_object_or_404(Item.objects.select_related("author", "unit"), pk=item_pk)
    shares = list(item.author_shares.select_related("user"))
    if not shares and item.author_id:
        initial = [{"user": item.author, "percent": 100}]
    else:
        initial = [{"user": s.user, "name": s.name, "percent": s.percent} for s in shares]
    initial += [{}] * max(0, 4 - len(initial))
    error = ""
    if request.method == "POST":
        formset = ShareFormSet(request.POST)
        if formset.is_valid():
            rows = [
                (f.cleaned_data.get("user"), f.cleaned_data.get("name", ""), f.cleaned_data.get("percent"))
                for f in formset
                if f.cleaned_data.get("user") or f.cleaned_data.get("name")
            ]
            try:
                services.author_shares_set(item=item, shares=rows, actor=request.user)
            except RoyaltyError as exc:
                error = exc.message
            else:
                messages.success(request, _("The authors' shares are saved."))
                return redirect("royalties:item_shares", item_pk=item.pk)
    else:
        formset = ShareFormSet(initial=initial)
    context = {
        "item": item,
        "formset": formset,
        "error": error,
        "records": item.royalty_records.select_related("recipient", "unit").order_by("kind", "slot", "pk"),
        "published": item.status == ItemStatus.PUBLISHED,
    }
    return render(
        request, "royalties/item_shares.html", context, status=400 if request.method == "POST" else 200
    )


@require_POST
@login_required
def remuneration_month(request):
    if not selectors.can_prepare(request.user):
        raise PermissionDenied
    form = MonthForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a month."))
        return redirect("royalties:records")
    year, month = form.cleaned_data["year"], form.cleaned_data["month"]
    created = services.remuneration_month_create(year=year, month=month, actor=request.user)
    messages.success(
        request,
        _("%(count)s remuneration records created for %(month)s.")
        % {"count": len(created), "month": f"{month:02d}/{year}"},
    )
    return redirect(f"{reverse('royalties:records')}?thang={year}-{month:02d}")


@never_cache
@login_required
def statements(request):
    if not selectors.can_see_statements(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    form = MonthForm(request.POST or None, initial={"year": today.year, "month": today.month})
    if request.method == "POST":
        if not selectors.can_prepare(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                statement = services.statement_generate(
                    year=form.cleaned_data["year"], month=form.cleaned_data["month"], actor=request.user
                )
            except RoyaltyError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The statement is prepared."))
                return redirect(statement)
    context = {
        "statements": selectors.statements_list(),
        "form": form,
        "can_prepare": selectors.can_prepare(request.user),
    }
    return render(request, "royalties/statements.html", context, status=400 if form.errors else 200)


def _statement_for(request, year, month):
    if not selectors.can_see_statements(request.user):
        raise PermissionDenied
    statement = selectors.statement_get(year, month)
    if statement is None:
        raise Http404
    return statement


@never_cache
@login_required
def statement(request, year, month, pay_form=None):
    statement = _statement_for(request, year, month)
    lines, total = selectors.statement_lines(statement)
    context = {
        "statement": statement,
        "lines": lines,
        "total": total,
        "pay_form": (pay_form or PayForm())
        if selectors.can_pay(request.user) and statement.status == StatementStatus.DRAFT
        else None,
        "can_prepare": selectors.can_prepare(request.user) and not statement.is_paid,
    }
    return render(request, "royalties/statement.html", context, status=400 if pay_form else 200)


@require_POST
@login_required
def statement_pay(request, year, month):
    statement_obj = _statement_for(request, year, month)
    if not selectors.can_pay(request.user):
        raise PermissionDenied
    form = PayForm(request.POST)
    if form.is_valid():
        try:
            services.statement_pay(
                statement=statement_obj,
                paid_on=form.cleaned_data["paid_on"],
                reference=form.cleaned_data["reference"],
                actor=request.user,
            )
        except RoyaltyError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The statement is marked paid."))
            return redirect(statement_obj)
    return statement(request, year, month, pay_form=form)


@never_cache
@login_required
def statement_excel(request, year, month):
    statement = _statement_for(request, year, month)
    lines, total = selectors.statement_lines(statement)
    response = HttpResponse(
        statement_workbook(statement, lines, total),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="bang-ke-nhuan-but-{year}-{month:02d}.xlsx"'
    return response


@never_cache
@login_required
def totals(request):
    """Leadership: royalties per unit and month for a year (approved or paid)."""
    if not selectors.can_see_totals(request.user):
        raise PermissionDenied
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        year = this_year
    if not 2000 <= year <= this_year + 1:  # ?nam=99999 made a date out of range: a 500
        year = this_year
    by_unit = selectors.royalty_totals_by_unit_year(year)
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=[pk for pk in by_unit if pk])}
    rows = []
    for unit_id, months in by_unit.items():
        unit = units.get(unit_id)
        rows.append(
            {
                "unit": unit,
                "months": [months.get(m, 0) for m in range(1, 13)],
                "total": sum(months.values()),
                # The department's own units first, then district offices, like the directory.
                "order": (
                    unit is None,
                    unit is not None and unit.kind != Unit.Kind.INTERNAL,
                    unit.order if unit else 0,
                    unit.name if unit else "",
                ),
            }
        )
    rows.sort(key=lambda row: row["order"])
    month_totals = [sum(row["months"][m] for row in rows) for m in range(12)]
    context = {
        "year": year,
        "rows": rows,
        "month_totals": month_totals,
        "grand_total": sum(month_totals),
        "months": range(1, 13),
        "years": range(timezone.localdate().year, 2019, -1),
    }
    return render(request, "royalties/totals.html", context)
