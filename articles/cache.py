"""Whole-page cache for anonymous readers, invalidated by publication.

Keys carry the public cache generation (bumped by item_visibility_changed), the
language and the full path, so publishing, changing or unpublishing an item makes
every cached page stale at once. Only anonymous GETs with no pending messages
and no CSRF token or cookie in the response are stored: logged-in users, forms
and flash messages are never shared between readers.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from .selectors import public_cache_generation
from .visits import visit_record

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 600
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Location", "Link")


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.user.is_authenticated:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES and len(get_messages(request)):
        return False
    return True


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "_public_cache_skip", False):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)


def _key(request, generation):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"public-page:{generation}:{get_language()}:{digest}"


def public_page(view=None, *, count=True):
    """Serve anonymous readers from the cache and count the page view (see articles.visits).

    `count=False` for feeds and the sitemap: robots reading them are not visits.
    """
    if view is None:
        return lambda view: public_page(view, count=count)

    def record(item_id):
        if count:
            visit_record(item_id)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True)
            if response.status_code == 200:
                record(getattr(response, "visit_item_id", None))
            return response
        generation = public_cache_generation()
        key = _key(request, generation) if generation is not None else None
        cached = None
        if key:
            try:
                cached = cache.get(key)
            except Exception:
                cached = None
        if cached is not None:
            response = HttpResponse(cached["content"], status=200)
            for header, value in cached["headers"].items():
                response[header] = value
            record(cached.get("item"))
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            record(getattr(response, "visit_item_id", None))
        if key and _cacheable_response(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            entry = {
                "content": response.content,
                "headers": {h: response[h] for h in _KEPT_HEADERS if response.has_header(h)},
                "item": getattr(response, "visit_item_id", None),
            }
            try:
                cache.set(key, entry, PAGE_TIMEOUT)
            except Exception:
                logger.debug("page not cached", exc_info=True)
        return response

    return wrapper
