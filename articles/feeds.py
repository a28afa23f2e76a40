"""RSS and Atom feeds of the whole site and of each category (shared with other portals, Trà Vinh)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from organisation.selectors import department_get

from .selectors import category_items, category_public, items_listed

FEED_SIZE = 30


class SiteFeed(Feed):
    description = _("The latest news and articles.")

    def title(self):
        department = department_get()
        return department.name_en if get_language() == "en" and department.name_en else department.name

    def link(self):
        return reverse("portal:home")

    def items(self):
        return items_listed(get_language()).select_related("category")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.category.label] if item.category_id else []


class SiteAtomFeed(SiteFeed):
    feed_type = Atom1Feed
    subtitle = SiteFeed.description


class CategoryFeed(SiteFeed):
    def get_object(self, request, slug):
        category = category_public(slug)
        if category is None:
            raise Http404
        return category

    def title(self, category):
        return f"{category.label} – {super().title()}"

    def link(self, category):
        return reverse("articles:category", kwargs={"slug": category.slug})

    def description(self, category):
        return category.description or category.label

    def items(self, category):
        return category_items(category, get_language()).select_related("category")[:FEED_SIZE]


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, category):
        return self.description(category)
