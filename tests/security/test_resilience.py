"""A stopped Redis costs speed, never a page or a piece of work."""

import time

import pytest
from django.core.cache import caches
from django.db import transaction

from core.models import OutboxTask
from core.outbox import task_send
from operations.cache import TolerantRedisCache

DEAD_REDIS = "redis://127.0.0.1:6398/0"  # nothing listens here


@pytest.fixture
def dead_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "dead": {"BACKEND": "operations.cache.TolerantRedisCache", "LOCATION": DEAD_REDIS,
                 "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    }
    cache = caches["dead"]
    assert isinstance(cache, TolerantRedisCache)
    return cache


def test_a_cache_without_redis_answers_misses_quickly(dead_cache):
    started = time.monotonic()
    assert dead_cache.get("k") is None
    assert dead_cache.get("k", "fallback") == "fallback"
    dead_cache.set("k", 1)
    assert dead_cache.add("k", 1) is False
    assert dead_cache.get_many(["a", "b"]) == {}
    assert dead_cache.get_or_set("k", lambda: 42) == 42
    dead_cache.delete("k")
    with pytest.raises(ValueError):
        dead_cache.incr("k")
    assert time.monotonic() - started < 10


def test_the_redis_settings_use_the_tolerant_cache_and_database_sessions(settings):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(PORTAL_ENV="development", REDIS_URL=DEAD_REDIS, DJANGO_SETTINGS_MODULE="portal.settings")
    code = "from django.conf import settings as s;print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)"
    result = subprocess.run([sys.executable, "-c", "import django;django.setup();" + code], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["operations.cache.TolerantRedisCache", "django.contrib.sessions.backends.db"]


@pytest.mark.django_db(transaction=True)
def test_a_task_sent_while_the_broker_is_down_waits_in_the_outbox(settings):
    from portal.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    old = (app.conf.broker_url, app.conf.broker_write_url, app.conf.broker_read_url)
    app.conf.broker_url = app.conf.broker_write_url = app.conf.broker_read_url = DEAD_REDIS
    _reset_pools(app)
    try:
        started = time.monotonic()
        with transaction.atomic():
            task_send("operations.tasks.heartbeat", key="outbox-test")
        elapsed = time.monotonic() - started
    finally:
        app.conf.broker_url, app.conf.broker_write_url, app.conf.broker_read_url = old
        _reset_pools(app)
    assert elapsed < 15
    assert OutboxTask.objects.filter(task_name="operations.tasks.heartbeat").exists()


def test_celery_is_configured_not_to_lose_tasks(settings):
    assert settings.CELERY_TASK_ACKS_LATE
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_TASK_TIME_LIMIT and settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert settings.CELERY_BROKER_CONNECTION_TIMEOUT <= 5
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] <= 5


def test_the_outbox_is_drained_when_a_worker_starts(monkeypatch):
    from celery.signals import worker_ready

    calls = []
    monkeypatch.setattr("core.outbox.outbox_drain", lambda: calls.append(1) or 0)
    worker_ready.send(sender=None)
    assert calls == [1]


def test_database_connections_are_health_checked(settings):
    import os

    from portal.env import env_database

    os.environ["X_TEST_DB"] = "postgres://u@127.0.0.1:5432/x"
    try:
        config = env_database("X_TEST_DB", "/tmp/x.sqlite3")
    finally:
        del os.environ["X_TEST_DB"]
    assert config["CONN_HEALTH_CHECKS"] is True


def _reset_pools(app):
    """Forget connections to the previous broker (tests only: production keeps one broker)."""
    from kombu import pools

    pools.reset()  # kombu keeps a process-wide registry of pools, keyed by connection
    app._pool = None
    app.amqp._producer_pool = None
