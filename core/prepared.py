"""Cursors whose statements PostgreSQL parses and plans once per connection.

Django's PostgreSQL cursors bind parameters on the client, so the server parses and
plans every query anew. For the article page's two queries planning cost more than
running them (0.35 and 0.25 ms against 0.2 ms, docs/performance.md), and the article
page is the page most often rendered. `prepared_cursor()` runs chosen queries as
named prepared statements instead: psycopg prepares each once per connection and
then only sends its parameters.

The connection's `prepare_threshold` (portal/env.py) is set so high that psycopg never
prepares other queries by itself: only the queries run through this cursor are prepared.
Behind PgBouncer in transaction mode, prepared statements need PgBouncer 1.21 or newer
with `max_prepared_statements` set (docs/performance.md).
"""

from contextlib import contextmanager

from django.db import connection as default_connection
from django.db.backends.utils import CursorDebugWrapper

try:
    import psycopg
except ImportError:  # pragma: no cover - psycopg is in requirements.txt
    psycopg = None


if psycopg is not None:

    class PreparedCursor(psycopg.Cursor):
        """Server-side binding; every statement prepared (once per connection)."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)


class PreparedDebugWrapper(CursorDebugWrapper):
    """Logs the statement as written: psycopg keeps no query text for a prepared statement,
    where Django's logging looks for it (the log would say None)."""

    @contextmanager
    def debug_sql(self, sql=None, params=None, use_last_executed_query=False, many=False):
        with super().debug_sql(sql, params, use_last_executed_query=False, many=many):
            yield


@contextmanager
def prepared_cursor(connection=default_connection):
    """A Django cursor (queries counted and logged as usual) running prepared statements on
    PostgreSQL with psycopg 3; an ordinary cursor elsewhere (SQLite in development)."""
    if psycopg is None or connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            yield cursor
        return
    # As connection.cursor() does: the health check, then a cursor wrapped for Django.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:  # prepared statements turned off
        with connection.cursor() as cursor:
            yield cursor
        return
    with connection.wrap_database_errors:
        raw = PreparedCursor(connection.connection)
    wrapped = (
        PreparedDebugWrapper(raw, connection) if connection.queries_logged else connection.make_cursor(raw)
    )
    with wrapped as cursor:
        yield cursor
