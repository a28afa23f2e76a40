"""reverse() for URLs that differ only by a slug, done once per URL name, language and prefix.

A listing page links dozens of items and the menu every section; Django's reverse()
costs ~50 µs each (it walks the resolver and quotes every argument), which made URL
building a tenth of an uncached page's time (docs/performance.md). A slug is
[-a-zA-Z0-9_] only, so putting it in place of a placeholder gives the same URL.
"""

import re

from django.core.signals import setting_changed
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language, override

PLACEHOLDER = "slug-placeholder-0"
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_patterns = {}


def reverse_slug(name, slug, language=None):
    """reverse(name, kwargs={"slug": slug}), from a cached pattern; in `language` if given (the
    language switch's link to this page in the other language) without activating it."""
    language = language or get_language()
    key = (name, language, get_script_prefix())
    pattern = _patterns.get(key)
    if pattern is None:
        with override(language):
            pattern = _patterns[key] = reverse(name, kwargs={"slug": PLACEHOLDER})
    return pattern.replace(PLACEHOLDER, slug)


def is_slug(value):
    """Whether reverse_slug gives the same URL as reverse() for this value."""
    return isinstance(value, str) and bool(value) and _SLUG.fullmatch(value) is not None


def _forget(**kwargs):
    _patterns.clear()


setting_changed.connect(_forget, dispatch_uid="core.reversing")
