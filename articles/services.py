"""Writes to content: every path that saves an item's text goes through `item_prepare`."""

from django.core.cache import cache

from core.html import html_to_text, sanitize_html
from core.text import fold, normalize_text, slugify_vi

from .models import Item, SlugRedirect
from .selectors import MENU_CACHE_KEY


def item_prepare(item):
    """Normalise text, sanitise the body and refresh the search text before a save.

    Called by the editorial services, the admin and the demo loader alike, so no
    path stores unsanitised HTML or text that search would not find.
    """
    item.title = normalize_text(item.title, multiline=False)
    item.summary = normalize_text(item.summary)
    item.byline = normalize_text(item.byline, multiline=False)
    item.body = sanitize_html(normalize_text(item.body))
    item.search_text = fold(" ".join([item.title, item.summary or "", html_to_text(item.body)]))
    return item


def item_slug_assign(item):
    """Give a published item a unique slug from its title; keep the old one as a redirect."""
    base = slugify_vi(item.title, max_length=200) or "tin"
    slug, n = base, 1
    others = Item.objects.exclude(pk=item.pk) if item.pk else Item.objects.all()
    redirects = SlugRedirect.objects.exclude(item_id=item.pk) if item.pk else SlugRedirect.objects.all()
    while others.filter(slug=slug).exists() or redirects.filter(old_slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    if item.slug and item.slug != slug:
        SlugRedirect.objects.get_or_create(old_slug=item.slug, defaults={"item": item})
    item.slug = slug
    return slug


def category_cache_clear():
    cache.delete(MENU_CACHE_KEY)


def item_visibility_changed(item):
    """Call after commit whenever an item is published, changed while public, or unpublished.

    The public site's caches (home, listings, feeds, sitemap) depend on what is
    published; this is their one invalidation point.
    """
    cache.delete(MENU_CACHE_KEY)
