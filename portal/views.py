"""The public site shell: home page, staff start page, health check, error pages."""

import importlib

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from articles.cache import public_page
from articles.fragments import request_store
from articles.selectors import (
    categories_all,
    categories_by_slug,
    category_children,
    items_in_section,
    items_listed,
    items_most_read_ids,
)
from core.notify import unread_count

# Top-level sections whose items the home page shows as blocks (the PBGDPL column is apart).
HOME_SECTIONS = ("tin-tuc-su-kien", "hoat-dong-chuyen-mon")
PBGDPL = "pho-bien-giao-duc-phap-luat"  # Trà Vinh: a legal-dissemination column on the home page
ANNOUNCEMENTS = "thong-bao"


@public_page
def home(request):
    """Featured and latest news, the PBGDPL column, announcements, section blocks, most read.

    A fixed number of queries whatever the number of items (tests/portal/test_home.py).
    Lists are primary keys: each item's card or link comes from the cache (`item_rows`,
    articles/fragments.py), and the items are read only for rows not there.
    """
    language = request.LANGUAGE_CODE
    store = request_store(request)
    categories = categories_all(store.load().generation)
    featured = list(items_listed(language).filter(featured=True)[:4])
    latest = list(items_listed(language).exclude(pk__in=[i.pk for i in featured]).values_list("pk", flat=True)[:9])
    sections = [
        {"category": category, "items": items_in_section(category.slug, language, 4, categories),
         "children": category_children(category, categories)}
        for category in categories_by_slug(*HOME_SECTIONS, categories=categories)
    ]
    pbgdpl = next(iter(categories_by_slug(PBGDPL, categories=categories)), None)
    announcements = next(iter(categories_by_slug(ANNOUNCEMENTS, categories=categories)), None)
    context = {
        "featured": featured,
        "latest": latest,
        "sections": sections,
        "pbgdpl": pbgdpl,
        "pbgdpl_items": items_in_section(PBGDPL, language, 6, categories) if pbgdpl else [],
        "pbgdpl_children": category_children(pbgdpl, categories) if pbgdpl else [],
        "announcements": announcements,
        "announcement_items": items_in_section(ANNOUNCEMENTS, language, 5, categories) if announcements else [],
        "most_read": items_most_read_ids(language),
    }
    # Every list's rows announced: those missing from the cache are read in one query.
    store.want_rows("includes/item_card.html", latest)
    store.want_rows("includes/link_list_row.html", [
        pk for pks in (*(section["items"] for section in sections), context["pbgdpl_items"],
                       context["announcement_items"]) for pk in pks
    ])
    store.want_rows("includes/most_read_row.html", context["most_read"])
    return render(request, "portal/home.html", context)


def _staff_links(user):
    """Links for the workspace, collected from each app's `navigation.staff_links(user)`.

    Each app knows which of its pages a user may open; the workspace only lists them.
    Each link is a dict: {"label", "url", "badge" (optional count)}.
    """
    links = []
    for app_config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{app_config.name}.navigation")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_config.name}.navigation":
                raise
            continue
        links.extend(module.staff_links(user))
    return links


@login_required
def staff_home(request):
    """Where staff land after login: links to what their roles may do."""
    context = {"links": _staff_links(request.user), "unread": unread_count(request.user)}
    return render(request, "portal/staff_home.html", context)


@never_cache
def healthz(request):
    """For the load balancer and docker health checks: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# Error pages say what happened and nothing else: no exception text, no paths, no
# settings. Denials are audited (a signed-in person's 404 too: it is how a guessed
# id of another unit's item looks, since views answer 404 for what one may not see).


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    from audit.services import audit_record

    audit_record(action="access.denied", request=request, object_repr=request.path[:300])
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from audit.services import audit_record

        audit_record(action="access.not_found", request=request, object_repr=request.path[:300])
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the error may be the database.
    from django.http import HttpResponseServerError
    from django.template import loader

    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({"request": request}))
