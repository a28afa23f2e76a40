"""portal.asgi.DjangoThread: a reader's request runs on the event loop's thread, never beside another.

These drive the worker's real arrangement (Django's own thread plus the loop's thread) with
a real event loop, so the database is shared between threads (transaction=True).
"""

import asyncio
import contextvars
import threading

import pytest
from django.core.cache import caches
from django.db import connections
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from portal.asgi import DjangoThread
from tests.asgi import http_scope

events = []
post_may_finish = threading.Event()


def where(request):
    """Which thread ran the request (reading the database), and which cache client it used:
    Django keeps those per context (a new client would mean a new connection to Redis)."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
    events.append("read")
    return HttpResponse(f"{threading.current_thread().name} {id(caches['default'])}")


@csrf_exempt
def slow_post(request):
    events.append("post-started")
    post_may_finish.wait(10)
    events.append("post-finished")
    return HttpResponse(threading.current_thread().name)


urlpatterns = [path("noi/", where), path("gui/", slow_post)]


async def _request(app, path_, method="GET", headers=()):
    sent = []
    scope = http_scope(path_, method=method, headers=headers)
    done = False

    async def receive():
        nonlocal done
        if not done:
            done = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:]).decode()


def _on_a_loop_of_its_own(main):
    """main() on an event loop in a thread of its own, from an empty context, as a worker's
    loop runs (the test's thread may already have a loop: Playwright's, in the browser tests)."""
    outcome = {}

    def run():
        try:
            outcome["value"] = contextvars.Context().run(asyncio.run, main())
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="event-loop")
    thread.start()
    thread.join(60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@pytest.fixture
def app(settings):
    from django.core.wsgi import get_wsgi_application

    settings.ROOT_URLCONF = "tests.portal.test_asgi_inline"
    events.clear()
    post_may_finish.clear()
    return DjangoThread(get_wsgi_application())


@pytest.mark.django_db(transaction=True)
def test_a_readers_requests_run_on_the_loops_thread_with_one_lasting_connection(app):
    async def main():
        loop_thread = threading.current_thread().name
        first = await _request(app, "/noi/")
        second = await _request(app, "/noi/", headers=[(b"cookie", b"csrftoken=abc; django_language=en")])
        signed_in = await _request(app, "/noi/", headers=[(b"cookie", b"sessionid=abc")])
        return loop_thread, first, second, signed_in

    loop_thread, first, second, signed_in = _on_a_loop_of_its_own(main)
    assert first[0] == second[0] == signed_in[0] == 200
    first_thread, first_connection = first[1].split()
    second_thread, second_connection = second[1].split()
    assert first_thread == second_thread == loop_thread  # no trip to Django's thread
    assert first_connection == second_connection  # the readers' context keeps its cache client
    assert signed_in[1].startswith("django")  # a signed-in reader's request goes to Django's thread


@pytest.mark.django_db(transaction=True)
def test_a_readers_request_waits_while_djangos_thread_is_busy(app):
    async def main():
        post = asyncio.ensure_future(_request(app, "/gui/", method="POST"))
        while "post-started" not in events:
            await asyncio.sleep(0.01)
        read = asyncio.ensure_future(_request(app, "/noi/"))
        await asyncio.sleep(0.2)  # the reader's request must not run meanwhile
        assert events == ["post-started"]
        post_may_finish.set()
        return await post, await read

    post, read = _on_a_loop_of_its_own(main)
    assert events == ["post-started", "post-finished", "read"]
    assert post == (200, "django_0") and read[0] == 200
    assert read[1].startswith("django")  # it was queued behind the POST on Django's thread


def failing(request):
    raise RuntimeError("the database is down")


urlpatterns.append(path("hong/", failing))


@pytest.mark.django_db(transaction=True)
def test_after_a_failing_or_slow_readers_page_readers_go_to_djangos_thread_for_a_while(app, monkeypatch):
    """A failing database must not hold up the stored pages the loop answers: while readers'
    pages fail or are slow, they wait on Django's thread, then come back to the loop."""
    import portal.asgi

    now = [1000.0]
    app.clock = lambda: now[0]

    async def main():
        runs = []
        runs.append(await _request(app, "/noi/"))
        failed = await _request(app, "/hong/")
        runs.append(await _request(app, "/noi/"))  # within the pause
        now[0] += portal.asgi.INLINE_PAUSE_SECONDS + 0.1
        runs.append(await _request(app, "/noi/"))  # after it
        monkeypatch.setattr(portal.asgi, "INLINE_SLOW_SECONDS", -1.0)  # every page now counts as slow
        runs.append(await _request(app, "/noi/"))
        runs.append(await _request(app, "/noi/"))
        return threading.current_thread().name, failed, runs

    loop_thread, failed, runs = _on_a_loop_of_its_own(main)
    assert failed[0] == 500
    threads = [body.split()[0] for _status, body in runs]
    assert threads[0] == loop_thread
    assert threads[1].startswith("django")
    assert threads[2] == loop_thread
    assert threads[3] == loop_thread and threads[4].startswith("django")  # a slow page pauses it too
