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

Timestamps are read by psycopg's compiled loader where Django would use its Python one
(`UtcTimestamptzLoader`).
"""

import datetime
import functools
import select
import time

from django.core.signals import request_started
from django.db import connections
from django.db.backends.postgresql import base
from django.db.backends.postgresql.psycopg_any import BaseTzLoader
from psycopg import adapt, postgres
from psycopg.pq import Format

TRUSTED_SECONDS = 1.0
SAFE_METHODS = frozenset({"GET", "HEAD"})


_TIMESTAMPTZ_OID = postgres.types["timestamptz"].oid
# psycopg's own loader: compiled when psycopg's C implementation (psycopg[binary]) is installed.
_PSYCOPG_LOADER = postgres.adapters.get_loader(_TIMESTAMPTZ_OID, Format.TEXT)


class _DjangoUtcLoader(BaseTzLoader):
    """Django's loader for a connection in UTC (django.db.backends.postgresql.psycopg_any)."""

    timezone = datetime.UTC


class UtcTimestamptzLoader(adapt.Loader):
    """A timestamptz read as Django reads it under USE_TZ (an aware datetime in
    `datetime.timezone.utc`), by psycopg's compiled loader when the connection's time zone
    is UTC, as Django sets it.

    Django registers a loader of its own that parses each value in Python, then replaces
    the time zone: 3 µs a value, 8 % of a section page's CPU (docs/performance.md). On a
    connection in UTC psycopg's loader already gives that very datetime. Otherwise (a
    connection not yet in UTC) Django's own loader is used. `timezone` is what Django's
    create_cursor compares with the connection's before adding its loader to a cursor.
    """

    timezone = datetime.UTC

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        connection = getattr(context, "connection", None)
        in_utc = connection is not None and connection.info.timezone is datetime.UTC
        self._loader = (_PSYCOPG_LOADER if in_utc else _DjangoUtcLoader)(oid, context)
        self.load = self._loader.load  # no frame of this class per value

    def load(self, data):
        return self._loader.load(data)


@functools.lru_cache
def _adapters_reading_utc(template):
    """Django's adapters template (get_adapters_template) with UtcTimestamptzLoader."""
    adapters = adapt.AdaptersMap(template)
    adapters.register_loader("timestamptz", UtcTimestamptzLoader)
    return adapters


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.last_known_good = float("-inf")  # time.monotonic() of the last check or first use
        self.request_is_safe = False  # set per request by `note_request_method`

    def get_connection_params(self):
        params = super().get_connection_params()
        if self.timezone is datetime.UTC and "context" in params:
            params["context"] = _adapters_reading_utc(params["context"])
        return params

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
