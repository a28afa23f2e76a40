from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.exports import spreadsheet_response

from . import selectors, services
from .forms import AuditSearchForm
from .permissions import can_read_audit_log


@never_cache
@login_required
def entry_list(request):
    """The administrator's search over the audit log (personal data: never cached)."""
    if not can_read_audit_log(request.user):
        raise PermissionDenied
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_search(**{k: v for k, v in filters.items() if v})
    if request.GET.get("export") == "xlsx" and form.is_valid():
        services.audit_record(action="audit.export", request=request, changes={"filters": filters})
        rows = entries.values_list("created_at", "actor_name", "action", "object_type", "object_id",
                                   "object_repr", "ip_address", "changes")[:50000]
        return spreadsheet_response(
            "audit-log.xlsx",
            ["time", "actor", "action", "object type", "object id", "object", "IP", "changes"],
            ([created.isoformat(), *rest[:-1], str(rest[-1])] for created, *rest in rows),
        )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/entry_list.html",
                  {"form": form, "page_obj": page, "query_string": query.urlencode()})
