"""portal.asgi.DjangoThread: Django's WSGI handler behind the ASGI server, one trip per request."""

import io

import pytest
from django.http import FileResponse, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from portal.asgi import RESPONSE_BUFFER
from tests.asgi import asgi_request, django_on_test_thread


@csrf_exempt
def echo(request, word):
    return HttpResponse(
        f"{request.method} {len(request.body)} {request.COOKIES.get('a')}-{request.COOKIES.get('b')} "
        f"{request.GET.get('q')} {request.path}",
        content_type="text/plain; charset=utf-8",
    )


def download(request):
    return FileResponse(io.BytesIO(b"x" * (RESPONSE_BUFFER * 3 + 5)), as_attachment=True, filename="tep.docx")


urlpatterns = [path("echo/<str:word>/", echo), path("tai-ve/", download)]


def call(path_, *, method="GET", body=b"", headers=(), query=b"", chunked=False):
    parts = [body[i : i + 7] for i in range(0, len(body), 7)] if chunked and body else [body]
    return asgi_request(django_on_test_thread(), path_, method=method, query=query, headers=headers,
                        body_parts=parts)


@pytest.mark.urls("tests.portal.test_asgi")
def test_a_posted_body_in_pieces_cookies_query_and_a_vietnamese_path_reach_django(db):
    messages = call(
        "/echo/hòa-giải/", method="POST", body=b"noi-dung=" + b"a" * 30, chunked=True, query=b"q=ph%C3%A1p",
        headers=[(b"cookie", b"a=1"), (b"cookie", b"b=2"), (b"content-type", b"application/x-www-form-urlencoded")],
    )
    assert messages[0]["status"] == 200
    assert messages[-1]["body"].decode() == "POST 39 1-2 pháp /echo/hòa-giải/"


@pytest.mark.urls("tests.portal.test_asgi")
def test_a_download_is_sent_in_pieces_not_read_whole_into_memory(db):
    messages = call("/tai-ve/")
    start, bodies = messages[0], messages[1:]
    assert start["status"] == 200 and (b"content-disposition", b'attachment; filename="tep.docx"') in start["headers"]
    assert len(bodies) >= 4 and all(m["more_body"] for m in bodies[:-1]) and not bodies[-1]["more_body"]
    assert b"".join(m["body"] for m in bodies) == b"x" * (RESPONSE_BUFFER * 3 + 5)


def test_django_answers_its_own_errors_through_the_bridge(db):
    messages = call("/khong-co-trang-nay/")
    assert messages[0]["status"] == 404
    assert (b"content-type", b"text/html; charset=utf-8") in messages[0]["headers"]
    assert b"</html>" in messages[-1]["body"]  # the portal's own error page
