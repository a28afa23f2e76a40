from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import feeds, views
from .cache import public_page
from .sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("chuyen-muc/<slug:slug>/", views.category, name="category"),
    path("chuyen-muc/<slug:slug>/rss/", public_page(feeds.CategoryFeed(), count=False), name="category_rss"),
    path(
        "chuyen-muc/<slug:slug>/atom/",
        public_page(feeds.CategoryAtomFeed(), count=False),
        name="category_atom",
    ),
    path("tin-tuc/<slug:slug>/", views.item_detail, name="item"),
    path("trang/<slug:slug>/", views.page_detail, name="page"),
    path("tim-kiem/", views.search, name="search"),
    path("rss/", public_page(feeds.SiteFeed(), count=False), name="rss"),
    path("atom/", public_page(feeds.SiteAtomFeed(), count=False), name="atom"),
    path("sitemap.xml", public_page(sitemap, count=False), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("bien-tap/anh/tai-len/", views.editor_image_upload, name="editor_image_upload"),
]
