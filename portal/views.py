"""The public site shell: home page, staff start page, health check, error pages."""

import importlib

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from articles.selectors import items_published
from core.notify import unread_count


def home(request):
    items = list(
        items_published(request.LANGUAGE_CODE)
        .select_related("category")
        .only("title", "slug", "summary", "published_at", "cover_image", "cover_alt",
              "cover_width", "cover_height", "category__name", "category__slug", "category__link")[:12]
    )
    return render(request, "portal/home.html", {"latest": items})


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


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the error may be the database.
    from django.template import loader
    from django.http import HttpResponseServerError

    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({}))
