"""Reads of public content: what the public may see, listings, search, visits."""

import logging
import time
from collections import namedtuple
from collections.abc import Sequence
from datetime import timedelta

from django.core.cache import cache
from django.db import connection, connections, router
from django.db.models import Case, FloatField, IntegerField, Q, Sum, Value, When
from django.db.models.base import ModelState
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Length, StrIndex
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

from core.prepared import prepared_cursor
from core.text import fold
from core.workdays import month_bounds

from .models import Category, DailyVisits, Item, ItemAttachment, ItemImage, ItemStatus, Page, Tag

logger = logging.getLogger(__name__)

MENU_CACHE_KEY = "articles:menu"
CATEGORIES_CACHE_KEY = "articles:categories"
SIDEBAR_CACHE_KEY = "articles:sidebar"
GENERATION_CACHE_KEY = "articles:generation"
VISITS_CACHE_KEY = "articles:visits-summary"

# Columns a list of items shows (cards, listings, feeds): nothing heavier.
LIST_FIELDS = (
    "kind",
    "title",
    "slug",
    "summary",
    "published_at",
    "language",
    "featured",
    "category_id",
    "cover_image",
    "cover_alt",
    "cover_width",
    "cover_height",
)


def items_published(language=None):
    """Items the public may see: published and dated in the past."""
    queryset = Item.objects.filter(status=ItemStatus.PUBLISHED, published_at__lte=timezone.now())
    if language:
        queryset = queryset.filter(language=language)
    return queryset


def items_listed(language=None):
    """Published items with only what a list shows, newest first (index item_public)."""
    return items_published(language).only(*LIST_FIELDS).order_by("-published_at", "-id")


# --- The article page -------------------------------------------------------------------
# Hand-written queries: the ORM spent more CPU compiling its SQL (select_related and three
# prefetches) than PostgreSQL spent answering it, a third of an uncached article page
# (docs/performance.md). On PostgreSQL one statement reads the item, its unit and its three
# lists (_with_lists_as_json); elsewhere the item, then its lists in one UNION ALL query.
# Columns come from the models, so a new field is read without a change.


def _columns(model, exclude=(), table=None):
    fields = [f for f in model._meta.concrete_fields if f.attname not in exclude]
    quote = connection.ops.quote_name
    prefix = f"{quote(table or model._meta.db_table)}."
    return [f.attname for f in fields], ", ".join(prefix + quote(f.column) for f in fields)


_page_sql = {}


def _item_page_sql():
    """(SQL of the item and its unit, item fields, unit fields, SQL of each related list): built once."""
    if connection.vendor not in _page_sql:
        from organisation.models import Unit

        quote = connection.ops.quote_name
        item_table, unit_table = quote(Item._meta.db_table), quote(Unit._meta.db_table)
        # search_text (the folded full text) is only for search; the page never shows it.
        item_fields, item_columns = _columns(Item, exclude=("search_text",))
        unit_fields, unit_columns = _columns(Unit)
        item_sql = (
            f"SELECT {item_columns}, {unit_columns} FROM {item_table} "
            f"LEFT OUTER JOIN {unit_table} ON ({item_table}.{quote('unit_id')} = {unit_table}.{quote('id')}) "
            f"WHERE {item_table}.{quote('slug')} = %s AND {item_table}.{quote('status')} = %s "
            f"AND {item_table}.{quote('published_at')} <= %s"
        )
        lists = {}
        for name, model in (("images", ItemImage), ("attachments", ItemAttachment)):
            fields, columns = _columns(model)
            table = quote(model._meta.db_table)
            lists[name] = (
                model, fields,
                f"SELECT {columns} FROM {table} WHERE {table}.{quote('item_id')} = %s "
                f"ORDER BY {table}.{quote('order')}, {table}.{quote('id')}",
            )
        tag_fields, tag_columns = _columns(Tag)
        tag_table, link_table = quote(Tag._meta.db_table), quote(Item.tags.through._meta.db_table)
        lists["tags"] = (
            Tag, tag_fields,
            f"SELECT {tag_columns} FROM {tag_table} INNER JOIN {link_table} "
            f"ON ({link_table}.{quote('tag_id')} = {tag_table}.{quote('id')}) "
            f"WHERE {link_table}.{quote('item_id')} = %s ORDER BY {tag_table}.{quote('name')}",
        )
        union = _lists_union(lists)
        if union is not None and connection.vendor == "postgresql":
            item_sql = _with_lists_as_json(item_sql, union, item_table)
            union = None
        _page_sql[connection.vendor] = (item_sql, item_fields, unit_fields, lists, union)
    return _page_sql[connection.vendor]


LISTS_AS_JSON = ("images", "attachments", "tags")  # the item query's last columns on PostgreSQL


def _with_lists_as_json(item_sql, union, item_table):
    """The item query with its three lists as JSON arrays in its last columns: one statement
    and one round trip for the whole page instead of two. A round trip cost more than the
    query itself (the client sends, waits and wakes up; docs/performance.md)."""
    quote = connection.ops.quote_name
    _sql, _parameters, layouts, _integers = union
    columns = []
    for name in LISTS_AS_JSON:
        model, fields, _kinds = layouts[name]
        table = quote(model._meta.db_table)
        by_attname = {f.attname: f"{table}.{quote(f.column)}" for f in model._meta.concrete_fields}
        values = ", ".join(by_attname[attname] for attname in fields)
        if name == "tags":
            link = quote(Item.tags.through._meta.db_table)
            source = (
                f"{table} INNER JOIN {link} ON ({link}.{quote('tag_id')} = {table}.{quote('id')}) "
                f"WHERE {link}.{quote('item_id')} = {item_table}.{quote('id')}"
            )
            order = f"{by_attname['name']}, {by_attname['id']}"
        else:
            source = f"{table} WHERE {table}.{quote('item_id')} = {item_table}.{quote('id')}"
            order = f"{by_attname['order']}, {by_attname['id']}"
        columns.append(f"(SELECT json_agg(json_build_array({values}) ORDER BY {order}) FROM {source})")
    select, _from, rest = item_sql.partition(f" FROM {item_table} ")
    return f"{select}, {', '.join(columns)} FROM {item_table} {rest}"


_INTEGER_TYPES = {
    "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField",
    "PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField", "ForeignKey",
}
_TEXT_TYPES = {"CharField", "TextField", "FileField", "SlugField", "EmailField", "URLField"}


def _lists_union(lists):
    """The three lists of item_public in one query (UNION ALL, one round trip instead of three),
    or None if a model has a column that is neither an integer nor text (then: three queries).

    Each list's columns go into integer or text slots, so that the branches' column types
    match; rows come back ordered as the separate queries order them."""
    quote = connection.ops.quote_name
    branches, layouts = [], {}
    plans = {}
    for name, (model, fields, _sql) in lists.items():
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        kinds = []
        for attname in fields:
            internal = by_attname[attname].get_internal_type()
            if internal in _INTEGER_TYPES:
                kinds.append("i")
            elif internal in _TEXT_TYPES:
                kinds.append("t")
            else:
                return None
        plans[name] = (model, fields, kinds)
    integers = max(kinds.count("i") for _m, _f, kinds in plans.values())
    texts = max(kinds.count("t") for _m, _f, kinds in plans.values())
    for name, (model, fields, kinds) in plans.items():
        table = quote(model._meta.db_table)
        columns = {f.attname: f"{table}.{quote(f.column)}" for f in model._meta.concrete_fields}
        int_columns = [columns[a] for a, k in zip(fields, kinds, strict=True) if k == "i"]
        text_columns = [columns[a] for a, k in zip(fields, kinds, strict=True) if k == "t"]
        slots = (int_columns + ["NULL"] * (integers - len(int_columns))) + (
            text_columns + ["NULL"] * (texts - len(text_columns))
        )
        if name == "tags":
            link = quote(Item.tags.through._meta.db_table)
            sort = f"NULL, {columns['name']}"
            source = f"{table} INNER JOIN {link} ON ({link}.{quote('tag_id')} = {table}.{quote('id')}) WHERE {link}.{quote('item_id')} = %s"
        else:
            sort = f"{columns['order']}, NULL"
            source = f"{table} WHERE {table}.{quote('item_id')} = %s"
        branches.append(f"SELECT '{name}', {sort}, {', '.join(slots)} FROM {source}")
        layouts[name] = (model, fields, kinds)
    # Order: list, then `order` (images, attachments) or name (tags), then id (the first integer).
    sql = " UNION ALL ".join(branches) + " ORDER BY 1, 2, 3, 4"
    return sql, len(branches), layouts, integers


def _lists_rows(cursor, union, item_pk):
    """{list name: [(values in field order)]} from the union query."""
    sql, parameters, layouts, integers = union
    cursor.execute(sql, [item_pk] * parameters)
    found = {name: [] for name in layouts}
    for row in cursor.fetchall():
        name = row[0]
        model, fields, kinds = layouts[name]
        ints, texts = iter(row[3 : 3 + integers]), iter(row[3 + integers :])
        found[name].append([next(ints) if kind == "i" else next(texts) for kind in kinds])
    return found


def item_public(slug, categories=None):
    """The item the public may see under this slug (as items_published), or None.

    Comes with its unit, its category (from categories_all, no join; `categories=()` leaves it to
    item_category_attach) and, as item.images, item.attachments and item.tags (.all()), its
    gallery, attachments and tags; as lists in item.page_lists["images"] and so on.
    """
    from organisation.models import Unit

    item_sql, item_fields, unit_fields, lists, union = _item_page_sql()
    reading = _reading_connection()
    db = reading.alias
    with prepared_cursor(reading) as cursor:
        now = reading.ops.adapt_datetimefield_value(timezone.now())
        cursor.execute(item_sql, [slug, ItemStatus.PUBLISHED.value, now])
        row = cursor.fetchone()
        if row is None:
            return None
        item = _instance(Item, db, item_fields, _converted(Item, item_fields, row[: len(item_fields)]))
        unit_values = row[len(item_fields) : len(item_fields) + len(unit_fields)]
        unit = _instance(Unit, db, unit_fields, _converted(Unit, unit_fields, unit_values)) if item.unit_id else None
        Item.unit.field.set_cached_value(item, unit)
        item_category_attach(item, categories if categories is not None else categories_all())
        if len(row) > len(item_fields) + len(unit_fields):  # PostgreSQL: the lists came with the item
            rows_by_list = dict(zip(LISTS_AS_JSON, (lst or [] for lst in row[-len(LISTS_AS_JSON) :]), strict=True))
        elif union is not None:
            rows_by_list = _lists_rows(cursor, union, item.pk)
        else:
            rows_by_list = {}
            for name, (_model, _fields, sql) in lists.items():
                cursor.execute(sql, [item.pk])
                rows_by_list[name] = cursor.fetchall()
        prefetched = {
            name: [_instance(model, db, fields, _converted(model, fields, values)) for values in rows_by_list[name]]
            for name, (model, fields, _sql) in lists.items()
        }
    item.page_lists = prefetched
    item._prefetched_objects_cache = _ListsOnDemand(item, prefetched)
    return item


class _ListsOnDemand(dict):
    """An item's prefetch cache holding plain lists until a related manager asks for one.

    Making the three querysets up front cost more than reading their rows (3 % of an
    article page's CPU), and the article page takes the lists themselves (item.page_lists);
    `item.images.all()` and the like still answer from here without a query.
    """

    def __init__(self, item, lists):
        super().__init__()
        self.item, self.lists = item, lists

    def __missing__(self, name):
        if name not in self.lists:
            raise KeyError(name)
        item = self.item
        del item._prefetched_objects_cache  # the manager asked below must not find this dict
        try:
            queryset = getattr(item, name).all()
        finally:
            item._prefetched_objects_cache = self
        self[name] = _prefetched(queryset, self.lists[name])
        return self[name]

    def __contains__(self, name):
        return dict.__contains__(self, name) or name in self.lists


def item_category_attach(item, categories):
    """Give item.category from the cached categories (no query, no join)."""
    if item.category_id:
        for category in categories:
            if category.pk == item.category_id:
                Item.category.field.set_cached_value(item, category)
                break


def _prefetched(queryset, rows):
    """A queryset already evaluated to `rows`, as prefetch_related leaves it."""
    queryset._result_cache = rows
    queryset._prefetch_done = True
    return queryset


def _instance(model, db, attnames, values):
    """`model.from_db(db, attnames, values)` without Model.__init__'s work field by field.

    Given fewer values than fields (the item's search_text is left out), from_db first
    matches every field against the list of names, then __init__ sets each value through
    its descriptor: a tenth of the article's query time in Python (docs/performance.md). A row
    read from the database needs neither: the values go where the descriptors would put
    them (the instance's __dict__), a field left out stays deferred as with from_db, and
    the pre_init and post_init receivers are called as Model.__init__ calls them.
    """
    if pre_init.has_listeners(model):  # they are given __init__'s arguments: let __init__ run
        return model.from_db(db, attnames, values)
    instance = model.__new__(model)
    instance._state = ModelState()
    instance._state.adding, instance._state.db = False, db
    instance.__dict__.update(zip(attnames, values, strict=True))
    post_init.send(sender=model, instance=instance)
    return instance


_converters = {}


def _converted(model, fields, values):
    """Values as the ORM would give them: the backend's converters (SQLite: datetimes, booleans)."""
    key = (connection.vendor, model, tuple(fields))
    if key not in _converters:
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        found = []
        for index, name in enumerate(fields):
            field = by_attname[name]
            functions = connection.ops.get_db_converters(field.get_col(model._meta.db_table)) + field.get_db_converters(
                connection
            )
            if functions:
                found.append((index, field, functions))
        _converters[key] = found
    converters = _converters[key]
    if not converters:
        return values
    values = list(values)
    for index, field, functions in converters:
        value = values[index]
        expression = field.get_col(model._meta.db_table)
        for function in functions:
            value = function(value, expression, connection)
        values[index] = value
    return values


def public_cache_generation():
    """The current generation of cached public pages; bumped by item_visibility_changed."""
    try:
        generation = cache.get(GENERATION_CACHE_KEY)
        if generation is None:
            cache.add(GENERATION_CACHE_KEY, generation_start(), None)
            generation = cache.get(GENERATION_CACHE_KEY) or 1
        return generation
    except Exception:
        return None


def generation_start():
    """A first generation number never used before, so that an emptied cache (a Redis restart,
    FLUSHALL, cache.clear() in tests) does not start again at a generation that copies kept in
    worker memory (categories_all) still hold."""
    return time.time_ns() // 1000


# categories_all() in this process: (generation, categories, monotonic time read).
_categories_memo = [None]
CATEGORIES_MEMO_SECONDS = 600


def categories_all(generation=None):
    """Every category, cached: menus, breadcrumbs and listings resolve slugs without a query.

    Kept in worker memory while the public cache generation is the same (every category change
    moves to a new one, services.category_cache_clear), for at most ten minutes like the cached
    copy: reading the generation is one small round trip, unpickling fifty categories from the
    cache on every page cost more (docs/performance.md). Callers must not change the objects.
    `generation`: public_cache_generation() if the caller has read it already.
    """
    if generation is None:
        generation = public_cache_generation()
    memo = _categories_memo[0]
    now = time.monotonic()
    if (
        memo is not None
        and generation is not None
        and memo[0] == generation
        and now - memo[2] < CATEGORIES_MEMO_SECONDS
    ):
        return memo[1]
    categories = cache.get(CATEGORIES_CACHE_KEY)
    if categories is None:
        categories = list(Category.objects.all())
        cache.set(CATEGORIES_CACHE_KEY, categories, 600)
        # Kept only once read back from the cache: with the cache down (or a DummyCache) the
        # generation is a stand-in that never moves, so nothing may be kept under it.
        return categories
    _categories_memo[0] = (generation, categories, now) if generation is not None else None
    return categories


def category_public(slug, categories=None):
    """The visible category with this slug (and visible ancestors), or None.

    `categories`: categories_all() if the caller already has it (the category functions
    below take it too, so a page reads and unpickles the category list once)."""
    by_pk = _categories_by_pk(categories if categories is not None else categories_all())
    category = next((c for c in by_pk.values() if c.slug == slug), None)
    node = category
    while node is not None:
        if not node.is_visible:
            return None
        node = by_pk.get(node.parent_id)
    return category


_by_pk_memo = (None, None)  # (a list of categories, {pk: category} of it)


def _categories_by_pk(categories):
    """{pk: category}, made once per list of categories_all() (it stays the same object while
    the worker keeps it: a second), not once per call."""
    global _by_pk_memo
    memo = _by_pk_memo
    if memo[0] is not categories:
        memo = _by_pk_memo = (categories, {c.pk: c for c in categories})
    return memo[1]


def category_ancestors(category, categories=None):
    by_pk = _categories_by_pk(categories if categories is not None else categories_all())
    chain, node = [], by_pk.get(category.parent_id)
    while node is not None and node not in chain:
        chain.insert(0, node)
        node = by_pk.get(node.parent_id)
    return chain


def category_children(category, categories=None):
    categories = categories if categories is not None else categories_all()
    pk = category.pk
    return [c for c in categories if c.parent_id == pk and c.is_visible]


def category_descendant_ids(category, categories=None):
    """The category's id and its visible descendants' ids: a parent lists its children's items."""
    categories = categories if categories is not None else categories_all()
    ids, frontier = [category.pk], {category.pk}
    while frontier:
        found = [c.pk for c in categories if c.parent_id in frontier and c.is_visible]
        found = [pk for pk in found if pk not in ids]
        ids.extend(found)
        frontier = set(found)
    return ids


def categories_by_slug(*slugs, categories=None):
    categories = categories if categories is not None else categories_all()
    found = {c.slug: c for c in categories if c.slug in slugs}
    return [found[s] for s in slugs if s in found]


def menu_categories():
    """Top-level visible categories with their visible children, for the main menu (cached)."""
    menu = cache.get(MENU_CACHE_KEY)
    if menu is None:
        categories = list(
            Category.objects.filter(is_visible=True).filter(
                Q(parent__isnull=True) | Q(parent__is_visible=True)
            )
        )
        top = [c for c in categories if c.parent_id is None and c.in_menu]
        for category in top:
            category.menu_children = [c for c in categories if c.parent_id == category.pk]
        menu = top
        cache.set(MENU_CACHE_KEY, menu, 600)
    return menu


def category_items(category, language, categories=None):
    """Published items of a category and its children, newest first."""
    return items_listed(language).filter(category_id__in=category_descendant_ids(category, categories))


ListingRow = namedtuple("ListingRow", "pk published_at")


def category_rows(category, language, categories=None, *, limit, offset=0, before=None):
    """[(pk, published_at)] of category_items(), newest first: `limit` rows from `offset`, or
    the `limit` rows after the keyset cursor `before` = (published_at, pk).

    A section's page needs only these (its rows come from the cache, articles/fragments.py).
    On PostgreSQL one prepared statement (core/prepared.py): the ORM spent 1.2 ms of CPU
    compiling this query, more than PostgreSQL took to plan and run it, on the page most
    often rendered after the article. Elsewhere (SQLite) the same query through the ORM.
    """
    ids = category_descendant_ids(category, categories)
    now = timezone.now()
    reading = _reading_connection()
    if reading.vendor != "postgresql":
        rows = category_items(category, language, categories).values_list("pk", "published_at")
        if before is not None:
            rows = rows.extra(where=[_KEYSET_WHERE], params=[reading.ops.adapt_datetimefield_value(before[0]), before[1]])
        return [ListingRow(*row) for row in rows[offset : offset + limit]]
    if len(ids) == 1:  # a section without subsections (most): one walk down the index
        sql = _newest_rows_sql("%s", before) + " OFFSET %s"
        params = [now, language, ids[0], *(before or ()), limit, offset]
    else:
        # A parent lists its subsections' items too. `category_id = ANY(...)` read every item
        # of them and sorted (10 ms for 60,000 items, a parent of 580,000 far more); the
        # newest `offset + limit` of each subsection, each one walk down the index, then the
        # newest of those, read only what the page needs (0.07 ms; docs/performance.md).
        sql = (
            'SELECT "newest"."id", "newest"."published_at" FROM unnest(%s::bigint[]) AS "section"("id")'
            f' CROSS JOIN LATERAL ({_newest_rows_sql(_SECTION_ID, before)}) AS "newest"'
            ' ORDER BY "newest"."published_at" DESC, "newest"."id" DESC LIMIT %s OFFSET %s'
        )
        params = [ids, now, language, *(before or ()), offset + limit, limit, offset]
    with prepared_cursor(reading) as cursor:
        cursor.execute(sql, params)
        return [ListingRow(*row) for row in cursor.fetchall()]


_SECTION_ID = '"section"."id"'


def _newest_rows_sql(section, before):
    """The newest public rows of one section (`section`: a placeholder or a column), from
    after the keyset cursor if `before`. The status is written in, not a parameter: a
    prepared statement's generic plan can use the partial index item_category_public only
    if it sees `status = 'published'`."""
    return (
        f"""SELECT "id", "published_at" FROM "articles_item" WHERE "status" = '{ItemStatus.PUBLISHED.value}'"""
        f' AND "published_at" <= %s AND "language" = %s AND "category_id" = {section}'
        + (f" AND {_KEYSET_WHERE}" if before is not None else "")
        + ' ORDER BY "published_at" DESC, "id" DESC LIMIT %s'
    )


def _reading_connection():
    """The connection the ORM would read items on: the replica for an anonymous reader when
    one is configured (portal/routers.py), else the default."""
    return connections[router.db_for_read(Item)]


# A row comparison, not `a < x OR (a = x AND id < y)`: PostgreSQL turns only the row form into
# an index range scan of item_category_public (1,130 ms -> 0.09 ms on page 5,427 of a section).
_KEYSET_WHERE = '("articles_item"."published_at", "articles_item"."id") < (%s, %s)'


def category_items_count_key(slug, language, cap):
    return f"articles:section-count:{language}:{slug}:{cap}"


def category_items_count(category, language, cap, categories=None, prefetched=None):
    """How many items category_items() lists, counting at most `cap + 1` (a section's numbered
    pages), kept under the public cache generation: only a publication changes it, and the
    count read up to 1,000 index entries on every listing page (docs/performance.md).
    `prefetched`: {key: value} the caller read with category_items_count_key() and the generation."""
    return generation_cached(
        category_items_count_key(category.slug, language, cap),
        lambda: category_items(category, language, categories)[: cap + 1].count(),
        prefetched=prefetched,
    )


def generation_cached(key, compute, *, prefetched=None, timeout=600):
    """compute(), kept in the cache under the public cache generation: for what only a change
    the public sees can alter (a publication, an answered question made public...), which
    every such change makes stale at once (services.public_cache_invalidate).
    `prefetched`: {key: value} the caller read with the generation, to save a round trip."""
    found = prefetched
    if found is None:
        try:
            found = cache.get_many([GENERATION_CACHE_KEY, key])
        except Exception:
            found = {}
    generation = found.get(GENERATION_CACHE_KEY)
    if generation is None:
        generation = public_cache_generation()
    value = _current(found.get(key), generation)
    if value is None:
        value = compute()
        if generation is not None:
            try:
                cache.set(key, (generation, value), timeout)
            except Exception:
                logger.debug("%s not cached", key, exc_info=True)
    return value


def items_in_section(slug, language, limit, categories=None):
    """The newest `limit` items of a section and its subsections, as primary keys for
    `item_rows` (each item's row comes from the cache; one prepared query, category_rows)."""
    categories = categories if categories is not None else categories_all()
    category = category_public(slug, categories)
    if category is None:
        return []
    return [row.pk for row in category_rows(category, language, categories, limit=limit)]


def item_related(item, limit=5):
    """Other items of the same category (then the same tags), newest first."""
    queryset = items_listed(item.language).exclude(pk=item.pk)
    if item.category_id:
        return list(queryset.filter(category_id=item.category_id)[:limit])
    return list(queryset[:limit])


def item_sidebar_keys(item, limit=5):
    """The cache keys item_sidebar reads (a caller may read them with others: `prefetched`)."""
    return (
        f"{SIDEBAR_CACHE_KEY}:related-ids:{item.language}:{item.category_id or 0}:{limit}",
        f"{SIDEBAR_CACHE_KEY}:most-read-ids:{item.language}:{limit}",
    )


def item_sidebar(item, limit=5, prefetched=None):
    """(related, most read) for an article page, as primary keys (the page keeps each item's
    link as HTML, articles/fragments.py), in one cache round trip and usually no query.
    `prefetched`: {key: value} the caller read with item_sidebar_keys() and the generation.

    Related items are the newest of the item's category (item_related), read as the newest
    `limit + 1` of the category so that each article of it can leave itself out; both lists
    are kept under the public cache generation, so a publication shows in them at once.
    """
    related_key, most_read_key = item_sidebar_keys(item, limit)
    if prefetched is None:
        try:
            prefetched = cache.get_many([GENERATION_CACHE_KEY, related_key, most_read_key])
        except Exception:
            prefetched = {}
    found = prefetched
    generation = found.get(GENERATION_CACHE_KEY)
    if generation is None:
        generation = public_cache_generation()
    missing = {}
    newest = _current(found.get(related_key), generation)
    if newest is None:
        queryset = items_listed(item.language)
        if item.category_id:
            queryset = queryset.filter(category_id=item.category_id)
        newest = missing[related_key] = list(queryset.values_list("pk", flat=True)[: limit + 1])
    most_read = _current(found.get(most_read_key), generation)
    if most_read is None:
        most_read = missing[most_read_key] = list(items_most_read_ids(item.language, limit))
    if missing and generation is not None:
        try:
            cache.set_many({key: (generation, value) for key, value in missing.items()}, 600)
        except Exception:
            logger.debug("sidebar not cached", exc_info=True)
    related = [pk for pk in newest if pk != item.pk][:limit]
    return related, most_read


def items_by_pk(pks):
    """{pk: item} of the published items among `pks`, with what a list shows."""
    if not pks:
        return {}
    return {other.pk: other for other in items_listed().filter(pk__in=pks)}


def _current(entry, generation):
    """The value of a (generation, value) cache entry if it belongs to `generation`, else None."""
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == generation:
        return entry[1]
    return None


def items_most_read_ids(language, limit=5, days=30):
    """The most read items of the last `days` days (DailyVisits), as primary keys cached for
    ten minutes: for `item_rows`, which reads only the items whose row is not in the cache,
    and only the published ones (an item unpublished since is left out there)."""
    key = f"{SIDEBAR_CACHE_KEY}:most-read:{language}:{limit}"
    ids = cache.get(key)
    if ids is None:
        since = timezone.localdate() - timedelta(days=days)
        ids = list(
            DailyVisits.objects.filter(
                date__gte=since,
                item__isnull=False,
                item__language=language,
                item__status=ItemStatus.PUBLISHED,
            )
            .values("item")
            .annotate(total=Sum("count"))
            .order_by("-total", "-item")
            .values_list("item", flat=True)[:limit]
        )
        cache.set(key, ids, 600)
    return ids


# --- Visits ---------------------------------------------------------------


def visits_for_month(year, month):
    """Site-wide page views in a month (the monthly report to leadership, Bình Phước Điều 18.5)."""
    start, end = month_bounds(year, month)
    first, after = start.date(), end.date()
    total = (
        DailyVisits.objects.filter(item__isnull=True, date__gte=first, date__lt=after).aggregate(
            total=Sum("count")
        )["total"]
        or 0
    )
    today = timezone.localdate()
    if first <= today < after:
        from .visits import visits_pending_today

        total += visits_pending_today()
    return total


def visits_summary_keys():
    """The cache keys visits_summary reads (a caller may read them with others: `prefetched`)."""
    from .visits import visits_pending_key

    return [VISITS_CACHE_KEY, visits_pending_key()]


def visits_summary(prefetched=None):
    """Views today, this month and in total, for the footer (cached for a minute).

    `prefetched`: {key: value} the caller read with visits_summary_keys()."""
    keys = visits_summary_keys()
    pending_key = keys[1]
    found = prefetched
    if found is None:
        try:
            found = cache.get_many(keys)  # one round trip for both
        except Exception:
            found = {}
    summary = found.get(VISITS_CACHE_KEY)
    if summary is None:
        today = timezone.localdate()
        rows = DailyVisits.objects.filter(item__isnull=True).aggregate(
            total=Coalesce(Sum("count"), 0),
            month=Coalesce(Sum("count", filter=Q(date__gte=today.replace(day=1))), 0),
            today=Coalesce(Sum("count", filter=Q(date=today)), 0),
        )
        summary = dict(rows)
        cache.set(VISITS_CACHE_KEY, summary, 60)
    try:
        pending = int(found.get(pending_key) or 0)
    except (TypeError, ValueError):
        pending = 0
    return {key: value + pending for key, value in summary.items()}


# --- Search ---------------------------------------------------------------


def _tsquery(terms):
    # Terms come from core.text.search_terms: word characters only, so no tsquery operators.
    return " & ".join(f"{term}:*" for term in terms)


# How many of the newest matches are ranked: ranking reads each candidate's row, ~35 µs each on
# the benchmark (1,000 took 35 ms of a search's ~100 ms); 500 keep the p99 well under 150 ms.
SEARCH_CANDIDATES = 500


def search_items(terms, *, language, category=None, date_from=None, date_to=None):
    """(published items matching every term, best first; whether more matched than were ranked).

    Matching ignores case and diacritics. PostgreSQL: full-text search on the folded text, through
    the stored `search_vector` column and its GIN index (articles migration 0007); only the
    newest SEARCH_CANDIDATES matches are ranked and counted, because a common word matches most
    of the site (800,000 of 1,000,000 items in the benchmark, where ranking and counting them
    all did not finish within 60 s; docs/performance.md). A trigram
    similarity fallback answers when nothing matches (typos). Other databases: LIKE on the same
    folded text. Both rank words found in the title first.
    """
    queryset = items_listed(language)
    if category is not None:
        queryset = queryset.filter(category_id__in=category_descendant_ids(category))
    if date_from:
        queryset = queryset.filter(published_at__date__gte=date_from)
    if date_to:
        queryset = queryset.filter(published_at__date__lte=date_to)
    if not terms:
        return queryset.none(), False
    if connection.vendor == "postgresql":
        tsquery = _tsquery(terms)
        ids = list(
            queryset.extra(
                where=[
                    "articles_item.search_vector @@ to_tsquery('simple', %s)"
                ],
                params=[tsquery],
            ).values_list("pk", flat=True)[: SEARCH_CANDIDATES + 1]
        )
        if ids:
            return RankedItems(queryset, _ranked_ids(queryset, ids[:SEARCH_CANDIDATES], terms, tsquery)), len(
                ids
            ) > SEARCH_CANDIDATES
        queryset, title_rank = _with_title_rank(queryset, terms)
        phrase = " ".join(terms)
        return (
            queryset.extra(where=["%s <%% articles_item.search_text"], params=[phrase])
            .annotate(
                text_rank=RawSQL(
                    "word_similarity(%s, articles_item.search_text)", [phrase], output_field=FloatField()
                ),
                rank=title_rank,
            )
            .order_by("-text_rank", "-rank", "-published_at", "-id")
        ), False
    queryset, title_rank = _with_title_rank(queryset, terms)
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
    return queryset.annotate(rank=title_rank).order_by("-rank", "-published_at", "-id"), False


def _ranked_ids(queryset, ids, terms, tsquery):
    """`ids` (full-text candidates) best first: terms in the title, then ts_rank, then newest.

    The same order `_with_title_rank` gives, computed in Python from the titles: every
    candidate contains every term (the tsquery matched it), so only the title part of
    the score differs between them, and a term is in the folded title exactly when its
    first occurrence in `search_text` (which starts with the folded title) lies there.
    Scoring in SQL ran strpos over each candidate's whole text: 46 ms for 500 candidates
    on the benchmark, against 16 ms for reading titles and ts_rank (docs/performance.md).
    """
    # One array parameter: Django prepares each value of pk__in separately (10 ms for 500).
    rows = queryset.extra(where=["articles_item.id = ANY(%s)"], params=[ids]).annotate(
        text_rank=RawSQL(
            "ts_rank(articles_item.search_vector, to_tsquery('simple', %s))", [tsquery], output_field=FloatField()
        )
    ).values_list("pk", "title", "text_rank", "published_at")

    def order(row):
        pk, title, text_rank, published_at = row
        folded = fold(title)
        in_title = sum(1 for term in terms if term in folded)
        return (-in_title, -text_rank, -published_at.timestamp(), -pk)

    return [row[0] for row in sorted(rows, key=order)]


class RankedItems(Sequence):
    """Ranked search results as a sequence the paginator slices: only a page's items are read.

    The length is known from the ranking, so no COUNT query runs either.
    """

    def __init__(self, queryset, ids):
        self.queryset, self.ids = queryset, ids

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        page = self.ids[index]
        items = {item.pk: item for item in self.queryset.filter(pk__in=page)} if page else {}
        return [items[pk] for pk in page if pk in items]


def _with_title_rank(queryset, terms):
    """Score 10 per term found in the title (search_text starts with the folded title), 1 elsewhere."""
    score = Value(0)
    for n, term in enumerate(terms):
        name = f"term_position_{n}"
        queryset = queryset.annotate(**{name: StrIndex("search_text", Value(term))})
        score = score + Case(
            When(Q(**{f"{name}__gt": 0, f"{name}__lte": Length("title")}), then=Value(10)),
            When(**{f"{name}__gt": 0}, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return queryset, score


def search_pages(terms, language, limit=5):
    if not terms:
        return []
    queryset = Page.objects.filter(is_published=True, language=language).only("title", "slug", "body")
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
    return list(queryset[:limit])


def search_documents(query, limit=5):
    """Legal documents from the legaldocs app, if it offers a search (imported lazily)."""
    try:
        from legaldocs.selectors import documents_search
    except ImportError:
        return []
    try:
        return list(documents_search(query, limit))
    except Exception:  # another app's failure must not break the portal's search page
        logger.exception("legal documents search failed")
        return []
