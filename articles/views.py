from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from core.text import search_terms
from core.uploads import validate_image

from .models import Category, Page
from .selectors import items_published


def _page(request, queryset, per_page=20):
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        raise Http404 from None


def category(request, slug):
    category = get_object_or_404(Category, slug=slug, is_visible=True)
    items = items_published(request.LANGUAGE_CODE).filter(category=category).only(
        "title", "slug", "summary", "published_at", "cover_image", "cover_alt", "cover_width", "cover_height"
    )
    return render(request, "articles/category.html", {"category": category, "page_obj": _page(request, items)})


def item_detail(request, slug):
    item = get_object_or_404(items_published().select_related("category", "unit"), slug=slug)
    return render(request, "articles/item.html", {"item": item})


def page_detail(request, slug):
    page = get_object_or_404(Page, slug=slug, is_published=True)
    return render(request, "articles/page.html", {"page": page})


def search(request):
    query = (request.GET.get("q") or "")[:200]
    results = items_published(request.LANGUAGE_CODE)
    terms = search_terms(query)
    for term in terms:
        results = results.filter(search_text__contains=term)
    page_obj = _page(request, results if terms else results.none())
    return render(request, "articles/search.html", {"query": query, "page_obj": page_obj})


@require_POST
def editor_image_upload(request):
    if not (request.user.is_authenticated and request.user.has_perm("articles.add_item")):
        return HttpResponseForbidden()
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": "No file"}}, status=400)
    from django.core.exceptions import ValidationError
    from django.core.files.storage import default_storage

    try:
        clean = validate_image(upload)
    except ValidationError as exc:
        return JsonResponse({"error": {"message": " ".join(exc.messages)}}, status=400)
    name = default_storage.save(f"editor/{clean.content.name}", clean.content)
    return JsonResponse({"url": default_storage.url(name)})
