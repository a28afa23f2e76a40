"""The benchmark's data set generator at small scale, and its refusals."""

import random
import shutil
import subprocess

import pytest
from django.db import connection

from articles.models import Item, ItemStatus
from articles.selectors import items_published
from articles.services import item_prepare
from bench import database
from bench.corpus import Corpus
from bench.nginx import main_conf, proxy_server_conf
from bench.report import markdown, targets
from bench.run import _ms

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the benchmark writes with PostgreSQL COPY"
)


def test_refuses_a_database_whose_name_does_not_say_bench():
    with pytest.raises(database.BenchDatabaseError, match="contains 'bench'"):
        database.name_check("postgres://postgres@127.0.0.1:5432/portal", development_url="")


def test_refuses_the_development_database_even_if_named_bench():
    url = "postgres://postgres@127.0.0.1:5432/portal_bench"
    with pytest.raises(database.BenchDatabaseError, match="development database"):
        database.name_check(url, development_url="postgres://postgres@localhost/portal_bench")


def test_refuses_sqlite():
    with pytest.raises(database.BenchDatabaseError, match="PostgreSQL"):
        database.name_check("sqlite:///bench.sqlite3", development_url="")


def test_accepts_a_bench_database_beside_the_development_one():
    url = "postgres://postgres@127.0.0.1:5432/portal_bench"
    assert database.name_check(url, development_url="postgres://postgres@127.0.0.1:5432/portal") == "portal_bench"


def test_generated_search_text_is_what_the_portal_stores():
    corpus = Corpus(sentences=200, titles=200)
    rnd = random.Random(3)
    for _ in range(50):
        title, summary, body, search = corpus.article(rnd)
        item = item_prepare(Item(title=title, summary=summary, body=body))
        assert item.search_text == search
        assert item.body == body


@postgres_only
def test_a_database_with_tables_and_no_marker_is_foreign(db):
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    state, tables = database.database_state(url)
    assert state == "foreign" and tables > 0


@postgres_only
def test_small_data_set_is_public_searchable_and_has_history(db, client):
    from django.apps import apps

    from bench.dataset import Generator, table_exists
    from bench.generate import scale_for

    scale = {**scale_for(300), "units": 6, "categories": 12, "tags": 20}
    Generator(scale=scale, seed=7).run()

    published = items_published()
    assert published.count() == 300
    assert Item.objects.exclude(status=ItemStatus.PUBLISHED).count() >= 200
    sample = published.order_by("?").first()
    expected = item_prepare(Item(title=sample.title, summary=sample.summary, body=sample.body)).search_text
    assert sample.search_text == expected
    assert published.filter(search_text__contains="hoa giai").exists()
    response = client.get("/tim-kiem/", {"q": "hoa giai"})
    assert response.status_code == 200
    transition = apps.get_model("editorial", "Transition")
    if table_exists(transition):
        assert transition.objects.filter(item=sample, to_state="published").exists()
    question = apps.get_model("feedback", "Question")
    if table_exists(question):
        assert question.objects.count() == scale["questions"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM bench_part ORDER BY name")
        parts = [row[0] for row in cursor.fetchall()]
    assert {"base", "items"} <= set(parts)


def test_nginx_config_is_the_deployed_one_with_bench_addresses(tmp_path):
    conf = proxy_server_conf(upstream="127.0.0.1:9000", listen="127.0.0.1:9002", prefix=tmp_path,
                             static_root=tmp_path / "static", media_root=tmp_path / "media")
    assert "server 127.0.0.1:9000;" in conf and "listen 127.0.0.1:9002;" in conf
    assert "proxy_cache_bypass $portal_session;" in conf
    assert "client_max_body_size 40m;" in conf
    assert "web:8000" not in conf


@pytest.mark.skipif(not shutil.which("nginx") and not shutil.which("/usr/sbin/nginx"), reason="nginx not installed")
def test_nginx_accepts_the_generated_config(tmp_path):
    for sub in ("microcache", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / sub).mkdir()
    proxy = proxy_server_conf(upstream="127.0.0.1:9000", listen="127.0.0.1:9002", prefix=tmp_path,
                              static_root=tmp_path, media_root=tmp_path)
    path = tmp_path / "nginx.conf"
    path.write_text(main_conf(prefix=tmp_path, static_listen="127.0.0.1:9001", www_root=tmp_path, proxy_conf=proxy))
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    result = subprocess.run([binary, "-t", "-p", str(tmp_path), "-c", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_wrk_latencies_are_read_in_milliseconds():
    assert _ms("850.00us") == 0.85
    assert _ms("12.5ms") == 12.5
    assert _ms("1.20s") == 1200.0


def test_report_shows_ratios_to_static_and_missed_targets():
    run = {"rps": 100.0, "p50_ms": 5.0, "p99_ms": 20.0, "connections": 32}
    results = {
        "started_at": "2026-11-22T13:00:00+00:00",
        "scale": {"scale": {"items": 1000, "months": 36, "units": 20, "categories": 50, "questions": 100,
                            "legal_documents": 50}, "parts": {"items": {"rows": 1000, "seconds": 1}}},
        "settings": {"duration": 1, "connections": 32, "threads": 2, "workers": 4},
        "machine": {"cores": 2, "load_before": (1.0, 1.0, 1.0), "load_after": (2.0, 1.0, 1.0)},
        "static": {"bytes": 1000, "c": {**run, "rps": 10000.0}, "c1": run},
        "pages": {
            "article": {"label": "Article page", "url": "/a/", "cached": run, "uncached": run,
                        "uncached_c1": {**run, "p50_ms": 12.0}, "microcache": {**run, "rps": 6000.0},
                        "queries_uncached": 8},
            "qa_list": {"label": "Q&A list", "url": "/hoi-dap/", "notes": ["uncached: HTTP 404"]},
        },
        "rss_mb": {"cached": 80.0, "uncached": 82.0},
        "notes": {},
    }
    results["targets"] = targets(results)
    text = markdown(results)
    assert "60.0 %" in text            # microcache share of static
    assert "skipped: uncached: HTTP 404" in text
    met = {t["target"]: t["met"] for t in results["targets"]}
    assert met["Article page: nginx microcache ≥ 50 % of static"] is True
    assert met["Article page: uncached, one connection, p50 < 10 ms and p99 < 30 ms"] is False
