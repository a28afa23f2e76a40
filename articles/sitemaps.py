from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Page
from .selectors import categories_all, items_published


class ItemSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return items_published().only("slug", "updated_at", "published_at").order_by("-published_at", "-id")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return [c for c in categories_all() if c.is_visible and not c.link]

    def location(self, category):
        return reverse("articles:category", kwargs={"slug": category.slug})


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.filter(is_published=True).only("slug", "updated_at")

    def lastmod(self, page):
        return page.updated_at


class HomeSitemap(Sitemap):
    priority = 1.0
    changefreq = "hourly"

    def items(self):
        return ["portal:home", "articles:search"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"home": HomeSitemap, "categories": CategorySitemap, "items": ItemSitemap, "pages": PageSitemap}
