"""Anonymous readers' queries on a PostgreSQL streaming replica, when one is configured.

DATABASE_REPLICA_URL names a read-only replica of the primary (DATABASE_URL). Requests
that can only read public pages — GET or HEAD without a session cookie — run their
queries there (`ReplicaReadsMiddleware` marks them); everything else, every write, and
every staff member or citizen who just sent something (they carry a session cookie)
stays on the primary, so nobody reads their own write from a replica that lags behind.
Without DATABASE_REPLICA_URL neither the router nor the middleware is installed.
See docs/performance.md, "Scaling beyond one machine".
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_replica_reads = ContextVar("portal_replica_reads", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _replica_reads.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary by streaming replication


class ReplicaReadsMiddleware:
    """Reads of a cookie-less GET or HEAD go to the replica (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return self.get_response(request)
        token = _replica_reads.set(True)
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)
