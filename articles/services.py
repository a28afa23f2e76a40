"""Writes to content: every path that saves an item's text goes through `item_prepare`."""

from django.core.cache import cache

from core.html import html_to_text, sanitize_html
from core.text import fold, normalize_text, slugify_vi
from operations.cache import near_cache

from .models import Item, SlugRedirect
from .selectors import (
    CATEGORIES_CACHE_KEY,
    GENERATION_CACHE_KEY,
    MENU_CACHE_KEY,
    SIDEBAR_CACHE_KEY,
    generation_start,
)


def item_prepare(item):
    """Normalise text, sanitise the body and refresh the search text before a save.

    Called by the editorial services, the admin and the demo loader alike, so no
    path stores unsanitised HTML or text that search would not find.
    """
    item.title = normalize_text(item.title, multiline=False)
    item.summary = normalize_text(item.summary)
    item.byline = normalize_text(item.byline, multiline=False)
    item.source = normalize_text(item.source, multiline=False)
    item.cover_alt = normalize_text(item.cover_alt, multiline=False)
    item.cover_caption = normalize_text(item.cover_caption, multiline=False)
    item.body = sanitize_html(normalize_text(item.body))
    item.search_text = fold(" ".join([item.title, item.summary or "", html_to_text(item.body)]))
    return item


def page_prepare(page):
    """The same for static pages: NFC text, sanitised body, folded search text."""
    page.title = normalize_text(page.title, multiline=False)
    page.body = sanitize_html(normalize_text(page.body))
    page.search_text = fold(" ".join([page.title, html_to_text(page.body)]))
    return page


def item_slug_assign(item):
    """Give a published item a unique slug from its title; keep the old one as a redirect.

    Called at publication. A published item keeps its slug when edited (links
    shared on social networks must keep working); if an editor reassigns it,
    the old slug stays as a SlugRedirect and the article view answers it with a 301.
    """
    base = slugify_vi(item.title, max_length=200) or "tin"
    slug, n = base, 1
    others = Item.objects.exclude(pk=item.pk) if item.pk else Item.objects.all()
    redirects = SlugRedirect.objects.exclude(item_id=item.pk) if item.pk else SlugRedirect.objects.all()
    while others.filter(slug=slug).exists() or redirects.filter(old_slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    if item.slug and item.slug != slug:
        SlugRedirect.objects.get_or_create(old_slug=item.slug, defaults={"item": item})
    if item.pk:
        # The item may get its former slug back: it is then no longer a redirect.
        SlugRedirect.objects.filter(item_id=item.pk, old_slug=slug).delete()
    item.slug = slug
    return slug


def public_cache_invalidate():
    """Make every cached public page stale at once by moving to a new cache generation."""
    near_cache.clear()  # this process shows the change at once; the others within a second
    try:
        cache.delete_many([MENU_CACHE_KEY, CATEGORIES_CACHE_KEY, SIDEBAR_CACHE_KEY])
        try:
            cache.incr(GENERATION_CACHE_KEY)
        except ValueError:  # no generation yet (an emptied cache): start a new series
            cache.set(GENERATION_CACHE_KEY, generation_start(), None)
    except Exception:  # the cache is down: nothing cached can be served either
        pass


def category_cache_clear():
    public_cache_invalidate()


def item_visibility_changed(item):
    """Call after commit whenever an item is published, changed while public, or unpublished.

    The public site's caches (home, listings, article pages, feeds, sitemap)
    depend on what is published; this is their one invalidation point.
    """
    public_cache_invalidate()
