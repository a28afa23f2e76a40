"""Whole-page cache for anonymous readers, invalidated by publication.

Two layers, one copy of a page per kind of reader:

* `PublicPageCacheMiddleware`, the outermost middleware, serves a reader who sends no
  session or messages cookie (most readers, robots, the nginx microcache behind it): one
  cache round trip returns the stored *final* response, security headers included, without
  running the rest of the middleware stack. That is what takes a cache hit from ~900 to
  several thousand requests/s on two cores (docs/performance.md).
* `public_page` on a view decides whether the page may be shared at all and, for an
  anonymous reader who does carry a session cookie (e.g. after sending a question), keeps
  the rendered page itself.

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
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from .fragments import GENERATION_ATTRIBUTE
from .selectors import GENERATION_CACHE_KEY, public_cache_generation
from .visits import visit_record

logger = logging.getLogger(__name__)

PAGE_TIMEOUT = 600
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Location", "Link")


def _cacheable_request(request):
    if not settings.PUBLIC_PAGE_CACHE or request.method not in ("GET", "HEAD"):
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


def public_page(view=None, *, count=True, timeout=PAGE_TIMEOUT):
    """Serve anonymous readers from the cache and count the page view (see articles.visits).

    `count=False` for feeds and the sitemap: robots reading them are not visits. `timeout`
    bounds how stale a page may get when what it shows does not bump the cache generation.
    """
    if view is None:
        return lambda view: public_page(view, count=count, timeout=timeout)

    def record(item_id):
        if count:
            visit_record(item_id)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if getattr(request, LANE_ATTRIBUTE, False):
            # A cookie-less reader: PublicPageCacheMiddleware looked the page up and will store it.
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                record(getattr(response, "visit_item_id", None))
            if _cacheable_response(request, response):
                response.public_page_lane = {
                    "item": getattr(response, "visit_item_id", None), "count": count, "timeout": timeout,
                }
            return response
        if not _cacheable_request(request):
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                patch_cache_control(response, private=True)
            if response.status_code == 200:
                record(getattr(response, "visit_item_id", None))
            return response
        generation = public_cache_generation()
        key = _key(request, generation) if generation is not None else None
        setattr(request, GENERATION_ATTRIBUTE, generation)
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
                cache.set(key, entry, timeout)
            except Exception:
                logger.debug("page not cached", exc_info=True)
        return response

    return wrapper


# --- The outermost layer ------------------------------------------------------------------

LANE_ATTRIBUTE = "_public_page_lane"
# Set in the ASGI scope by articles.lane on a miss: (lane key, generation it read); portal.asgi
# passes it on in the WSGI environ, so the middleware finds it in request.META.
ASGI_MISS_SCOPE_KEY = "portal.page_lane_miss"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage


def is_readers(cookies):
    """Whether these cookies are a reader's: no session (not signed in) and no pending messages."""
    return settings.SESSION_COOKIE_NAME not in cookies and MESSAGES_COOKIE not in cookies


def _lane_key(request):
    """The cache key of this request's final response, or None if it must not be shared.

    Only GET/HEAD without a session or messages cookie: such a reader is anonymous and has
    nothing personal to see, and nothing the rest of the stack would do differently for
    them is skipped (an http request that production would redirect to https, or a host
    outside ALLOWED_HOSTS, goes through the whole stack).
    """
    if not settings.PUBLIC_PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return None
    if not is_readers(request.COOKIES):
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    digest = hashlib.sha256(f"{host}{request.get_full_path()}".encode()).hexdigest()[:32]
    return f"public-lane:{digest}"


class PublicPageCacheMiddleware:
    """First in MIDDLEWARE: answers cookie-less readers from the stored final response.

    A response is stored only when a `public_page` view marked it shareable, it sets no
    cookie and holds no CSRF token, under the cache generation read *before* the view ran
    (a publication during rendering leaves the copy already stale). A hit still counts
    the visit. With the cache down every request is a miss and goes through the stack.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _lane_key(request)
        if key is None:
            return self.get_response(request)
        missed = request.META.get(ASGI_MISS_SCOPE_KEY)
        if missed is not None and missed[0] == key:
            # The ASGI lane (articles/lane.py) looked this page up a moment ago and missed.
            generation = missed[1]
        else:
            values = cache.get_many([GENERATION_CACHE_KEY, key])
            generation = values.get(GENERATION_CACHE_KEY)
            entry = values.get(key)
            if entry is not None and generation is not None and entry["generation"] == generation:
                return self._replay(entry)
        if generation is None:
            generation = public_cache_generation()  # first request since a flush: start one
        setattr(request, LANE_ATTRIBUTE, True)
        setattr(request, GENERATION_ATTRIBUTE, generation)
        response = self.get_response(request)
        lane = getattr(response, "public_page_lane", None)
        if (
            lane
            and generation is not None
            and request.method == "GET"
            and response.status_code == 200
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_USED")
        ):
            entry = {
                "generation": generation,
                "status": response.status_code,
                "headers": list(response.items()),
                "content": response.content,
                "item": lane["item"],
                "count": lane["count"],
            }
            try:
                cache.set(key, entry, lane["timeout"])
            except Exception:
                logger.debug("page not cached", exc_info=True)
        return response

    @staticmethod
    def _replay(entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for header, value in entry["headers"]:
            response.headers[header] = value
        if entry["count"]:
            visit_record(entry["item"])
        return response


# --- Pages of other apps -------------------------------------------------------------------

def refresh_public_pages_on_change(model, shown=None):
    """Make cached public pages stale, after commit, when a row of `model` the public sees changes.

    For Q&A, drafts for comment and legal documents, whose pages other apps cache with
    `public_page`: publishing an answer or a document shows at once, not after the timeout.
    `shown(values)` tells from a row's loaded field values (its `__dict__`, so a deferred
    field is never fetched; KeyError counts as shown) whether the public sees it; a save
    refreshes when the row was shown before or is shown after, a delete when it was shown.
    Staff work on rows the public never sees leaves the cache alone.
    """
    from .services import public_cache_invalidate

    def is_shown(instance):
        if shown is None:
            return True
        try:
            return bool(shown(instance.__dict__))
        except KeyError:
            return True

    def loaded(sender, instance, **kwargs):
        instance._public_shown_before = bool(instance.pk) and is_shown(instance)

    def saved(sender, instance, **kwargs):
        now_shown = is_shown(instance)
        if now_shown or getattr(instance, "_public_shown_before", False):
            transaction.on_commit(public_cache_invalidate)
        instance._public_shown_before = now_shown

    def deleted(sender, instance, **kwargs):
        if is_shown(instance):
            transaction.on_commit(public_cache_invalidate)

    uid = f"public-pages:{model._meta.label}"
    if shown is not None:
        post_init.connect(loaded, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid)
