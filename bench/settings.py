"""Settings of the benchmarked server: the production settings, with the cache switchable.

BENCH_CACHE=off replaces the default cache with Django's DummyCache, so every
request computes its page (the "uncached" figures). Sessions stay in the
database as in production. Nothing else differs from portal.settings.
"""

import os

from portal.settings import *  # noqa: F403
from portal.settings import CACHES

if os.environ.get("BENCH_CACHE", "on") == "off":
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
