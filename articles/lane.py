"""The page cache's ASGI lane: a cookie-less reader's stored page, answered on the event loop.

Under gunicorn with the portal's uvicorn worker (portal/gunicorn_conf.py) every request
meets `PublicPageLane` first. It asks exactly what `PublicPageCacheMiddleware` would ask
(articles/cache.py, through the same `_lane_key` on a real `ASGIRequest`): GET or HEAD,
no session or messages cookie, an allowed host, https where production requires it. For
such a request it reads the cache generation and the stored final response from Redis
and, on a hit, sends that response and counts the visit (articles.visits) without a
thread, Django's request/response cycle or any middleware.

Hot pages are also kept in the worker's memory (`LocalPages`, bounded in bytes), valid
only while their generation is the current one: a hit on such a page is ONE Redis round
trip that reads the generation and counts the visit together, and the page's bytes do
not cross the network again. A publication bumps the generation (articles.services), so
every worker's copies are stale at its next request.

Why: the same hit through Django costs ~0.3 ms of Python in a sync worker, which caps a
two-core server near 2,600 pages/s; on the event loop it is a fraction of that, and a
hit never waits behind a slow page being rendered (docs/performance.md).

Everything else, and every miss, goes to Django unchanged; on a miss the scope says so
(`ASGI_MISS_SCOPE_KEY`), so the middleware renders and stores the page without a second
lookup, and whether the lane already counted the visit (`ASGI_COUNTED_SCOPE_KEY`).
Without Redis (development, tests) the lane stands aside. With Redis unreachable it
stands aside for a few seconds after each failure, so pages never wait on it twice.
"""

import asyncio
import io
import logging
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache, RedisSerializer
from django.core.handlers.asgi import ASGIRequest

from .cache import ASGI_COUNTED_SCOPE_KEY, ASGI_MISS_SCOPE_KEY, _lane_key
from .selectors import GENERATION_CACHE_KEY
from .visits import visit_counted, visit_counter_names

logger = logging.getLogger(__name__)

RETRY_AFTER_FAILURE = 5.0  # seconds the lane stands aside after Redis failed
LOCAL_PAGES_BYTES = 24 * 1024 * 1024  # per worker process
_EMPTY_BODY = io.BytesIO()


class LocalPages:
    """Least-recently-used stored pages of this worker, at most `max_bytes` of content."""

    def __init__(self, max_bytes=LOCAL_PAGES_BYTES):
        self.max_bytes = max_bytes
        self.size = 0
        self._entries = OrderedDict()

    def get(self, key):
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key, entry):
        self.discard(key)
        length = len(entry["content"])
        if length > self.max_bytes:
            return
        self._entries[key] = entry
        self.size += length
        while self.size > self.max_bytes:
            _key, old = self._entries.popitem(last=False)
            self.size -= len(old["content"])

    def discard(self, key):
        old = self._entries.pop(key, None)
        if old is not None:
            self.size -= len(old["content"])

    def clear(self):
        self._entries.clear()
        self.size = 0


class PublicPageLane:
    """ASGI wrapper answering stored anonymous pages before `inner` (Django) is called."""

    def __init__(self, inner, *, local_bytes=LOCAL_PAGES_BYTES):
        self.inner = inner
        self.local = LocalPages(local_bytes)
        self._pools = {}  # one redis.asyncio connection pool per event loop (one loop per worker)
        self._serializer = RedisSerializer()
        self._down_until = 0.0

    def enabled(self):
        return (
            settings.PUBLIC_PAGE_CACHE
            and isinstance(caches["default"], RedisCache)
            and time.monotonic() >= self._down_until
        )

    def _pool(self):
        import redis.asyncio

        loop = asyncio.get_running_loop()
        pool = self._pools.get(id(loop))
        if pool is None:
            options = settings.CACHES["default"].get("OPTIONS", {})
            pool = redis.asyncio.ConnectionPool.from_url(
                settings.CACHES["default"]["LOCATION"],
                socket_connect_timeout=options.get("socket_connect_timeout", 1),
                socket_timeout=options.get("socket_timeout", 1),
            )
            self._pools[id(loop)] = pool
        return pool

    async def _execute(self, *commands):
        """Send `commands` in one round trip and return their replies.

        On a pooled connection directly: redis-py's pipeline object costs three times the
        CPU of the round trip itself (0.24 against 0.08 ms), most of a hit's cost.
        """
        pool = self._pool()
        connection = await pool.get_connection()
        try:
            await connection.send_packed_command(connection.pack_commands(commands))
            return [await connection.read_response() for _command in commands]
        except BaseException:
            await connection.disconnect()  # a half-read reply must not reach the next request
            raise
        finally:
            await pool.release(connection)

    def _failed(self, operation, exc):
        if time.monotonic() >= self._down_until:
            logger.warning("Page lane: cache unavailable during %s, passing requests to Django: %s",
                           operation, exc)
        self._down_until = time.monotonic() + RETRY_AFTER_FAILURE

    def _loads(self, raw):
        return None if raw is None else self._serializer.loads(raw)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or not self.enabled():
            return await self.inner(scope, receive, send)
        try:
            key = _lane_key(ASGIRequest(scope, _EMPTY_BODY))
        except Exception:  # an undecodable query string and the like: Django answers it
            key = None
        if key is None:
            return await self.inner(scope, receive, send)
        try:
            entry, generation, counted, replies = await self._lookup(key)
        except Exception as exc:
            self._failed("lookup", exc)
            return await self.inner(scope, receive, send)
        if entry is None:
            scope = {**scope, ASGI_MISS_SCOPE_KEY: (key, generation), ASGI_COUNTED_SCOPE_KEY: counted is not None}
            return await self.inner(scope, receive, send)
        await self._replay(entry, scope, send)
        try:
            await self._count(entry, counted, replies)
        except Exception as exc:  # the page is sent; a lost view is better than an error
            self._failed("visit count", exc)

    async def _lookup(self, key):
        """(current entry or None, generation, view counted in the lookup or None, replies)."""
        make_key = cache.make_key
        local = self.local.get(key)
        commands = [("GET", make_key(GENERATION_CACHE_KEY))]
        counted = None
        if local is None:
            commands.append(("GET", make_key(key)))
        elif local["count"]:
            # The page is very likely still current: count the view in the same round trip.
            counted = (local["item"], *visit_counter_names(make_key, local["item"]))
            commands.extend(("INCR", name) for name in counted[2])
        replies = await self._execute(*commands)
        generation = self._loads(replies[0])
        if local is not None and generation is not None and local["generation"] == generation:
            return local, generation, counted, replies
        if local is not None:
            self.local.clear()  # a publication: every page this worker kept is stale
            (raw,) = await self._execute(("GET", make_key(key)))
            entry = self._loads(raw)
        else:
            entry = self._loads(replies[1])
        if entry is None or generation is None or entry["generation"] != generation:
            return None, generation, counted, replies
        self.local.put(key, entry)
        return entry, generation, counted, replies

    async def _count(self, entry, counted, replies):
        """Count the view of a page sent from the cache (unless the lookup already did)."""
        if counted is not None:
            item, day, names = counted
            values = replies[1:]
        elif entry["count"]:
            item = entry["item"]
            day, names = visit_counter_names(cache.make_key, item)
            values = await self._execute(*[("INCR", name) for name in names])
        else:
            return
        await visit_counted(self._execute, cache.make_key, day, names, values, item)

    @staticmethod
    async def _replay(entry, scope, send):
        body = entry["content"]
        headers = [
            (name.encode("latin-1"), str(value).encode("latin-1"))
            for name, value in entry["headers"]
            if name.lower() != "content-length"
        ]
        headers.append((b"content-length", str(len(body)).encode("ascii")))
        await send({"type": "http.response.start", "status": entry["status"], "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
