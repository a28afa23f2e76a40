"""The portal's WSGI application, plus a count of SQL queries for the benchmark.

A request carrying the header X-Bench-Queries with the run's secret token gets
the number of SQL queries it caused in the response header X-Bench-Queries.
Other requests go straight to the portal: nothing is counted or added.
"""

import os
from contextlib import ExitStack

from django.core.wsgi import get_wsgi_application

portal = get_wsgi_application()
TOKEN = os.environ.get("BENCH_QUERY_TOKEN", "")


def application(environ, start_response):
    if not TOKEN or environ.get("HTTP_X_BENCH_QUERIES") != TOKEN:
        return portal(environ, start_response)
    from django.db import connections

    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    def counted_start_response(status, headers, exc_info=None):
        # Django calls start_response after the view and middleware ran: the count is complete.
        return start_response(status, [*headers, ("X-Bench-Queries", str(count[0]))], exc_info)

    with ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(counter))
        return portal(environ, counted_start_response)
