"""Error pages with DEBUG off: translated, and they leak nothing."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from audit.models import AuditEntry
from portal import urls as portal_urls


def _boom(request):
    raise RuntimeError("secret-traceback-detail /etc/portal.env")


def _forbidden(request):
    raise PermissionDenied("internal reason not for users")


def _bad(request):
    raise SuspiciousOperation("internal bad detail")


urlpatterns = [
    path("boom/", _boom),
    path("cam/", _forbidden),
    path("sai/", _bad),
    *portal_urls.urlpatterns,
]
handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def production_client(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    return client


def test_500_page_is_translated_and_reveals_nothing(production_client):
    response = production_client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "secret-traceback-detail" not in html and "/etc/portal.env" not in html
    assert "Traceback" not in html
    assert "Đã có lỗi" in html or "Lỗi máy chủ" in html or "lỗi" in html.lower()


def test_403_page_is_translated_hides_the_reason_and_is_audited(production_client):
    response = production_client.get("/cam/")
    assert response.status_code == 403
    assert "internal reason" not in response.content.decode()
    assert AuditEntry.objects.filter(action="access.denied", path="/cam/").exists()


def test_400_page_hides_the_detail(production_client):
    response = production_client.get("/sai/")
    assert response.status_code == 400
    assert "internal bad detail" not in response.content.decode()


def test_404_page_is_translated_and_does_not_echo_the_path(production_client):
    response = production_client.get("/khong-ton-tai-<script>alert(1)</script>/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Không tìm thấy trang" in html or "không tồn tại" in html
