"""portal.middleware.PortalLocaleMiddleware chooses the language Django's LocaleMiddleware chooses."""

import itertools

import pytest
from django.middleware.locale import LocaleMiddleware
from django.test import RequestFactory
from django.utils import translation

from portal.middleware import PortalLocaleMiddleware

PATHS = ["/", "/en/", "/tin-tuc/hoa-giai/", "/en/tin-tuc/hoa-giai/", "/chuyen-muc/tin-tuc/", "/healthz", "/vi/", "/fr/abc/"]
COOKIES = [None, "en", "vi", "fr"]
ACCEPT = ["", "en-US,en;q=0.9", "vi-VN,vi;q=0.9,en;q=0.5", "fr"]


def _language(middleware_class, path, cookie, accept):
    request = RequestFactory().get(path, HTTP_ACCEPT_LANGUAGE=accept)
    if cookie:
        request.COOKIES["django_language"] = cookie
    with translation.override(None):
        middleware_class(lambda r: None).process_request(request)
        return request.LANGUAGE_CODE, translation.get_language()


@pytest.mark.parametrize(("path", "cookie", "accept"), list(itertools.product(PATHS, COOKIES, ACCEPT)))
def test_the_same_language_as_djangos_middleware(path, cookie, accept):
    assert _language(PortalLocaleMiddleware, path, cookie, accept) == _language(LocaleMiddleware, path, cookie, accept)


@pytest.mark.django_db
def test_an_english_reader_gets_vietnamese_pages_without_the_prefix_and_english_with_it(client):
    headers = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
    client.cookies["django_language"] = "en"
    assert client.get("/", **headers).headers["Content-Language"] == "vi"
    assert client.get("/en/", **headers).headers["Content-Language"] == "en"


def _headers(middleware_class, path, cookie, accept, status):
    from django.http import HttpResponse

    request = RequestFactory().get(path, HTTP_ACCEPT_LANGUAGE=accept)
    if cookie:
        request.COOKIES["django_language"] = cookie
    with translation.override(None):
        middleware = middleware_class(lambda r: HttpResponse(status=status))
        response = middleware(request)
        return response.status_code, response.get("Vary"), response.get("Content-Language"), response.get("Location")


@pytest.mark.parametrize(("path", "cookie", "accept"), list(itertools.product(PATHS, COOKIES, ACCEPT)))
def test_the_same_response_headers_as_djangos_middleware(path, cookie, accept):
    for status in (200, 404):
        assert _headers(PortalLocaleMiddleware, path, cookie, accept, status) == _headers(
            LocaleMiddleware, path, cookie, accept, status
        )


TRICKY_PATHS = [
    "", "/", "//", "/en", "/en/", "/EN/", "/en-us/x", "/en_US/", "/en.html", "/en@x/", "/vi-VN/a", "/fr",
    "/tin-tuc", "/tin-tuc/a/b", "/trang-chủ/", "/a-b-c-d/", "/en//", "x/en/", "/_/", "/en-gb-oxendict/",
]


@pytest.mark.parametrize("path", TRICKY_PATHS)
def test_the_language_of_a_path_is_djangos_asked_twice(path):
    from portal.middleware import _language_from_path

    assert _language_from_path(path) == translation.get_language_from_path(path)
    assert _language_from_path(path) == translation.get_language_from_path(path)  # remembered
