"""The gunicorn worker class of production: uvicorn's event loop serving portal.asgi."""

from uvicorn_worker import UvicornWorker


class PortalUvicornWorker(UvicornWorker):
    """uvicorn on uvloop with the httptools parser, keep-alive, no lifespan, no Server header.

    Proxy headers are left to Django: the portal reads the client address from
    X-Forwarded-For itself, counting TRUSTED_PROXY_COUNT proxies (lockouts, audit log),
    and uvicorn must not rewrite REMOTE_ADDR before it does.
    """

    CONFIG_KWARGS = {
        "loop": "uvloop",
        "http": "httptools",
        "lifespan": "off",
        "proxy_headers": False,
        "server_header": False,
    }
