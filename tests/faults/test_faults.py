"""Real failures of real services: Redis stopped, a worker killed, a task delivered
twice, PostgreSQL restarted. Nothing a citizen or a board member did may be lost."""

import json
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest
from celery import Celery
from django.db import transaction

from core.models import OutboxTask
from core.outbox import outbox_drain, task_send

from .services import ROOT, Worker, app_env, manage, port_open, wait_for

pytestmark = pytest.mark.faults


def _queued_task_names(redis_client):
    return [json.loads(raw)["headers"]["task"] for raw in redis_client.lrange("celery", 0, -1)]


@pytest.fixture
def broker_at(settings):
    """Point the portal's Celery app (and the cache) at a given Redis for one test."""
    from portal.celery import app

    original = (app.conf.broker_url, app.conf.broker_write_url, app.conf.broker_read_url)

    def point(url):
        settings.CELERY_TASK_ALWAYS_EAGER = False
        settings.CACHES = {"default": {"BACKEND": "operations.cache.TolerantRedisCache", "LOCATION": url,
                                       "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
        app.conf.broker_url = app.conf.broker_write_url = app.conf.broker_read_url = url
        _reset_pools(app)

    yield point
    app.conf.broker_url, app.conf.broker_write_url, app.conf.broker_read_url = original
    _reset_pools(app)


@pytest.mark.django_db(transaction=True)
def test_a_citizens_question_is_saved_while_redis_is_down_and_its_tasks_follow(private_redis, broker_at, settings):
    from django.test import Client

    from tests.security.forms import baseline, forms_in
    from tests.security.test_bad_input import _image

    settings.FEEDBACK_CAPTCHA = False
    broker_at(private_redis.url)
    client = Client()
    page = client.get("/hoi-dap/gui-cau-hoi/")
    if page.status_code != 200:
        pytest.skip("feedback's question form is not there yet")
    form = next(f for f in forms_in(page.content.decode()) if f.method == "post")
    from feedback.models import Question

    private_redis.stop()
    started = time.monotonic()
    response = client.post(form.action or "/hoi-dap/gui-cau-hoi/", baseline(form, _image))
    elapsed = time.monotonic() - started
    assert response.status_code == 302, "the question was not accepted while Redis was down"
    assert elapsed < 15, f"the citizen waited {elapsed:.1f}s"
    assert Question.objects.count() == 1
    with transaction.atomic():
        task_send("operations.tasks.heartbeat", key="after-outage")
    kept = OutboxTask.objects.count()
    assert kept >= 1

    private_redis.start()
    # Beat drains every minute; the first attempt may still meet the broken connection.
    wait_for(lambda: outbox_drain() >= 0 and not OutboxTask.objects.exists(), timeout=30, interval=1,
             what="the outbox to drain: " + "; ".join(OutboxTask.objects.values_list("last_error", flat=True)))
    assert "operations.tasks.heartbeat" in _queued_task_names(private_redis.client())


@pytest.mark.django_db(transaction=True)
def test_pages_answer_from_the_database_while_the_cache_redis_is_down(private_redis, broker_at):
    from django.test import Client

    broker_at(private_redis.url)
    private_redis.stop()
    started = time.monotonic()
    assert Client().get("/").status_code == 200
    assert time.monotonic() - started < 15


# --- with a real worker on a private PostgreSQL ------------------------------------------------


@pytest.fixture
def worker_stack(private_postgres, private_redis, tmp_path):
    env = app_env(private_postgres, private_redis)
    manage(env, "migrate", "core", "--noinput")
    manage(env, "migrate", "operations", "--noinput")
    sender = Celery("faults", broker=private_redis.url)
    sender.conf.broker_connection_timeout = 2
    workers = []

    def start_worker():
        worker = Worker(env, tmp_path / f"worker-{len(workers)}.log")
        worker.start()
        workers.append(worker)
        return worker

    def send(key, hold=0):
        sender.send_task("operations.tasks.heartbeat", kwargs={"key": key, "hold_seconds": hold})

    def heartbeat(key):
        rows = private_postgres.query("SELECT deliveries FROM operations_heartbeat WHERE key = %s", key)
        return [row[0] for row in rows]

    yield start_worker, send, heartbeat
    for worker in workers:
        worker.kill()
    sender.close()


def test_a_worker_killed_mid_task_leads_to_redelivery_with_a_single_effect(worker_stack):
    start_worker, send, heartbeat = worker_stack
    key = f"kill-{uuid.uuid4().hex[:8]}"
    first = start_worker()
    send(key, hold=20)
    wait_for(lambda: heartbeat(key) == [1], timeout=60, what="the task to start")
    first.kill()  # SIGKILL while the task holds, before it is acknowledged
    # Redis redelivers an unacknowledged message once it is older than the visibility timeout
    # (5 s here, CELERY_VISIBILITY_TIMEOUT); a worker checks at start and every 100 s after.
    time.sleep(6)
    start_worker()
    wait_for(lambda: heartbeat(key) and heartbeat(key)[0] >= 2, timeout=90, what="the task to be redelivered")
    assert len(heartbeat(key)) == 1  # one effect, however often delivered


def test_the_same_task_delivered_twice_has_one_effect(worker_stack):
    start_worker, send, heartbeat = worker_stack
    key = f"twice-{uuid.uuid4().hex[:8]}"
    start_worker()
    send(key)
    send(key)
    wait_for(lambda: heartbeat(key) == [2], timeout=60, what="both deliveries")
    assert heartbeat(key) == [2]


class ProductionServer:
    """gunicorn exactly as production starts it (portal/gunicorn_conf.py: uvicorn workers, ASGI)."""

    def __init__(self, env, port, log_path):
        self.env, self.port, self.log_path = env, port, log_path

    def __enter__(self):
        if port_open(self.port):
            pytest.skip(f"port {self.port} is taken")
        command = [sys.executable, "-m", "gunicorn", "-c", "python:portal.gunicorn_conf",
                   "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--timeout", "30"]
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for(lambda: port_open(self.port), timeout=60, what="gunicorn")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(15)
        self.log.close()

    def get(self, path):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=10) as response:
            return response.status, response.read()


def test_the_next_request_succeeds_after_postgresql_restarts(private_postgres, tmp_path):
    env = app_env(private_postgres)
    manage(env, "migrate", "core", "--noinput")
    with ProductionServer(env, 8791, tmp_path / "gunicorn.log") as server:
        assert server.get("/healthz")[0] == 200
        assert server.get("/healthz")[0] == 200  # the same persistent connection (CONN_MAX_AGE) serves both
        private_postgres.restart()
        assert server.get("/healthz")[0] == 200, "the first request after a PostgreSQL restart failed"


def test_production_server_answers_stored_pages_and_keeps_serving_with_redis_stopped(
    private_postgres, private_redis, tmp_path
):
    """The page lane (articles/lane.py) answers repeat readers from Redis and counts them;
    with Redis stopped every page is rendered from the database, without long waits."""
    env = app_env(private_postgres, private_redis, CACHE_KEY_PREFIX=f"fault-{uuid.uuid4().hex[:6]}")
    manage(env, "migrate", "--noinput")
    with ProductionServer(env, 8792, tmp_path / "gunicorn.log") as server:
        first = server.get("/")
        assert first[0] == 200 and "Sở Tư pháp".encode() in first[1]
        for _ in range(3):
            assert server.get("/") == first
        # Views reach Redis in batches within a second (articles.lane.VISIT_BATCH_SECONDS).
        def views_counted():
            keys = private_redis.client().keys("*visits:*:site")
            return keys and int(private_redis.client().get(keys[0])) == 4

        wait_for(views_counted, timeout=5, what="the four views in Redis")
        private_redis.stop()
        try:
            for _ in range(3):
                started = time.monotonic()
                status, body = server.get("/")
                assert status == 200 and "Sở Tư pháp".encode() in body
                assert time.monotonic() - started < 5
        finally:
            private_redis.start()
        assert server.get("/")[0] == 200


def _reset_pools(app):
    """Forget connections to the previous broker (tests only: production keeps one broker)."""
    from kombu import pools

    pools.reset()  # kombu keeps a process-wide registry of pools, keyed by connection
    app._pool = None
    app.amqp._producer_pool = None
