"""Django's PostgreSQL backend, with the connection health check skipped for a reader's
request on a connection that worked a moment ago.

With CONN_HEALTH_CHECKS (portal/env.py) Django sends `SELECT 1` before the first query of
every request on a persistent connection: a whole round trip, on the article page as much
client CPU as one of its real queries (docs/performance.md). On a busy worker the
connection served the previous request a fraction of a second earlier; checking it again
tells nothing new. So for GET and HEAD requests a connection whose last check or use is
less than TRUSTED_SECONDS old is taken as it is. Everything else is checked as before:
a form submission (POST) never meets a connection that went away unnoticed, and an idle
connection (a quiet night, a restarted PostgreSQL) is checked and replaced before use.

If PostgreSQL restarts within that second, one reader's page on each such connection fails
(as a request in flight at the restart does anyway); Django then closes the connection at
the end of that request (`errors_occurred`) and the next request opens a new one.
"""

import time

from django.core.signals import request_started
from django.db import connections
from django.db.backends.postgresql import base

TRUSTED_SECONDS = 1.0
SAFE_METHODS = frozenset({"GET", "HEAD"})


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.last_known_good = float("-inf")  # time.monotonic() of the last check or first use
        self.request_is_safe = False  # set per request by `note_request_method`

    def close_if_health_check_failed(self):
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return
        now = time.monotonic()
        if self.request_is_safe and now - self.last_known_good < TRUSTED_SECONDS and not self.errors_occurred:
            self.health_check_done = True
        else:
            super().close_if_health_check_failed()
        self.last_known_good = now

    def close(self):
        super().close()
        self.last_known_good = float("-inf")


def note_request_method(sender, environ=None, **kwargs):
    """request_started: tell this thread's open connections whether the request only reads."""
    safe = (environ or {}).get("REQUEST_METHOD") in SAFE_METHODS
    for connection in connections.all(initialized_only=True):
        if isinstance(connection, DatabaseWrapper):
            connection.request_is_safe = safe


request_started.connect(note_request_method, dispatch_uid="core.postgresql.note_request_method")
