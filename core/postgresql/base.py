"""Django's PostgreSQL backend, with the connection health check made cheap for a reader's
request on a connection that worked a moment ago.

With CONN_HEALTH_CHECKS (portal/env.py) Django sends `SELECT 1` before the first query of
every request on a persistent connection: a whole round trip, on the article page as much
client CPU as one of its real queries (docs/performance.md). On a busy worker the
connection served the previous request a fraction of a second earlier. So for GET and HEAD
requests on a connection whose last check or use is less than TRUSTED_SECONDS old, the
check only looks at the connection's socket, without a round trip: a server that closed
the connection (a PostgreSQL restart, pg_terminate_backend, a proxy's timeout) has left it
readable (end of file or a FATAL message) while no query is in flight; then the full check
runs and a new connection is opened, so the reader's page does not fail.

Everything else is checked as Django does: a form submission (POST) and an idle connection
(a quiet night) get the `SELECT 1` round trip.
"""

import select
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
        trusted = (
            self.request_is_safe
            and now - self.last_known_good < TRUSTED_SECONDS
            and not self.errors_occurred
            and self._socket_quiet()
        )
        if trusted:
            self.health_check_done = True
        else:
            super().close_if_health_check_failed()  # SELECT 1; a new connection if it fails
        self.last_known_good = now

    def _socket_quiet(self):
        """Whether the idle connection's socket has nothing to read: the server has neither
        closed it nor sent anything since the last query (a check of this process's state
        and the kernel's, no round trip)."""
        try:
            if self.connection.closed or self.connection.info.transaction_status != 0:  # 0: idle
                return False
            readable, _writable, _failed = select.select([self.connection.fileno()], [], [], 0)
        except Exception:  # a connection psycopg no longer knows: let the full check decide
            return False
        return not readable

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
