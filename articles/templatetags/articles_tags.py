import json
import re
from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from core.text import fold

from ..images import srcset
from ..selectors import visits_summary

register = template.Library()

# The same escapes as Django's json_script: JSON inside <script> cannot close the element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def picture(field_file, alt="", sizes="100vw", widths="thumb card full", css_class="", eager=False):
    """<picture> with WebP and JPEG renditions and srcset; the original if renditions fail."""
    if not field_file:
        return ""
    sets = srcset(field_file, tuple(widths.split()))
    loading = "eager" if eager else "lazy"
    if sets is None:
        return format_html(
            '<img src="{}" alt="{}" class="{}" loading="{}">', field_file.url, alt, css_class, loading
        )
    src = sets["src"]
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" class="{}" loading="{}" decoding="async">'
        "</picture>",
        sets["webp"],
        sizes,
        src.url,
        sets["jpg"],
        sizes,
        src.width,
        src.height,
        alt,
        css_class,
        loading,
    )


@register.simple_tag
def json_ld(data):
    """Structured data for search engines, escaped like json_script (data, not code: allowed by CSP)."""
    payload = json.dumps(data, ensure_ascii=False, default=str).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def other_language_url(context, code):
    """The current page in language `code` (the language switch), or that language's home page."""
    request = context.get("request")
    home = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
    if request is None:
        return home
    path = request.get_full_path()
    if code == get_language():
        return path
    url = translate_url(path, code)
    return home if url == path else url


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    """SITE_URL + path (the current path if none): canonical and Open Graph URLs."""
    if path is None:
        request = context.get("request")
        path = request.path if request else "/"
    if str(path).startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + str(path)


@register.filter
def site_name(department):
    """The department's name in the page's language: its English name on /en/ pages when it has one."""
    if department is None:
        return ""
    if get_language() == "en" and department.name_en:
        return department.name_en
    return department.name


@register.inclusion_tag("includes/visits.html")
def visits_widget():
    try:
        return {"visits": visits_summary()}
    except Exception:  # statistics must never break a page
        return {"visits": None}


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8192)
def _fold_word(word):
    """fold() of one word, remembered: a results page folds thousands of words from a small vocabulary."""
    return fold(word)


@register.simple_tag
def highlight(text, terms, length=None):
    """Escape `text` and wrap words matching a search term in <mark>, ignoring case and diacritics.

    With `length`, cut a window of about that many characters around the first match.
    """
    text = str(text or "")
    if not terms:
        return Truncator(text).chars(length) if length else text
    matches = [m for m in _WORD.finditer(text) if any(_fold_word(m.group()).startswith(t) for t in terms)]
    start, end = 0, len(text)
    if length and len(text) > length:
        first = matches[0].start() if matches else 0
        start = max(0, min(first - length // 3, len(text) - length))
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        end = min(len(text), start + length)
    pieces, cursor = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(escape(text[cursor : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group()))
        cursor = match.end()
    pieces.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(str(p) for p in pieces) + suffix)  # noqa: S308 - every piece is escaped
