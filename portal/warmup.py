"""Load what a worker's first request would otherwise load, before it accepts any.

Django imports the URL modules (and with them every app's views), builds the URL
resolver, reads the translation catalogues and compiles templates on first use. In a
fresh gunicorn worker that made the first request take about a second, and a worker
recycled under load put that second into the latency of whoever came first
(docs/performance.md). gunicorn's `post_worker_init` hook (portal/gunicorn_conf.py)
calls `warm_up()` in each worker after the application is loaded, then `settle_heap()`.
"""

import gc
import logging

logger = logging.getLogger(__name__)

# The templates of the pages most often rendered on a cache miss.
TEMPLATES = {
    "jinja2": ["articles/item.jinja", "articles/category.jinja"],
    "django": ["base.html", "includes/item_row.html", "includes/item_card.html", "includes/link_list_row.html",
               "includes/most_read_row.html", "portal/home.html"],
}


def warm_up():
    """Never fails: whatever cannot be loaded now loads on first use, as before."""
    from django.conf import settings
    from django.template import engines
    from django.urls import NoReverseMatch, get_resolver, reverse
    from django.utils import translation

    try:
        get_resolver().url_patterns  # noqa: B018 - imports every URL module and view
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                translation.gettext("Home")
                try:
                    reverse("portal:home")  # builds the resolver's reverse table for the language
                except NoReverseMatch:
                    pass
        for engine, names in TEMPLATES.items():
            for name in names:
                try:
                    engines[engine].get_template(name)
                except Exception:  # a template renamed since: not worth a failed start
                    logger.warning("worker warm-up: template %s not loaded", name, exc_info=True)
    except Exception:
        logger.warning("worker warm-up failed; the first requests will load what they need", exc_info=True)


def settle_heap():
    """Collect the start-up's garbage, then keep what is left out of the cyclic collector's sight.

    After the warm-up a worker holds some 145,000 objects that live as long as it does
    (modules, URL patterns, templates, catalogues). Every full collection walked them all:
    100-130 ms on a slow 2-core machine, on whichever request's allocation triggered it,
    which made the quota dashboard's p99 twice its p50 (docs/performance.md, "Round of
    2026-12-07 (evening)"). Frozen, they are never examined again; what is garbage now is
    collected first, so nothing is frozen that should have been freed.
    """
    gc.collect()
    gc.freeze()
