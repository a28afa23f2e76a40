"""Workers load URLs, translations and hot templates before their first request (portal/warmup.py)."""

import gc
import logging
import weakref

from portal import gunicorn_conf, warmup


def test_production_gunicorn_warms_each_worker_then_settles_its_heap(monkeypatch):
    called = []
    monkeypatch.setattr(warmup, "warm_up", lambda: called.append("warm"))
    monkeypatch.setattr(warmup, "settle_heap", lambda: called.append("settle"))
    gunicorn_conf.post_worker_init(worker=None)
    assert called == ["warm", "settle"]


class _Node:
    pass


def test_settled_heap_is_frozen_and_its_garbage_freed_first():
    kept = [_Node() for _ in range(100)]
    cycle = _Node()
    cycle.me = cycle  # garbage only the cyclic collector frees
    gone = weakref.ref(cycle)
    del cycle
    try:
        warmup.settle_heap()
        # Garbage was collected before the freeze, not frozen for the worker's lifetime...
        assert gone() is None
        # ...and what lives on is out of the collector's sight: a full collection skips it.
        assert gc.get_freeze_count() >= len(kept)
        assert not any(obj is kept for obj in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()


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
