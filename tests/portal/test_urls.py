"""The URL patterns: no path is claimed by two apps, so the apps' order does not matter.

portal/urls.py lists the articles first because Django tries patterns in order (the hot
public pages then resolve fastest); that is only safe while no other pattern would also
match one of their paths.
"""

import re

from django.urls import get_resolver

_CONVERTERS = {"slug": "mot-hai-ba", "int": "12", "path": "a/b.txt", "str": "xyz", "uuid": "1b4e28ba-2fa1-11d2-883f-0016d3cca427"}


def _leaves(patterns, chain=()):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _leaves(pattern.url_patterns, (*chain, pattern))
        else:
            yield (*chain, pattern)


def _sample(chain):
    """A path the last pattern of `chain` answers: converters filled with a plain value."""
    text = ""
    for pattern in chain:
        route = str(pattern.pattern)
        route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: _CONVERTERS.get(m.group(1) or "str", "xyz"), route)
        text += route.lstrip("^").rstrip("$").replace("\\Z", "")
    return "/" + text


def _matches(chain, path):
    remainder = path.lstrip("/")
    for pattern in chain:
        found = pattern.pattern.match(remainder)
        if found is None:
            return False
        remainder = found[0]
    return True


def test_no_path_is_claimed_by_two_apps():
    leaves = [chain for chain in _leaves(get_resolver().url_patterns) if "(?P" not in str(chain[-1].pattern)]
    clashes = []
    for chain in leaves:
        path = _sample(chain)
        if not _matches(chain, path):
            continue  # a pattern written as a regular expression: no plain sample
        # Within one app (the admin's "add/" before "<path:object_id>/") the order is the app's.
        others = [other for other in leaves if other[:2] != chain[:2] and _matches(other, path)]
        views = {getattr(other[-1].callback, "__name__", "") for other in others}
        if others and views != {getattr(chain[-1].callback, "__name__", "")}:
            clashes.append((path, [str(o[-1].pattern) for o in others]))
    assert clashes == []


def test_the_public_pages_resolve_first():
    first = get_resolver().url_patterns[2].url_patterns[0]  # healthz, i18n/, then the languages
    assert getattr(first, "namespace", None) == "articles"
