"""The portal's ASGI application, as production serves it (portal/gunicorn_conf.py).

Stored anonymous pages are answered on the event loop by articles.lane.PublicPageLane;
every other request runs through Django exactly as under WSGI, one at a time per worker
process on one long-lived thread (PortalASGIHandler), so database connections persist
(CONN_MAX_AGE) as they do in a sync worker.
"""

import os
import sys

import django
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from portal.env import EnvError  # noqa: E402


class PortalASGIHandler(ASGIHandler):
    """Django's ASGI handler without a new thread per request.

    Django runs each request's synchronous code (all of the portal's views and middleware)
    in a ThreadSensitiveContext of its own: a fresh thread per request, so every request
    would open a new PostgreSQL connection and leave the old one behind (Django's docs
    advise disabling persistent connections under ASGI for that reason). Without that
    context asgiref runs synchronous code on one shared thread per process: what a
    gunicorn sync worker does, with persistent connections intact.
    """

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"The portal serves HTTP only, not {scope['type']}.")
        await self.handle(scope, receive, send)


def _application():
    try:
        django.setup(set_prefix=False)
    except EnvError as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        sys.exit(2)
    from articles.lane import PublicPageLane
    from operations.middleware import RequestSizeLimitASGI

    return RequestSizeLimitASGI(PublicPageLane(PortalASGIHandler()))


application = _application()
