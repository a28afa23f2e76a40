"""Leadership dashboards: the month's table, trends, the yearly ranking, exports and drill-down."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from organisation.selectors import department_get

from . import charts, exports, selectors, services
from .forms import MonthReopenForm, QuotaExemptionForm
from .selectors import Month

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _access(request):
    """(sees every unit?, units) or 403: leadership/board/legal-dissemination office, or a unit's leaders."""
    sees_all, units = selectors.visible_units(request.user)
    if not sees_all and not units:
        raise PermissionDenied
    return sees_all, units


def _month(request):
    """The month asked for in ?thang=YYYY-MM; the current month (with a message) if malformed or future."""
    current = Month.current()
    raw = request.GET.get("thang", "")
    if not raw:
        return current
    month = Month.parse(raw)
    if month is None:
        messages.warning(request, _("“%(value)s” is not a month (use YYYY-MM); showing the current month.")
                         % {"value": raw[:20]})
        return current
    if month.is_future():
        messages.warning(request, _("%(month)s is in the future; showing the current month.")
                         % {"month": month.label})
        return current
    return month


def _year(request):
    current = selectors.today().year
    raw = request.GET.get("nam", "")
    if not raw:
        return current
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not 2000 <= year <= current:
        messages.warning(request, _("“%(value)s” is not a valid year; showing %(year)s.")
                         % {"value": raw[:20], "year": current})
        return current
    return year


def _xlsx(content, filename):
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _trend_charts(report, trend, units):
    department = charts.bar_chart(
        key="department",
        title=_("The whole department: news items and articles, last 12 months"),
        months=trend.months,
        series=[
            (_("sent (tin + bài)"), "sent", [f.sent for f in trend.department]),
            (_("published (tin + bài)"), "published", [f.published for f in trend.department]),
        ],
    )
    targets = {row.unit_id: (row.target_tin or 0) + (row.target_bai or 0) for row in report.rows}
    per_unit = []
    for unit in units:
        figures = trend.by_unit.get(unit.pk) or [selectors.MonthFigures() for _m in trend.months]
        per_unit.append(charts.bar_chart(
            key=f"unit-{unit.pk}",
            title=unit.name,
            months=trend.months,
            series=[
                (_("sent (tin + bài)"), "sent", [f.sent for f in figures]),
                (_("published (tin + bài)"), "published", [f.published for f in figures]),
            ],
            target=targets.get(unit.pk) or None,
            width=300, height=110, compact=True,
        ))
    return department, per_unit


@never_cache
@login_required
def dashboard(request):
    return _dashboard(request, _month(request))


def _dashboard(request, month, reopen_form=None, exemption_form=None, status=200):
    sees_all, units = _access(request)
    report = selectors.month_report(
        month, units=None if sees_all else units, with_royalties=True, active_units=units if sees_all else None
    )
    trend = selectors.trend(month, None if sees_all else [u.pk for u in units])
    department_chart, unit_charts = _trend_charts(report, trend, units)
    may_close = request.user.has_perm("quotas.close_month")
    context = {
        "report": report,
        "month": month,
        "previous": month.shift(-1),
        "next": None if month.shift(1).is_future() else month.shift(1),
        "sees_all": sees_all,
        "department_chart": department_chart,
        "unit_charts": unit_charts,
        "trend": trend,
        "statuses": selectors.STATUSES,
        "can_close": may_close and month.is_over() and not report.is_closed,
        "can_reopen": may_close and report.is_closed,
        "reopen_form": reopen_form or MonthReopenForm(),
        "can_exempt": request.user.has_perm("quotas.add_quotaexemption") and not report.is_closed,
        "exemption_form": exemption_form or QuotaExemptionForm(units=units),
        "events": list(report.snapshot.events.select_related("actor")) if report.snapshot else [],
    }
    return render(request, "quotas/dashboard.html", context, status=status)


@never_cache
@login_required
def cell(request, unit_id, measure):
    """The items behind one figure of the table."""
    sees_all, units = _access(request)
    if measure not in selectors.MEASURES:
        raise Http404
    unit = next((u for u in units if u.pk == unit_id), None)
    if unit is None and sees_all:
        # A unit since deactivated still has its rows in a closed month.
        from organisation.models import Unit

        unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    month = _month(request)
    items = selectors.cell_items(month, unit.pk, measure)
    page_obj = Paginator(items, 50).get_page(request.GET.get("trang"))
    labels = {
        "sent_tin": _("News items sent"), "sent_bai": _("Articles sent"),
        "published_tin": _("News items published"), "published_bai": _("Articles published"),
        "late": _("Items late against their deadline"),
    }
    return render(request, "quotas/cell.html", {
        "unit": unit, "month": month, "measure_label": labels[measure], "page_obj": page_obj,
        "query_string": f"thang={month}",
    })


@never_cache
@login_required
def ranking(request):
    sees_all, units = _access(request)
    year = _year(request)
    rows, months = selectors.year_ranking(year, units=None if sees_all else units)
    return render(request, "quotas/ranking.html", {
        "year": year, "rows": rows, "months": months, "sees_all": sees_all,
        "years": list(range(selectors.today().year, selectors.today().year - 5, -1)),
    })


def _report(request):
    sees_all, units = _access(request)
    month = _month(request)
    return selectors.month_report(
        month, units=None if sees_all else units, with_extras=True, with_royalties=True
    )


@never_cache
@login_required
def report(request):
    """The printable monthly report for the flag-ceremony meeting (Hà Tĩnh 1148 point 2)."""
    month_report = _report(request)
    return render(request, "quotas/report.html", {
        "report": month_report, "month": month_report.month, "department": department_get(),
        "report_date": selectors.today(),
    })


@never_cache
@login_required
def report_xlsx(request):
    month_report = _report(request)
    content = exports.month_report_xlsx(month_report, selectors.today())
    return _xlsx(content, f"bao-cao-dinh-muc-{month_report.month}.xlsx")


def _yearly(request):
    sees_all, _units = _access(request)
    if not sees_all:
        raise PermissionDenied
    return selectors.published_by_year(_year(request))


@never_cache
@login_required
def yearly(request):
    """Trà Vinh's appendix: items published per year, per category and per unit."""
    table = _yearly(request)
    return render(request, "quotas/yearly.html", {
        "table": table, "year": table.years[-1], "current_year": selectors.today().year,
        "grand_total": sum(table.totals),
        "tables": [
            (_("Per category"), table.by_category, _("Category")),
            (_("Per unit"), table.by_unit, _("Unit")),
        ],
    })


@never_cache
@login_required
def yearly_xlsx(request):
    table = _yearly(request)
    content = exports.yearly_xlsx(table, selectors.today())
    return _xlsx(content, f"tin-bai-da-dang-{table.years[0]}-{table.years[-1]}.xlsx")


def _month_from_post(request):
    month = Month.parse(request.POST.get("thang", ""))
    if month is None:
        raise Http404
    return month


@require_POST
@login_required
def month_close(request):
    if not request.user.has_perm("quotas.close_month"):
        raise PermissionDenied
    month = _month_from_post(request)
    try:
        _snapshot, closed_now = services.quota_month_close(year=month.year, month=month.month, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if closed_now:
            messages.success(request, _("%(month)s is closed; its figures are kept as they are now.")
                             % {"month": month.label})
        else:
            messages.info(request, _("%(month)s was already closed.") % {"month": month.label})
    return redirect(reverse("quotas:dashboard") + f"?thang={month}")


@require_POST
@login_required
def month_reopen(request):
    if not request.user.has_perm("quotas.close_month"):
        raise PermissionDenied
    month = _month_from_post(request)
    form = MonthReopenForm(request.POST)
    if form.is_valid():
        try:
            services.quota_month_reopen(
                year=month.year, month=month.month, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(month)s is reopened; its figures are live again.")
                             % {"month": month.label})
        # "#top": the form was posted to "…#close-heading" (so a refusal shows next to the form);
        # the browser would carry that fragment over the redirect and hide the message at the top.
        return redirect(reverse("quotas:dashboard") + f"?thang={month}#top")
    # Keep what was typed and show why it was refused.
    return _dashboard(request, month, reopen_form=form, status=400)


@require_POST
@login_required
def exemption_grant(request):
    """Excuse a unit from the month's quota, with the reason (shown in every report)."""
    if not request.user.has_perm("quotas.add_quotaexemption"):
        raise PermissionDenied
    _sees_all, units = _access(request)
    month = _month_from_post(request)
    form = QuotaExemptionForm(request.POST, units=units)
    if form.is_valid():
        try:
            services.quota_exemption_grant(
                unit=form.cleaned_data["unit"], year=month.year, month=month.month,
                reason=form.cleaned_data["reason"], actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("%(unit)s is exempted for %(month)s.")
                             % {"unit": form.cleaned_data["unit"], "month": month.label})
            return redirect(reverse("quotas:dashboard") + f"?thang={month}#top")  # see month_reopen
    return _dashboard(request, month, exemption_form=form, status=400)
