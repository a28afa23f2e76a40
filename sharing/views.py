from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from articles.selectors import items_published
from organisation.selectors import department_get
from publicinfo.pagination import page_of

from .selectors import component_items

FEED_PER_PAGE = 20


def _absolute(path):
    return settings.SITE_URL.rstrip("/") + path if path else ""


@require_GET
@cache_control(public=True, max_age=300)
def items_feed(request):
    """Published items as JSON for the Ministry's and province's portals (sharing, read-only)."""
    items = (
        items_published(request.LANGUAGE_CODE)
        .select_related("category")
        .only(
            "title",
            "slug",
            "summary",
            "published_at",
            "kind",
            "cover_image",
            "category__name",
            "category__slug",
        )
    )
    paginator = Paginator(items, FEED_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        return JsonResponse({"error": "page out of range"}, status=404)
    base = _absolute(reverse("sharing:items_feed"))
    data = {
        # Portals that read the feed show its title: the department's name, not the URL's slug.
        "title": department_get().name,
        "language": request.LANGUAGE_CODE,
        "page": page.number,
        "pages": paginator.num_pages,
        "count": paginator.count,
        "next": f"{base}?page={page.next_page_number()}" if page.has_next() else None,
        "previous": f"{base}?page={page.previous_page_number()}" if page.has_previous() else None,
        "items": [
            {
                "id": item.pk,
                "title": item.title,
                "url": _absolute(item.get_absolute_url()),
                "summary": item.summary,
                "kind": item.kind,
                "category": item.category.name if item.category_id else None,
                "published_at": item.published_at.isoformat() if item.published_at else None,
                "image": _absolute(item.cover_image.url) if item.cover_image else None,
            }
            for item in page
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def from_units(request):
    return render(request, "sharing/from_units.html", {"page_obj": page_of(request, component_items())})
