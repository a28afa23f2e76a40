"""The portal's ASGI application, as production serves it (portal/gunicorn_conf.py).

Three layers, outermost first:

* `operations.middleware.RequestSizeLimitASGI` refuses an oversized body from its
  Content-Length before a byte of it is read;
* `articles.lane.PublicPageLane` answers stored anonymous pages on the event loop;
* `DjangoThread` runs everything else through Django's WSGI handler, on one long-lived
  thread per worker process: exactly what a gunicorn sync worker does, so views,
  middleware, database connections (CONN_MAX_AGE) and signals behave as under WSGI.
"""

import asyncio
import contextvars
import io
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from portal.env import EnvError  # noqa: E402

RESPONSE_BUFFER = 256 * 1024  # bytes of a streamed response read per trip to Django's thread
# A reader's page that fails (5xx) or takes longer than INLINE_SLOW_SECONDS on the loop's thread
# sends readers' pages to Django's thread for INLINE_PAUSE_SECONDS (see DjangoThread).
INLINE_SLOW_SECONDS = 0.25
INLINE_PAUSE_SECONDS = 5.0


class DjangoThread:
    """Django's WSGI handler behind an ASGI server, on one thread of its own.

    Why not Django's ASGIHandler: the portal's views and middleware are synchronous, and
    Django adapts each middleware that can also run async separately, so one request
    made about ten trips between the event loop and a thread, each copying the context.
    On the article page that doubled the CPU per request (14.2 ms against 7.3 ms under
    the WSGI handler; docs/performance.md). Here a request is one trip: its environ is
    built on the loop, Django runs on the thread, the response comes back in one piece
    (or in RESPONSE_BUFFER pieces for a streamed download, never whole in memory).

    A reader's request (GET or HEAD without a session or messages cookie: an anonymous
    public page, quick by design) makes no trip at all when Django's thread is idle: it
    runs on the event loop's thread, in a context of its own kept from one such request
    to the next: what Django keeps per context (the cache clients and their connections
    to Redis) lasts as it does on the thread (database connections are per thread). The trip
    itself (waking the thread, handing the GIL over and back, waking the loop) cost a
    tenth of an uncached article page's CPU (docs/performance.md). Django still handles
    one request at a time in a worker (only the rest of a reader's download may still be
    sent while the thread takes the next one): a reader's request waits for the thread
    when it is busy, and everything slow or personal (logged-in pages, forms, uploads,
    exports) stays on the thread, where the loop keeps answering stored pages meanwhile.
    So that a failing or slow database or cache (a reader's page answering 5xx, or taking
    more than INLINE_SLOW_SECONDS) never holds up those stored pages either, readers' pages
    then go to Django's thread for INLINE_PAUSE_SECONDS.

    `run_sync(function, *args)` runs `function` on Django's thread and returns an
    awaitable; tests pass asgiref's thread-sensitive runner so Django shares the test's
    database transaction, so then every request takes it.
    """

    def __init__(self, wsgi_application, run_sync=None):
        self.wsgi = wsgi_application
        # Readers' requests on the loop's thread only beside the worker's own Django thread.
        self.inline_context = contextvars.Context() if run_sync is None else None
        self.on_thread = 0  # requests handed to Django's thread and not finished yet
        self.inline_streams = 0  # readers' responses still being sent from the loop's thread
        self.inline_resume_at = 0.0  # readers' pages go to the thread until then (a failure, a slow page)
        self.clock = time.monotonic
        if run_sync is None:
            executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="django")

            def run_sync(function, *args):
                return asyncio.get_running_loop().run_in_executor(executor, function, *args)

        self.run_sync = run_sync

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"The portal serves HTTP only, not {scope['type']}.")
        body = await _read_body(receive)
        if body is None:
            return  # the client left before sending its whole request
        inline = (
            self.inline_context is not None
            and not self.on_thread
            and not self.inline_streams
            and self.clock() >= self.inline_resume_at
            and _reader(scope)
        )
        run = self._run_inline if inline else self.run_sync
        if not inline:
            self.on_thread += 1
        rest, streaming = None, False
        try:
            started = self.clock()
            try:
                status, headers, chunks, rest = await run(self._start, wsgi_environ(scope, body))
            except BaseException:
                if inline:
                    self.inline_resume_at = self.clock() + INLINE_PAUSE_SECONDS
                raise
            if inline and (status >= 500 or self.clock() - started > INLINE_SLOW_SECONDS):
                self.inline_resume_at = self.clock() + INLINE_PAUSE_SECONDS
            if inline and rest is not None:
                # Sending yields to the loop: no other reader's request starts on it meanwhile.
                streaming = True
                self.inline_streams += 1
            await send({"type": "http.response.start", "status": status, "headers": headers})
            while rest is not None:
                await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
                chunks, rest = await run(self._more, rest)
            await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": False})
        finally:
            body.close()
            if rest is not None:  # the client left in the middle of a download
                await run(rest[0].close)
            if streaming:
                self.inline_streams -= 1
            if not inline:
                self.on_thread -= 1

    async def _run_inline(self, function, *args):
        """`function` on the loop's thread, in the readers' context, as if no loop were running.

        The loop is blocked meanwhile, so Django's checks against database access from
        async code (SynchronousOnlyOperation) do not apply: no coroutine runs until it returns.
        """
        loop = asyncio.events._get_running_loop()
        asyncio.events._set_running_loop(None)
        try:
            return self.inline_context.run(function, *args)
        finally:
            asyncio.events._set_running_loop(loop)

    def _start(self, environ):
        """Where Django runs: the request; (status, headers, first chunks, rest or None)."""
        started = {}

        def start_response(status, headers, exc_info=None):
            started["status"] = int(status.split(" ", 1)[0])
            started["headers"] = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers]

        result = self.wsgi(environ, start_response)
        chunks, rest = self._more((result, iter(result)))
        return started["status"], started["headers"], chunks, rest

    @staticmethod
    def _more(rest):
        """Where Django runs: the next RESPONSE_BUFFER bytes; closes the response at its end."""
        result, iterator = rest
        chunks, size = [], 0
        try:
            for chunk in iterator:
                chunks.append(chunk)
                size += len(chunk)
                if size >= RESPONSE_BUFFER:
                    return chunks, rest
        except BaseException:
            result.close()
            raise
        result.close()  # Django's request_finished: database connections are tidied here
        return chunks, None


def _reader(scope):
    """A reader's request: GET or HEAD without a session or messages cookie (articles.cache._lane_key)."""
    if scope["method"] not in ("GET", "HEAD"):
        return False
    cookies = b"; ".join(value for name, value in scope.get("headers", ()) if name.lower() == b"cookie")
    if not cookies:
        return True
    from django.http.cookie import parse_cookie

    from articles.cache import is_readers

    return is_readers(parse_cookie(cookies.decode("latin-1")))


async def _read_body(receive):
    """The request body in a temporary file (in memory while small), or None on disconnect."""
    from django.conf import settings

    body = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE, mode="w+b")
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            body.close()
            return None
        body.write(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body.seek(0)
    return body


def wsgi_environ(scope, body):
    """The WSGI environ of an ASGI HTTP scope (PEP 3333: native strings hold latin-1 bytes)."""
    script_name = scope.get("root_path", "").encode().decode("latin-1")
    path = scope["path"].encode().decode("latin-1")
    if script_name and path.startswith(script_name):
        path = path[len(script_name) :]
    server = scope.get("server") or ("localhost", 80)
    environ = {
        "REQUEST_METHOD": scope["method"],
        "SCRIPT_NAME": script_name,
        "PATH_INFO": path,
        "QUERY_STRING": scope.get("query_string", b"").decode("latin-1"),
        "SERVER_NAME": server[0],
        "SERVER_PORT": str(server[1] or 80),
        "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scope.get("scheme", "http"),
        "wsgi.input": body,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if scope.get("client"):
        environ["REMOTE_ADDR"] = scope["client"][0]
    for name, value in scope.get("headers", []):
        name = name.decode("latin-1").lower()
        if name == "content-length":
            key = "CONTENT_LENGTH"
        elif name == "content-type":
            key = "CONTENT_TYPE"
        else:
            key = "HTTP_" + name.upper().replace("-", "_")
        value = value.decode("latin-1")
        if key in environ:
            value = environ[key] + ("; " if key == "HTTP_COOKIE" else ",") + value
        environ[key] = value
    if "CONTENT_LENGTH" not in environ:  # a chunked body: Django reads CONTENT_LENGTH bytes
        size = body.seek(0, io.SEEK_END)
        body.seek(0)
        if size:
            environ["CONTENT_LENGTH"] = str(size)
    for key, value in scope.items():
        if key.startswith("portal."):  # what the page lane tells Django (articles.cache)
            environ[key] = value
    return environ


def portal_application(run_sync=None):
    """The whole ASGI stack around Django's WSGI handler."""
    from django.core.wsgi import get_wsgi_application

    from articles.lane import PublicPageLane
    from operations.middleware import RequestSizeLimitASGI

    return RequestSizeLimitASGI(PublicPageLane(DjangoThread(get_wsgi_application(), run_sync)))


def _application():
    try:
        django.setup(set_prefix=False)
    except EnvError as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        sys.exit(2)
    return portal_application()


application = _application()
