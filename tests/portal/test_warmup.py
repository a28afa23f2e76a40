"""Workers load URLs, translations and hot templates before their first request (portal/warmup.py)."""

import logging

from portal import gunicorn_conf, warmup


def test_production_gunicorn_warms_each_worker(monkeypatch):
    called = []
    monkeypatch.setattr(warmup, "warm_up", lambda: called.append(True))
    gunicorn_conf.post_worker_init(worker=None)
    assert called == [True]


def test_every_listed_template_exists():
    from django.template import engines

    for engine, names in warmup.TEMPLATES.items():
        for name in names:
            engines[engine].get_template(name)  # raises if a template was renamed


def test_a_missing_template_never_stops_a_worker(monkeypatch, caplog):
    monkeypatch.setattr(warmup, "TEMPLATES", {"django": ["khong-co.html", "base.html"]})
    with caplog.at_level(logging.WARNING, logger="portal.warmup"):
        warmup.warm_up()
    assert "khong-co.html" in caplog.text
