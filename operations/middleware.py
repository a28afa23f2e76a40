from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    """Refuse bodies larger than REQUEST_MAX_BYTES before anything reads them.

    nginx does the same with client_max_body_size; this keeps the limit when the
    application is reached some other way (gunicorn directly, runserver).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("Bad request."), status=400, content_type="text/plain; charset=utf-8")
        if length > settings.REQUEST_MAX_BYTES:
            return HttpResponse(
                _("The upload is too large."), status=413, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
