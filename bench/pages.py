"""The pages the benchmark measures, found in the bench data set (runs inside Django).

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=... python -m bench.pages > pages.json

Each page's URL comes from the app's URL names when they exist, else from the
path the issue names; BENCH_URL_<KEY> (e.g. BENCH_URL_QA_LIST=/hoi-dap/) overrides
it. Pages for a logged-in reader carry the role whose session the runner creates.
"""

import datetime as dt
import json
import os
import sys
import time
from urllib.parse import urlencode

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
SEARCH_QUERY = "hoa giai co so"      # "hòa giải cơ sở" typed without diacritics
LEGALDOCS_QUERY = "quyet dinh dat dai"
PER_PAGE = 20

# key, what it is, role of the logged-in reader (None: anonymous), URL names to try, fallback path
PAGES = [
    ("home", "Home page", None, ["portal:home"], "/"),
    ("category", "Category listing, page 1", None, [], None),
    ("category_deep", "Category listing, deep page (?page=N)", None, [], None),
    ("category_deep_cursor", "Category listing, deep page (cursor)", None, [], None),
    ("article", "Article page", None, [], None),
    ("legaldocs_search", "Legal documents search", None, ["legaldocs:list", "legaldocs:index", "legaldocs:search"],
     "/van-ban/"),
    ("search", "Site search without diacritics", None, ["articles:search"], "/tim-kiem/"),
    ("qa_list", "Q&A list", None, ["feedback:question_list", "feedback:questions", "feedback:qa"], "/hoi-dap/"),
    ("board", "Editorial board's items (board member)", "board_member", ["editorial:board"], "/bien-tap/"),
    ("inbox", "Secretary's inbox (secretary)", "secretary", ["editorial:inbox"], "/bien-tap/hop-thu/"),
    ("quota_dashboard", "Quota dashboard (leadership)", "leadership",
     ["quotas:dashboard", "quotas:index"], "/dinh-muc/"),
    ("quota_ranking", "Yearly ranking (leadership)", "leadership",
     ["quotas:ranking", "quotas:year", "quotas:yearly", "quotas:annual"], None),
]
ANONYMOUS = [key for key, _label, role, _names, _path in PAGES if role is None]


def _reverse(names):
    from django.urls import NoReverseMatch, reverse

    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def _biggest_category():
    from django.db import connection

    from articles.models import Category

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT category_id, count(*) FROM articles_item WHERE status = 'published' AND language = 'vi' "
            "AND category_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
        )
        row = cursor.fetchone()
    if row is None:
        return None, 0
    return Category.objects.get(pk=row[0]), row[1]


def _cursor_at(category, offset):
    """The keyset cursor (published_at, id) of the item just before `offset` in the listing."""
    from articles.models import Item

    item = (
        Item.objects.filter(status="published", language="vi", category=category)
        .order_by("-published_at", "-id")
        .only("published_at")[offset - 1 : offset]
        .first()
    )
    if item is None:
        return None
    micros = (item.published_at - EPOCH) // dt.timedelta(microseconds=1)
    return f"{micros}.{item.pk}"


def _numbered_pages_max():
    try:
        from articles.views import LISTING_COUNT_CAP
    except ImportError:  # an older tree without the cap
        return 10**9
    return max(1, LISTING_COUNT_CAP // PER_PAGE)


def discover():
    from django.utils import translation

    from articles.models import Item

    translation.activate("vi")
    urls, notes = {}, {}
    category, count = _biggest_category()
    if category is not None:
        base = category.get_absolute_url()
        pages = max(1, -(-count // PER_PAGE))
        deep = max(2, pages // 2)
        urls["category"] = base
        # Numbered pages stop at the listing's count cap (articles.views.LISTING_COUNT_CAP); deeper
        # than that a reader follows the cursor, measured below at the same depth.
        numbered = min(deep, _numbered_pages_max())
        urls["category_deep"] = f"{base}?page={numbered}"
        notes["category_deep"] = f"?page={numbered:,}: the last numbered page; deeper pages are reached by cursor"
        cursor = _cursor_at(category, (deep - 1) * PER_PAGE)
        if cursor:
            urls["category_deep_cursor"] = f"{base}?{urlencode({'sau': cursor})}"
        notes["category"] = f"{category.slug}: {count:,} items, {pages:,} pages of {PER_PAGE}; deep page {deep:,}"
    middle = Item.objects.filter(status="published").order_by("pk").values_list("pk", flat=True)
    total = middle.count()
    article = (
        Item.objects.filter(status="published", pk__gte=(middle[total // 2] if total else 0))
        .exclude(slug=None).order_by("pk").first()
    )
    if article is not None:
        urls["article"] = article.get_absolute_url()
    for key, _label, _role, names, fallback in PAGES:
        if key in urls:
            continue
        url = _reverse(names) or fallback
        if url is None:
            continue
        if key == "search":
            url = f"{url}?{urlencode({'q': SEARCH_QUERY})}"
        elif key == "legaldocs_search":
            url = f"{url}?{urlencode({'q': LEGALDOCS_QUERY})}"
        urls[key] = url
    for key, *_rest in PAGES:
        override = os.environ.get(f"BENCH_URL_{key.upper()}")
        if override:
            urls[key] = override
            notes[key] = "URL from BENCH_URL_" + key.upper()
    return urls, notes


def session_for(role):
    """A logged-in session of the bench user of `role`; returns the cookie value."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.utils.module_loading import import_string

    user = get_user_model().objects.filter(username__startswith=f"bench_{role}_").order_by("pk").first()
    if user is None:
        return None
    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "accounts.backends.PortalModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    now = int(time.time())
    # What accounts.middleware keeps after a login. The session stands for a completed login,
    # second factor included (the secretary's role requires one in production).
    store["_portal_login_at"] = now
    store["_portal_seen_at"] = now
    store["_portal_second_factor"] = False
    store.save()
    return store.session_key


def main():
    import django

    django.setup()
    urls, notes = discover()
    roles = sorted({role for _key, _label, role, _names, _path in PAGES if role})
    sessions = {role: session_for(role) for role in roles}
    json.dump({"urls": urls, "notes": notes, "sessions": sessions,
               "labels": {key: label for key, label, *_ in PAGES},
               "roles": {key: role for key, _label, role, *_ in PAGES}}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
