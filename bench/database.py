"""Which database the benchmark may touch, and what is in it.

The benchmark writes millions of rows and may drop its schema, so it refuses
any database that is not clearly its own: the name must contain "bench", it must
not be the development database, and a database that already has tables must
carry the marker table of a bench data set (and then only with --reuse/--rebuild).
"""

import os
import re
from urllib.parse import urlparse, urlunparse

import psycopg

MARKER_TABLE = "bench_dataset"
PARTS_TABLE = "bench_part"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/"
DEFAULT_NAME = "portal_bench"
_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class BenchDatabaseError(Exception):
    """The benchmark must not run against this database."""


def bench_url(name=None, server=None):
    """postgres:// URL of the bench database (BENCH_DATABASE_URL wins over the pieces)."""
    explicit = os.environ.get("BENCH_DATABASE_URL")
    if explicit and not name:
        return explicit
    server = server or os.environ.get("BENCH_DB_SERVER") or DEFAULT_SERVER
    return server.rstrip("/") + "/" + (name or DEFAULT_NAME)


def database_name(url):
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise BenchDatabaseError(f"The benchmark needs PostgreSQL, not {parsed.scheme or url!r}.")
    return parsed.path.lstrip("/")


def name_check(url, development_url=None):
    """Refuse names that are not a bench database's, and the development database itself."""
    name = database_name(url)
    if not _NAME.match(name):
        raise BenchDatabaseError(f"Database name {name!r} must be lower-case letters, digits and _.")
    if "bench" not in name:
        raise BenchDatabaseError(
            f"Refusing database {name!r}: the benchmark only writes to a database whose name "
            "contains 'bench' (default portal_bench)."
        )
    development_url = development_url if development_url is not None else os.environ.get("DATABASE_URL", "")
    if development_url and _same_database(url, development_url):
        raise BenchDatabaseError(
            f"Refusing database {name!r}: it is the one DATABASE_URL points at (the development database)."
        )
    return name


def _same_database(a, b):
    pa, pb = urlparse(a), urlparse(b)
    if pb.scheme not in {"postgres", "postgresql", "pgsql"}:
        return False

    def where(parsed):
        host = parsed.hostname or "localhost"
        host = "local" if host in {"localhost", "127.0.0.1", "::1"} else host
        return host, parsed.port or 5432, parsed.path.lstrip("/")

    return where(pa) == where(pb)


def server_url(url):
    """The same server's maintenance database, to create the bench database."""
    parsed = urlparse(url)
    return urlunparse(parsed._replace(path="/postgres"))


def database_ensure(url):
    """Create the bench database if it does not exist; True if it was created."""
    name = database_name(url)
    with psycopg.connect(server_url(url), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        conn.execute(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
        return True


def database_state(url):
    """('empty', None), ('bench', marker dict) or ('foreign', table count)."""
    with psycopg.connect(url, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
        if tables == 0:
            return "empty", None
        has_marker = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [MARKER_TABLE]).fetchone()[0]
        if not has_marker:
            return "foreign", tables
        row = conn.execute(
            f"SELECT scale, created_at, finished_at FROM {MARKER_TABLE} ORDER BY id LIMIT 1"
        ).fetchone()
        if row is None:
            return "foreign", tables
        return "bench", {"scale": row[0], "created_at": row[1], "finished_at": row[2]}


def schema_drop(url):
    """Empty the bench database (only ever called after database_state said 'bench')."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
