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
