"""Private Redis, PostgreSQL and Celery worker processes for the fault tests.

They run on their own ports (Redis 6391, PostgreSQL 5440) so that stopping them
never touches the shared services on 6379 and 5432.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("PG_BIN_DIR", "/usr/lib/postgresql/15/bin"))
REDIS_PORT = 6391
PG_PORT = 5440


def wait_for(check, timeout=30.0, interval=0.2, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except Exception:  # noqa: BLE001 - the service is still starting
            pass
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {what}")


def port_open(port):
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class PrivateRedis:
    def __init__(self, port=REDIS_PORT):
        binary = shutil.which("redis-server")
        if not binary:
            pytest.skip("redis-server is not installed: the Redis fault tests need it")
        if port_open(port):
            pytest.skip(f"port {port} is taken: the private Redis cannot start")
        self.binary, self.port, self.process = binary, port, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), what="private Redis")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        wait_for(lambda: not port_open(self.port), what="private Redis to stop")

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_timeout=2)


class PrivatePostgres:
    def __init__(self, port=PG_PORT):
        if not (PG_BIN / "initdb").exists():
            pytest.skip(f"PostgreSQL binaries not found in {PG_BIN}: the PostgreSQL fault tests need them")
        if port_open(port):
            pytest.skip(f"port {port} is taken: the private PostgreSQL cannot start")
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="portal-faults-pg-"))
        self.data = self.dir / "data"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        self.url = f"postgres://postgres@127.0.0.1:{port}/faults"

    def _run(self, *args, check=True):
        return subprocess.run([*self.as_postgres, *args], check=check, capture_output=True, text=True, timeout=120)

    def init(self):
        self._run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self._run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "faults")

    def start(self):
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.dir / "log"), "-o",
                  f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self):
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-m", "fast", "stop", check=False)

    def restart(self):
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-m", "fast", "-l", str(self.dir / "log"),
                  "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off", "restart")

    def destroy(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def query(self, sql, *params):
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="faults",
                             connect_timeout=3) as conn:
            return conn.execute(sql, params).fetchall()


def app_env(postgres=None, redis=None, **extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(PORTAL_ENV="development", DEBUG="false", ALLOWED_HOSTS="127.0.0.1,localhost",
               CELERY_VISIBILITY_TIMEOUT="5", LOG_LEVEL="WARNING")
    if postgres:
        env["DATABASE_URL"] = postgres.url
    if redis:
        env["REDIS_URL"] = redis.url
    env.update(extra)
    return env


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=True)


class Worker:
    def __init__(self, env, log_path):
        self.env, self.log_path, self.process = env, log_path, None

    def start(self):
        celery = Path(sys.executable).with_name("celery")
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(celery), "-A", "portal", "worker", "--pool", "solo", "--without-mingle", "--without-gossip",
             "--without-heartbeat", "-l", "INFO"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        wait_for(lambda: b"ready" in Path(self.log_path).read_bytes(), timeout=60, what="the Celery worker")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.log.close()
