"""A Redis cache that degrades to "always a miss" while Redis is unreachable.

The cache only ever speeds pages up; a Redis outage must not turn them into
500s. Errors are logged (once per minute at most) and the caller carries on
as if nothing was cached.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)
_last_logged = [0.0]


def _log(operation, exc):
    now = time.monotonic()
    if now - _last_logged[0] > 60:
        _last_logged[0] = now
        logger.warning("Cache unavailable during %s, serving without it: %s", operation, exc)


def _tolerant(name, default=None):
    def method(self, *args, **kwargs):
        try:
            return getattr(super(TolerantRedisCache, self), name)(*args, **kwargs)
        except Exception as exc:  # redis-py raises ConnectionError, TimeoutError, BusyLoadingError...
            _log(name, exc)
            return default() if callable(default) else default

    method.__name__ = name
    return method


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis.Redis per connection pool.

    Django builds a new redis.Redis for every cache call; its constructor fills a table
    of ~80 response callbacks, which cost a cached page hit as much as the Redis round
    trips themselves (0.14 ms of 0.55 ms per hit; docs/performance.md). A redis.Redis is
    thread-safe and its pool hands out the connections, so one per pool is enough.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def validate_key(self, key):
        """Nothing to check: Django's check warns of keys memcached would refuse (over 250
        characters, spaces), which Redis takes; it looked at every character of every key,
        0.2 ms of a page that reads 25 keys in one get_many."""

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except Exception as exc:
            _log("get", exc)
            return default

    set = _tolerant("set")
    add = _tolerant("add", False)
    touch = _tolerant("touch", False)
    delete = _tolerant("delete", False)
    get_many = _tolerant("get_many", dict)
    set_many = _tolerant("set_many", list)
    delete_many = _tolerant("delete_many")
    has_key = _tolerant("has_key", False)
    clear = _tolerant("clear", False)
    incr_version = _tolerant("incr_version")

    def get_or_set(self, key, default, timeout=None, version=None):
        value = self.get(key, version=version)
        if value is None:
            value = default() if callable(default) else default
            if value is not None:
                self.add(key, value, timeout=timeout, version=version)
        return value

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except ValueError:
            raise
        except Exception as exc:
            _log("incr", exc)
            raise ValueError(f"Key {key!r} not found (cache unavailable).") from exc

    def add_to_counters(self, amounts, timeout):
        """Add {key: amount} to the counters in ONE round trip; a counter that did not exist
        starts at its amount and expires after `timeout` seconds. Returns the new values in
        the order of `amounts`, or None if Redis is down.

        Django's incr() makes two round trips per key (EXISTS, then INCR) and a missing key
        needs an add() first; counting a page view that way cost more than serving the
        cached page itself (docs/performance.md).
        """
        try:
            names = [self.make_and_validate_key(key) for key in amounts]
            client = self._cache.get_client(write=True)
            pipeline = client.pipeline(transaction=False)
            for name, amount in zip(names, amounts.values(), strict=True):
                pipeline.incrby(name, amount)
            values = pipeline.execute()
            fresh = [
                name for name, amount, value in zip(names, amounts.values(), values, strict=True) if value == amount
            ]
            if fresh:
                pipeline = client.pipeline(transaction=False)
                for name in fresh:
                    pipeline.expire(name, timeout)
                pipeline.execute()
            return values
        except Exception as exc:
            _log("add_to_counters", exc)
            return None


class NearCache:
    """Copies of shared cache entries kept in this process for at most `NEAR_CACHE_SECONDS`.

    Why: an uncached public page read some twenty-five keys (the layout's fragments, the
    rows of its lists, the generation, the visit counts) from Redis in two round trips and
    unpickled them all, ~15 % of the page's CPU (docs/performance.md). Those entries are
    the same for every page of a language and change rarely; the ones that follow
    publications carry the public cache generation they belong to and are checked against
    it by their reader (articles.fragments). A copy a second old is as good as the original:
    a publication shows within that second, as through nginx's one-second microcache and
    the page lane's generation (articles/lane.py), and at once in the process that made it
    (`clear()` on invalidation).

    Only reads go through it: what is absent from the cache is not remembered, so the first
    request after a miss writes (`set_many`, which keeps a copy) and the next finds it.
    Values are shared between requests: callers must not change them. With the setting at
    0 (tests) every call goes to the cache.
    """

    MAX_ENTRIES = 20_000
    MAX_DERIVED = 1_000

    def __init__(self, backend=None, clock=time.monotonic):
        self._backend = backend
        self._clock = clock
        self._entries = {}  # key -> (value, monotonic time it was read or written)
        self._derived = {}  # key -> (value, monotonic time it was worked out): `remember`

    @property
    def backend(self):
        if self._backend is not None:
            return self._backend
        from django.core.cache import cache

        return cache

    @staticmethod
    def seconds():
        from django.conf import settings

        return getattr(settings, "NEAR_CACHE_SECONDS", 0)

    def get_many(self, keys):
        """{key: value} of the keys found, from this process's copies where fresh enough."""
        ttl = self.seconds()
        if ttl <= 0:
            return self.backend.get_many(keys)
        now = self._clock()
        found, missing = {}, []
        entries = self._entries
        for key in keys:
            entry = entries.get(key)
            if entry is not None and now - entry[1] < ttl:
                found[key] = entry[0]
            else:
                missing.append(key)
        if missing:
            fetched = self.backend.get_many(missing)
            self._keep(fetched, now)
            found.update(fetched)
        return found

    def set_many(self, mapping, timeout):
        """Write to the cache and keep the copies (unless the write failed)."""
        failed = self.backend.set_many(mapping, timeout) or []
        if self.seconds() > 0:
            self._keep({key: value for key, value in mapping.items() if key not in failed}, self._clock())
        return failed

    def _keep(self, values, now):
        if len(self._entries) + len(values) > self.MAX_ENTRIES:
            ttl = self.seconds()
            self._entries = {k: e for k, e in self._entries.items() if now - e[1] < ttl}
            if len(self._entries) + len(values) > self.MAX_ENTRIES:
                self._entries = {}
        for key, value in values.items():
            self._entries[key] = (value, now)

    def recall(self, key):
        """A value this process worked out from such copies (`remember`), while as fresh as
        they are; None when absent, stale or turned off."""
        ttl = self.seconds()
        if ttl <= 0:
            return None
        entry = self._derived.get(key)
        if entry is not None and self._clock() - entry[1] < ttl:
            return entry[0]
        return None

    def remember(self, key, value):
        """Keep `value`, worked out from fresh copies, as long as they would be kept. E.g. a
        sidebar's rows joined into a list: the same on every page for that second."""
        if self.seconds() <= 0:
            return
        if len(self._derived) >= self.MAX_DERIVED:
            self._derived = {}
        self._derived[key] = (value, self._clock())

    def clear(self):
        self._entries = {}
        self._derived = {}


near_cache = NearCache()
