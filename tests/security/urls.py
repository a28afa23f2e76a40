"""Discover the site's URL patterns, so the matrix and corpus tests cover apps added later."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

STAFF_NAMESPACES = {"editorial", "quotas", "royalties", "audit"}
STAFF_NAME_PREFIXES = ("staff_",)


def _walk(patterns, namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if entry.namespace and namespace and entry.namespace != namespace:
                inner = f"{namespace}:{entry.namespace}"
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = getattr(entry.pattern, "converters", {}) or {}
            yield namespace, entry.name, dict(converters)


def url_patterns():
    """(full name, {argument: converter}) for every named pattern, without duplicates."""
    seen = {}
    for namespace, name, converters in _walk(get_resolver().url_patterns):
        full = f"{namespace}:{name}" if namespace else name
        seen.setdefault(full, converters)
    return sorted(seen.items())


def is_staff_name(full_name):
    namespace, _, name = full_name.rpartition(":")
    if namespace.split(":")[0] == "admin":
        return False
    return namespace in STAFF_NAMESPACES or name.startswith(STAFF_NAME_PREFIXES) or full_name == "portal:staff_home"


def reverse_or_none(full_name, kwargs=None):
    try:
        return reverse(full_name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def staff_urls_without_arguments():
    urls = []
    for full, converters in url_patterns():
        if is_staff_name(full) and not converters:
            url = reverse_or_none(full)
            if url:
                urls.append((full, url))
    return urls


def staff_urls_with_one_id():
    """(name, argument) of staff patterns taking exactly one integer id."""
    result = []
    for full, converters in url_patterns():
        if is_staff_name(full) and len(converters) == 1:
            (argument, converter), = converters.items()
            if type(converter).__name__ == "IntConverter":
                result.append((full, argument))
    return result


def public_urls_without_arguments():
    urls = []
    for full, converters in url_patterns():
        namespace = full.rpartition(":")[0]
        if converters or is_staff_name(full) or namespace.startswith("admin") or namespace == "ckeditor5":
            continue
        if full in {"accounts:logout", "set_language", "healthz"}:
            continue
        url = reverse_or_none(full)
        if url and not url.startswith("/en/"):
            urls.append((full, url))
    return urls


def staff_urls_with_arguments():
    """Every staff pattern that takes arguments, filled with values that name nothing real."""
    samples = {"IntConverter": 987654, "SlugConverter": "khong-co", "StringConverter": "khong-co",
               "PathConverter": "khong/co", "UUIDConverter": "00000000-0000-0000-0000-000000000000"}
    urls = []
    for full, converters in url_patterns():
        if not is_staff_name(full) or not converters:
            continue
        kwargs = {name: samples.get(type(conv).__name__, "1") for name, conv in converters.items()}
        url = reverse_or_none(full, kwargs)
        if url:
            urls.append((full, url))
    return urls
