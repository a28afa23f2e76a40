"""Settings of the benchmarked server: the production settings, with the page cache switchable.

BENCH_CACHE=off turns the whole-page cache off (PUBLIC_PAGE_CACHE), so every
request renders its page: the "uncached" figures, i.e. what a cache miss costs.
Redis stays on for what a miss also finds cached in production (the menu, the
category tree, the department, visit counters). BENCH_CACHE=cold replaces the
cache with Django's DummyCache as well: nothing cached at all, the worst case.
Sessions stay in the database as in production. Nothing else differs.
"""

import os

from portal.settings import *  # noqa: F403
from portal.settings import CACHES, MIDDLEWARE

# SQL queries per page for the benchmark's table (bench/middleware.py); counts nothing otherwise.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]

_MODE = os.environ.get("BENCH_CACHE", "on")
if _MODE in ("off", "cold"):
    PUBLIC_PAGE_CACHE = False
if _MODE == "cold":
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
