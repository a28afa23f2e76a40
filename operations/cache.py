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

    def incr_counters(self, keys, timeout):
        """Add one to each counter in ONE round trip; a counter that did not exist starts at 1
        and expires after `timeout` seconds. Returns the new values, or None if Redis is down.

        Django's incr() makes two round trips per key (EXISTS, then INCR) and a missing key
        needs an add() first; counting a page view that way cost more than serving the
        cached page itself (docs/performance.md).
        """
        try:
            names = [self.make_and_validate_key(key) for key in keys]
            client = self._cache.get_client(write=True)
            pipeline = client.pipeline(transaction=False)
            for name in names:
                pipeline.incr(name)
            values = pipeline.execute()
            fresh = [name for name, value in zip(names, values, strict=True) if value == 1]
            if fresh:
                pipeline = client.pipeline(transaction=False)
                for name in fresh:
                    pipeline.expire(name, timeout)
                pipeline.execute()
            return values
        except Exception as exc:
            _log("incr_counters", exc)
            return None
