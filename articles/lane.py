"""The page cache's ASGI lane: a cookie-less reader's stored page, answered on the event loop.

Under gunicorn with the portal's uvicorn worker (portal/gunicorn_conf.py) every request
meets `PublicPageLane` first. It asks exactly what `PublicPageCacheMiddleware` would ask
(articles/cache.py, through the same `_lane_key` on a real `ASGIRequest`): GET or HEAD,
no session or messages cookie, an allowed host, https where production requires it. For
such a request it reads the cache generation and the stored final response from Redis
and, on a hit, sends that response and counts the visit (articles.visits) without a
thread, Django's request/response cycle or any middleware.

Hot pages are also kept in the worker's memory (`LocalPages`, bounded in bytes). A kept
page is served while its generation is the current one, as last read from Redis at most
GENERATION_TTL (1 s) ago: a publication bumps the generation (articles.services) and
shows within that second, as it does through nginx's one-second microcache. Views are
counted in memory and added to Redis's counters (articles.visits, in the format
`visits_flush` reads) with the next round trip, and at least every VISIT_BATCH_SECONDS;
a worker that dies loses at most that second of views, never a page. So a hot page
costs no network round trip at all.

Why: the same hit through Django costs ~0.3 ms of Python in a sync worker, which caps a
two-core server near 2,600 pages/s; on the event loop, from memory, it is a fraction of
that, and a hit never waits behind a slow page being rendered: a reader's page rendered
on the loop's own thread takes a millisecond or two, and slow or failing ones are sent to
Django's thread (portal.asgi.DjangoThread; docs/performance.md).

Everything else, and every miss, goes to Django unchanged; on a miss the scope says so
(`ASGI_MISS_SCOPE_KEY`), so the middleware renders and stores the page without a second
lookup. Without Redis (development, tests) the lane stands aside. With Redis unreachable
it stands aside for a few seconds after each failure, so pages never wait on it twice.
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

from .cache import ASGI_MISS_SCOPE_KEY, _lane_key
from .selectors import GENERATION_CACHE_KEY
from .visits import visit_counted, visit_counter_names

logger = logging.getLogger(__name__)

RETRY_AFTER_FAILURE = 5.0  # seconds the lane stands aside after Redis failed
LOCAL_PAGES_BYTES = 24 * 1024 * 1024  # per worker process
MAX_IDLE_CONNECTIONS = 64  # to Redis, per worker process
GENERATION_TTL = 1.0  # seconds a worker trusts the cache generation it read (a publication shows within it)
VISIT_BATCH_SECONDS = 1.0  # views are added to Redis in batches at least this often
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

    def __init__(
        self,
        inner,
        *,
        local_bytes=LOCAL_PAGES_BYTES,
        generation_ttl=GENERATION_TTL,
        visit_batch_seconds=VISIT_BATCH_SECONDS,
        clock=time.monotonic,
    ):
        self.inner = inner
        self.local = LocalPages(local_bytes)
        self.generation_ttl = generation_ttl
        self.visit_batch_seconds = visit_batch_seconds
        self._clock = clock
        self._pools = {}  # per event loop: redis.asyncio pool (for its settings) and idle connections
        self._serializer = RedisSerializer()
        self._down_until = 0.0
        self._generation = None
        self._generation_read_at = float("-inf")
        self._pending = {}  # counter name -> [views not yet in Redis, day, item id or None]
        self._pending_since = 0.0
        self._flush_timer = self._flush_task = None

    def enabled(self):
        return (
            settings.PUBLIC_PAGE_CACHE
            and isinstance(caches["default"], RedisCache)
            and time.monotonic() >= self._down_until
        )

    def _idle(self):
        """(connection pool, idle connections) of the running event loop (one loop per worker)."""
        import redis.asyncio

        loop = asyncio.get_running_loop()
        state = self._pools.get(id(loop))
        if state is None:
            options = settings.CACHES["default"].get("OPTIONS", {})
            pool = redis.asyncio.ConnectionPool.from_url(
                settings.CACHES["default"]["LOCATION"],
                socket_connect_timeout=options.get("socket_connect_timeout", 1),
                socket_timeout=options.get("socket_timeout", 1),
            )
            state = self._pools[id(loop)] = (pool, [])
        return state

    async def _execute(self, *commands):
        """Send `commands` in one round trip and return their replies.

        On a connection of our own: redis-py's pipeline object, and its pool's lock and
        liveness probe, cost more CPU than the round trip itself (0.24 and 0.16 against
        0.06 ms), most of a hit's cost. The pool is kept for its connection settings; a
        connection goes back to the idle list only after a complete exchange.
        """
        pool, idle = self._idle()
        connection = idle.pop() if idle else pool.make_connection()
        try:
            await connection.send_packed_command(connection.pack_commands(commands), check_health=False)
            replies = [await connection.read_response() for _command in commands]
        except BaseException:
            await connection.disconnect()  # a half-read reply must not reach the next request
            raise
        if len(idle) < MAX_IDLE_CONNECTIONS:
            idle.append(connection)
        else:
            await connection.disconnect()
        return replies

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
            entry, generation = await self._lookup(key)
        except Exception as exc:
            self._failed("lookup", exc)
            return await self.inner(scope, receive, send)
        if entry is None:
            return await self.inner({**scope, ASGI_MISS_SCOPE_KEY: (key, generation)}, receive, send)
        await self._replay(entry, scope, send)
        if entry["count"]:
            self._pend(entry["item"])
        if self._pending and self._clock() - self._pending_since >= self.visit_batch_seconds:
            await self._flush()
        elif self._pending:
            self._flush_later()

    async def _lookup(self, key):
        """(the current stored page or None, the generation).

        A page this worker keeps is current while the generation it last read is (read at
        most `generation_ttl` seconds ago): no round trip. Otherwise one round trip reads
        the generation (and the page, if not kept) and carries the views counted so far.
        """
        local = self.local.get(key)
        if (
            local is not None
            and self._clock() - self._generation_read_at < self.generation_ttl
            and local["generation"] == self._generation
        ):
            return local, self._generation
        make_key = cache.make_key
        commands = [("GET", make_key(GENERATION_CACHE_KEY))]
        if local is None:
            commands.append(("GET", make_key(key)))
        counters = self._take_pending()
        commands.extend(("INCRBY", name, added) for name, added, _day, _item in counters)
        replies = await self._execute(*commands)
        generation = self._loads(replies[0])
        self._generation, self._generation_read_at = generation, self._clock()
        if counters:
            await self._counted(counters, replies[len(replies) - len(counters) :])
        if local is not None and generation is not None and local["generation"] == generation:
            return local, generation
        if local is not None:
            self.local.clear()  # a publication: every page this worker kept is stale
            (raw,) = await self._execute(("GET", make_key(key)))
            entry = self._loads(raw)
        else:
            entry = self._loads(replies[1])
        if entry is None or generation is None or entry["generation"] != generation:
            return None, generation
        self.local.put(key, entry)
        return entry, generation

    # --- Views: counted in memory, added to Redis at least every visit_batch_seconds ---------

    def _pend(self, item_id):
        day, names = visit_counter_names(cache.make_key, item_id)
        if not self._pending:
            self._pending_since = self._clock()
        for name, item in zip(names, (None, item_id), strict=False):
            counter = self._pending.get(name)
            if counter is None:
                self._pending[name] = [1, day, item]
            else:
                counter[0] += 1

    def _take_pending(self):
        """[(counter name, views to add, day, item id or None)], and start a new batch."""
        counters = [(name, added, day, item) for name, (added, day, item) in self._pending.items()]
        self._pending = {}
        return counters

    async def _counted(self, counters, values):
        try:
            await visit_counted(
                self._execute,
                cache.make_key,
                [(name, added, value, day, item) for (name, added, day, item), value in zip(counters, values, strict=True)],
            )
        except Exception as exc:  # a lost view is better than an error
            self._failed("visit count", exc)

    async def _flush(self):
        counters = self._take_pending()
        if not counters:
            return
        try:
            values = await self._execute(*[("INCRBY", name, added) for name, added, _day, _item in counters])
        except Exception as exc:  # views lost with Redis; the page was sent
            self._failed("visit count", exc)
            return
        await self._counted(counters, values)

    def _flush_later(self):
        """Add the views to Redis after `visit_batch_seconds` even if no request comes."""
        if self._flush_timer is not None:
            return
        loop = asyncio.get_running_loop()

        def fire():
            self._flush_timer = None
            self._flush_task = loop.create_task(self._flush())

        self._flush_timer = loop.call_later(self.visit_batch_seconds, fire)

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
