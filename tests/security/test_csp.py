"""The portal's CSP middleware (portal.middleware.PortalCSPMiddleware) sends exactly the
headers django-csp's own middleware would, while building each policy only once."""

import re

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from portal.middleware import PortalCSPMiddleware, RichTextEditorStyleMiddleware

NONCE = re.compile(r"'nonce-[^']+'")


def _headers(middleware_class, path, use_nonce, report_only=False):
    def view(request):
        response = HttpResponse("ok")
        if use_nonce:
            str(request.csp_nonce)  # a template asked for the nonce
        return response

    chain = middleware_class(RichTextEditorStyleMiddleware(view))
    request = RequestFactory().get(path)
    response = chain(request)
    header = "Content-Security-Policy-Report-Only" if report_only else "Content-Security-Policy"
    return response.get(header), getattr(request, "_csp_nonce", None)


@pytest.mark.parametrize("path", ["/", "/tin-tuc/mot-bai/", "/bien-tap/", "/en/quan-tri/"])
@pytest.mark.parametrize("use_nonce", [True, False])
def test_the_same_policy_as_django_csp(path, use_nonce):
    for _ in range(2):  # built, then from memory
        ours, our_nonce = _headers(PortalCSPMiddleware, path, use_nonce)
        theirs, their_nonce = _headers(CSPMiddleware, path, use_nonce)
        assert NONCE.sub("N", ours) == NONCE.sub("N", theirs)
        if use_nonce:
            assert f"'nonce-{our_nonce}'" in ours and our_nonce != their_nonce
        else:
            assert "'nonce-" not in ours
    if path.startswith(("/bien-tap/", "/en/quan-tri/")):
        assert "style-src-attr 'unsafe-inline'" in ours
    else:
        assert "unsafe-inline" not in ours


def test_each_response_carries_its_own_nonce():
    first, nonce_1 = _headers(PortalCSPMiddleware, "/", True)
    second, nonce_2 = _headers(PortalCSPMiddleware, "/", True)
    assert nonce_1 != nonce_2
    assert f"'nonce-{nonce_1}'" in first and nonce_1 not in second and f"'nonce-{nonce_2}'" in second


def test_a_changed_setting_changes_the_policy():
    before, _nonce = _headers(PortalCSPMiddleware, "/", False)
    policy = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["'self'", "https://anh.example.vn"]}}
    with override_settings(CONTENT_SECURITY_POLICY=policy, CONTENT_SECURITY_POLICY_REPORT_ONLY=policy):
        ours, _nonce = _headers(PortalCSPMiddleware, "/", False)
        report_only, _nonce = _headers(PortalCSPMiddleware, "/", False, report_only=True)
        assert "https://anh.example.vn" in ours and ours != before
        assert report_only == _headers(CSPMiddleware, "/", False, report_only=True)[0]
    assert _headers(PortalCSPMiddleware, "/", False)[0] == before
