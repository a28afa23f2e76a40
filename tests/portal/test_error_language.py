"""The bare 500 page declares the language it is written in and links to that language's home page."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from portal import urls as portal_urls


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [*i18n_patterns(path("boom/", _boom), prefix_default_language=False), *portal_urls.urlpatterns]
handler500 = "portal.views.server_error"

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def production_client(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    return client


def test_english_500_page_is_marked_english_and_links_home_in_english(production_client):
    html = production_client.get("/en/boom/").content.decode()
    assert '<html lang="en">' in html and 'href="/en/"' in html


def test_vietnamese_500_page_is_marked_vietnamese(production_client):
    html = production_client.get("/boom/").content.decode()
    assert '<html lang="vi">' in html and 'href="/"' in html
