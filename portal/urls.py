from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from . import views

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Public and staff pages: Vietnamese at /, English at /en/ (Bình Phước Điều 4.1.b).
# The articles first: Django tries the patterns in order and records every one it passed,
# and articles and sections are most of what is asked (5 % of an uncached article page's
# CPU went to passing the others). No path of two apps is the same (tests/portal/test_urls.py).
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("quan-tri/", admin.site.urls),
    path("tai-khoan/", include("accounts.urls")),
    path("bien-tap/", include("editorial.urls")),
    path("dinh-muc/", include("quotas.urls")),
    path("nhuan-but/", include("royalties.urls")),
    path("nhat-ky/", include("audit.urls")),
    path("van-ban/", include("legaldocs.urls")),
    path("", include("feedback.urls")),
    path("", include("publicinfo.urls")),
    path("", include("sharing.urls")),
    path("", include("portal.urls_site")),
    prefix_default_language=False,
)

if settings.DEBUG or settings.PORTAL_ENV != "production":
    # Production serves media from nginx (docker/nginx.conf).
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
