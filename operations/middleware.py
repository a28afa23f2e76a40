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
            return too_large_response()
        return self.get_response(request)


def too_large_response():
    return HttpResponse(_("The upload is too large."), status=413, content_type="text/plain; charset=utf-8")


class RequestSizeLimitASGI:
    """The same limit in front of Django's ASGI handler (portal/asgi.py).

    Under ASGI Django reads the whole body into a temporary file before any middleware
    runs, so the middleware above would only refuse a 2 GB body after receiving it. This
    wrapper refuses it from its Content-Length header, before a byte of it is read.
    """

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            for name, value in scope.get("headers", []):
                if name == b"content-length":
                    try:
                        too_large = int(value) > settings.REQUEST_MAX_BYTES
                    except ValueError:
                        too_large = False  # Django answers a malformed length with 400
                    if too_large:
                        response = too_large_response()
                        await send({
                            "type": "http.response.start", "status": response.status_code,
                            "headers": [(b"content-type", response["Content-Type"].encode()),
                                        (b"content-length", str(len(response.content)).encode()),
                                        (b"connection", b"close")],
                        })
                        await send({"type": "http.response.body", "body": response.content})
                        return
                    break
        await self.inner(scope, receive, send)
