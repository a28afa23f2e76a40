"""SQL query counts of one request, for the benchmark's table (see bench/asgi.py)."""

import os
from contextlib import ExitStack

TOKEN = os.environ.get("BENCH_QUERY_TOKEN", "")


class QueryCountMiddleware:
    """Counts the SQL queries of a request that asks for it (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not TOKEN or request.headers.get("X-Bench-Queries") != TOKEN:
            return self.get_response(request)
        from django.db import connections

        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        response["X-Bench-Queries"] = str(count[0])
        return response
