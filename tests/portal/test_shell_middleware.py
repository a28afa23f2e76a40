import pytest


@pytest.mark.django_db
def test_editor_pages_allow_style_attributes_and_public_pages_do_not(client):
    admin_csp = client.get("/quan-tri/login/")["Content-Security-Policy"]
    assert "style-src-attr 'unsafe-inline'" in admin_csp
    public_csp = client.get("/")["Content-Security-Policy"]
    assert "style-src-attr" not in public_csp
    for csp in (admin_csp, public_csp):
        script_src = [d for d in csp.split(";") if d.strip().startswith("script-src")][0]
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src


def test_media_goes_to_an_s3_bucket_when_configured():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(PORTAL_ENV="development", MEDIA_S3_BUCKET="stp-media", MEDIA_S3_ACCESS_KEY_ID="k",
               MEDIA_S3_SECRET_ACCESS_KEY="s", MEDIA_S3_ENDPOINT_URL="http://127.0.0.1:9")
    code = "from django.core.files.storage import storages; s = storages['default']; print(type(s).__name__, s.bucket_name)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=Path(__file__).resolve().parents[2],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "S3Storage stp-media" in result.stdout
