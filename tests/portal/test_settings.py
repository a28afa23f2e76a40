"""Start-up with bad environment values fails with one clear line, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "name,value",
    [
        ("DATABASE_URL", "mysql://x"),
        ("DATABASE_URL", "postgres://"),
        ("REDIS_URL", "localhost:6379"),
        ("REDIS_URL", "redis://host:notaport/0"),
        ("DEBUG", "maybe"),
    ],
)
def test_bad_environment_value_stops_with_one_line_naming_it(name, value):
    result = manage("check", **{name: value, "PORTAL_ENV": "development"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0]
    assert "Traceback" not in result.stderr


PRODUCTION_ENV = {
    "PORTAL_ENV": "production",
    "SECRET_KEY": "k7$2mZ!pQ9xL@v3Rt8#wN5yB1cF6hJ0sD4gA-uE_iO+oP=aS&dX*zC",
    "ALLOWED_HOSTS": "stp.example.gov.vn",
    "DEBUG": "false",
}


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = dict(PRODUCTION_ENV)
    env["SECRET_KEY"] = ""
    result = manage("check", **env)
    assert result.returncode == 2 and "SECRET_KEY" in result.stderr


def test_settings_defaults_are_vietnamese_and_local_time():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "vi"
    assert ("en", "English") in [(code, str(name)) for code, name in settings.LANGUAGES] or "en" in dict(settings.LANGUAGES)
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh" and settings.USE_TZ


def test_a_replica_url_adds_the_replica_and_its_router():
    code = (
        "from django.conf import settings; "
        "print(settings.DATABASES['replica']['NAME'], settings.DATABASE_ROUTERS, "
        "'portal.routers.ReplicaReadsMiddleware' in settings.MIDDLEWARE)"
    )
    result = manage("shell", "-c", code, PORTAL_ENV="development",
                    DATABASE_URL="postgres://portal@db.example:5432/portal",
                    DATABASE_REPLICA_URL="postgres://portal@replica.example:5432/portal")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["portal", "['portal.routers.ReplicaRouter']", "True"]
    bad = manage("check", PORTAL_ENV="development", DATABASE_REPLICA_URL="mysql://x")
    assert bad.returncode == 2 and "DATABASE_REPLICA_URL" in bad.stderr


def test_only_cookie_less_reads_go_to_the_replica(rf):
    from articles.models import Item
    from portal.routers import ReplicaReadsMiddleware, ReplicaRouter

    router = ReplicaRouter()
    seen = []
    middleware = ReplicaReadsMiddleware(lambda request: seen.append(router.db_for_read(Item)) or "response")
    middleware(rf.get("/tin-tuc/"))
    middleware(rf.head("/"))
    with_session = rf.get("/")
    with_session.COOKIES["sessionid"] = "abc"
    middleware(with_session)
    middleware(rf.post("/hoi-dap/gui/"))
    assert seen == ["replica", "replica", "default", "default"]
    assert router.db_for_read(Item) == "default"  # outside a marked request
    assert router.db_for_write(Item) == "default"
    assert router.allow_migrate("replica", "articles") is False
