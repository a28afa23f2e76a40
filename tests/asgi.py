"""Driving the portal's ASGI stack in tests, the way uvicorn calls it."""

import asyncio

from asgiref.sync import async_to_sync, sync_to_async
from django.core import signals
from django.db import close_old_connections


def django_on_test_thread():
    """portal.asgi.DjangoThread running Django on the test's thread, in its database transaction."""
    from django.core.wsgi import get_wsgi_application

    from portal.asgi import DjangoThread

    def on_the_test_thread(function, *args):
        return sync_to_async(function, thread_sensitive=True)(*args)

    return DjangoThread(get_wsgi_application(), run_sync=on_the_test_thread)


def http_scope(path, *, method="GET", scheme="http", host="testserver", query=b"", headers=()):
    """The ASGI scope uvicorn gives `app` for one HTTP request."""
    return {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": scheme,
        "path": path, "raw_path": path.encode(), "root_path": "", "query_string": query,
        "client": ("127.0.0.1", 50000), "server": ("testserver", 80),
        "headers": [(b"host", host.encode()), *headers],
    }


def asgi_request(app, path, *, method="GET", scheme="http", host="testserver", query=b"", headers=(),
                 body_parts=(b"",)):
    """The ASGI messages `app` sends for one request whose body arrives in `body_parts`."""
    parts = list(body_parts)
    messages = []

    async def receive():
        if parts:
            part = parts.pop(0)
            return {"type": "http.request", "body": part, "more_body": bool(parts)}
        await asyncio.Event().wait()  # the client stays connected until the response is sent

    async def send(message):
        messages.append(message)

    scope = http_scope(path, method=method, scheme=scheme, host=host, query=query, headers=headers)
    # As Django's test clients do: the request must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        async_to_sync(app)(scope, receive, send)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return messages
