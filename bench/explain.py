"""Where each measured page spends its database time (runs inside Django on the bench database).

    bench/run.sh writes bench/data/env for reuse; or set the variables by hand, then:
    DJANGO_SETTINGS_MODULE=bench.settings BENCH_CACHE=off DATABASE_URL=.../portal_bench \
        .venv/bin/python -m bench.explain [--plans] [page keys...]

Renders each page once through Django's test client with the cache off and
prints its SQL queries, the slowest first, with their time; --plans adds
PostgreSQL's EXPLAIN ANALYZE of the slowest query. The findings in
docs/performance.md come from here.
"""

import sys
import time


def main(argv):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from .pages import PAGES, discover

    plans = "--plans" in argv
    wanted = [a for a in argv if not a.startswith("--")]
    urls, _notes = discover()
    users = get_user_model().objects
    for key, label, role, _names, _path in PAGES:
        if key not in urls or (wanted and key not in wanted):
            continue
        client = Client()
        if role:
            user = users.filter(username__startswith=f"bench_{role}_").order_by("pk").first()
            client.force_login(user)
            session = client.session
            session["_portal_second_factor"] = False
            session.save()
        client.get(urls[key])  # first request loads templates and code
        started = time.monotonic()
        executed = []  # (seconds, sql, params): a prepared statement's logged SQL keeps its %s

        def keep(execute, sql, params, many, context, executed=executed):
            began = time.monotonic()
            try:
                return execute(sql, params, many, context)
            finally:
                executed.append((time.monotonic() - began, sql, params))

        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(keep):
            response = client.get(urls[key])
        total = (time.monotonic() - started) * 1000
        queries = captured.captured_queries
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        print(f"\n== {key}: {label}\n   {urls[key]}\n   HTTP {response.status_code}, {total:.0f} ms, "
              f"{len(queries)} queries taking {sql_ms:.0f} ms")
        for query in sorted(queries, key=lambda q: -float(q["time"]))[:4]:
            print(f"   {float(query['time']) * 1000:7.1f} ms  {query['sql'][:400]}")
        if plans and executed:
            _seconds, slowest, params = max(executed, key=lambda run: run[0])
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest, params)
                print("\n".join("      " + row[0] for row in cursor.fetchall()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
