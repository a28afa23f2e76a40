"""The portal's ASGI application as production serves it, plus SQL query counts for the benchmark.

A request carrying the header X-Bench-Queries with the run's secret token gets the
number of SQL queries it caused in the response header X-Bench-Queries. Django's part
is counted by `bench.middleware.QueryCountMiddleware` (first in MIDDLEWARE under
bench.settings), on the thread that runs the request's queries; a page answered by the ASGI page lane
(articles/lane.py) never reaches Django and makes none, so it is reported as 0.
Other requests go straight to the portal: nothing is counted or added.
"""

import os

from portal.asgi import application as portal

TOKEN = os.environ.get("BENCH_QUERY_TOKEN", "")
HEADER = b"x-bench-queries"


def _asks_for_count(headers):
    return bool(TOKEN) and (HEADER, TOKEN.encode()) in headers


async def application(scope, receive, send):
    if scope["type"] != "http" or not _asks_for_count(scope.get("headers", [])):
        return await portal(scope, receive, send)

    async def counted_send(message):
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            if not any(name.lower() == HEADER for name, _value in headers):
                headers.append((HEADER, b"0"))  # answered by the page lane: no query at all
            message = {**message, "headers": headers}
        await send(message)

    return await portal(scope, receive, counted_send)
