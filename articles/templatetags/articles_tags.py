import datetime as dt
import json
import re
from functools import lru_cache
from html import escape as html_escape

from django import template
from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.template.defaulttags import CsrfTokenNode
from django.template.loader import get_template
from django.template.loader_tags import BlockNode
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, override

from core.reversing import is_slug, reverse_slug
from core.text import fold

from ..fragments import fragment_register, fragment_store, is_reference, source_version
from ..images import srcset
from ..selectors import items_by_pk, visits_summary

register = template.Library()

# The same escapes as Django's json_script: JSON inside <script> cannot close the element.
# Applied with str.replace: str.translate with a table walked the text seven times slower
# (30 µs of an article page).
_JSON_ESCAPES = ((">", "\\u003E"), ("<", "\\u003C"), ("&", "\\u0026"))
# json.dumps(data, ensure_ascii=False, default=str), without building an encoder per call.
_JSON_LD_ENCODER = json.JSONEncoder(ensure_ascii=False, default=str)


def _attr(value):
    """conditional_escape() as a plain string, for HTML written with an f-string: format_html
    escaped each value through Django's lazy-aware wrappers (a fifth of `picture`'s time)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html_escape(str(value))


@register.simple_tag
def picture(field_file, alt="", sizes="100vw", widths="thumb card full", css_class="", eager=False):
    """<picture> with WebP and JPEG renditions and srcset; the original if renditions fail."""
    if not field_file:
        return ""
    sets = srcset(field_file, tuple(widths.split()))
    loading = "eager" if eager else "lazy"
    alt, css_class = _attr(alt), _attr(css_class)
    if sets is None:
        return mark_safe(  # noqa: S308 - every value escaped by _attr
            f'<img src="{_attr(field_file.url)}" alt="{alt}" class="{css_class}" loading="{loading}">'
        )
    # The same picture with the same words is the same HTML: kept while srcset() keeps its result
    # (escaping its long srcset lists was most of this function's time).
    key = (id(sets), alt, sizes, css_class, loading)
    kept = _pictures.get(key)
    if kept is not None and kept[0] is sets:
        return kept[1]
    src, escaped_sizes = sets["src"], _attr(sizes)
    html = mark_safe(  # noqa: S308 - every value escaped by _attr
        f'<picture><source type="image/webp" srcset="{_attr(sets["webp"])}" sizes="{escaped_sizes}">'
        f'<img src="{_attr(src.url)}" srcset="{_attr(sets["jpg"])}" sizes="{escaped_sizes}" width="{_attr(src.width)}" '
        f'height="{_attr(src.height)}" alt="{alt}" class="{css_class}" loading="{loading}" decoding="async">'
        "</picture>"
    )
    if len(_pictures) >= PICTURES_KEPT:
        _pictures.clear()
    _pictures[key] = (sets, html)
    return html


PICTURES_KEPT = 4096
_pictures = {}  # (id of a srcset() result, alt, sizes, class, loading) -> (that result, HTML)


@register.simple_tag
def json_ld(data):
    """Structured data for search engines, escaped like json_script (data, not code: allowed by CSP)."""
    payload = _JSON_LD_ENCODER.encode(data)
    for character, escaped in _JSON_ESCAPES:
        payload = payload.replace(character, escaped)
    # SafeString: mark_safe() on a plain str, without its check for lazy arguments.
    return SafeString(f'<script type="application/ld+json">{payload}</script>')


@register.simple_tag(takes_context=True)
def other_language_url(context, code):
    """The current page in language `code` (the language switch), or that language's home page."""
    request = context.get("request")
    home = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
    if request is None:
        return home
    # A page asks three times (two hreflang links and the switch): compute each once.
    memo = request.__dict__.setdefault("_other_language_urls", {})
    current = context.get("LANGUAGE_CODE") or get_language()  # the page's language
    key = (code, current)
    if key not in memo:
        path = request.get_full_path()
        if code == current:
            memo[key] = path
        else:
            url = _translate_path(request, path, code)
            memo[key] = home if url == path else url
    return memo[key]


# The switch names each language in that language, whatever the page's language.
LANGUAGE_SWITCH_NAMES = {"en": "English"}
LANGUAGE_SWITCH_DEFAULT = "Tiếng Việt"


@register.simple_tag(takes_context=True)
def language_switch(context):
    """Links to this page in the other languages (the header's switch)."""
    current = context.get("LANGUAGE_CODE") or get_language()
    return SafeString(  # every value escaped by _attr
        "".join(
            f'<a href="{_attr(other_language_url(context, code))}" hreflang="{_attr(code)}" lang="{_attr(code)}">'
            f"{_attr(LANGUAGE_SWITCH_NAMES.get(code, LANGUAGE_SWITCH_DEFAULT))}</a>"
            for code, _name in settings.LANGUAGES
            if code != current
        )
    )


def _translate_path(request, path, code):
    """translate_url(path, code), reusing the URL match the request was routed by instead of
    resolving the path again (a walk through every URL pattern of the site)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name is None or request.path != request.path_info:
        return translate_url(path, code)
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    query = request.META.get("QUERY_STRING", "")
    if not match.args and list(match.kwargs) == ["slug"] and is_slug(match.kwargs["slug"]):
        # An article or a section: its pattern reversed once per language (activating a
        # language for one reverse() cost more than the rest of the switch).
        try:
            url = reverse_slug(name, match.kwargs["slug"], code)
        except NoReverseMatch:
            return path
        return f"{url}?{iri_to_uri(query)}" if query else url
    with override(code):
        try:
            url = reverse(name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return path
    return f"{url}?{iri_to_uri(query)}" if query else url


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    """SITE_URL + path (the current path if none): canonical and Open Graph URLs."""
    if path is None:
        request = context.get("request")
        path = request.path if request else "/"
    if str(path).startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + str(path)


def _utc_offset(value):
    """+0700: DateFormat's "O", for an aware datetime."""
    offset = value.utcoffset()
    seconds = offset.days * 86400 + offset.seconds
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}{(seconds // 60) % 60:02d}"


# The formats every list of items shows, written out: `|date:` parses its format string and
# looks up the locale for every call, a tenth of a listing page's time (20 items, 2 dates each).
@register.filter(expects_localtime=True)
def machine_datetime(value):
    """{{ value|date:'Y-m-d\\TH:i:sO' }} (a <time datetime> attribute), faster."""
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        return date_filter(value, "Y-m-d\\TH:i:sO")
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}T"
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}{_utc_offset(value)}"
    )


@register.filter(expects_localtime=True)
def day_month_year(value, with_time=False):
    """{{ value|date:"d/m/Y" }}, or "d/m/Y H:i" with an argument, faster."""
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        return date_filter(value, "d/m/Y H:i" if with_time else "d/m/Y")
    if with_time:
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d} {value.hour:02d}:{value.minute:02d}"
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


@register.filter
def site_name(department):
    """The department's name in the page's language: its English name on /en/ pages when it has one."""
    if department is None:
        return ""
    if get_language() == "en" and department.name_en:
        return department.name_en
    return department.name


@register.simple_tag(takes_context=True)
def visits_widget(context):
    """The footer's visit counts. One template for both engines, in Jinja2 (portal/jinja.py),
    which renders it in a tenth of the time (it is on every page, cached or not)."""
    from django.template import engines

    store = fragment_store(context)
    try:
        visits = visits_summary(store.load().values if store else None)
    except Exception:  # statistics must never break a page
        visits = None
    # The same counts give the same HTML: a worker renders them once (a tenth of a
    # millisecond a page, most of the widget's cost), and again when they move on.
    key = (context.get("LANGUAGE_CODE") or get_language(), tuple(sorted(visits.items())) if visits else None)
    html = _visits_html.get(key)
    if html is None:
        # Rendered by an autoescaping template: safe as it is.
        html = SafeString(engines["jinja2"].get_template("includes/visits.jinja").render({"visits": visits}))
        if len(_visits_html) >= 64 or settings.DEBUG:  # DEBUG: a template being edited
            _visits_html.clear()
        _visits_html[key] = html
    return html


_visits_html = {}


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


class PublicFragmentNode(template.Node):
    # Not searched for blocks: every {% extends %} render walks its parent's nodes for them, and a
    # fragment holds none (public_fragment refuses them).
    child_nodelists = ()

    def __init__(self, name, version, nodelist):
        self.name, self.version, self.nodelist = name, version, nodelist

    def render(self, context):
        return self.cached(context, lambda: self.nodelist.render(context))

    def cached(self, context, render, language=None):
        """The fragment's HTML from this request's store, else `render()` (then kept).
        `context` only needs .get(): a Jinja2 page's context will do (fragment_render).
        `language`: the page's language where the caller knows it cannot have changed since
        the store was made (FragmentStore.get), else the active one is read."""
        store = fragment_store(context)
        if store is None:
            return mark_safe(render())  # noqa: S308 - rendered (and escaped) by this template
        html = store.get(self.name, self.version, language)
        if html is None:
            html = render()
            store.put(self.name, self.version, html)
        # SafeString as mark_safe() makes it, without mark_safe's check for lazy arguments
        # (a page shows seven fragments; the check cost 2 % of an article page's CPU).
        return html if isinstance(html, SafeString) else SafeString(html)


@register.simple_tag(takes_context=True)
def item_rows(context, items, template_name):
    """[HTML of `template_name` for each item], rows kept in the cache by item
    (articles/fragments.py): {% item_rows items "includes/item_row.html" as rows %}.
    `items` may be items, or the primary keys (or rows with a `pk`) of published items."""
    items = list(items)
    store = fragment_store(context)
    if store is None:
        template = get_template(template_name)
        pks = [item if isinstance(item, int) else item.pk for item in items]
        loaded = items_by_pk([pk for pk, item in zip(pks, items, strict=True) if is_reference(item)])
        items = [loaded.get(pk) if is_reference(item) else item for pk, item in zip(pks, items, strict=True)]
        return [template.render({"item": item}) for item in items if item is not None]
    return store.rows(template_name, items, load=items_by_pk)


@register.tag
def public_fragment(parser, token):
    """{% public_fragment "name" %}...{% endpublic_fragment %}: HTML shared by every reader of a
    language, cached until the next publication (articles/fragments.py). Nothing inside may
    depend on the reader, the URL or a block a child template overrides."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("public_fragment takes one quoted name")
    name = bits[1][1:-1]
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(CsrfTokenNode) or nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError(
            "a public fragment is shared by every page and reader: no csrf_token or block inside"
        )
    version = source_version(parser.origin) if parser.origin else ""
    fragment_register(name, version)
    node = PublicFragmentNode(name, version, nodelist)
    if parser.origin and parser.origin.template_name:
        _fragment_nodes[(parser.origin.template_name, name)] = node
    return node


# (template name, fragment name) -> the PublicFragmentNode of the template last compiled by that name.
_fragment_nodes = {}


def fragment_render(context, name, template_name):
    """Fragment `name` of the Django template `template_name`, for a page of another engine
    (portal/jinja.py): the same cached HTML, rendered on a miss by the same nodes.
    `context` needs only .get() and the names the fragment uses."""
    node = None if settings.DEBUG else _fragment_nodes.get((template_name, name))
    if node is None:
        get_template(template_name)  # compiles it (once, with the cached loader): registers its nodes
        node = _fragment_nodes[(template_name, name)]
    # On a miss the nodes render with a Django Context holding the page's variables. A Jinja2
    # template cannot switch language mid-page (Django's {% language %} has no Jinja2 twin),
    # so the page's language (the i18n context processor's) is the active one.
    return node.cached(context, lambda: node.nodelist.render(template.Context(dict(context.get_all()))),
                       context.get("LANGUAGE_CODE"))
