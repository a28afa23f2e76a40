"""Remember the current request, so audit entries made deep in a service know who and from where;
and audit what a page view itself means: opening citizens' personal data, downloading an export."""

from contextvars import ContextVar

from django.conf import settings

_current_request = ContextVar("audit_current_request", default=None)

EXPORT_TYPES = (
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-excel",
    "application/vnd.oasis.opendocument.spreadsheet",
)


def current_request():
    return _current_request.get()


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
            _audit_page_view(request, response)
            return response
        finally:
            _current_request.reset(token)


def _audit_page_view(request, response):
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    if response.status_code != 200 or match is None or user is None or not user.is_authenticated:
        return
    from .services import audit_record

    viewed = getattr(settings, "AUDIT_VIEWED_URLS", {}).get(match.view_name)
    if viewed and request.method == "GET":
        action, model_label = viewed
        object_id = next(iter(match.kwargs.values()), "") if match.kwargs else ""
        audit_record(action=action, request=request, object_type=model_label, object_id=object_id,
                     object_repr=request.path)
        return
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    attachment = response.get("Content-Disposition", "").startswith("attachment")
    if attachment and content_type in EXPORT_TYPES and not getattr(request, "_audit_export_recorded", False):
        audit_record(action="export.download", request=request, object_repr=match.view_name,
                     changes={"query": request.GET.dict()})
