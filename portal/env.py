"""Strict readers of environment variables.

Every value the portal takes from the environment goes through one of these, so a
typo in production stops start-up with one line naming the variable instead of a
half-configured site.
"""

import os
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured


class EnvError(ImproperlyConfigured):
    """A missing or malformed environment variable."""


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise EnvError(f"{name} must be set.")
        return default
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise EnvError(f"{name} must be true or false, not {value!r}.")


def env_int(name, default, *, minimum=None, maximum=None):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise EnvError(f"{name} must be a whole number, not {value!r}.") from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise EnvError(f"{name} must be between {minimum} and {maximum}, not {number}.")
    return number


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    return [part.strip() for part in value.split(",") if part.strip()]


def env_database(name, default_sqlite_path):
    """Parse DATABASE_URL; SQLite file by default, PostgreSQL (psycopg) in production."""
    import dj_database_url

    value = os.environ.get(name)
    if not value:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite_path)}
    parsed = urlparse(value)
    if parsed.scheme not in {"postgres", "postgresql", "pgsql", "sqlite"}:
        raise EnvError(
            f"{name} must be a postgres:// or sqlite:// URL, not {parsed.scheme or value!r}."
        )
    if parsed.scheme != "sqlite" and not (parsed.hostname or parsed.path.strip("/")):
        raise EnvError(f"{name} is malformed: it names no host or database.")
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise EnvError(f"{name} is malformed: {exc}") from None
    if parsed.scheme != "sqlite" and not config.get("NAME"):
        raise EnvError(f"{name} is malformed: it names no database.")
    if parsed.scheme != "sqlite":
        # Django's backend with the health check skipped for a reader's request on a
        # connection that worked within the last second (core/postgresql/base.py).
        config["ENGINE"] = "core.postgresql"
        # PostgreSQL's JIT compiles any query whose plan looks costly; on the quota dashboard
        # it spent 124 ms compiling a 45 ms aggregate. The portal's queries are short: no JIT.
        options = config.setdefault("OPTIONS", {})
        options["options"] = " ".join(filter(None, [options.get("options", ""), "-c jit=off"]))
        # Prepared statements only where asked for (core/prepared.py): psycopg would otherwise
        # prepare any query after its fifth run; Django's default (None) turns them off.
        options.setdefault("prepare_threshold", 10**9)
    return config


def env_redis_url(name):
    value = os.environ.get(name)
    if not value:
        return None
    parsed = urlparse(value)
    if parsed.scheme not in {"redis", "rediss"} or not parsed.hostname:
        raise EnvError(f"{name} must look like redis://host:6379/0, not {value!r}.")
    try:
        parsed.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise EnvError(f"{name} has a bad port: {value!r}.") from None
    return value
