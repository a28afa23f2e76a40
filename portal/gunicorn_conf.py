"""gunicorn settings of production (Dockerfile, docker-compose.yml) and of the benchmark.

    gunicorn -c python:portal.gunicorn_conf

The portal runs as ASGI under uvicorn workers (portal/workers.py): stored anonymous pages
are answered on the event loop (articles/lane.py) and keep-alive connections are kept;
everything else runs through Django on one thread per worker, as a sync worker would.
GUNICORN_BIND, GUNICORN_WORKERS and GUNICORN_TIMEOUT override the defaults; command-line
options override these.
"""

import os

wsgi_app = "portal.asgi:application"
worker_class = "portal.workers.PortalUvicornWorker"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))  # two per core; ~100 MB each (docs/performance.md)
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Longer than nginx's idle upstream connections (keepalive_timeout 60 s in docker/nginx.conf):
# the server never closes a connection nginx is about to reuse for a POST it cannot retry.
keepalive = 75
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None


def post_worker_init(worker):
    """Import, resolve and compile before the first request, then freeze the heap (portal/warmup.py)."""
    from portal.warmup import settle_heap, warm_up

    warm_up()
    settle_heap()
