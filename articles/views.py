"""Public pages: listings, articles, static pages, search; and the editor's image upload."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import EmptyPage, InvalidPage, Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import urlencode
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.text import normalize_text, search_terms
from core.uploads import validate_image

from .cache import public_page
from .fragments import request_store
from .models import Page, SlugRedirect
from .selectors import (
    SEARCH_CANDIDATES,
    categories_all,
    category_ancestors,
    category_children,
    category_items_count,
    category_items_count_key,
    category_public,
    category_rows,
    item_category_attach,
    item_public,
    item_sidebar,
    item_sidebar_keys,
    items_published,
    search_documents,
    search_items,
    search_pages,
)
from .templatetags.articles_tags import absolute_url, day_month_year, machine_datetime

PER_PAGE = 20
LISTING_COUNT_CAP = 50 * PER_PAGE  # numbered pages of a section; older items through the cursor
BIGINT_MAX = 2**63 - 1
SEARCH_MAX_LENGTH = 200
EDITOR_IMAGE_MAX_BYTES = 5 * 1024 * 1024
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class CappedPaginator(Paginator):
    """Counts at most `cap` rows: COUNT(*) over a 200,000-item section read the whole table
    (1.2 s at 1,000,000 items, docs/performance.md). Beyond the cap readers go on with the
    cursor (`?sau=`), and the page says "page N" instead of "page N of M"."""

    def __init__(self, object_list, per_page, cap, counter=None):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.capped = False
        self.counter = counter  # counts up to cap + 1 rows another way (a cached count)

    @cached_property
    def count(self):
        counted = self.counter() if self.counter else self.object_list[: self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)


def _page(request, queryset, per_page=PER_PAGE, cap=None, counter=None):
    """Page `?page=N`: a malformed number gives page 1; a page past the last is a 404."""
    paginator = CappedPaginator(queryset, per_page, cap, counter) if cap else Paginator(queryset, per_page)
    raw = request.GET.get("page") or "1"
    try:
        number = int(raw)
    except ValueError:
        number = 1
    try:
        return paginator.page(max(number, 1))
    except EmptyPage:
        if number == 1:
            return paginator.page(1)
        raise Http404 from None
    except InvalidPage:
        raise Http404 from None


def cursor_encode(item):
    micros = (item.published_at - EPOCH) // dt.timedelta(microseconds=1)
    return f"{micros}.{item.pk}"


def cursor_decode(value):
    """(published_at, id) from `?sau=`, or None if it is not a cursor we made."""
    try:
        micros, pk = (int(part) for part in str(value).split(".", 1))
        return EPOCH + dt.timedelta(microseconds=micros), pk
    except (ValueError, OverflowError):
        return None


class SectionRows:
    """A section's (pk, published_at) rows as the paginator slices them: each slice one query
    (selectors.category_rows); the paginator's count comes from its `counter`."""

    def __init__(self, category, language, categories):
        self.category, self.language, self.categories = category, language, categories

    def __getitem__(self, index):
        start, stop = index.start or 0, index.stop
        return category_rows(self.category, self.language, self.categories, limit=stop - start, offset=start)

    def after(self, cursor, per_page=PER_PAGE):
        """The page after the keyset cursor: as fast on page 1000 as on page 1 (index on
        published_at, id); (rows, the next page's cursor or None)."""
        published_at, pk = cursor
        pk = max(min(pk, BIGINT_MAX), -BIGINT_MAX)
        rows = category_rows(self.category, self.language, self.categories, limit=per_page + 1, before=(published_at, pk))
        return rows[:per_page], (cursor_encode(rows[per_page - 1]) if len(rows) > per_page else None)


@public_page
def category(request, slug):
    # One cache round trip for the generation, the layout, the department and the count.
    store = request_store(request)
    count_key = category_items_count_key(slug, request.LANGUAGE_CODE, LISTING_COUNT_CAP)
    store.want(count_key)
    categories = categories_all(store.load().generation)
    category = category_public(slug, categories)
    if category is None:
        raise Http404
    # Only what the cursor and the rows' cache keys need (index-only on item_category_public):
    # the page shows each item's row from the cache (articles/fragments.py, item_rows), which
    # reads the items it misses.
    items = SectionRows(category, request.LANGUAGE_CODE, categories)
    context = {
        "category": category,
        # Each shown twice (the page's head and its foot): reversed once.
        "rss_url": reverse("articles:category_rss", args=[category.slug]),
        "atom_url": reverse("articles:category_atom", args=[category.slug]),
        "ancestors": category_ancestors(category, categories),
        "children": category_children(category, categories),
    }
    cursor = cursor_decode(request.GET["sau"]) if request.GET.get("sau") else None
    if cursor:
        context["items"], context["next_cursor"] = items.after(cursor)
    else:
        page_obj = _page(
            request,
            items,
            cap=LISTING_COUNT_CAP,
            counter=lambda: category_items_count(
                category, request.LANGUAGE_CODE, LISTING_COUNT_CAP, categories, prefetched=store.values
            ),
        )
        context["page_obj"], context["items"] = page_obj, page_obj.object_list
        context["count_capped"] = page_obj.paginator.capped
        more = page_obj.has_next() or page_obj.paginator.capped
        if more and len(page_obj.object_list) == PER_PAGE:
            context["next_cursor"] = cursor_encode(page_obj.object_list[len(page_obj.object_list) - 1])
    return render(request, "articles/category.jinja", context, using="jinja2")


@public_page
def item_detail(request, slug):
    item = item_public(slug, categories=())
    if item is None:
        # A link shared before the slug changed: send the reader (and search engines) on for good.
        moved = SlugRedirect.objects.filter(old_slug=slug).values_list("item_id", flat=True).first()
        target = items_published().filter(pk=moved).only("slug").first() if moved else None
        if target is None:
            raise Http404
        return HttpResponsePermanentRedirect(target.get_absolute_url())
    # One cache round trip for the generation, the layout, the department and the sidebar lists;
    # one more for the sidebar's rows.
    store = request_store(request)
    store.want(*item_sidebar_keys(item))
    categories = categories_all(store.load().generation)
    item_category_attach(item, categories)
    related, most_read = item_sidebar(item, prefetched=store.values)
    store.want_rows("includes/link_list_row.html", related)
    store.want_rows("includes/most_read_row.html", most_read)
    item_url = settings.SITE_URL + item.get_absolute_url()
    # As the template's absolute_url(): a storage that gives absolute URLs (S3) keeps them.
    cover_url = absolute_url({}, item.cover_image.url) if item.cover_image else ""
    published = timezone.template_localtime(item.published_at)
    context = {
        "item": item,
        "item_json_ld": _news_article(item, store.department(), cover_url, item_url),
        "cover_url": cover_url,
        # {{ item.summary|truncatewords:40 }}, shown three times (description, Open Graph, Twitter).
        "description": _first_words(item.summary, 40),
        "ancestors": category_ancestors(item.category, categories) + [item.category] if item.category_id else [],
        "related": related,
        "most_read": most_read,
        "item_url": item_url,
        # Each shown twice or more; the same filters as the template's, applied once.
        "item_url_encoded": urlencode(item_url, ""),
        "published_machine": machine_datetime(published),
        "published_shown": day_month_year(published, True),
        # Here rather than {% set %} in the template: a block with its own variables makes
        # Jinja2 copy the whole context for every function call in it (item_rows...).
        "photos": item.page_lists["images"],
        "attachments": item.page_lists["attachments"],
        "tags": item.page_lists["tags"],
    }
    response = render(request, "articles/item.jinja", context, using="jinja2")
    response.visit_item_id = item.pk
    return response


def _first_words(text, count):
    """Truncator(text).words(count, truncate=" …") without its lazy wrapper and translation lookup."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    shown = " ".join(words[:count])
    return shown if shown.endswith(" …") else f"{shown} …"


def _news_article(item, department, cover_url="", item_url=None):
    """schema.org NewsArticle, so search engines show the date, image and publisher.
    `item_url`: the item's absolute URL, where the caller has it already."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title[:110],
        "description": item.summary,
        "datePublished": item.published_at.isoformat(),
        "dateModified": item.updated_at.isoformat(),
        "inLanguage": item.language,
        "mainEntityOfPage": item_url or settings.SITE_URL + item.get_absolute_url(),
        "publisher": {"@type": "GovernmentOrganization", "name": department.name},
    }
    if cover_url:
        data["image"] = [cover_url]
    if item.show_byline and item.byline:
        data["author"] = {"@type": "Person", "name": item.byline}
    else:
        data["author"] = {
            "@type": "Organization",
            "name": item.unit.name if item.unit_id else department.name,
        }
    return data


@public_page
def page_detail(request, slug):
    page = Page.objects.filter(slug=slug, is_published=True).first()
    if page is None:
        raise Http404
    return render(request, "articles/page.html", {"page": page})


def _date_param(request, name, problems):
    raw = (request.GET.get(name) or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw[:10])
    except ValueError:
        problems.append(
            _("The date “%(value)s” is not valid; it was ignored. Use the format YYYY-MM-DD.")
            % {"value": raw[:20]}
        )
        return None


@public_page
def search(request):
    raw = normalize_text(request.GET.get("q") or "", multiline=False)
    problems = []
    if len(raw) > SEARCH_MAX_LENGTH:
        problems.append(
            _("Your search is too long (at most %(limit)s characters). Please shorten it.")
            % {"limit": SEARCH_MAX_LENGTH}
        )
        raw = ""
    terms = search_terms(raw)
    category = None
    category_slug = (request.GET.get("chuyen-muc") or "")[:120]
    if category_slug:
        category = category_public(category_slug)
        if category is None:
            problems.append(_("The chosen section does not exist; searching everywhere."))
    date_from, date_to = _date_param(request, "tu", problems), _date_param(request, "den", problems)
    items, capped = search_items(
        terms, language=request.LANGUAGE_CODE, category=category, date_from=date_from, date_to=date_to
    )
    page_obj = _page(request, items)
    first_page = page_obj.number == 1 and category is None and not (date_from or date_to)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "query": raw,
        "terms": terms,
        "capped": capped,
        "candidates": SEARCH_CANDIDATES,
        "problems": problems,
        "page_obj": page_obj,
        "query_string": query_string.urlencode(),
        "category": category,
        "date_from": date_from,
        "date_to": date_to,
        "sections": _search_sections(),
        "pages": search_pages(terms, request.LANGUAGE_CODE) if first_page else [],
        "documents": search_documents(raw, 5) if first_page and terms else [],
    }
    return render(request, "articles/search.html", context)


def _search_sections():
    """Visible sections with their own listing, in menu order, children after their parent."""
    categories = [c for c in categories_all() if c.is_visible]
    ordered = []

    def walk(parent_id, depth):
        for category in categories:
            if category.parent_id == parent_id:
                if not category.link:
                    category.depth_prefix = "– " * depth
                    ordered.append(category)
                walk(category.pk, depth + 1)

    walk(None, 0)
    return ordered


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /quan-tri/",
        "Disallow: /tai-khoan/",
        "Disallow: /bien-tap/",
        "Disallow: /lam-viec/",
        "Disallow: /en/quan-tri/",
        "Disallow: /en/tai-khoan/",
        "Disallow: /en/bien-tap/",
        "Disallow: /en/lam-viec/",
        f"Sitemap: {request.build_absolute_uri(reverse('articles:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _editor_error(message, status=400):
    return JsonResponse({"error": {"message": message}}, status=status)


@require_POST
def editor_image_upload(request):
    """Images pasted or inserted in CKEditor: staff with permission only, checked by content.

    CSRF is enforced by the middleware (the editor sends X-CSRFToken). The image
    is decoded and re-encoded (no EXIF, no trailing payload) and stored under a
    random name, so nothing the user chose ends up in a URL or on disk.
    """
    user = request.user
    if not (
        user.is_authenticated
        and user.is_active
        and (user.has_perm("articles.add_item") or user.has_perm("articles.change_item"))
    ):
        return _editor_error(_("You may not upload images."), status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _editor_error(_("No file was sent."))
    try:
        clean = validate_image(upload, max_bytes=EDITOR_IMAGE_MAX_BYTES)
    except ValidationError as exc:
        return _editor_error(" ".join(exc.messages))
    now = timezone.now()
    name = default_storage.save(f"editor/{now:%Y/%m}/{clean.content.name}", clean.content)
    return JsonResponse({"url": default_storage.url(name)})
