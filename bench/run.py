"""Benchmark the portal: data set, gunicorn, nginx, wrk, one table of results.

    bench/run.sh [--items N] [--reuse | --rebuild] [--duration S] [--connections C] [--only a,b]

Steps: generate (or reuse) the data set in the bench database; collect static
files; serve the portal with gunicorn under the production settings; measure a
static HTML file as large as the article page from nginx (the reference); then
every page with the Django cache on (Redis), through docker/nginx.conf's
microcache, and with the page cache off (every request renders its page; the
menu and other shared fragments stay in Redis, as on a cache miss in
production), at C connections and at one connection; then the article and
category pages "cold", with no cache at all (DummyCache), at one connection.
Results go to bench/results/.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from . import database
from .interpreter import InterpreterError, describe, server_python
from .nginx import Nginx, nginx_binary
from .report import markdown, targets

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
HOST = "127.0.0.1"


def log(message):
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="bench/run.sh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default=None, help="bench database name (default portal_bench)")
    parser.add_argument("--items", type=int, default=1_000_000, help="published items to generate")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--reuse", action="store_true", help="measure the existing bench data set")
    mode.add_argument("--rebuild", action="store_true", help="drop the bench data set and generate anew")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads at C connections")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (docker-compose uses 4)")
    parser.add_argument("--port", type=int, default=18400, help="gunicorn; nginx uses the next two ports")
    parser.add_argument("--only", default="", help="comma-separated page keys to measure")
    parser.add_argument("--label", default="", help="name of the results files")
    return parser.parse_args(argv)


# -- tools --------------------------------------------------------------------------------
def tools_ensure():
    missing = [pkg for binary, pkg in (("wrk", "wrk"), ("nginx", "nginx")) if not _which(binary)]
    if missing:
        log(f"installing {' '.join(missing)} with apt-get")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return shutil.which("wrk") or "/usr/bin/wrk"


def _which(binary):
    return nginx_binary() if binary == "nginx" else shutil.which(binary)


# -- the server ---------------------------------------------------------------------------
def server_env(url, token, secret_key, redis_url, cache="on"):
    """Production settings for a local http server (the script's own secret and hosts)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BENCH_URL_",))}
    env.update({
        "PORTAL_ENV": "production",
        "DEBUG": "false",
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "REDIS_URL": redis_url,
        # A fresh prefix per run: nothing cached by an earlier run is served, nobody else's keys are touched.
        "CACHE_KEY_PREFIX": f"bench-{token[:8]}",
        # One key for the run: the sessions made for the logged-in pages stay valid on both servers.
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(DATA / "static"),
        "MEDIA_ROOT": str(DATA / "media"),
        "BENCH_QUERY_TOKEN": token,
        "BENCH_CACHE": cache,  # on, off (no page cache) or cold (no cache at all): bench/settings.py
        "LOG_LEVEL": "WARNING",
        "GUNICORN_ACCESS_LOG": "",  # no access log (portal/gunicorn_conf.py)
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    env.pop("DJANGO_TEST", None)
    return env


class Gunicorn:
    def __init__(self, env, port, workers, name, python=PYTHON):
        self.env, self.port, self.workers, self.name, self.python = env, port, workers, name, str(python)
        self.process = None

    def start(self):
        log_path = DATA / f"gunicorn-{self.name}.log"
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            # Production's gunicorn settings (portal/gunicorn_conf.py: uvicorn workers, ASGI),
            # with the query-counting wrapper as the application.
            [self.python, "-m", "gunicorn", "-c", "python:portal.gunicorn_conf", "bench.asgi:application",
             "--bind", f"{HOST}:{self.port}", "--workers", str(self.workers), "--graceful-timeout", "5",
             "--error-logfile", "-"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {log_path}")
            try:
                if fetch(self.port, "/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /healthz; see {log_path}")

    def worker_pids(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(p) for p in path.read_text().split()]
        except OSError:
            return []

    def cpu_seconds(self):
        total = 0.0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def wait_idle(self, timeout=60):
        """Until the workers have used (almost) no CPU for a quarter of a second."""
        deadline = time.monotonic() + timeout
        before = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.25)
            now = self.cpu_seconds()
            if now - before < 0.02:
                return
            before = now

    def peak_rss_mb(self):
        """Largest peak resident memory (VmHWM) among the workers."""
        peaks = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return round(max(peaks), 1) if peaks else None

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if getattr(self, "log", None):
            self.log.close()


class PrivateRedis:
    """A Redis of the run's own (no persistence), so nobody else's FLUSHALL empties the cache mid-run."""

    def __init__(self, directory, port):
        self.directory, self.port, self.process = Path(directory), port, None

    def start(self):
        binary = shutil.which("redis-server")
        if binary is None:
            log("note: no redis-server binary; using redis://127.0.0.1:6379/11")
            return "redis://127.0.0.1:6379/11"
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory), "--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        time.sleep(0.5)
        log(f"private Redis on :{self.port}")
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def fetch(port, path, headers=None):
    """(status, headers, body) of one GET, redirects not followed; header names in any case."""
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


# -- wrk ----------------------------------------------------------------------------------
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text):
    match = re.match(r"([\d.]+)(us|ms|s|m)$", text.strip())
    return round(float(match.group(1)) * _UNITS[match.group(2)], 2) if match else None


def wrk(wrk_binary, port, path, *, connections, threads, duration, headers=None):
    command = [wrk_binary, f"-t{min(threads, connections)}", f"-c{connections}", f"-d{duration}s",
               "--timeout", "10s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{HOST}:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60).stdout
    result = {"connections": connections}
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    result["rps"] = round(float(match.group(1)), 1) if match else 0.0
    for pct in ("50", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+(\S+)", output, re.M)
        result[f"p{pct}_ms"] = _ms(match.group(1)) if match else None
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["errors"] = int(match.group(1)) if match else 0
    match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if match:
        result["timeouts"] = int(match.group(4))
    match = re.search(r"(\d+) requests in", output)
    result["requests"] = int(match.group(1)) if match else 0
    if not result["requests"]:
        result["p50_ms"] = result["p99_ms"] = None
    return result


# -- the run ------------------------------------------------------------------------------
def generate(args):
    command = [PYTHON, "-m", "bench.generate", "--items", str(args.items)]
    if args.database:
        command += ["--database", args.database]
    if args.reuse:
        command.append("--reuse")
    if args.rebuild:
        command.append("--rebuild")
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)


def collectstatic(env):
    log("collectstatic (production manifest storage)")
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)


def discover(env):
    output = subprocess.run([PYTHON, "-m", "bench.pages"], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output)


def page_headers(pages, key, token=None):
    headers = {}
    role = pages["roles"].get(key)
    if role:
        session = pages["sessions"].get(role)
        if session:
            headers["Cookie"] = f"sessionid={session}"
    if token:
        headers["X-Bench-Queries"] = token
    return headers


def drain(port, limit=90):
    """Wait until gunicorn has answered the requests wrk left queued (timeouts), so the next cell starts clean."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            fetch(port, "/healthz")
        except OSError:
            pass
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.5)


def page_check(port, pages, key, token):
    """Status and SQL query count of one request; the page is skipped unless it answers 200."""
    status, headers, body = fetch(port, pages["urls"][key], page_headers(pages, key, token))
    queries = headers.get("X-Bench-Queries")
    return {"status": status, "queries": int(queries) if queries is not None else None, "bytes": len(body),
            "location": headers.get("Location")}


WARM_SECONDS = 2


def measure_server(args, wrk_binary, pages, keys, port, token, server, mode, results, with_single):
    for key in keys:
        entry = results["pages"].setdefault(key, {"label": pages["labels"][key], "url": pages["urls"][key]})
        try:
            check = page_check(port, pages, key, token)
        except OSError as exc:
            entry.setdefault("notes", []).append(f"{mode}: no answer ({exc})")
            log(f"  {key}: skipped ({mode}: no answer: {exc})")
            continue
        if check["status"] != 200:
            note = f"{mode}: HTTP {check['status']}" + (f" to {check['location']}" if check["location"] else "")
            entry.setdefault("notes", []).append(note)
            log(f"  {key}: skipped ({note})")
            continue
        # Warm: a cached mode stores the page; an uncached one loads code paths and the DB cache.
        for _ in range(3):
            fetch(port, pages["urls"][key], page_headers(pages, key))
        # ...in every worker: sequential requests may all reach the same one, and a worker's first
        # request pays for what it keeps (quotas' closed months, fragments, prepared statements),
        # which then landed in the one-connection p99. A short burst at C connections, not counted.
        wrk(wrk_binary, port, pages["urls"][key], connections=args.connections, threads=args.threads,
            duration=WARM_SECONDS, headers=page_headers(pages, key))
        # wrk leaves its last requests queued in the workers: a slow page (1.5 s at 32
        # connections) would still be working them off while the one-connection run starts.
        server.wait_idle()
        # Counted after warming: with the cache on, this is a cache hit.
        check = page_check(port, pages, key, token)
        entry[f"queries_{mode}"] = check["queries"]
        entry["bytes"] = check["bytes"]
        headers = page_headers(pages, key)
        # One connection first: after a run at C connections gunicorn still works off its queue.
        if with_single:
            entry[f"{mode}_c1"] = wrk(wrk_binary, port, pages["urls"][key], connections=1, threads=1,
                                      duration=args.duration, headers=headers)
        entry[mode] = wrk(wrk_binary, port, pages["urls"][key], connections=args.connections,
                          threads=args.threads, duration=args.duration, headers=headers)
        line = f"  {key} [{mode}] c{args.connections}: {entry[mode]['rps']} req/s, p50 {entry[mode]['p50_ms']} ms, " \
               f"p99 {entry[mode]['p99_ms']} ms, {check['queries']} queries"
        if with_single:
            line += f"; c1 p50 {entry[f'{mode}_c1']['p50_ms']} ms p99 {entry[f'{mode}_c1']['p99_ms']} ms"
        log(line)
        drain(port)
    results["rss_mb"][mode] = server.peak_rss_mb()


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    DATA.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    wrk_binary = tools_ensure()
    url = database.bench_url(args.database)
    try:
        database.name_check(url)
    except database.BenchDatabaseError as exc:
        sys.exit(f"bench: {exc}")
    generate(args)
    try:
        python = server_python(log)
        interpreter = describe(python)
    except (InterpreterError, subprocess.CalledProcessError) as exc:
        sys.exit(f"bench: the servers' interpreter: {exc}")
    log(f"servers run on {interpreter['implementation']} {interpreter['version']} ({interpreter['base_executable']}; {interpreter['build']})")

    token = secrets.token_hex(16)
    secret_key = secrets.token_urlsafe(64)
    redis = PrivateRedis(DATA / "redis", args.port + 3)
    redis_url = os.environ.get("BENCH_REDIS_URL") or redis.start()
    cached_env = server_env(url, token, secret_key, redis_url, cache="on")
    uncached_env = server_env(url, token, secret_key, redis_url, cache="off")
    cold_env = server_env(url, token, secret_key, redis_url, cache="cold")
    # For bench.explain and by-hand checks: `set -a; . bench/data/server.env; set +a`.
    keys_kept = ("PORTAL_ENV", "DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "SECRET_KEY",
                 "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "STATIC_ROOT", "MEDIA_ROOT")
    (DATA / "server.env").write_text("".join(f"{k}='{uncached_env[k]}'\n" for k in keys_kept) + "BENCH_CACHE=off\n")
    collectstatic(cached_env)
    subprocess.run([PYTHON, "-m", "bench.media"], cwd=ROOT, env=cached_env, check=True)
    pages = discover(cached_env)
    only = [k for k in args.only.split(",") if k]
    keys = [k for k in pages["labels"] if k in pages["urls"] and (not only or k in only)]
    for key in pages["labels"]:
        if key not in pages["urls"]:
            log(f"note: {key} has no URL in this tree (set BENCH_URL_{key.upper()}); skipped")
    anonymous = [k for k in keys if not pages["roles"].get(k)]
    results = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": _scale(url), "settings": {k: getattr(args, k) for k in
                                           ("duration", "connections", "threads", "workers")},
        "machine": {"cores": os.cpu_count(), "load_before": os.getloadavg()},
        "interpreter": interpreter, "notes": pages["notes"], "pages": {}, "rss_mb": {},
    }
    static_port, proxy_port = args.port + 1, args.port + 2
    www = DATA / "www"
    www.mkdir(exist_ok=True)
    cached = Gunicorn(cached_env, args.port, args.workers, "cached", python)
    nginx = Nginx(prefix=DATA / "nginx", static_port=static_port, proxy_port=proxy_port,
                  upstream=f"{HOST}:{args.port}", www_root=www, static_root=DATA / "static",
                  media_root=DATA / "media")
    try:
        log(f"gunicorn with the Redis cache on :{args.port} ({args.workers} workers)")
        cached.start()
        article = pages["urls"].get("article")
        body = fetch(args.port, article)[2] if article else b"<html></html>"
        (www / "article.html").write_bytes(body)
        nginx.start()
        log(f"static reference: nginx serving a {len(body):,}-byte HTML file")
        results["static"] = {
            "bytes": len(body),
            "c": wrk(wrk_binary, static_port, "/article.html", connections=args.connections,
                     threads=args.threads, duration=args.duration),
            "c1": wrk(wrk_binary, static_port, "/article.html", connections=1, threads=1, duration=args.duration),
        }
        log(f"  static c{args.connections}: {results['static']['c']['rps']} req/s")
        log("Django cache on (Redis), no nginx")
        measure_server(args, wrk_binary, pages, keys, args.port, token, cached, "cached", results, with_single=True)
        log("nginx microcache (docker/nginx.conf) in front of the same gunicorn")
        for key in anonymous:
            entry = results["pages"].get(key, {})
            if "cached" not in entry:
                continue
            fetch(proxy_port, pages["urls"][key])
            status, headers, _body = fetch(proxy_port, pages["urls"][key])
            entry["microcache_status"] = headers.get("X-Cache-Status")
            entry["microcache"] = wrk(wrk_binary, proxy_port, pages["urls"][key], connections=args.connections,
                                      threads=args.threads, duration=args.duration)
            log(f"  {key} [microcache {entry['microcache_status']}]: {entry['microcache']['rps']} req/s")
        # The bypass rule: a logged-in reader's page never comes from (or goes into) the microcache.
        for key in [k for k in keys if pages["roles"].get(k)]:
            statuses = [fetch(proxy_port, pages["urls"][key], page_headers(pages, key))[1].get("X-Cache-Status")
                        for _ in range(2)]
            entry = results["pages"].setdefault(key, {"label": pages["labels"][key], "url": pages["urls"][key]})
            entry["microcache_status"] = statuses[-1]
            log(f"  {key} logged in through nginx: X-Cache-Status {statuses}")
        cached.stop()
        log("page cache off: every request renders its page (shared fragments still in Redis)")
        uncached = Gunicorn(uncached_env, args.port, args.workers, "uncached", python)
        uncached.start()
        try:
            measure_server(args, wrk_binary, pages, keys, args.port, token, uncached, "uncached", results,
                           with_single=True)
        finally:
            uncached.stop()
        cold_keys = [k for k in ("article", "category") if k in keys]
        if cold_keys:
            log("no cache at all (DummyCache), one connection")
            cold = Gunicorn(cold_env, args.port, args.workers, "cold", python)
            cold.start()
            try:
                for key in cold_keys:
                    entry = results["pages"][key]
                    for _ in range(3):
                        fetch(args.port, pages["urls"][key])
                    entry["queries_cold"] = page_check(args.port, pages, key, token)["queries"]
                    entry["cold_c1"] = wrk(wrk_binary, args.port, pages["urls"][key], connections=1, threads=1,
                                           duration=args.duration)
                    log(f"  {key} [cold] c1 p50 {entry['cold_c1']['p50_ms']} ms p99 {entry['cold_c1']['p99_ms']} ms, "
                        f"{entry['queries_cold']} queries")
            finally:
                cold.stop()
    finally:
        cached.stop()
        nginx.stop()
        redis.stop()
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["machine"]["load_after"] = os.getloadavg()
    results["targets"] = targets(results)
    label = args.label or datetime.now(UTC).strftime("%Y%m%d-%H%M")
    (RESULTS / f"{label}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    text = markdown(results)
    (RESULTS / f"{label}.md").write_text(text)
    (RESULTS / "latest.md").write_text(text)
    print(text)
    log(f"results in bench/results/{label}.json and .md")
    return 0


def _scale(url):
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute(f"SELECT scale, finished_at FROM {database.MARKER_TABLE} WHERE id = 1").fetchone()
        parts = conn.execute(f"SELECT name, rows, seconds FROM {database.PARTS_TABLE} ORDER BY done_at").fetchall()
    return {"scale": row[0], "finished_at": row[1].isoformat() if row[1] else None,
            "parts": {name: {"rows": rows, "seconds": round(seconds)} for name, rows, seconds in parts}}


if __name__ == "__main__":
    sys.exit(main())
