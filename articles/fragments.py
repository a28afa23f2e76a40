"""Parts of the public layout rendered once and kept in the cache as HTML.

The header, menu and footer are the same on every public page of one language, yet
rendering them (a hundred template nodes, a dozen URL reversals, the menu tree) was
a third of an uncached page's time (docs/performance.md). `{% public_fragment %}`
(articles_tags) keeps each such part as HTML in the cache.

Correctness: an entry carries the public cache generation it was rendered under
(`articles.selectors.public_cache_generation`, bumped by `item_visibility_changed` and
on every category change), and is used only while that generation is current, so a
publication, a renamed or hidden section refreshes every fragment at once, as it does
the page cache. The key holds what else the HTML depends on: the language, the
department row's `updated_at` (its details are in the header and footer), a digest of
the template file that defines the fragment and the static files manifest (a deploy
never serves old markup or old asset names). A fragment must not depend on the
reader or the URL: the tag refuses `{% csrf_token %}` inside, and templates keep
the login links, language switch and search box outside.

All fragments of a request are read in one round trip: the first fragment a page
renders fetches the generation and every fragment known to this process with one
`get_many`, through the worker's near cache (operations.cache.NearCache): what it read
within the last second it does not read again. A page the page cache will store is
rendered under the generation it is stored under, never an older copy's.

Lists of items (a section's rows) keep each item's row the same way (`rendered_rows`,
the `item_rows` tag): a row depends only on the item, which cannot change without a new
generation, and the same rows appear on a section, its parent and the home page. One
`get_many` reads a page's rows; only the missing ones are rendered.
"""

import hashlib
import logging

from django.conf import settings
from django.core.signals import setting_changed
from django.template.loader import get_template as _load_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from operations.cache import near_cache

from .selectors import GENERATION_CACHE_KEY, public_cache_generation

logger = logging.getLogger(__name__)

FRAGMENT_TIMEOUT = 600
REQUEST_ATTRIBUTE = "_public_fragments"
# Set by the page cache on a request whose response it will store under that generation.
GENERATION_ATTRIBUTE = "_public_generation"

# (name, version) of every fragment a template compiled in this process defines.
_known = set()


def fragment_register(name, version):
    _known.add((name, version))


def source_version(origin):
    """A short digest of the template file `origin` names ("" if it cannot be read)."""
    try:
        contents = origin.loader.get_contents(origin)
    except Exception:
        return ""
    return hashlib.sha256(contents.encode()).hexdigest()[:12]


_static_version = []


def static_version():
    """The static files manifest's hash (asset names change with it), "" without a manifest."""
    if not _static_version:
        try:
            from django.contrib.staticfiles.storage import staticfiles_storage

            _static_version.append(getattr(staticfiles_storage, "manifest_hash", "") or "")
        except Exception:
            _static_version.append("")
    return _static_version[0]


def _key(language, name, version):
    return f"fragment:{language}:{name}:{version}:{static_version()}"


def _row_prefix(language, template_name, version):
    return f"fragment-row:{language}:{template_name}:{version}:{static_version()}:"


def _department_version(department):
    updated = getattr(department, "updated_at", None)
    return f"{department.pk or 0}.{updated.timestamp() if updated else 0}"


class FragmentStore:
    """What one request reads from the cache, in as few round trips as possible.

    The first use (the view, or the `site` context processor) reads in ONE round trip the
    generation, the department, the visit counters, every layout fragment known to this
    process and whatever the view asked for with `want()`. Item rows (`rows()`) come in a
    second one, with every row the view announced with `want_rows()`.
    """

    def __init__(self, generation_floor=None):
        self.language = get_language() or ""
        # The generation the page cache stores this response under: the page must not show
        # anything older (a worker's copy of the generation may be up to a second old).
        self.generation_floor = generation_floor
        self.wanted = []
        self.wanted_rows = []
        self.values = None
        self.generation = None
        self.entries = {}
        self._department = None
        self._department_version = None
        self._rows_found = None
        self._loaded = {}

    # --- Reading -------------------------------------------------------------------------

    def want(self, *keys):
        """Read these cache keys with the first round trip (before `load()`)."""
        self.wanted.extend(keys)

    def want_rows(self, template_name, pks):
        """Read the cached rows of these items with the first `rows()` call."""
        self.wanted_rows.append((template_name, list(pks)))

    def load(self):
        """The first round trip (once); `values` then holds what it found."""
        if self.values is not None:
            return self
        from organisation.selectors import DEPARTMENT_CACHE_KEY

        from .selectors import visits_summary_keys

        layout = {_key(self.language, n, v): (n, v) for n, v in _known}
        keys = [GENERATION_CACHE_KEY, DEPARTMENT_CACHE_KEY, *visits_summary_keys(), *layout, *self.wanted]
        try:
            values = near_cache.get_many(keys)
        except Exception:
            values = {}
        self.generation = values.get(GENERATION_CACHE_KEY)
        if self.generation is None:
            self.generation = public_cache_generation()  # first request since a flush: start one
        floor = self.generation_floor
        if floor is not None and (self.generation is None or self.generation < floor):
            self.generation = floor
        # Readers of `values` (the sidebar, the section's count) take the generation from it.
        self.values = {**values, GENERATION_CACHE_KEY: self.generation}
        self._department = values.get(DEPARTMENT_CACHE_KEY)
        for key, name_version in layout.items():
            entry = values.get(key)
            if isinstance(entry, tuple) and len(entry) == 3 and entry[0] == self.generation:
                self.entries[name_version] = entry[1:]
        return self

    def department(self):
        """The department (organisation.selectors.department_get), from the first round trip."""
        if self._department is None:
            from organisation.selectors import department_get

            self.load()
            if self._department is None:
                self._department = department_get()
        return self._department

    # --- Layout fragments ------------------------------------------------------------------

    def get(self, name, version, language=None):
        """The fragment's HTML, or None. `language`: the page's language, when the caller
        knows it (a Jinja2 page); else the active language is read (a view may switch it)."""
        self.load()
        if (language or get_language()) != self.language:  # a view switched language: do not share
            return None
        entry = self.entries.get((name, version))
        if entry is None or entry[0] != self.department_version():
            return None
        return entry[1]

    def department_version(self):
        """_department_version of this request's department, worked out once (a page asks for
        each of its seven fragments)."""
        if self._department_version is None:
            self._department_version = _department_version(self.department())
        return self._department_version

    def put(self, name, version, html):
        if get_language() != self.language:
            return
        department_version = self.department_version()
        self.entries[(name, version)] = (department_version, str(html))
        if self.generation is None:  # the cache is down: render every time
            return
        try:
            near_cache.set_many(
                {_key(self.language, name, version): (self.generation, department_version, str(html))},
                FRAGMENT_TIMEOUT,
            )
        except Exception:
            logger.debug("fragment not cached", exc_info=True)

    # --- Rows of items ---------------------------------------------------------------------

    def rows(self, template_name, items, load=None):
        """The HTML of `template_name` rendered for each item (as `item`), from the cache where
        the current generation's copy is there; missing rows are rendered and stored.

        `items` may hold primary keys, or rows with a `pk` (values_list(named=True)), instead of
        items: `load(pks)` then gives {pk: item} for the rows that are not in the cache (a key it
        does not return is left out)."""
        self.load()
        template = get_template(template_name)
        language = get_language() or ""
        prefix = _row_prefix(language, template_name, _template_version(template))
        pks = [item if isinstance(item, int) else item.pk for item in items]
        # A sidebar list (most read, a section's newest) is the same on every page that shows
        # it: the worker keeps the list's rows as long as the copies they come from (a second,
        # operations.cache.NearCache), under the generation they belong to.
        memo_key = ("item-rows", prefix, self.generation, tuple(pks))
        memo = near_cache.recall(memo_key) if self.generation is not None else None
        if memo is not None:
            return list(memo)
        rows = self._rows(template, language, prefix, items, pks, load)
        if self.generation is not None and len(rows) == len(pks):  # all found: none to read again
            near_cache.remember(memo_key, tuple(rows))
        return rows

    def _rows(self, template, language, prefix, items, pks, load):
        keys = [f"{prefix}{pk}" for pk in pks]
        found = self._rows_found
        announced = []
        if found is None:
            found = self._rows_found = {}
            announced = [
                (f"{_row_prefix(language, name, _template_version(get_template(name)))}{pk}", pk)
                for name, announced_pks in self.wanted_rows
                for pk in announced_pks
            ]
            keys_to_read = [key for key, _pk in announced] + keys
        else:
            keys_to_read = [key for key in keys if key not in found]
        if keys_to_read and self.generation is not None:
            try:
                found.update(near_cache.get_many(keys_to_read))
            except Exception:
                pass
        cached = {}
        for key, pk in zip(keys, pks, strict=True):
            if self._current(found.get(key)):
                cached[pk] = mark_safe(found[key][1])  # noqa: S308 - rendered by the template below
        # Items to read for missing rows, this list's and every announced list's: one query.
        wanted = [pk for pk, item in zip(pks, items, strict=True) if pk not in cached and is_reference(item)]
        wanted += [pk for key, pk in announced if not self._current(found.get(key))]
        wanted = [pk for pk in dict.fromkeys(wanted) if pk not in self._loaded]
        if wanted and load:
            self._loaded.update(load(wanted))
        loaded = self._loaded
        rows, missing = [], {}
        for key, pk, item in zip(keys, pks, items, strict=True):
            if pk in cached:
                rows.append(cached[pk])
                continue
            if is_reference(item):
                item = loaded.get(pk)
                if item is None:
                    continue
            html = template.render({"item": item})
            rows.append(html)
            missing[key] = (self.generation, str(html))
        if missing and self.generation is not None:
            try:
                near_cache.set_many(missing, FRAGMENT_TIMEOUT)
            except Exception:
                logger.debug("rows not cached", exc_info=True)
            found.update(missing)
        return rows


    def _current(self, entry):
        return isinstance(entry, tuple) and len(entry) == 2 and entry[0] == self.generation


def is_reference(item):
    """Whether `item` only names an item (a primary key or a row of values), not a model instance."""
    return not hasattr(item, "_meta")


def request_store(request):
    """The FragmentStore of this request (made on first use)."""
    store = getattr(request, REQUEST_ATTRIBUTE, None)
    if store is None:
        store = FragmentStore(generation_floor=getattr(request, GENERATION_ATTRIBUTE, None))
        setattr(request, REQUEST_ATTRIBUTE, store)
    return store


_row_templates = {}


def get_template(name):
    """A row template, looked up once per worker (Django's lookup walks its loaders every
    time: 4 % of an article page's template time for its two sidebar lists); every time
    under DEBUG, where templates change on disk."""
    template = None if settings.DEBUG else _row_templates.get(name)
    if template is None:
        template = _row_templates[name] = _load_template(name)
    return template


def _templates_changed(setting, **kwargs):
    if setting in ("TEMPLATES", "DEBUG"):  # tests' override_settings
        _row_templates.clear()


setting_changed.connect(_templates_changed, dispatch_uid="articles.fragments.templates_changed")


_template_versions = {}


def _template_version(template):
    """source_version() of a compiled template, once per compiled template (get_template() wraps
    the one the cached loader keeps in a new backend object every time: look inside)."""
    compiled = getattr(template, "template", template)
    key = id(compiled)
    entry = _template_versions.get(key)
    if entry is None or entry[0] is not compiled:
        if len(_template_versions) > 256:  # templates recompiled on every use (DEBUG)
            _template_versions.clear()
        origin = getattr(compiled, "origin", None)
        entry = _template_versions[key] = (compiled, source_version(origin) if origin else "")
    return entry[1]


def fragment_store(context):
    """This request's FragmentStore, or None where fragments are not cached (no request or
    no department in the context, e.g. an error page rendered without context processors)."""
    request = context.get("request")
    if request is None or context.get("department") is None:
        return None
    return request_store(request)
