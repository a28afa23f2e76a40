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
`get_many`.

Lists of items (a section's rows) keep each item's row the same way (`rendered_rows`,
the `item_rows` tag): a row depends only on the item, which cannot change without a new
generation, and the same rows appear on a section, its parent and the home page. One
`get_many` reads a page's rows; only the missing ones are rendered.
"""

import hashlib
import logging

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .selectors import GENERATION_CACHE_KEY, public_cache_generation

logger = logging.getLogger(__name__)

FRAGMENT_TIMEOUT = 600
REQUEST_ATTRIBUTE = "_public_fragments"

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


def _key(language, department_version, name, version):
    return f"fragment:{language}:{department_version}:{name}:{version}:{static_version()}"


class FragmentStore:
    """The fragments of one request: read together once, rendered and stored on a miss."""

    def __init__(self, department_version):
        self.language = get_language() or ""
        self.department_version = department_version
        self.generation = None
        self.entries = None

    def _load(self):
        keys = {_key(self.language, self.department_version, n, v): (n, v) for n, v in _known}
        try:
            values = cache.get_many([GENERATION_CACHE_KEY, *keys])
        except Exception:
            values = {}
        self.generation = values.pop(GENERATION_CACHE_KEY, None)
        if self.generation is None:
            self.generation = public_cache_generation()  # first request since a flush: start one
        self.entries = {}
        for key, entry in values.items():
            if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == self.generation:
                self.entries[keys[key]] = entry[1]

    def rows(self, template_name, items):
        """The HTML of `template_name` rendered for each item (as `item`), from the cache where
        the current generation's copy is there; missing rows are rendered and stored."""
        template = get_template(template_name)
        version = _template_version(template)
        prefix = f"fragment-row:{self.language}:{template_name}:{version}:{static_version()}:"
        keys = [f"{prefix}{item.pk}" for item in items]
        if self.entries is None:
            self._load()  # reads the generation (with the layout fragments: one round trip)
        try:
            found = cache.get_many(keys) if keys and self.generation is not None else {}
        except Exception:
            found = {}
        rows, missing = [], {}
        for key, item in zip(keys, items, strict=True):
            entry = found.get(key)
            if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == self.generation:
                rows.append(mark_safe(entry[1]))  # noqa: S308 - rendered by the template below
                continue
            html = template.render({"item": item})
            rows.append(html)
            missing[key] = (self.generation, str(html))
        if missing and self.generation is not None:
            try:
                cache.set_many(missing, FRAGMENT_TIMEOUT)
            except Exception:
                logger.debug("rows not cached", exc_info=True)
        return rows

    def get(self, name, version):
        if self.entries is None:
            self._load()
        return self.entries.get((name, version))

    def put(self, name, version, html):
        self.entries[(name, version)] = html
        if self.generation is None:  # the cache is down: render every time
            return
        try:
            cache.set(
                _key(self.language, self.department_version, name, version),
                (self.generation, str(html)),
                FRAGMENT_TIMEOUT,
            )
        except Exception:
            logger.debug("fragment not cached", exc_info=True)


_template_versions = {}


def _template_version(template):
    """source_version() of a compiled template, once per template object."""
    key = id(template)
    entry = _template_versions.get(key)
    if entry is None or entry[0] is not template:
        if len(_template_versions) > 256:  # templates recompiled on every use (DEBUG)
            _template_versions.clear()
        origin = getattr(getattr(template, "template", template), "origin", None)
        entry = _template_versions[key] = (template, source_version(origin) if origin else "")
    return entry[1]


def fragment_store(context):
    """This request's FragmentStore, or None where fragments are not cached (no request or
    no department in the context, e.g. an error page rendered without context processors)."""
    request = context.get("request")
    department = context.get("department")
    if request is None or department is None:
        return None
    language = get_language() or ""
    store = getattr(request, REQUEST_ATTRIBUTE, None)
    if store is None or store.language != language:
        updated = getattr(department, "updated_at", None)
        version = f"{department.pk or 0}.{updated.timestamp() if updated else 0}"
        store = FragmentStore(version)
        setattr(request, REQUEST_ATTRIBUTE, store)
    return store
